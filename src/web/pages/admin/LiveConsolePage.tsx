import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined, MobileOutlined, PlayCircleOutlined, PushpinOutlined, StepForwardOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, Empty, Input, InputNumber, Pagination, Popconfirm, Result, Row, Segmented, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n, useT } from '../../i18n/index.js';
import { ApiError } from '../../services/client.js';
import { salaryLabel } from '../../services/jobs.js';
import { useJobPicker, useLiveConsole, useLiveRoom, useLiveStream, type LivePosting, type LiveRoom } from '../../services/live.js';
import { formatTimeRange, useEvent } from '../../services/seasons.js';
import { EventStatusTag } from './seasonFields.js';
import './LiveConsolePage.css';

// The host's console of a livestream session (issue 5 §6): pick postings of both provinces, put
// them in the order they will be presented (drag or arrows), pin the one on air, enter the viewer
// count the platform shows; the counters follow the room live. Every change is audited server-side.

type Console = ReturnType<typeof useLiveConsole>;

const onError = (message: { error(text: string): unknown }, fallback: string) => (error: unknown) => {
  void message.error(error instanceof ApiError ? error.message : fallback);
};

function ProvinceTag({ federation }: { federation: '50' | '51' }) {
  const t = useT();
  return <Tag color={federation === '50' ? 'red' : 'blue'}>{t(`live.province.${federation}`)}</Tag>;
}

function OnAirCard({ room, live }: { room: LiveRoom; live: Console }) {
  const t = useT();
  const { message } = App.useApp();
  const order = room.postings;
  const current = order.findIndex((p) => p.pinned);
  const next = order[current + 1] ?? null;
  const pin = (p: LivePosting | null) => live.pin.mutate(p?.id ?? null, {
    onSuccess: () => { if (p) void message.success(t('live.console.pinned', { title: p.title })); },
    onError: onError(message, t('common.network_error')),
  });
  const onAir = current >= 0 ? order[current]! : null;
  return (
    <Card
      title={<span><Badge status={onAir ? 'processing' : 'default'} /> {t('live.console.on_air')}</span>} className="live-console-card"
      extra={(
        <Space wrap>
          <Button type="primary" icon={<StepForwardOutlined />} disabled={!next} loading={live.pin.isPending} onClick={() => pin(next)}>{t('live.console.next')}</Button>
          {onAir && <Button onClick={() => pin(null)} disabled={live.pin.isPending}>{t('live.console.unpin')}</Button>}
        </Space>
      )}
    >
      {onAir ? (
        <div className="live-console-on-air" data-testid="on-air">
          <Typography.Title level={4}>{onAir.title}</Typography.Title>
          <Space wrap size={[8, 4]}>
            <ProvinceTag federation={onAir.federation} />
            <span>{onAir.enterprise.name}</span>
            <Typography.Text type="danger" strong>{salaryLabel(onAir, t('m.jobs.negotiable'))}</Typography.Text>
            <Typography.Text type="secondary">{onAir.region.fullName} · {t('m.jobs.headcount', { n: onAir.headcount })}</Typography.Text>
          </Space>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('live.console.none_on_air')}</Typography.Text>
      )}
    </Card>
  );
}

