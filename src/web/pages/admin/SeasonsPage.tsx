import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../services/auth.js';
import { formatDateRange, useSeasons, type SeasonStatus, type SeasonSummary } from '../../services/seasons.js';
import { useI18n, useT } from '../../i18n/index.js';
import { SeasonStatusTag } from './seasonFields.js';
import { SeasonModal } from './SeasonForm.js';

/** The seasons the caller's unions run (drafts included) and every published one. */
export default function SeasonsPage({ me }: { me: Me }) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [query, setQuery] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useSeasons(query);
  return (
    <>
      <div className="admin-page-head">
        <h1>{t('season.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('season.create')}</Button>
      </div>
      <Card>
        {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
        <Table<SeasonSummary>
          rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 760 }}
          locale={{ emptyText: t('season.empty') }}
          onRow={(s) => ({ onClick: () => navigate(`/admin/seasons/${s.id}`), style: { cursor: 'pointer' } })}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => t('season.total', { total }), onChange: (page, pageSize) => setQuery({ page, pageSize }),
          }}
          columns={[
            {
              title: t('season.col.name'), dataIndex: 'name', width: 260,
              render: (name: string, s) => <Link to={`/admin/seasons/${s.id}`} onClick={(ev) => ev.stopPropagation()}>{name}</Link>,
            },
            { title: t('season.col.theme'), dataIndex: 'theme', width: 260, ellipsis: true, render: (theme: string) => theme || '—' },
            { title: t('season.col.dates'), key: 'dates', width: 240, render: (_, s) => formatDateRange(lang, s.startsOn, s.endsOn) },
            { title: t('season.col.status'), dataIndex: 'status', width: 100, render: (status: SeasonStatus) => <SeasonStatusTag status={status} /> },
          ]}
        />
      </Card>
      <SeasonModal
        open={creating} season={null} askOwner={!me.union} onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          message.success(t('season.saved'));
          navigate(`/admin/seasons/${s.id}`);
        }}
      />
    </>
  );
}
