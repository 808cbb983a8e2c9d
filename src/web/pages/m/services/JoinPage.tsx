import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { useMe } from '../../../services/auth.js';
import { ApiError } from '../../../services/client.js';
import { membershipApi, useMyMembership, useRefreshMembership, type MembershipDetail } from '../../../services/membership.js';
import { TopBar } from '../TopBar.js';
import { JoinForm } from './JoinForm.js';
import './membership.css';

// 加入工会 on the phone (issue 8 §2): the form, or where the worker's application stands — waiting
// (with the date the union promised), not approved (with the reason, and "apply again"), approved
// (his number and a link to the card).

function StatusCard({ app, onReapply }: { app: MembershipDetail; onReapply: () => void }) {
  const t = useT();
  const refresh = useRefreshMembership();
  const [error, setError] = useState<string | null>(null);
  const withdraw = async () => {
    if (!window.confirm(t('services.membership.mine.withdraw_confirm'))) return;
    setError(null);
    try {
      await membershipApi.withdraw(app.id);
      await refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.network_error'));
    }
  };
  return (
    <div className={`mc-state mc-state-${app.status}`} data-status={app.status}>
      {app.status === 'submitted' && (
        <>
          <strong>{t('services.membership.mine.submitted_title')}</strong>
          <span>{t('services.membership.mine.submitted_hint', { union: app.ownerUnion.name, date: app.reviewDueOn })}</span>
        </>
      )}
      {app.status === 'rejected' && (
        <>
          <strong>{t('services.membership.mine.rejected_title')}</strong>
          <span className="mc-reason">{t('services.membership.mine.rejected_reason', { reason: app.rejectReason ?? '' })}</span>
        </>
      )}
      {app.status === 'approved' && (
        <>
          <strong>{t('services.membership.mine.approved_title')}</strong>
          <span>{t('services.membership.mine.approved_hint', { memberNo: app.memberNo ?? '', joinedOn: app.joinedOn ?? '', union: app.ownerUnion.name })}</span>
        </>
      )}
      <ul className="m-list mc-facts">
        <li><span>{t('services.membership.field.ref_no')}</span><span>{app.refNo}</span></li>
        <li><span>{t('services.membership.field.status')}</span><span>{t(`services.membership.status.${app.status}`)}</span></li>
        <li><span>{t('services.membership.field.name')}</span><span>{app.name ?? '—'}</span></li>
        <li><span>{t('services.membership.field.id_card')}</span><span>{app.idCardMasked ?? '—'}</span></li>
        <li><span>{t('services.membership.field.employer')}</span><span>{app.employerName}</span></li>
        <li><span>{t('services.membership.field.union')}</span><span>{app.ownerUnion.name}</span></li>
        <li><span>{t('services.membership.field.created_at')}</span><span>{app.createdAt.slice(0, 10)}</span></li>
        {app.status === 'submitted' && <li><span>{t('services.membership.field.due')}</span><span>{app.reviewDueOn}</span></li>}
      </ul>
      {error && <div className="m-alert" role="alert">{error}</div>}
      <div className="m-row-actions">
        {app.status === 'approved' && <Link className="btn btn-primary m-submit" to="/m/services/card">{t('services.membership.mine.card_link')}</Link>}
        {app.status === 'rejected' && <button type="button" className="btn btn-primary m-submit" onClick={onReapply}>{t('services.membership.mine.reapply')}</button>}
        {app.can.withdraw && <button type="button" className="btn m-submit" onClick={() => void withdraw()}>{t('services.membership.mine.withdraw')}</button>}
      </div>
    </div>
  );
}

export function JoinPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const isSeeker = !!me.data?.roles.includes('seeker');
  const mine = useMyMembership(isSeeker);
  const [reapplying, setReapplying] = useState<string | null>(null);
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const app = mine.data?.application ?? null;
  // A new application (after a rejection the worker chose to redo) replaces the old one's view.
  const showForm = !app || app.status === 'withdrawn' || (app.status === 'rejected' && reapplying === app.id);
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('services.membership.join.title')}</h2>
        {!isSeeker ? (
          <div className="m-empty">{t('services.membership.join.workers_only')}</div>
        ) : mine.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : mine.isError ? (
          <div className="m-empty" role="alert">{t('common.network_error')}<div><button type="button" className="btn" onClick={() => void mine.refetch()}>{t('common.retry')}</button></div></div>
        ) : showForm ? (
          <JoinForm me={me.data} note={app?.status === 'withdrawn' ? t('services.membership.join.withdrawn_note', { refNo: app.refNo }) : undefined} />
        ) : (
          <StatusCard app={app} onReapply={() => setReapplying(app.id)} />
        )}
      </section>
    </div>
  );
}
