import { Alert, Card, DatePicker, Empty, Select, Skeleton, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useT, type Translate } from '../../../i18n/index.js';
import { ServicesNav } from './ServicesNav.js';
import { TOP_UNIONS, useFigures, type Federation, type Figures } from './figuresApi.js';
import './services-figures.css';

// Worker-services figures (issue 8 §1 "per-union figures", §6): how many requests each union in
// the caller's scope took, how fast it answered and closed them, what is overdue or escalated,
// and its membership reviews — cards, charts (ECharts, lazily) and a table by union. The period
// and the province live in the address (?from=&to=&federation=).

const UnionsChart = lazy(() => import('./FiguresCharts.js').then((m) => ({ default: m.UnionsChart })));
const CategoriesChart = lazy(() => import('./FiguresCharts.js').then((m) => ({ default: m.CategoriesChart })));
const MonthsChart = lazy(() => import('./FiguresCharts.js').then((m) => ({ default: m.MonthsChart })));

const chartFallback = <Skeleton.Node active style={{ width: '100%', height: 240 }} />;
const DATE = 'YYYY-MM-DD';

const percent = (t: Translate, rate: number | null) => (rate === null ? t('services.figures.none') : `${(rate * 100).toFixed(1)}%`);
const num = (t: Translate, v: number | null) => (v === null ? t('services.figures.none') : String(v));

function Tile({ id, value, label, sub, tone }: { id: string; value: string | number; label: string; sub?: string; tone?: 'good' | 'warn' | 'bad' }) {
  return (
    <div className="svc-fig-card" data-card={id} data-tone={tone}>
      <span className="svc-fig-card-n">{value}</span>
      <span className="svc-fig-card-label">{label}</span>
      {sub && <span className="svc-fig-card-sub">{sub}</span>}
    </div>
  );
}

function Tiles({ data }: { data: Figures }) {
  const t = useT();
  const r = data.requests;
  const channel = Object.fromEntries(data.byChannel.map((c) => [c.channel, c.requests]));
  return (
    <div className="svc-fig-cards">
      <Tile id="requests" value={r.requests} label={t('services.figures.card.requests')} sub={t('services.figures.card.channels', { online: channel.online ?? 0, desk: channel.desk ?? 0 })} />
      <Tile
        id="on_time" value={percent(t, r.onTimeRate)} label={t('services.figures.card.on_time')}
        sub={t('services.figures.card.on_time_of', { onTime: r.answeredOnTime, judged: r.answered + r.overdue })}
        tone={r.onTimeRate === null ? undefined : r.onTimeRate >= 0.9 ? 'good' : r.onTimeRate >= 0.6 ? 'warn' : 'bad'}
      />
      <Tile
        id="first_answer" value={r.medianHoursToFirstAnswer === null ? t('services.figures.none') : t('services.figures.hours', { hours: r.medianHoursToFirstAnswer })}
        label={t('services.figures.card.first_answer')} {...(r.meanHoursToFirstAnswer !== null ? { sub: t('services.figures.card.mean_hours', { hours: r.meanHoursToFirstAnswer }) } : {})}
      />
      <Tile id="open" value={r.open} label={t('services.figures.card.open')} />
      <Tile id="overdue" value={r.overdue} label={t('services.figures.card.overdue')} tone={r.overdue ? 'bad' : 'good'} />
      <Tile id="escalated" value={r.escalated} label={t('services.figures.card.escalated')} tone={r.escalated ? 'warn' : undefined} />
      <Tile
        id="approved" value={data.membership.approved} label={t('services.figures.card.approved')}
        sub={t('services.figures.card.members_of', { submitted: data.membership.submitted, pending: data.membership.pending })}
      />
    </div>
  );
}

type Row = Figures['byUnion'][number];

function UnionTable({ data }: { data: Figures }) {
  const t = useT();
  const n = (key: string, title: string, pick: (r: Row) => number | null, render?: (v: number | null) => string) => ({
    key, title, align: 'right' as const, width: 92,
    sorter: (a: Row, b: Row) => (pick(a) ?? -1) - (pick(b) ?? -1),
    render: (_: unknown, r: Row) => (render ? render(pick(r)) : num(t, pick(r))),
  });
  const columns: TableColumnsType<Row> = [
    { key: 'union', title: t('services.figures.table.union'), fixed: 'left', width: 150, render: (_, r) => r.union.name },
    {
      title: t('services.figures.table.group_requests'),
      children: [
        n('requests', t('services.figures.table.requests'), (r) => r.requests.requests),
        n('answered', t('services.figures.table.answered'), (r) => r.requests.answered),
        n('rate', t('services.figures.table.on_time_rate'), (r) => r.requests.onTimeRate, (v) => percent(t, v)),
        n('firstMedian', t('services.figures.table.first_median'), (r) => r.requests.medianHoursToFirstAnswer),
        n('firstMean', t('services.figures.table.first_mean'), (r) => r.requests.meanHoursToFirstAnswer),
        n('closeMedian', t('services.figures.table.close_median'), (r) => r.requests.medianHoursToClose),
        n('closeMean', t('services.figures.table.close_mean'), (r) => r.requests.meanHoursToClose),
        n('open', t('services.figures.table.open'), (r) => r.requests.open),
        n('overdue', t('services.figures.table.overdue'), (r) => r.requests.overdue),
        n('escalated', t('services.figures.table.escalated'), (r) => r.requests.escalated),
      ],
    },
    {
      title: t('services.figures.table.group_members'),
      children: [
        n('submitted', t('services.figures.table.members'), (r) => r.membership.submitted),
        n('approved', t('services.figures.table.approved'), (r) => r.membership.approved),
        n('rejected', t('services.figures.table.rejected'), (r) => r.membership.rejected),
        n('withdrawn', t('services.figures.table.withdrawn'), (r) => r.membership.withdrawn),
        n('pending', t('services.figures.table.pending'), (r) => r.membership.pending),
        n('overdueReviews', t('services.figures.table.overdue_reviews'), (r) => r.membership.overdueReviews),
        n('reviewMedian', t('services.figures.table.review_median'), (r) => r.membership.medianDaysToReview),
      ],
    },
  ];
  return (
    <Card title={t('services.figures.table.title')} className="svc-fig-table-card">
      <Table<Row>
        rowKey={(r) => r.union.id} size="small" bordered columns={columns} dataSource={data.byUnion}
        pagination={data.byUnion.length > 20 ? { pageSize: 20, showSizeChanger: false } : false} scroll={{ x: 'max-content' }} className="svc-fig-table"
      />
    </Card>
  );
}

