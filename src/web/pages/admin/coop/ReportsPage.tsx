import { EditOutlined, StarFilled } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Grid, Pagination, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import { CoopNav } from './CoopNav.js';
import { ReportDrawer, ReportStatusTag, type DrawerTarget } from './ReportDrawer.js';
import { useDueReports, useReports, type DueReport, type ReportQuery, type ReportStatus, type ReportSummary } from './reportsApi.js';
import './coop-reports.css';

type TabKey = 'due' | 'mine' | 'review' | 'all';

/**
 * Progress reports (issue 7 §2): a union sees what it owes (due, overdue) with "write report", its
 * drafts and returned reports with the note; federation staff see the review queue.
 */
export default function ReportsPage({ me }: { me: Me }) {
  const t = useT();
  const isFederation = me.roles.includes('federation_staff') && me.union?.level === 'federation';
  const [params, setParams] = useSearchParams();
  const [tab, setTab] = useState<TabKey>(isFederation ? 'review' : 'due');
  const [target, setTarget] = useState<DrawerTarget | null>(null);
  const linked = Number(params.get('report'));
  const drawerTarget = target ?? (linked > 0 ? { reportId: linked } : null);
  const close = () => {
    setTarget(null);
    if (params.has('report')) { params.delete('report'); setParams(params, { replace: true }); }
  };
  const due = useDueReports();
  const review = useReports({ page: 1, pageSize: 1, view: 'review' }, isFederation);
  const dueCount = due.data?.items.filter((d) => me.union && d.union.id === me.union.id).length ?? 0;
  const open = (id: number) => setTarget({ reportId: id });

  const tabs = [
    ...(isFederation ? [{ key: 'review', label: <>{t('coop.reports.tab.review')} <Tag>{review.data?.total ?? 0}</Tag></>, children: <ReportList view="review" onOpen={open} /> }] : []),
    {
      key: 'due', label: <>{t(isFederation ? 'coop.reports.tab.due_federation' : 'coop.reports.tab.due')}{!isFederation && <> <Tag color={dueCount ? 'red' : undefined}>{dueCount}</Tag></>}</>,
      children: <DueList me={me} federation={isFederation} onWrite={(d) => setTarget(d.report ? { reportId: d.report.id } : { item: d.item, period: d.period, unionName: d.union.name })} />,
    },
    ...(me.union ? [{ key: 'mine', label: t('coop.reports.tab.mine'), children: <ReportList view="mine" onOpen={open} /> }] : []),
    { key: 'all', label: t('coop.reports.tab.all'), children: <ReportList view="all" onOpen={open} /> },
  ];
  return (
    <>
      <CoopNav />
      <div className="admin-page-head">
        <h1>{t('coop.reports.title')}</h1>
      </div>
      <Typography.Paragraph type="secondary" className="coop-report-rule">{t('coop.reports.rule')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={tabs} />
      <ReportDrawer target={drawerTarget} onClose={close} />
    </>
  );
}

function DueList({ me, federation, onWrite }: { me: Me; federation: boolean; onWrite: (d: DueReport) => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const due = useDueReports();
  const columns: TableColumnsType<DueReport> = [
    { key: 'item', title: t('coop.reports.col.item'), render: (_, d) => <span className="coop-report-item"><b>{d.item.code}</b> {d.item.title}</span> },
    ...(federation ? [{ key: 'union', title: t('coop.reports.col.union'), render: (_: unknown, d: DueReport) => d.union.name }] : []),
    { key: 'period', title: t('coop.reports.col.period'), dataIndex: 'period', width: 90 },
    {
      key: 'dueOn', title: t('coop.reports.col.due'), width: 150,
      render: (_, d) => <>{d.dueOn}<br />{d.overdue ? <Tag color="red">{t('coop.reports.overdue_days', { days: -d.daysLeft })}</Tag> : <Tag color="blue">{t('coop.reports.days_left', { days: d.daysLeft })}</Tag>}</>,
    },
    {
      key: 'state', title: t('coop.reports.col.state'),
      render: (_, d) => (d.report ? <><ReportStatusTag status={d.report.status} />{d.report.reviewNote && d.report.status === 'returned' && <div className="coop-report-note">{d.report.reviewNote}</div>}</> : <span className="muted">{t('coop.reports.not_started')}</span>),
    },
    {
      key: 'act', title: '', width: 120, fixed: screens.md ? ('right' as const) : undefined,
      render: (_: unknown, d: DueReport) => d.canWrite && (
        <Button type={d.report ? 'default' : 'primary'} size="small" icon={<EditOutlined />} onClick={() => onWrite(d)}>
          {t(d.report ? (d.report.status === 'returned' ? 'coop.reports.revise' : 'coop.reports.continue') : 'coop.reports.write')}
        </Button>
      ),
    },
  ];
  if (due.isError) return <Alert type="error" showIcon title={due.error.message} />;
  if (due.data && due.data.items.length === 0) {
    return <Card><Empty description={t(federation ? 'coop.reports.empty.due_federation' : me.union ? 'coop.reports.empty.due' : 'coop.reports.empty.no_union')} /></Card>;
  }
  if (!screens.md) {
    return (
      <div className="coop-report-cards">
        {due.isPending && <Card loading />}
        {due.data?.items.map((d) => (
          <Card key={`${d.item.id}|${d.union.id}|${d.period}`} size="small" className="coop-report-card">
            <div className="coop-report-item"><b>{d.item.code}</b> {d.item.title}</div>
            <div className="coop-report-card-facts">
              {federation && <span>{d.union.name}</span>}
              <span>{d.period}</span>
              <span>{d.dueOn}</span>
              {d.overdue ? <Tag color="red">{t('coop.reports.overdue_days', { days: -d.daysLeft })}</Tag> : <Tag color="blue">{t('coop.reports.days_left', { days: d.daysLeft })}</Tag>}
              {d.report && <ReportStatusTag status={d.report.status} />}
            </div>
            {d.report?.status === 'returned' && d.report.reviewNote && <div className="coop-report-note">{d.report.reviewNote}</div>}
            {d.canWrite && (
              <Button type={d.report ? 'default' : 'primary'} size="small" icon={<EditOutlined />} onClick={() => onWrite(d)} style={{ marginTop: 8 }}>
                {t(d.report ? (d.report.status === 'returned' ? 'coop.reports.revise' : 'coop.reports.continue') : 'coop.reports.write')}
              </Button>
            )}
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table<DueReport>
      rowKey={(d) => `${d.item.id}|${d.union.id}|${d.period}`} size="middle" loading={due.isPending} columns={columns} dataSource={due.data?.items ?? []}
      scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

const STATUSES: ReportStatus[] = ['draft', 'returned', 'submitted', 'accepted'];
// The filter offers the quarters of this year and the three before it, newest first.
const THIS_YEAR = new Date().getFullYear();
const PERIODS = [0, 1, 2, 3].flatMap((back) => ['Q4', 'Q3', 'Q2', 'Q1'].map((q) => `${THIS_YEAR - back}-${q}`));

function ReportList({ view, onOpen }: { view: 'mine' | 'review' | 'all'; onOpen: (id: number) => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [query, setQuery] = useState<ReportQuery>({ page: 1, pageSize: 20, view });
  const list = useReports(query);
  const columns: TableColumnsType<ReportSummary> = [
    { key: 'item', title: t('coop.reports.col.item'), render: (_, r) => <span className="coop-report-item"><b>{r.item.code}</b> {r.item.title}</span> },
    { key: 'union', title: t('coop.reports.col.union'), render: (_, r) => r.union.name },
    { key: 'period', title: t('coop.reports.col.period'), dataIndex: 'period', width: 90 },
    {
      key: 'status', title: t('coop.reports.col.state'),
      render: (_, r) => <><ReportStatusTag status={r.status} />{r.isHighlight && <StarFilled style={{ color: '#d4a106' }} aria-label={t('coop.reports.highlight')} />}{r.status === 'returned' && r.reviewNote && <div className="coop-report-note">{r.reviewNote}</div>}</>,
    },
    { key: 'at', title: t('coop.reports.col.updated'), width: 110, render: (_, r) => (r.submittedAt ?? r.updatedAt).slice(0, 10) },
    {
      key: 'act', title: '', width: 90,
      render: (_, r) => <Button size="small" type={view === 'review' ? 'primary' : 'default'} onClick={() => onOpen(r.id)}>{t(view === 'review' ? 'coop.reports.review' : 'coop.reports.open')}</Button>,
    },
  ];
  const emptyKey = view === 'review' ? 'coop.reports.empty.review' : view === 'mine' ? 'coop.reports.empty.mine' : 'coop.reports.empty.all';
  return (
    <>
      {view !== 'review' && (
        <div className="admin-filters">
          <Select
            allowClear placeholder={t('coop.reports.filter.status')} aria-label={t('coop.reports.filter.status')} style={{ width: 140 }} value={query.status}
            options={STATUSES.filter((s) => view === 'mine' || s !== 'draft').map((s) => ({ value: s, label: t(`coop.reports.status.${s}`) }))}
            onChange={(status?: ReportStatus) => setQuery({ ...query, page: 1, status })}
          />
          <Select
            allowClear placeholder={t('coop.reports.filter.period')} aria-label={t('coop.reports.filter.period')} style={{ width: 140 }} value={query.period}
            options={PERIODS.map((p) => ({ value: p, label: p }))} onChange={(period?: string) => setQuery({ ...query, page: 1, period })}
          />
        </div>
      )}
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      {list.data && list.data.items.length === 0 ? (
        <Card><Empty description={t(query.status || query.period ? 'coop.reports.empty.filtered' : emptyKey)} /></Card>
      ) : !screens.md ? (
        <div className="coop-report-cards">
          {list.isPending && <Card loading />}
          {list.data?.items.map((r) => (
            <Card key={r.id} size="small" hoverable className="coop-report-card" onClick={() => onOpen(r.id)}>
              <div className="coop-report-item"><b>{r.item.code}</b> {r.item.title}</div>
              <div className="coop-report-card-facts">
                <span>{r.union.name}</span><span>{r.period}</span><ReportStatusTag status={r.status} />
                {r.isHighlight && <StarFilled style={{ color: '#d4a106' }} aria-label={t('coop.reports.highlight')} />}
              </div>
              {r.status === 'returned' && r.reviewNote && <div className="coop-report-note">{r.reviewNote}</div>}
              <Button size="small" type={view === 'review' ? 'primary' : 'default'} style={{ marginTop: 8 }}>{t(view === 'review' ? 'coop.reports.review' : 'coop.reports.open')}</Button>
            </Card>
          ))}
          {(list.data?.total ?? 0) > query.pageSize && (
            <Pagination simple current={query.page} pageSize={query.pageSize} total={list.data?.total ?? 0} onChange={(page) => setQuery({ ...query, page })} />
          )}
        </div>
      ) : (
        <Table<ReportSummary>
          rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onDoubleClick: () => onOpen(r.id) })}
          pagination={{
            current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false,
            showTotal: (total) => t('coop.reports.total', { total }), onChange: (page) => setQuery({ ...query, page }),
          }}
        />
      )}
    </>
  );
}
