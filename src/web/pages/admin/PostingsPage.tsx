import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Page } from '../../services/client.js';
import { salaryText, type Posting, type PostingStatus } from '../../services/employment.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { JobTypeSelect, PostingStatusTag } from './fields.js';
import { PostingDrawer } from './PostingDrawer.js';

const STATUSES: PostingStatus[] = ['draft', 'pending', 'published', 'rejected', 'closed', 'filled', 'expired'];

/** Postings in scope (staff) or of the employer's enterprises, with the review queue as a filter. */
export function PostingsTable(props: { enterpriseId?: string; compact?: boolean }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as PostingStatus | null) ?? undefined;
  const [query, setQuery] = useState({ page: 1, pageSize: 20, q: '', jobType: undefined as string | undefined });
  // ?posting=ID opens that posting (a link to its applicants, say).
  const [open, setOpen] = useState<number | null>(Number(params.get('posting')) || null);
  const list = useQuery({
    queryKey: ['postings', query, status, props.enterpriseId],
    queryFn: () => api<Page<Posting>>('/api/postings', { query: { ...query, status: props.compact ? undefined : status, enterpriseId: props.enterpriseId } }),
    placeholderData: (previous) => previous,
  });
  return (
    <>
      {!props.compact && (
        <div className="admin-filters">
          <Input.Search allowClear placeholder={t('post.search')} style={{ maxWidth: 280 }} onSearch={(q) => setQuery({ ...query, q, page: 1 })} />
          <Select
            allowClear placeholder={t('post.filter.status')} style={{ width: 140 }} value={status}
            options={STATUSES.map((s) => ({ value: s, label: t(`post.status.${s}` as UiKey) }))}
            onChange={(s) => { setParams(s ? { status: s } : {}); setQuery({ ...query, page: 1 }); }}
          />
          <JobTypeSelect allowClear placeholder={t('post.filter.job_type')} style={{ width: 200 }} value={query.jobType} onChange={(jobType) => setQuery({ ...query, jobType, page: 1 })} />
        </div>
      )}
      {list.isError && <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 12 }} />}
      <Table<Posting>
        rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 1100 }}
        locale={{ emptyText: t('post.empty') }}
        onRow={(p) => ({ onClick: () => setOpen(p.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
          showTotal: (total) => `${total}`, onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          { title: t('post.col.title'), dataIndex: 'title', width: 200 },
          ...(props.enterpriseId ? [] : [{ title: t('post.col.enterprise'), dataIndex: ['enterprise', 'name'], width: 240 }]),
          { title: t('post.col.job_type'), dataIndex: ['jobType', 'name'], width: 130 },
          { title: t('post.col.salary'), key: 'salary', width: 140, render: (_: unknown, p: Posting) => salaryText(p, t('post.negotiable')) },
          { title: t('post.col.headcount'), dataIndex: 'headcount', width: 80 },
          { title: t('post.col.region'), dataIndex: ['region', 'name'], width: 110 },
          { title: t('post.col.status'), dataIndex: 'status', width: 100, render: (s: PostingStatus) => <PostingStatusTag status={s} /> },
          { title: t('post.col.valid'), dataIndex: 'validUntil', width: 120 },
        ]}
      />
      <PostingDrawer open={open !== null} postingId={open} onClose={() => setOpen(null)} />
    </>
  );
}

export default function PostingsPage() {
  const t = useT();
  return (
    <>
      <div className="admin-page-head"><h1>{t('post.title')}</h1></div>
      <Card><PostingsTable /></Card>
    </>
  );
}