/** /admin/services/figures */
export default function FiguresPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const federation = (['50', '51'] as const).find((f) => f === params.get('federation'));
  const query = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, federation };
  const figures = useFigures(query);
  const data = figures.data;
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) merged.set(k, v); else merged.delete(k);
    setParams(merged, { replace: true });
  };
  const today = dayjs();
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('services.figures.preset.month'), value: [today.startOf('month'), today] },
    { label: t('services.figures.preset.quarter'), value: [today.subtract(2, 'month').startOf('month'), today] },
    { label: t('services.figures.preset.year'), value: [today.startOf('year'), today] },
    { label: t('services.figures.preset.twelve'), value: [today.subtract(11, 'month').startOf('month'), today] },
  ];
  const empty = data && data.requests.requests === 0 && data.membership.submitted === 0;
  return (
    <>
      <ServicesNav />
      <div className="admin-page-head svc-fig-head">
        <div>
          <h1>{t('services.figures.title')}</h1>
          {data && <div className="svc-fig-muted">{t('services.figures.subtitle', { from: data.from, to: data.to, at: dayjs(data.at).format('YYYY-MM-DD HH:mm') })}</div>}
        </div>
      </div>
      <div className="admin-filters svc-fig-filters">
        <DatePicker.RangePicker
          aria-label={t('services.figures.period')} allowClear={false} presets={presets} inputReadOnly
          value={data ? [dayjs(data.from), dayjs(data.to)] : null}
          onChange={(range) => { if (range?.[0] && range[1]) set({ from: range[0].format(DATE), to: range[1].format(DATE) }); }}
        />
        {data && data.federations.length > 1 && (
          <Select<Federation | 'all'>
            aria-label={t('services.figures.federation')} value={federation ?? 'all'} className="svc-fig-federation"
            options={[{ value: 'all', label: t('services.figures.federation_all') }, ...data.federations.map((f) => ({ value: f, label: t(`services.figures.federation.${f}`) }))]}
            onChange={(v) => set({ federation: v === 'all' ? undefined : v })}
          />
        )}
      </div>
      {figures.error && <Alert type="error" showIcon title={figures.error.message} style={{ marginBottom: 12 }} />}
      {figures.isPending && <Card><Skeleton active /></Card>}
      {empty && <Card><Empty description={<><div>{t('services.figures.empty', { from: data.from, to: data.to })}</div><div className="svc-fig-muted">{t('services.figures.empty_hint')}</div></>} /></Card>}
      {data && !empty && (
        <>
          <Tiles data={data} />
          <div className="svc-fig-grid">
            <Card title={t('services.figures.chart.by_union')} className="svc-fig-card-chart svc-fig-wide" data-chart="unions">
              <div style={{ height: Math.max(200, Math.min(data.byUnion.length, TOP_UNIONS) * 30 + 60) }} className="svc-fig-chart-box">
                <Suspense fallback={chartFallback}><UnionsChart data={data} /></Suspense>
              </div>
              {data.byUnion.length > TOP_UNIONS && <p className="svc-fig-muted">{t('services.figures.chart.top', { count: TOP_UNIONS })}</p>}
            </Card>
            <Card title={t('services.figures.chart.by_category')} className="svc-fig-card-chart" data-chart="categories">
              <div className="svc-fig-chart-box" style={{ height: 260 }}><Suspense fallback={chartFallback}><CategoriesChart data={data} /></Suspense></div>
            </Card>
            <Card title={t('services.figures.chart.by_month')} className="svc-fig-card-chart" data-chart="months">
              <div className="svc-fig-chart-box" style={{ height: 260 }}><Suspense fallback={chartFallback}><MonthsChart data={data} /></Suspense></div>
            </Card>
          </div>
          <UnionTable data={data} />
          <p className="svc-fig-rule">{t('services.figures.rule')}</p>
        </>
      )}
    </>
  );
}
