import { CalendarOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Progress, Select, Skeleton, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { CoopNav } from './CoopNav.js';
import { LIGHT_COLORS, LIGHTS, useDashboard, useDashboardAgreements, type Dashboard, type DashboardAgreements, type Light } from './yearlyApi.js';
import './coop-yearly.css';

// The leaders' dashboard (领导看板, issue 7 §6): one screen for federation leaders — the status
// lights, progress by area, each federation's responsible items and overdue reports, the coming
// due dates, the latest joint meetings, and the yearly report in one click (PDF, Excel).

const LightsChart = lazy(() => import('./DashboardCharts.js').then((m) => ({ default: m.LightsChart })));
const AreasChart = lazy(() => import('./DashboardCharts.js').then((m) => ({ default: m.AreasChart })));

const chartFallback = <Skeleton.Node active style={{ width: '100%', height: 200 }} />;

/** The agreement and year shown first: the active agreement, its latest year up to this one. */
function initialPick(list: DashboardAgreements): { id: number; year: number } | null {
  const a = list.agreements[0];
  if (!a) return null;
  const now = Number(list.today.slice(0, 4));
  return { id: a.id, year: [...a.years].reverse().find((y) => y <= now) ?? a.years.at(-1) ?? now };
}

function LightDot({ light, label }: { light: Light; label: string }) {
  return <Badge color={LIGHT_COLORS[light]} text={label} />;
}

function LightCards({ data }: { data: Dashboard }) {
  const t = useT();
  return (
    <div className="coop-dash-lights">
      {LIGHTS.map((l) => (
        <div key={l} className="coop-dash-light" data-light={l} style={{ borderTopColor: LIGHT_COLORS[l] }}>
          <span className="coop-dash-light-n" style={{ color: LIGHT_COLORS[l] }}>{data.counts[l]}</span>
          <span className="coop-dash-light-label">{t(`coop.yearly.status.${l}`)}</span>
        </div>
      ))}
    </div>
  );
}

function FederationCard({ fed }: { fed: Dashboard['federations'][number] }) {
  const t = useT();
  const more = fed.overdueReports - fed.overdue.length;
  return (
    <Card title={fed.name} extra={<span className="coop-dash-muted">{t('coop.yearly.federation_items', { count: fed.counts.total })}</span>} className="coop-dash-card">
      <div className="coop-dash-tags">
        {LIGHTS.map((l) => <Tag key={l} color={LIGHT_COLORS[l]}>{t(`coop.yearly.status.${l}`)} {fed.counts[l]}</Tag>)}
      </div>
      {fed.attention.length > 0 && (
        <div className="coop-dash-attention">
          <span className="coop-dash-muted">{t('coop.yearly.attention')}</span>
          {fed.attention.map((i) => (
            <Tooltip key={i.id} title={`${i.title} · ${t(`coop.yearly.status.${i.status}`)}`}>
              <Link to={`/admin/cooperation/items/${i.id}`} className="coop-dash-code" style={{ color: LIGHT_COLORS[i.status] }}>{i.code}</Link>
            </Tooltip>
          ))}
        </div>
      )}
      <div className={fed.overdueReports ? 'coop-dash-overdue-head late' : 'coop-dash-overdue-head'}>
        {fed.overdueReports ? t('coop.yearly.overdue_reports', { count: fed.overdueReports }) : t('coop.yearly.overdue_none')}
      </div>
      {fed.overdue.length > 0 && (
        <ul className="coop-dash-list">
          {fed.overdue.map((o) => (
            <li key={`${o.itemId}-${o.union}-${o.period}`}>
              <Link to={`/admin/cooperation/items/${o.itemId}`} className="coop-dash-code">{o.code}</Link>
              <span className="coop-dash-grow">{t('coop.yearly.overdue_line', { union: o.union, period: o.period })}</span>
              {o.reportStatus === 'draft' && <Tag>{t('coop.yearly.report_draft')}</Tag>}
              {o.reportStatus === 'returned' && <Tag color="orange">{t('coop.yearly.report_returned')}</Tag>}
              <span className="coop-dash-late">{t('coop.yearly.days_late', { days: o.daysLate })}</span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <Link to="/admin/cooperation/reports" className="coop-dash-more">{t('coop.yearly.overdue_more', { count: more })}</Link>}
    </Card>
  );
}

function DueDates({ data }: { data: Dashboard }) {
  const t = useT();
  return (
    <Card title={t('coop.yearly.due_dates')} className="coop-dash-card">
      {!data.dueDates.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coop.yearly.due_none')} />}
      <ul className="coop-dash-list">
        {data.dueDates.map((d) => (
          <li key={d.id} className="coop-dash-due">
            <div className="coop-dash-due-main">
              <Link to={`/admin/cooperation/items/${d.id}`} aria-label={t('coop.yearly.item_link', { code: d.code })} className="coop-dash-code">{d.code}</Link>
              <span className="coop-dash-grow">{d.title}</span>
            </div>
            <div className="coop-dash-due-meta">
              <LightDot light={d.status} label={t(`coop.yearly.status.${d.status}`)} />
              <Progress percent={d.percent} size="small" showInfo={false} strokeColor={LIGHT_COLORS[d.status]} className="coop-dash-bar" />
              <span>{d.percent}%</span>
              <span className="coop-dash-muted"><CalendarOutlined /> {d.dueOn}</span>
              {d.awaitingSignOff && <Tag color="gold">{t('coop.yearly.awaiting_tag')}</Tag>}
              {d.status === 'late' && <span className="coop-dash-late">{t('coop.yearly.days_late', { days: -d.daysLeft })}</span>}
              {d.daysLeft >= 0 && <span className="coop-dash-muted">{d.daysLeft === 0 ? t('coop.yearly.due_today') : t('coop.yearly.days_left', { days: d.daysLeft })}</span>}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Meetings({ data }: { data: Dashboard }) {
  const t = useT();
  return (
    <Card title={t('coop.yearly.meetings')} className="coop-dash-card">
      {!data.meetings.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coop.yearly.meetings_none')} />}
      <ul className="coop-dash-list">
        {data.meetings.map((m) => (
          <li key={m.id} className="coop-dash-meeting">
            <Link to={`/admin/cooperation/meetings/${m.id}`} className="coop-dash-meeting-title">{m.title}</Link>
            <span className="coop-dash-muted">{t('coop.yearly.meeting_line', { heldOn: m.heldOn, place: m.place || '—', host: m.host })}</span>
            <span>
              <Tag color={m.status === 'held' ? 'green' : 'blue'}>{t(m.status === 'held' ? 'coop.yearly.meeting_held' : 'coop.yearly.meeting_planned')}</Tag>
              <span className="coop-dash-muted">{t('coop.yearly.decisions', { count: m.decisions })}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** /admin/cooperation/dashboard */
export default function DashboardPage() {
  const t = useT();
  const list = useDashboardAgreements();
  const [picked, setPicked] = useState<{ id: number; year: number } | null>(null);
  const pick = picked ?? (list.data ? initialPick(list.data) : null);
  const board = useDashboard(pick?.id, pick?.year);
  const agreement = list.data?.agreements.find((a) => a.id === pick?.id);
  const data = board.data;
  const error = list.error ?? board.error;
  return (
    <>
      <CoopNav />
      <div className="admin-page-head coop-dash-head">
        <div>
          <h1>{t('coop.yearly.title')}</h1>
          {data && <div className="coop-dash-muted">{t('coop.yearly.subtitle', { agreement: data.agreement.title, year: data.year, today: data.today })}</div>}
        </div>
        {data && (
          <div className="coop-dash-downloads">
            <Button type="primary" icon={<FilePdfOutlined />} href={data.downloads.pdf} download>{t('coop.yearly.download_pdf')}</Button>
            <Button icon={<FileExcelOutlined />} href={data.downloads.xlsx} download>{t('coop.yearly.download_xlsx')}</Button>
          </div>
        )}
      </div>
      {list.data && list.data.agreements.length > 0 && pick && (
        <div className="admin-filters coop-dash-filters">
          {list.data.agreements.length > 1 && (
            <Select
              aria-label={t('coop.yearly.agreement')} className="coop-dash-agreement" value={pick.id}
              options={list.data.agreements.map((a) => ({ value: a.id, label: a.title }))}
              onChange={(id: number) => setPicked(initialPick({ ...list.data!, agreements: list.data!.agreements.filter((a) => a.id === id) }))}
            />
          )}
          <Select
            aria-label={t('coop.yearly.year')} value={pick.year} style={{ width: 120 }}
            options={(agreement?.years.length ? agreement.years : [pick.year]).map((y) => ({ value: y, label: t('coop.yearly.year_option', { year: y }) }))}
            onChange={(year: number) => setPicked({ id: pick.id, year })}
          />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {(list.isPending || (pick && board.isPending)) && <Card><Skeleton active /></Card>}
      {list.data && !list.data.agreements.length && <Card><Empty description={t('coop.yearly.empty_agreement')} /></Card>}
      {data && data.counts.total === 0 && <Card><Empty description={t('coop.yearly.empty_year', { year: data.year })} /></Card>}
      {data && data.counts.total > 0 && (
        <div className="coop-dash-grid">
          <Card title={t('coop.yearly.lights')} className="coop-dash-card">
            <div className="coop-dash-overview">
              <Suspense fallback={chartFallback}><LightsChart data={data} /></Suspense>
              <div>
                <LightCards data={data} />
                <div className="coop-dash-notes">
                  <span>{t('coop.yearly.awaiting', { count: data.counts.awaitingSignOff })}</span>
                  <span>{t('coop.yearly.highlights', { count: data.highlights })}</span>
                </div>
              </div>
            </div>
            <p className="coop-dash-rule">{t('coop.yearly.rule')}</p>
          </Card>
          <Card title={t('coop.yearly.areas')} className="coop-dash-card">
            <Suspense fallback={chartFallback}><AreasChart data={data} /></Suspense>
            <ul className="coop-dash-list coop-dash-areas">
              {data.areas.map((a) => (
                <li key={a.id}>
                  <span className="coop-dash-grow">{a.name}</span>
                  <span className="coop-dash-muted">{t('coop.yearly.area_line', { count: a.counts.total, percent: a.percent })}</span>
                </li>
              ))}
            </ul>
          </Card>
          {data.federations.map((f) => <FederationCard key={f.federation} fed={f} />)}
          <DueDates data={data} />
          <Meetings data={data} />
        </div>
      )}
    </>
  );
}
