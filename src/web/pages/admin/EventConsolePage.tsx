import {
  EditOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined, FundProjectionScreenOutlined, MobileOutlined, PrinterOutlined, VideoCameraOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Statistic, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n, useT } from '../../i18n/index.js';
import type { Me } from '../../services/auth.js';
import { ApiError } from '../../services/client.js';
import { links, useHourly, useVisitorSummary } from '../../services/fair.js';
import { CHINA_TZ, formatTimeRange, useEvent, useSeason, type SeasonEvent } from '../../services/seasons.js';
import { EventDrawer } from './EventDrawer.js';
import { FloorPlan } from './FloorPlan.js';
import { EventKindTag, EventStatusTag } from './seasonFields.js';
import { SignupsTable } from './SignupsTable.js';
import './fair.css';

// The console of one event for the union staff who run it (issue 5 §2): its facts, the employers'
// sign-ups, the floor plan, the visitors at the gate and the reports, each as a tab (?tab=…).

function Header({ event, onEdit }: { event: SeasonEvent; onEdit(): void }) {
  const t = useT();
  const { lang } = useI18n();
  const season = useSeason(event.seasonId);
  const n = new Intl.NumberFormat(lang);
  return (
    <>
      <Typography.Text type="secondary">
        <Link to="/admin/seasons">{t('season.title')}</Link> / <Link to={`/admin/seasons/${event.seasonId}`}>{season.data?.name ?? t('console.season')}</Link> /
      </Typography.Text>
      <div className="admin-page-head">
        <h1 className="console-title">{event.name} <EventKindTag kind={event.kind} /><EventStatusTag status={event.status} /></h1>
        <Space wrap>
          {event.kind === 'livestream' && <Link to={links.live(event.id)}><Button type="primary" icon={<VideoCameraOutlined />}>{t('console.live')}</Button></Link>}
          <Button icon={<FundProjectionScreenOutlined />} href={links.screen(event.seasonId)} target="_blank">{t('season.open_screen')}</Button>
          {event.permissions.edit && <Button icon={<EditOutlined />} onClick={onEdit}>{t('console.edit')}</Button>}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small" column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'time', label: t('event.col.time'), children: formatTimeRange(lang, event.startsAt, event.endsAt) },
            { key: 'place', label: t('event.col.region'), children: <span className="console-wrap">{event.region.fullName}{event.venue ? ` · ${event.venue}` : ''}</span> },
            { key: 'host', label: t('event.col.host'), children: event.hostUnion.name },
            ...(event.kind === 'fair' ? [{
              key: 'booths', label: t('console.booths'),
              children: t('console.booths_value', { n: n.format(event.zones.filter((z) => z.kind === 'booths').reduce((s, z) => s + z.booths, 0)) }),
            }] : []),
            ...(event.capacity !== null ? [{ key: 'capacity', label: t('console.capacity'), children: n.format(event.capacity) }] : []),
            ...(event.livestream ? [{ key: 'stream', label: event.livestream.platform, children: <a href={event.livestream.streamUrl} target="_blank" rel="noreferrer" className="console-wrap">{event.livestream.streamUrl}</a> }] : []),
          ]}
        />
      </Card>
    </>
  );
}

