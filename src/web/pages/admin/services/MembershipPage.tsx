import { Alert, Button, Card, Checkbox, Empty, Grid, Input, Pagination, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import { REVIEW_WORKING_DAYS, useMembershipQueue, type MembershipQuery, type MembershipStatus, type MembershipSummary } from '../../../services/membership.js';
import { useServiceUnions } from '../../m/services/requestsApi.js';
import { MembershipDrawer, MembershipStatusTag } from './MembershipDrawer.js';
import { ServicesNav } from './ServicesNav.js';
import './membership-admin.css';

// 入会审核 (issue 8 §2): the applications routed to the caller's union (and, for unions above, to
// the unions below), waiting ones first with overdue reviews marked; a drawer per application.
// Filters and the open application live in the address (a notification links to ?id=).

const STATUSES: MembershipStatus[] = ['submitted', 'approved', 'rejected', 'withdrawn'];
const PAGE_SIZE = 20;

export default function MembershipPage({ me }: { me: Me }) {
  const t = useT();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const query: MembershipQuery = {
    page: Number(params.get('page')) || 1, pageSize: PAGE_SIZE, status: (params.get('status') as MembershipStatus | null) ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined, q: params.get('q') ?? undefined, unionId: params.get('unionId') ?? undefined,
  };
  const list = useMembershipQueue(query);
  const openId = params.get('id');
  const set = (key: 'status' | 'overdue' | 'q' | 'unionId' | 'page' | 'id', value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key); else next.set(key, String(value));
    if (key !== 'page' && key !== 'id') next.delete('page');
    setParams(next, { replace: key === 'id' ? false : true });
  };
  // Unions above see the unions below them: the owner union is a column there.
  const above = me.union?.level !== 'county';
  const unions = useServiceUnions(above);
  const unionOptions = (unions.data ?? []).filter((u) => !me.union || u.federation === me.union.federation).map((u) => ({ value: u.id, label: u.name }));
  const filtered = !!(query.status || query.overdue || query.q || query.unionId);

  const due = (r: MembershipSummary) => (
    <span className="mc-admin-due">{r.reviewDueOn}{r.overdue && <Tag color="red">{t('services.membership.overdue')}</Tag>}</span>
  );
  const columns: TableColumnsType<MembershipSummary> = [
    { key: 'ref', title: t('services.membership.field.ref_no'), width: 140, render: (_, r) => <a className="mc-admin-mono" onClick={() => set('id', r.id)}>{r.refNo}</a> },
    { key: 'name', title: t('services.membership.field.name'), render: (_, r) => r.name ?? '—' },
    {
      key: 'employer', title: t('services.membership.field.employer'),
      render: (_, r) => <><div>{r.employerName}</div><Typography.Text type="secondary" className="mc-admin-sub">{r.region.name}{r.event ? ` · ${r.event.name}` : ''}</Typography.Text></>,
    },
    ...(above ? [{ key: 'union', title: t('services.membership.field.union'), render: (_: unknown, r: MembershipSummary) => r.ownerUnion.name }] : []),
    { key: 'created', title: t('services.membership.field.created_at'), width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
    { key: 'due', title: t('services.membership.field.due'), width: 150, render: (_, r) => due(r) },
    { key: 'status', title: t('services.membership.field.status'), width: 130, render: (_, r) => <><MembershipStatusTag status={r.status} />{r.memberNo && <div className="mc-admin-sub mc-admin-mono">{r.memberNo}</div>}</> },
    {
      // Kept in view when the table scrolls sideways (the union column of unions above makes it wider).
      key: 'act', title: '', width: 80, fixed: 'right',
      render: (_, r) => <Button size="small" type={r.status === 'submitted' && r.ownerUnion.id === me.union?.id ? 'primary' : 'default'} onClick={() => set('id', r.id)}>
        {t(r.status === 'submitted' && r.ownerUnion.id === me.union?.id ? 'services.membership.admin.review' : 'services.membership.admin.open')}
      </Button>,
    },
  ];

  return (
    <>
      <ServicesNav />
      <div className="admin-page-head"><h1>{t('services.membership.admin.title')}</h1></div>
      <Typography.Paragraph type="secondary">{t('services.membership.admin.rule', { days: REVIEW_WORKING_DAYS })}</Typography.Paragraph>
      <div className="admin-filters">
        <Select allowClear placeholder={t('services.membership.admin.filter_status')} aria-label={t('services.membership.admin.filter_status')} style={{ width: 140 }}
          value={query.status} options={STATUSES.map((s) => ({ value: s, label: t(`services.membership.status.${s}`) }))} onChange={(v?: string) => set('status', v)} />
        {above && (
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('services.requests.web.filter.union')} aria-label={t('services.requests.web.filter.union')}
            style={{ width: 200 }} value={query.unionId} options={unionOptions} loading={unions.isPending} onChange={(v?: string) => set('unionId', v)} />
        )}
        <Checkbox checked={!!query.overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : undefined)}>{t('services.membership.admin.filter_overdue')}</Checkbox>
        <Input.Search allowClear placeholder={t('services.membership.admin.search')} aria-label={t('services.membership.admin.search')} style={{ width: 220 }}
          defaultValue={query.q} onSearch={(v) => set('q', v.trim())} />
      </div>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {list.data && list.data.items.length === 0 ? (
        <Card><Empty description={t(filtered ? 'services.membership.admin.empty_filtered' : 'services.membership.admin.empty')} /></Card>
      ) : phone ? (
        <div className="mc-admin-cards">
          {list.isPending && <Card loading />}
          {list.data?.items.map((r) => (
            <Card key={r.id} size="small" hoverable onClick={() => set('id', r.id)} className="mc-admin-card">
              <div className="mc-admin-card-head"><strong>{r.name ?? '—'}</strong><MembershipStatusTag status={r.status} /></div>
              <div>{r.employerName}</div>
              <div className="mc-admin-sub">{r.refNo} · {r.region.name}{above ? ` · ${r.ownerUnion.name}` : ''}</div>
              <div className="mc-admin-sub">{t('services.membership.field.due')} {due(r)}</div>
            </Card>
          ))}
          {(list.data?.total ?? 0) > PAGE_SIZE && <Pagination simple current={query.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(p) => set('page', p)} />}
        </div>
      ) : (
        <Table<MembershipSummary>
          rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.overdue ? 'mc-admin-overdue' : '')}
          pagination={{
            current: query.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false,
            showTotal: (total) => t('services.membership.admin.total', { total }), onChange: (p) => set('page', p),
          }}
        />
      )}
      <MembershipDrawer id={openId} onClose={() => set('id', undefined)} />
    </>
  );
}
