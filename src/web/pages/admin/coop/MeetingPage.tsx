import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FlagOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Result, Skeleton, Tag, Timeline } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { CoopNav } from './CoopNav.js';
import { MeetingDrawer, type Section } from './MeetingDrawer.js';
import { MeetingStatusTag } from './MeetingsPage.js';
import { fileUrl, packUrl, useMeeting, type Meeting } from './meetingsApi.js';
import './coop-meetings.css';

const sizeOf = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Attendees by union (or guests' organisation), in the order first named. */
function groupAttendees(m: Meeting) {
  const groups = new Map<string, Meeting['attendees']>();
  for (const a of m.attendees) {
    const key = a.union?.name ?? a.organisation;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups];
}

function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n+/).filter((p) => p.trim()).map((p, i) => <p key={i} className="meet-para">{p}</p>)}</>;
}

/** A speech's text, folded to four lines when long (a plain clamp: nothing measured while the page resizes). */
function SpeechBody({ text }: { text: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const long = text.length > 160 || text.split('\n').length > 4;
  return (
    <div className="meet-speech-body">
      <div className={long && !open ? 'meet-clamp' : undefined}>{text}</div>
      {long && <Button type="link" size="small" className="meet-expand" onClick={() => setOpen(!open)}>{t(open ? 'coop.meetings.collapse' : 'coop.meetings.expand')}</Button>}
    </div>
  );
}

/** One joint meeting: facts, attendees, agenda, speeches, visits, decisions, minutes and the meeting pack. */
export default function MeetingPage() {
  const t = useT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  const [editing, setEditing] = useState<Section | null>(null);
  if (meeting.isPending) return <><CoopNav /><Card><Skeleton active /></Card></>;
  if (meeting.isError) {
    return <><CoopNav /><Result status="404" title={meeting.error.message} extra={<Link to="/admin/cooperation/meetings">{t('coop.meetings.back')}</Link>} /></>;
  }
  const m = meeting.data;
  const edit = (section: Section) => m.me.canManage && (
    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(section)} aria-label={t('coop.meetings.edit.section', { section: t(`coop.meetings.section.${section}` as UiKey) })}>
      {t('coop.meetings.edit.button')}
    </Button>
  );
  const section = (key: Section, body: ReactNode, empty: boolean) => (
    <Card title={t(`coop.meetings.section.${key}` as UiKey)} extra={edit(key)} className={`meet-section meet-section-${key}`}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`coop.meetings.empty.${key}` as UiKey)} /> : body}
    </Card>
  );
  return (
    <>
      <CoopNav />
      <div className="admin-page-head">
        <div className="meet-head">
          <Link to="/admin/cooperation/meetings" className="meet-back"><ArrowLeftOutlined /> {t('coop.meetings.back')}</Link>
          <h1>{m.title} <MeetingStatusTag status={m.status} /></h1>
        </div>
        <div className="meet-head-actions">
          <Button type="primary" icon={<DownloadOutlined />} href={packUrl(m.id)} target="_blank">{t('coop.meetings.pack')}</Button>
        </div>
      </div>
      <div className="meet-sections">
        <Card title={t('coop.meetings.section.facts')} extra={edit('facts')} className="meet-section meet-section-facts">
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('coop.meetings.field.held_on')}>{m.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('coop.meetings.field.place')}>{m.place || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('coop.meetings.field.host')}>{m.hostUnion.name}</Descriptions.Item>
            <Descriptions.Item label={t('coop.meetings.field.status')}><MeetingStatusTag status={m.status} /></Descriptions.Item>
            <Descriptions.Item label={t('coop.meetings.field.agreement')} span="filled"><Link to="/admin/cooperation">{m.agreement.title}</Link></Descriptions.Item>
          </Descriptions>
        </Card>
        {section('attendees', (
          <div className="meet-attendees">
            {groupAttendees(m).map(([group, people]) => (
              <div key={group} className="meet-attendee-group">
                <div className="meet-attendee-union">{group}</div>
                <div className="meet-attendee-people">
                  {people.map((p, i) => <Tag key={i}>{p.name}{p.position && <span className="meet-position">{p.position}</span>}</Tag>)}
                </div>
              </div>
            ))}
          </div>
        ), !m.attendees.length)}
        {section('agenda', (
          <Timeline
            className="meet-agenda"
            items={m.agenda.map((a, i) => ({
              key: i,
              content: (
                <>
                  <div className="meet-agenda-title">{a.startsAt && <span className="meet-time">{a.startsAt}</span>}{a.title}</div>
                  {a.presenter && <div className="meet-muted">{a.presenter}</div>}
                </>
              ),
            }))}
          />
        ), !m.agenda.length)}
        {section('speeches', (
          <div className="meet-speeches">
            {m.speeches.map((s, i) => (
              <Card key={i} size="small" type="inner" title={s.title} styles={{ header: { whiteSpace: 'normal' } }}>
                <div className="meet-muted">{s.union.name}{s.speaker && ` · ${s.speaker}`}</div>
                {s.body && <SpeechBody text={s.body} />}
                {s.file && (
                  <a href={fileUrl(m.id, s.file.id)} target="_blank" rel="noreferrer" className="meet-file-name">
                    <PaperClipOutlined /> {s.file.name} <span className="meet-muted">({sizeOf(s.file.size)})</span>
                  </a>
                )}
              </Card>
            ))}
          </div>
        ), !m.speeches.length)}
        {section('visits', (
          <ul className="meet-list">
            {m.visits.map((v, i) => (
              <li key={i}>
                <Tag color={v.kind === 'visit' ? 'geekblue' : 'green'}>{t(`coop.meetings.visit.${v.kind}`)}</Tag>
                <strong>{v.site}</strong>
                {v.purpose && <div className="meet-muted">{v.purpose}</div>}
              </li>
            ))}
          </ul>
        ), !m.visits.length)}
        {section('decisions', (
          <ol className="meet-list meet-decisions">
            {m.decisions.map((d, i) => (
              <li key={i}>
                <div>{d.text}</div>
                <div className="meet-decision-meta">
                  {d.ownerUnion && <span>{t('coop.meetings.owner_is', { name: d.ownerUnion.name })}</span>}
                  {d.dueOn && <span>{t('coop.meetings.due_is', { date: d.dueOn })}</span>}
                  {d.workItem && <Link to={`/admin/cooperation/items/${d.workItem.id}`}><FlagOutlined /> {d.workItem.code} {d.workItem.title}</Link>}
                </div>
              </li>
            ))}
          </ol>
        ), !m.decisions.length)}
        {section('minutes', <Paragraphs text={m.minutes} />, !m.minutes.trim())}
      </div>
      <MeetingDrawer
        open={editing !== null} meeting={m} section={editing ?? 'facts'} onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('coop.meetings.saved'));
        }}
      />
    </>
  );
}
