import { CalendarOutlined, EnvironmentOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n, useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { isStaff, type Me } from '../../../services/auth.js';
import { formatDateRange } from '../../../services/seasons.js';
import { SetupContestDrawer } from './SetupContestDrawer.js';
import { useContests, type ContestStatus } from './SetupApi.js';
import './SetupPage.css';

export function ContestStatusTag({ status }: { status: ContestStatus }) {
  const t = useT();
  return <Tag color={status === 'published' ? 'green' : 'default'}>{t(`contests.setup.status.${status}` as UiKey)}</Tag>;
}

/** Skills contests: those the caller's unions run (drafts too), those he judges, and every published one. */
export default function ContestsPage({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [query, setQuery] = useState({ page: 1, pageSize: 12 });
  const [creating, setCreating] = useState(false);
  const list = useContests(query);
  const canCreate = isStaff(me);
  const create = canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('contests.setup.create')}</Button>;
  return (
    <>
      <div className="admin-page-head">
        <h1>{t('contests.setup.title')}</h1>
        {create}
      </div>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {list.isPending && <Card><Skeleton active /></Card>}
      {list.data && list.data.items.length === 0 && (
        <Card><Empty description={t(canCreate ? 'contests.setup.empty' : 'contests.setup.empty_judge')}>{create}</Empty></Card>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <div className="setup-contest-cards">
            {list.data.items.map((c) => (
              <Card key={c.id} hoverable onClick={() => navigate(`/admin/contests/${c.id}`)} title={c.name} extra={<ContestStatusTag status={c.status} />}
                styles={{ header: { whiteSpace: 'normal' } }}>
                <Card.Meta description={(
                  <>
                    <span><CalendarOutlined /> {formatDateRange(lang, c.startsOn, c.endsOn)}</span>
                    <span><EnvironmentOutlined /> {c.venue || '—'}</span>
                    <span><TeamOutlined /> {c.ownerUnion.name}</span>
                  </>
                )} />
              </Card>
            ))}
          </div>
          <Pagination
            style={{ marginTop: 16, justifyContent: 'flex-end' }} current={query.page} pageSize={query.pageSize} total={list.data.total}
            showTotal={(total) => t('contests.setup.total', { total })} onChange={(page, pageSize) => setQuery({ page, pageSize })}
          />
        </>
      )}
      <SetupContestDrawer
        open={creating} contest={null} askOwner={!me.union} onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          message.success(t('contests.setup.saved'));
          navigate(`/admin/contests/${c.id}`);
        }}
      />
    </>
  );
}
