import { CalendarOutlined, EnvironmentOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Select, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { CoopNav } from './CoopNav.js';
import { MeetingDrawer } from './MeetingDrawer.js';
import { useMeetingOptions, useMeetings, type MeetingStatus } from './meetingsApi.js';
import './coop-meetings.css';

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const t = useT();
  return <Tag color={status === 'held' ? 'green' : 'blue'}>{t(`coop.meetings.status.${status}`)}</Tag>;
}

/** Joint meetings (联席会议) of the agreement, newest first; federation staff create them. */
export default function MeetingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // ?agreementId= links here from an agreement (and keeps the filter in the address).
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('agreementId')) || undefined;
  const [query, setQuery] = useState<{ page: number; pageSize: number; agreementId?: number | undefined }>({ page: 1, pageSize: 12, agreementId: fromUrl });
  const [creating, setCreating] = useState(false);
  const list = useMeetings(query);
  const options = useMeetingOptions(undefined);
  const canManage = list.data?.me.canManage ?? false;
  const agreements = options.data?.agreements ?? [];
  const unknownAgreement = query.agreementId !== undefined && options.data !== undefined && !agreements.some((a) => a.id === query.agreementId);
  const create = canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('coop.meetings.create')}</Button>;
  return (
    <>
      <CoopNav />
      <div className="admin-page-head">
        <h1>{t('coop.meetings.title')}</h1>
        {create}
      </div>
      {(agreements.length > 1 || query.agreementId !== undefined) && (
        <div className="admin-filters">
          <Select
            allowClear placeholder={t('coop.meetings.filter.agreement')} aria-label={t('coop.meetings.filter.agreement')} style={{ minWidth: 280, maxWidth: '100%' }}
            value={unknownAgreement ? undefined : query.agreementId} options={agreements.map((a) => ({ value: a.id, label: a.title }))}
            onChange={(agreementId?: number) => {
              setQuery({ ...query, page: 1, agreementId });
              setParams(agreementId ? { agreementId: String(agreementId) } : {}, { replace: true });
            }}
          />
        </div>
      )}
      {unknownAgreement && <Alert type="warning" showIcon title={t('coop.meetings.unknown_agreement')} style={{ marginBottom: 12 }} />}
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {list.isPending && <Card><Skeleton active /></Card>}
      {list.data && list.data.items.length === 0 && (
        <Card>
          <Empty description={t(canManage ? (agreements.length ? 'coop.meetings.empty.list' : 'coop.meetings.empty.no_agreement') : 'coop.meetings.empty.list_reader')}>
            {agreements.length > 0 && create}
          </Empty>
        </Card>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <div className="meet-cards">
            {list.data.items.map((m) => (
              <Card
                key={m.id} hoverable onClick={() => navigate(`/admin/cooperation/meetings/${m.id}`)} title={m.title} extra={<MeetingStatusTag status={m.status} />}
                styles={{ header: { whiteSpace: 'normal' } }}
              >
                <div className="meet-card-facts">
                  <span><CalendarOutlined /> {m.heldOn}</span>
                  <span><EnvironmentOutlined /> {m.place || '—'}</span>
                  <span><TeamOutlined /> {m.hostUnion.name}</span>
                </div>
                <div className="meet-card-counts">
                  {t('coop.meetings.counts', { attendees: m.counts.attendees, speeches: m.counts.speeches, visits: m.counts.visits, decisions: m.counts.decisions })}
                </div>
              </Card>
            ))}
          </div>
          <Pagination
            style={{ marginTop: 16, justifyContent: 'flex-end' }} current={query.page} pageSize={query.pageSize} total={list.data.total}
            showTotal={(total) => t('coop.meetings.total', { total })} onChange={(page, pageSize) => setQuery({ ...query, page, pageSize })}
          />
        </>
      )}
      <MeetingDrawer
        open={creating} meeting={null} agreementId={query.agreementId} onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          message.success(t('coop.meetings.saved'));
          navigate(`/admin/cooperation/meetings/${m.id}`);
        }}
      />
    </>
  );
}
