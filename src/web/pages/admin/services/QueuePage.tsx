import { Alert, Empty, Grid, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import {
  CATEGORIES, chinaTime, KINDS, SLA_STATES, STATUSES, useQueue, useServiceUnions, type QueueQuery, type RequestSummary,
} from '../../m/services/requestsApi.js';
import { RequestSlaTag, RequestStatusTag } from './RequestTags.js';
import { ServicesNav } from './ServicesNav.js';
import './services-requests.css';

// The consultation queue (issue 8 §6): what the caller's union may see — its own requests in full,
// the unions below it as facts (subject hidden) — with filters, SLA colours and pages. The filters
// live in the address so that going back from a request keeps them.

const PAGE_SIZE = 20;
const FILTERS = ['status', 'category', 'kind', 'sla', 'unionId', 'assigneeId', 'q'] as const;

export default function QueuePage({ me }: { me: Me }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const phone = !Grid.useBreakpoint().md;
  const query = { page: Number(params.get('page')) || 1, pageSize: PAGE_SIZE } as QueueQuery;
  for (const f of FILTERS) { const v = params.get(f); if (v) (query as unknown as Record<string, string>)[f] = v; }
  // Staff of a union with unions below it (federation, city) also filter by union.
  const above = me.union?.level !== 'county';
  const unions = useServiceUnions(above);
  const queue = useQueue(query);
  const set = (key: (typeof FILTERS)[number] | 'page', value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key); else next.set(key, String(value));
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const subject = (r: RequestSummary) => (r.subject === null
    ? <Typography.Text type="secondary" italic>{t('services.requests.web.hidden')}</Typography.Text>
    : <Link to={`/admin/services/requests/${r.id}`}>{r.subject}</Link>);
  const columns: TableColumnsType<RequestSummary> = [
    {
      key: 'ref', title: t('services.requests.web.col.ref'), width: 130, responsive: ['md'],
      render: (_, r) => <Link to={`/admin/services/requests/${r.id}`} className="svq-ref">{r.refNo}</Link>,
    },
    {
      key: 'subject', title: t('services.requests.web.col.subject'), width: phone ? undefined : 300,
      render: (_, r) => (
        <div className="svq-subject">
          {phone ? <Link to={`/admin/services/requests/${r.id}`} className="svq-ref">{r.refNo}</Link> : null}
          <div>{subject(r)}</div>
          <div className="svq-sub">
            {t(`services.category.${r.category}`)} · {t('services.requests.web.queue.sent_at', { at: chinaTime(r.createdAt) })}
            {r.kind === 'aid_claim' && ` · ${t('services.requests.web.kind.aid_claim')}`}
            {r.channel === 'desk' && ` · ${r.event?.name ?? t('services.requests.web.channel.desk')}`}
          </div>
          {phone && (
            <div className="svq-phone">
              <span><RequestStatusTag status={r.status} /><RequestSlaTag sla={r.sla} /></span>
              <span>{r.ownerUnion.name} · {r.assignee?.name ?? t('services.requests.web.unassigned')}</span>
              <span>{t('services.requests.web.col.due')} {chinaTime(r.answerDueAt)}</span>
            </div>
          )}
        </div>
      ),
    },
    // A county union's queue is all its own: the union column is for unions with unions below.
    ...(above ? [{ key: 'union', title: t('services.requests.web.col.union'), width: 170, responsive: ['md' as const], render: (_: unknown, r: RequestSummary) => r.ownerUnion.name }] : []),
    {
      key: 'assignee', title: t('services.requests.web.col.assignee'), width: 100, responsive: ['lg'],
      render: (_, r) => r.assignee?.name ?? <Typography.Text type="secondary">{t('services.requests.web.unassigned')}</Typography.Text>,
    },
    { key: 'status', title: t('services.requests.web.col.status'), width: 100, responsive: ['md'], render: (_, r) => <RequestStatusTag status={r.status} /> },
    { key: 'sla', title: t('services.requests.web.col.sla'), width: 110, responsive: ['md'], render: (_, r) => <RequestSlaTag sla={r.sla} /> },
    { key: 'due', title: t('services.requests.web.col.due'), width: 140, responsive: ['md'], render: (_, r) => chinaTime(r.answerDueAt) },
  ];
  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}${v}` as never) });
  const select = (key: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[], search = false) => (
    <Select
      allowClear placeholder={label} aria-label={label} value={params.get(key) ?? undefined} options={options}
      showSearch={search} optionFilterProp="label" onChange={(v?: string) => set(key, v)}
    />
  );
  const unionOptions = (unions.data ?? []).filter((u) => !me.union || u.federation === me.union.federation).map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <ServicesNav />
      <div className="admin-page-head">
        <h1>{t('services.requests.web.queue.title')}</h1>
        <Typography.Text type="secondary">{t('services.requests.web.queue.promise')}</Typography.Text>
      </div>
      <div className="admin-filters">
        <Input.Search
          allowClear placeholder={t('services.requests.web.filter.q')} aria-label={t('services.requests.web.filter.q')} defaultValue={params.get('q') ?? ''}
          onSearch={(v) => set('q', v.trim())} style={{ width: 220 }}
        />
        {select('status', t('services.requests.web.filter.status'), STATUSES.map(option('services.requests.web.status.')))}
        {select('category', t('services.requests.web.filter.category'), CATEGORIES.map(option('services.category.')))}
        {select('kind', t('services.requests.web.filter.kind'), KINDS.map(option('services.requests.web.kind.')))}
        {select('sla', t('services.requests.web.filter.sla'), SLA_STATES.map(option('services.requests.web.sla.')))}
        {select('assigneeId', t('services.requests.web.filter.assignee'), [{ value: 'me', label: t('services.requests.web.filter.mine') }])}
        {above && select('unionId', t('services.requests.web.filter.union'), unionOptions, true)}
      </div>
      {queue.isError && <Alert type="error" showIcon title={queue.error.message} style={{ marginBottom: 12 }} />}
      <Table<RequestSummary>
        rowKey="id" size="middle" columns={columns} dataSource={queue.data?.items ?? []} loading={queue.isFetching}
        rowClassName={(r) => `svq-row-${r.sla}`} scroll={phone ? undefined : { x: 960 }}
        locale={{ emptyText: <Empty description={t(params.toString().replace(/(^|&)page=\d+/, '') ? 'services.requests.web.queue.empty_filtered' : 'services.requests.web.queue.empty')} /> }}
        pagination={{
          current: query.page, pageSize: PAGE_SIZE, total: queue.data?.total ?? 0, showSizeChanger: false,
          showTotal: (total) => t('services.requests.web.queue.total', { total }), onChange: (page) => set('page', page),
        }}
      />
    </>
  );
}
