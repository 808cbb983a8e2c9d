import { EditOutlined, FundProjectionScreenOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Result, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Me } from '../../services/auth.js';
import { ApiError } from '../../services/client.js';
import {
  EVENT_KINDS, formatDateRange, formatTimeRange, useSeason, useSeasonEvents, type EventKind, type EventStatus, type EventSummary, type Season,
} from '../../services/seasons.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { EventDrawer } from './EventDrawer.js';
import { EventKindTag, EventStatusTag, SeasonStatusTag } from './seasonFields.js';
import { SeasonModal } from './SeasonForm.js';
import { SeasonReportButtons } from './SeasonReportButtons.js';
import { GoalsCard, SeasonStatsCard } from './SeasonStatsCard.js';

function SeasonInfo({ season }: { season: Season }) {
  const t = useT();
  const { lang } = useI18n();
  return (
    <Card style={{ height: '100%' }}>
      <Descriptions
        column={1} size="small"
        items={[
          ...(season.theme ? [{ key: 'theme', label: t('season.col.theme'), children: season.theme }] : []),
          { key: 'dates', label: t('season.col.dates'), children: formatDateRange(lang, season.startsOn, season.endsOn) },
          { key: 'owner', label: t('season.owner'), children: season.ownerUnion.name },
          {
            key: 'hosts', label: t('season.hosts'), children: season.hosts.length ? (
              <div className="season-hosts">
                {season.hosts.map((h, i) => (
                  <Tag key={i} color={h.role === 'guide' ? 'gold' : h.role === 'host' ? 'red' : 'default'}>
                    <span className="season-host-role">{t(`season.role.${h.role}` as UiKey)}</span>{h.name}
                  </Tag>
                ))}
              </div>
            ) : <Typography.Text type="secondary">{t('season.hosts_none')}</Typography.Text>,
          },
          ...(season.description ? [{ key: 'description', label: t('season.description'), children: <span className="season-description">{season.description}</span> }] : []),
        ]}
      />
    </Card>
  );
}

function EventsCard({ season, onOpen, onCreate }: { season: Season; onOpen(id: number): void; onCreate(): void }) {
  const t = useT();
  const { lang } = useI18n();
  const [query, setQuery] = useState<{ page: number; pageSize: number; kind?: EventKind }>({ page: 1, pageSize: 20 });
  const events = useSeasonEvents(season.id, query);
  return (
    <Card
      title={t('season.events')}
      extra={season.permissions.addEvent && <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>{t('event.create')}</Button>}
    >
      <div className="season-kind-filter">
        <Segmented
          value={query.kind ?? 'all'}
          onChange={(v) => setQuery({ ...query, page: 1, kind: v === 'all' ? undefined : (v as EventKind) })}
          options={[{ value: 'all', label: t('common.all') }, ...EVENT_KINDS.map((k) => ({ value: k, label: t(`event.kind.${k}` as UiKey) }))]}
        />
      </div>
      <Table<EventSummary>
        rowKey="id" size="middle" loading={events.isFetching} dataSource={events.data?.items} scroll={{ x: 1010 }}
        locale={{ emptyText: events.isError ? events.error.message : t('season.events_empty') }}
        onRow={(e) => ({ onClick: () => onOpen(e.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: events.data?.total ?? 0, hideOnSinglePage: true,
          onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
        }}
        columns={[
          { title: t('event.col.kind'), dataIndex: 'kind', width: 96, render: (kind: EventKind) => <EventKindTag kind={kind} /> },
          { title: t('event.col.name'), dataIndex: 'name', width: 210, render: (name: string) => <Typography.Link>{name}</Typography.Link> },
          { title: t('event.col.time'), key: 'time', width: 200, render: (_, e) => formatTimeRange(lang, e.startsAt, e.endsAt) },
          {
            title: t('event.col.region'), key: 'region', width: 170,
            render: (_, e) => <>{e.region.fullName}{e.venue && <div className="season-venue">{e.venue}</div>}</>,
          },
          { title: t('event.col.host'), dataIndex: ['hostUnion', 'name'], width: 154 },
          { title: t('event.col.status'), dataIndex: 'status', width: 90, render: (s: EventStatus) => <EventStatusTag status={s} /> },
          { title: '', key: 'console', width: 90, render: (_, e) => <Link to={`/admin/events/${e.id}`} onClick={(ev) => ev.stopPropagation()}>{t('console.open')}</Link> },
        ]}
      />
    </Card>
  );
}

/** A season: what it is, who runs it, its goals and live figures, and its events. */
export default function SeasonDetailPage({ me }: { me: Me }) {
  const t = useT();
  const { id = '' } = useParams();
  const seasonId = Number(id);
  const { message } = App.useApp();
  const season = useSeason(seasonId);
  const [editing, setEditing] = useState(false);
  const [drawer, setDrawer] = useState<{ open: boolean; eventId: number | null }>({ open: false, eventId: null });
  const s = season.data;

  if (season.isError) {
    const notFound = season.error instanceof ApiError && season.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={season.error.message} extra={<Link to="/admin/seasons">{t('season.title')}</Link>} />;
  }
  if (!s) return <Card loading />;
  return (
    <>
      <Typography.Text type="secondary"><Link to="/admin/seasons">{t('season.title')}</Link> /</Typography.Text>
      <div className="admin-page-head">
        <h1>{s.name} <SeasonStatusTag status={s.status} /></h1>
        <Space wrap>
          {s.status !== 'draft' && <Button icon={<FundProjectionScreenOutlined />} href={`/screen/seasons/${s.id}`} target="_blank">{t('season.open_screen')}</Button>}
          {s.permissions.edit && s.status !== 'draft' && <SeasonReportButtons seasonId={s.id} />}
          {s.permissions.edit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        </Space>
      </div>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}><SeasonInfo season={s} /></Col>
        <Col xs={24} lg={12}><GoalsCard goals={s.goals} /></Col>
      </Row>
      <SeasonStatsCard season={s} />
      <EventsCard season={s} onOpen={(eventId) => setDrawer({ open: true, eventId })} onCreate={() => setDrawer({ open: true, eventId: null })} />
      <SeasonModal
        open={editing} season={s} askOwner={false} onClose={() => setEditing(false)}
        onSaved={() => { setEditing(false); message.success(t('season.saved')); }}
      />
      <EventDrawer
        open={drawer.open} seasonId={s.id} eventId={drawer.eventId} defaultRegion={me.union?.regionCode}
        onClose={() => setDrawer({ ...drawer, open: false })}
      />
    </>
  );
}