function FeaturedCard({ room, live }: { room: LiveRoom; live: Console }) {
  const t = useT();
  const { message } = App.useApp();
  const [dragging, setDragging] = useState<number | null>(null);
  const ids = room.postings.map((p) => p.id);
  const moveTo = (id: number, index: number) => {
    const rest = ids.filter((x) => x !== id);
    rest.splice(Math.max(0, Math.min(index, rest.length)), 0, id);
    if (rest.join() === ids.join()) return;
    live.order.mutate(rest, { onError: (error) => { onError(message, t('common.network_error'))(error); void live.refresh(); } });
  };
  const busy = live.order.isPending || live.remove.isPending || live.pin.isPending;
  return (
    <Card title={t('live.console.featured')} className="live-console-card" extra={<Typography.Text type="secondary">{t('live.console.drag_hint')}</Typography.Text>}>
      {room.postings.length === 0 ? (
        <Empty description={t('live.console.featured_empty')} />
      ) : (
        <ol className="live-console-list">
          {room.postings.map((p, index) => (
            <li
              key={p.id} data-posting={p.id} draggable className={`${p.pinned ? 'is-pinned' : ''}${dragging === p.id ? ' is-dragging' : ''}`}
              onDragStart={(e) => { setDragging(p.id); e.dataTransfer.effectAllowed = 'move'; }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => { e.preventDefault(); if (dragging !== null) moveTo(dragging, index); setDragging(null); }}
              onDragEnd={() => setDragging(null)}
            >
              <HolderOutlined className="live-console-grip" aria-hidden="true" />
              <span className="live-console-index">{index + 1}</span>
              <div className="live-console-job">
                <div className="live-console-job-title">
                  <span className="live-console-title-text">{p.title}</span>
                  {p.pinned && <Tag color="magenta" icon={<PushpinOutlined />}>{t('live.on_air_badge')}</Tag>}
                  {!p.open && <Tag>{t('live.closed')}</Tag>}
                </div>
                <div className="live-console-job-meta">
                  <ProvinceTag federation={p.federation} />{p.enterprise.name} · {salaryLabel(p, t('m.jobs.negotiable'))}
                </div>
              </div>
              <Space size={4} className="live-console-actions">
                <Tooltip title={t('live.console.up')}><Button size="small" icon={<ArrowUpOutlined />} aria-label={t('live.console.up')} disabled={busy || index === 0} onClick={() => moveTo(p.id, index - 1)} /></Tooltip>
                <Tooltip title={t('live.console.down')}><Button size="small" icon={<ArrowDownOutlined />} aria-label={t('live.console.down')} disabled={busy || index === ids.length - 1} onClick={() => moveTo(p.id, index + 1)} /></Tooltip>
                <Button size="small" type={p.pinned ? 'primary' : 'default'} icon={<PushpinOutlined />} disabled={busy || p.pinned}
                  onClick={() => live.pin.mutate(p.id, { onError: onError(message, t('common.network_error')) })}>{t('live.console.pin')}</Button>
                <Popconfirm title={t('live.console.remove_confirm', { title: p.title })} onConfirm={() => live.remove.mutate(p.id, { onError: onError(message, t('common.network_error')) })}>
                  <Button size="small" danger disabled={busy}>{t('live.console.remove')}</Button>
                </Popconfirm>
              </Space>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function CountersCard({ room, live, connected }: { room: LiveRoom; live: Console; connected: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [viewers, setViewers] = useState<number | null>(room.counters.viewers);
  // Another console's entry (pushed over SSE) shows here unless one is being typed.
  const [typing, setTyping] = useState(false);
  useEffect(() => { if (!typing) setViewers(room.counters.viewers); }, [room.counters.viewers, typing]);
  const save = () => {
    if (viewers === null) return;
    live.viewers.mutate({ viewers, version: room.viewersVersion }, {
      onSuccess: (r) => { setTyping(false); void message.success(t('live.console.viewers_saved', { n: r.counters.viewers.toLocaleString() })); },
      onError: (error) => { onError(message, t('common.network_error'))(error); setTyping(false); void live.refresh(); },
    });
  };
  return (
    <Card
      title={t('live.console.counters')} className="live-console-card"
      extra={<Badge status={connected ? 'success' : 'default'} text={connected ? t('live.connected') : t('live.connecting')} />}
    >
      <Row gutter={16}>
        <Col span={8}><Statistic title={t('live.counter.viewers')} value={room.counters.viewers} /></Col>
        <Col span={8}><Statistic title={t('live.counter.applications')} value={room.counters.applications} /></Col>
        <Col span={8}><Statistic title={t('live.counter.intents')} value={room.counters.intents} /></Col>
      </Row>
      <div className="live-console-viewers">
        <label htmlFor="live-viewers">{t('live.console.viewers_entry')}</label>
        <Space.Compact>
          <InputNumber
            id="live-viewers" min={0} max={100_000_000} step={100} value={viewers} style={{ width: 160 }}
            onChange={(v) => { setTyping(true); setViewers(v); }} onPressEnter={save}
          />
          <Button type="primary" onClick={save} loading={live.viewers.isPending}>{t('live.console.viewers_save')}</Button>
        </Space.Compact>
        <Typography.Text type="secondary" className="live-console-hint">{t('live.console.viewers_hint')}</Typography.Text>
      </div>
    </Card>
  );
}

function PickerCard({ room, live }: { room: LiveRoom; live: Console }) {
  const t = useT();
  const { message } = App.useApp();
  const [query, setQuery] = useState<{ q: string; region?: string; page: number }>({ q: '', page: 1 });
  const jobs = useJobPicker(query);
  const featured = new Set(room.postings.map((p) => p.id));
  return (
    <Card title={t('live.console.search')} className="live-console-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          allowClear enterButton={t('common.search')} placeholder={t('live.console.search_placeholder')} aria-label={t('live.console.search_placeholder')}
          onSearch={(q) => setQuery({ ...query, q: q.trim(), page: 1 })}
        />
        <Segmented
          value={query.region ?? 'all'} onChange={(v) => setQuery({ ...query, region: v === 'all' ? undefined : String(v), page: 1 })}
          options={[{ value: 'all', label: t('live.console.province_all') }, { value: '500000', label: t('live.province.50') }, { value: '510000', label: t('live.province.51') }]}
        />
        {jobs.isError ? (
          <Typography.Text type="danger">{jobs.error instanceof ApiError ? jobs.error.message : t('common.network_error')}</Typography.Text>
        ) : jobs.data && jobs.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('live.console.search_empty')} />
        ) : (
          <>
            {jobs.data && <Typography.Text type="secondary">{t('live.console.search_total', { n: jobs.data.total.toLocaleString() })}</Typography.Text>}
            <ul className="live-console-results" aria-busy={jobs.isFetching}>
              {jobs.data?.items.map((job) => (
                <li key={job.id} data-job={job.id}>
                  <div className="live-console-job">
                    {/* Server-built: escaped text with <em> around matched words, nothing else. */}
                    <div className="live-console-job-title" dangerouslySetInnerHTML={{ __html: job.highlight.title }} />
                    <div className="live-console-job-meta">
                      <ProvinceTag federation={job.region.code.startsWith('51') ? '51' : '50'} />{job.enterprise.name} · {job.region.fullName} · {salaryLabel(job, t('m.jobs.negotiable'))}
                    </div>
                  </div>
                  {featured.has(job.id) ? (
                    <Tag>{t('live.console.added')}</Tag>
                  ) : (
                    <Button size="small" type="primary" ghost loading={live.add.isPending && live.add.variables === job.id}
                      onClick={() => live.add.mutate(job.id, { onError: onError(message, t('common.network_error')) })}>{t('live.console.add')}</Button>
                  )}
                </li>
              ))}
            </ul>
            {jobs.data && jobs.data.total > 8 && (
              <Pagination simple size="small" current={query.page} pageSize={8} total={Math.min(jobs.data.total, 400)} onChange={(page) => setQuery({ ...query, page })} />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

/** /admin/events/:id/live — run a livestream session. */
export default function LiveConsolePage() {
  const t = useT();
  const { lang } = useI18n();
  const { id = '' } = useParams();
  const eventId = Number(id);
  const event = useEvent(eventId);
  const room = useLiveRoom(eventId);
  const allowed = !!event.data && event.data.kind === 'livestream' && event.data.permissions.edit;
  const connected = useLiveStream(eventId, allowed && room.isSuccess);
  const live = useLiveConsole(eventId);

  if (event.isError) return <Result status="404" title={event.error.message} extra={<Link to="/admin/seasons">{t('live.console.to_season')}</Link>} />;
  const e = event.data;
  if (e && e.kind !== 'livestream') return <Result status="warning" title={t('live.console.not_livestream')} extra={<Link to={`/admin/seasons/${e.seasonId}`}>{t('live.console.to_season')}</Link>} />;
  if (e && !e.permissions.edit) return <Result status="403" title={t('live.console.forbidden')} extra={<Link to={`/admin/seasons/${e.seasonId}`}>{t('live.console.to_season')}</Link>} />;
  if (room.isError) return <Result status="error" title={room.error.message} extra={<Button onClick={() => void room.refetch()}>{t('common.retry')}</Button>} />;
  if (!e || !room.data) return <Card loading />;
  const r = room.data;
  return (
    <>
      <Typography.Text type="secondary"><Link to={`/admin/seasons/${r.season.id}`}>{r.season.name}</Link> / {t('live.console.title')}</Typography.Text>
      <div className="admin-page-head">
        <div>
          <h1>{r.event.name} <EventStatusTag status={r.event.status} /></h1>
          <Typography.Text type="secondary">{r.event.hostUnion.name} · {r.event.platform} · {formatTimeRange(lang, r.event.startsAt, r.event.endsAt)}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<MobileOutlined />} href={`/m/live/${r.event.id}`} target="_blank">{t('live.console.open_room')}</Button>
          {r.event.streamUrl && <Button icon={<PlayCircleOutlined />} href={r.event.streamUrl} target="_blank" rel="noopener noreferrer">{t('live.console.open_stream')}</Button>}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <OnAirCard room={r} live={live} />
          <FeaturedCard room={r} live={live} />
        </Col>
        <Col xs={24} xl={10}>
          <CountersCard room={r} live={live} connected={connected} />
          <PickerCard room={r} live={live} />
        </Col>
      </Row>
    </>
  );
}
