import { ArrowLeftOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useT, type Translate } from '../../../i18n/index.js';
import type { Me } from '../../../services/auth.js';
import { chinaTime, fileSize, requestFileUrl, useServiceRequest, type FileInfo, type RequestDetail, type RequestEvent } from '../../m/services/requestsApi.js';
import { RequestActions } from './RequestActions.js';
import { RequestReply } from './RequestReply.js';
import { RequestSlaTag, RequestStatusTag } from './RequestTags.js';
import { ServicesNav } from './ServicesNav.js';
import './services-requests.css';

// One request for staff (issue 8 §1, §6): its facts, the worker (phone masked), what he wrote and
// sent, the thread with internal notes marked, the answer box, assign / transfer / close and the
// history. Staff of a union above the owner see the facts and the history only (banner).

function Files({ id, files }: { id: string; files: FileInfo[] }) {
  if (!files.length) return null;
  return (
    <div className="svr-files">
      {files.map((f) => <a key={f.id} href={requestFileUrl(id, f.id)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.name} · {fileSize(f.size)}</a>)}
    </div>
  );
}

function historyItem(t: Translate, h: RequestEvent, i: number) {
  const detail = h.action === 'transferred' && h.fromUnion && h.toUnion
    ? t('services.requests.web.history.transfer_detail', { from: h.fromUnion.name, to: h.toUnion.name })
    : h.action === 'created' && h.toUnion ? t('services.requests.web.history.routed_to', { union: h.toUnion.name }) : '';
  const color = h.action === 'escalated' ? 'red' : h.action === 'transferred' ? 'orange' : h.action === 'answered' ? 'green' : h.action.includes('closed') ? 'gray' : 'blue';
  return {
    key: `${h.at}-${i}`,
    color,
    content: (
      <div className="svr-history">
        <div><strong>{t(`services.requests.web.history.${h.action}`)}</strong> <span className="svr-muted">{chinaTime(h.at)}{h.actorName ? ` · ${h.actorName}` : ''}</span></div>
        {detail && <div>{detail}</div>}
        {h.note && <div className="svr-note">{h.note}</div>}
      </div>
    ),
  };
}

function Facts({ r }: { r: RequestDetail }) {
  const t = useT();
  const none = t('common.none');
  const items = [
    { key: 'cat', label: t('services.requests.web.field.category'), children: `${t(`services.category.${r.category}`)} · ${t(`services.requests.web.kind.${r.kind}`)}` },
    { key: 'union', label: t('services.requests.web.field.union'), children: <>{r.ownerUnion.name} <Typography.Text type="secondary">({t(`services.requests.web.routed.${r.routedBy}`)})</Typography.Text></> },
    { key: 'region', label: t('services.requests.web.field.region'), children: r.region.name },
    { key: 'emp', label: t('services.requests.web.field.employer'), children: r.enterprise ? <>{r.enterprise.name} <Tag color="blue">{t('services.requests.web.staff.registered')}</Tag></> : r.employerName || none },
    { key: 'channel', label: t('services.requests.web.field.channel'), children: r.channel === 'desk' ? `${t('services.requests.web.channel.desk')}${r.event ? ` · ${r.event.name}` : ''}` : t('services.requests.web.channel.online') },
    { key: 'assignee', label: t('services.requests.web.col.assignee'), children: r.assignee?.name ?? t('services.requests.web.unassigned') },
    { key: 'created', label: t('services.requests.web.field.created'), children: chinaTime(r.createdAt) },
    { key: 'due', label: t('services.requests.web.col.due'), children: <>{chinaTime(r.answerDueAt)} <RequestSlaTag sla={r.sla} /></> },
    ...(r.firstAnsweredAt ? [{ key: 'first', label: t('services.requests.web.field.first_answer'), children: chinaTime(r.firstAnsweredAt) }] : []),
    ...(r.autoCloseAt ? [{ key: 'auto', label: t('services.requests.web.field.auto_close'), children: chinaTime(r.autoCloseAt) }] : []),
    ...(r.closedAt ? [{ key: 'closed', label: t('services.requests.web.field.closed'), children: `${chinaTime(r.closedAt)} · ${t(`services.requests.web.close_reason.${r.closeReason ?? 'staff'}`)}` }] : []),
    ...(r.escalatedAt ? [{ key: 'esc', label: t('services.requests.web.field.escalated'), children: chinaTime(r.escalatedAt) }] : []),
    ...(r.reopenCount ? [{ key: 'reopen', label: t('services.requests.web.field.reopened'), children: String(r.reopenCount) }] : []),
    ...(r.aid ? [
      { key: 'plan', label: t('services.requests.web.field.aid_plan'), children: r.aid.plan.name },
      { key: 'amount', label: t('services.requests.web.field.aid_amount'), children: r.aid.claimAmount === null ? none : `¥${r.aid.claimAmount.toLocaleString('zh-CN')}` },
      { key: 'incident', label: t('services.requests.web.field.aid_incident'), children: r.aid.incidentOn ?? none },
      { key: 'member', label: t('services.requests.web.field.aid_member'), children: t(r.aid.memberFound ? 'services.requests.web.staff.member_found' : 'services.requests.web.staff.member_missing') },
    ] : []),
  ];
  return (
    <Card size="small" title={t('services.requests.web.staff.facts')} className="svr-card">
      <Descriptions size="small" column={1} items={items} />
    </Card>
  );
}

