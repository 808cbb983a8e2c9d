import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../services/client.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';

interface AuditEntry {
  id: number;
  at: string;
  actor: { id: string; name: string; username: string | null } | null;
  actorLabel: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  fields: string[];
  reason: string | null;
  ip: string | null;
  requestId: string | null;
}

const ACTIONS = ['auth.login', 'auth.login_failed', 'auth.logout', 'user.create', 'user.update', 'user.disable', 'user.enable', 'pii.reveal'];

export default function AuditPage() {
  const t = useT();
  const { lang } = useI18n();
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '', action: undefined as string | undefined });
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api<Page<AuditEntry>>('/api/admin/audit', { query }),
    placeholderData: (previous) => previous,
  });
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}` as UiKey;
    const text = t(key);
    return text === key ? action : text;
  };
  const fieldLabel = (field: string) => {
    const key = `audit.field.${field}` as UiKey;
    const text = t(key);
    return text === key ? field : text;
  };
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <>
      <div className="admin-page-head"><h1>{t('audit.title')}</h1></div>
      <Card>
        <div className="admin-filters">
          <Input.Search allowClear placeholder={t('audit.search')} style={{ maxWidth: 320 }} onSearch={(q) => setQuery({ ...query, q, page: 1 })} />
          <Select
            allowClear placeholder={t('audit.filter.action')} value={query.action} style={{ width: 180 }}
            options={ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
            onChange={(action) => setQuery({ ...query, action, page: 1 })}
          />
        </div>
        {audit.isError && <Alert type="error" showIcon title={(audit.error as Error).message} style={{ marginBottom: 12 }} />}
        <Table<AuditEntry>
          rowKey="id" size="middle" loading={audit.isFetching} dataSource={audit.data?.items} scroll={{ x: 900 }}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: audit.data?.total ?? 0, showSizeChanger: true,
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
          columns={[
            { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (at: string) => time.format(new Date(at)) },
            { title: t('audit.col.actor'), key: 'actor', width: 170, render: (_, e) => e.actor ? `${e.actor.name}${e.actor.username ? ` (${e.actor.username})` : ''}` : (e.actorLabel ?? '—') },
            {
              title: t('audit.col.action'), dataIndex: 'action', width: 130,
              render: (a: string) => <Tag color={a === 'pii.reveal' ? 'orange' : a === 'auth.login_failed' ? 'red' : undefined}>{actionLabel(a)}</Tag>,
            },
            { title: t('audit.col.subject'), dataIndex: 'subjectLabel', width: 140, render: (v: string | null) => v ?? '—' },
            { title: t('audit.col.fields'), dataIndex: 'fields', width: 140, render: (f: string[]) => (f.length ? f.map(fieldLabel).join('、') : '—') },
            { title: t('audit.col.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: t('audit.col.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