function Visitors({ event }: { event: SeasonEvent }) {
  const t = useT();
  const { lang } = useI18n();
  const summary = useVisitorSummary(event.id);
  const hourly = useHourly(event.id);
  const n = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const hour = new Intl.DateTimeFormat(lang, { timeZone: CHINA_TZ, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const s = summary.data;
  const rows = hourly.data ?? [];
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <>
      <div className="console-links">
        <Button type="primary" icon={<MobileOutlined />} href={links.checkin(event.id)} target="_blank">{t('console.visitors.checkin')}</Button>
        <Button icon={<FundProjectionScreenOutlined />} href={links.screen(event.seasonId)} target="_blank">{t('season.open_screen')}</Button>
      </div>
      {summary.isError && <Alert type="error" showIcon title={summary.error.message} style={{ marginBottom: 12 }} />}
      <div className="console-stats">
        <Card size="small">
          <Statistic title={t('console.visitors.registered')} value={s?.registered ?? '—'} loading={summary.isPending} />
          {s && <Typography.Text type="secondary" className="console-sub">{t('console.visitors.split', { online: n.format(s.online), onsite: n.format(s.onsite) })}</Typography.Text>}
        </Card>
        <Card size="small">
          <Statistic title={t('console.visitors.checked_in')} value={s?.checkedIn ?? '—'} loading={summary.isPending} />
          {s && s.registered > 0 && <Typography.Text type="secondary" className="console-sub">{t('console.visitors.rate', { rate: percent.format(s.checkedIn / s.registered) })}</Typography.Text>}
        </Card>
        {s?.capacity != null && (
          <Card size="small">
            <Statistic title={t('console.capacity')} value={s.capacity} />
            <Typography.Text type={s.registered >= s.capacity ? 'danger' : 'secondary'} className="console-sub">
              {t(s.registered >= s.capacity ? 'console.visitors.full' : 'console.visitors.room', { n: n.format(Math.max(0, s.capacity - s.registered)) })}
            </Typography.Text>
          </Card>
        )}
      </div>
      <Card size="small" title={t('console.visitors.hourly')}>
        {hourly.isError && <Alert type="error" showIcon title={hourly.error.message} />}
        {!hourly.isPending && rows.length === 0 && <Empty description={t('console.visitors.hourly_empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        <ul className="console-bars" aria-label={t('console.visitors.hourly')}>
          {rows.map((r) => (
            <li key={r.hour}>
              <span className="console-bar-label">{hour.format(new Date(r.hour))}</span>
              <span className="console-bar-track"><span className="console-bar" style={{ width: `${(r.count / max) * 100}%` }} /></span>
              <span className="console-figure">{n.format(r.count)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function Reports({ event }: { event: SeasonEvent }) {
  const t = useT();
  return (
    <Card size="small">
      <Typography.Paragraph>{t('console.report.body')}</Typography.Paragraph>
      <div className="console-links">
        <Button icon={<FileExcelOutlined />} href={links.report(event.id, 'xlsx')}>{t('console.report.xlsx')}</Button>
        <Button icon={<FilePdfOutlined />} href={links.report(event.id, 'pdf')} target="_blank">{t('console.report.pdf')}</Button>
        {event.kind === 'fair' && <Button icon={<FileTextOutlined />} href={links.intents(event.seasonId, event.id)}>{t('console.report.intents')}</Button>}
        {event.kind === 'fair' && <Button icon={<PrinterOutlined />} href={links.boothCards(event.id)} target="_blank">{t('console.floor.cards')}</Button>}
        <Link to={`/admin/follow-ups?season=${event.seasonId}`}><Button>{t('console.report.follow_ups')}</Button></Link>
      </div>
    </Card>
  );
}

/** /admin/events/:id */
export default function EventConsolePage({ me }: { me: Me }) {
  const t = useT();
  const { id = '' } = useParams();
  const eventId = Number(id);
  const event = useEvent(Number.isInteger(eventId) && eventId > 0 ? eventId : null);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);

  if (event.isError || !(eventId > 0)) {
    const notFound = !(eventId > 0) || (event.error instanceof ApiError && event.error.status === 404);
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('console.not_found') : event.error?.message} extra={<Link to="/admin/seasons">{t('season.title')}</Link>} />;
  }
  const e = event.data;
  if (!e) return <Card loading />;
  const out = e.status !== 'draft';
  const tabs = [
    ...(e.kind === 'fair' || e.kind === 'online' ? [{ key: 'signups', label: t('console.tab.signups'), children: <SignupsTable event={e} /> }] : []),
    ...(e.kind === 'fair' ? [
      { key: 'floor', label: t('console.tab.floor'), children: <FloorPlan event={e} /> },
      { key: 'visitors', label: t('console.tab.visitors'), children: <Visitors event={e} /> },
    ] : []),
    { key: 'report', label: t('console.tab.report'), children: <Reports event={e} /> },
  ];
  const tab = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]!.key;
  return (
    <>
      <Header event={e} onEdit={() => setEditing(true)} />
      {out ? (
        <Card className="console-card">
          <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} destroyOnHidden />
        </Card>
      ) : <Alert type="info" showIcon title={t('console.draft')} description={t('console.draft_body')} />}
      <EventDrawer open={editing} seasonId={e.seasonId} eventId={e.id} defaultRegion={me.union?.regionCode} onClose={() => setEditing(false)} />
    </>
  );
}