function Thread({ r }: { r: RequestDetail }) {
  const t = useT();
  return (
    <Card size="small" title={t('services.requests.web.thread.title')} className="svr-card">
      {r.messages.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('services.requests.web.staff.no_messages')} /> : (
        <ol className="svr-thread">
          {r.messages.map((m) => (
            <li key={m.id} className={m.isInternal ? 'svr-msg svr-msg-internal' : m.authorRole === 'worker' ? 'svr-msg svr-msg-worker' : 'svr-msg'}>
              <div className="svr-msg-head">
                <strong>{m.authorRole === 'worker' ? t('services.requests.web.staff.worker_said', { name: m.authorName ?? '' }) : [m.authorName, m.unionName].filter(Boolean).join(' · ')}</strong>
                {m.isInternal && <Tag icon={<LockOutlined />} color="gold">{t('services.requests.web.staff.internal')}</Tag>}
                <span className="svr-muted">{chinaTime(m.createdAt)}</span>
              </div>
              <div className="svr-text">{m.body}</div>
              <Files id={r.id} files={m.files} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export default function StaffRequestPage({ me }: { me: Me }) {
  const t = useT();
  const { id } = useParams();
  const request = useServiceRequest(id);
  const r = request.data;
  const history = r && (
    <Card size="small" title={t('services.requests.web.staff.history')} className="svr-card">
      <Timeline items={r.history.map((h, i) => historyItem(t, h, i))} />
    </Card>
  );
  return (
    <>
      <ServicesNav />
      <Link to="/admin/services" className="svr-back"><ArrowLeftOutlined /> {t('services.requests.web.staff.back')}</Link>
      {request.isError && <Alert type="error" showIcon title={request.error.message} style={{ margin: '12px 0' }} />}
      {request.isPending && <Card><Skeleton active /></Card>}
      {r && (
        <>
          <div className="admin-page-head">
            <h1><span className="svr-ref">{r.refNo}</span> {r.subject ?? t('services.requests.web.hidden')}</h1>
            <span><RequestStatusTag status={r.status} /><RequestSlaTag sla={r.sla} /></span>
          </div>
          {r.contentHidden && (
            <Alert type="info" showIcon icon={<LockOutlined />} style={{ marginBottom: 16 }}
              title={t('services.requests.web.staff.hidden_title', { union: r.ownerUnion.name })} description={t('services.requests.web.staff.hidden_desc')} />
          )}
          {r.contentHidden ? (
            // Facts only: they take the main column, the history the side.
            <div className="svr-grid">
              <div className="svr-main">
                <RequestActions request={r} me={me} />
                <Facts r={r} />
              </div>
              <div className="svr-side">{history}</div>
            </div>
          ) : (
            <div className="svr-grid">
              <div className="svr-main">
                <Card size="small" title={t('services.requests.web.staff.body')} className="svr-card"
                  extra={r.worker && <span className="svr-worker">{r.worker.name ?? t('common.none')} · {r.worker.phoneMasked ?? t('common.none')}</span>}>
                  <div className="svr-text">{r.body}</div>
                  <Files id={r.id} files={r.files} />
                  {r.files.length === 0 && <div className="svr-muted svr-nofiles">{t('services.requests.web.staff.no_files')}</div>}
                </Card>
                <Thread r={r} />
                {r.can.reply && <RequestReply request={r} />}
              </div>
              <div className="svr-side">
                <RequestActions request={r} me={me} />
                <Facts r={r} />
                {history}
              </div>
            </div>
          )}
        </>
      )}
    </>
  );
}
