import { Link, Navigate, useLocation } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { useMe } from '../../../services/auth.js';
import { useMyMembership } from '../../../services/membership.js';
import { QrCode } from '../fair/QrCode.js';
import { TopBar } from '../TopBar.js';
import './membership.css';

// 我的会员卡 (issue 8 §2): the electronic membership card with a QR that opens the public check.

export function CardPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const mine = useMyMembership(!!me.data);
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const card = mine.data?.card ?? null;
  const pending = mine.data?.application?.status === 'submitted' ? mine.data.application : null;
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('services.membership.card.title')}</h2>
        {mine.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : mine.isError ? (
          <div className="m-empty" role="alert">{t('common.network_error')}<div><button type="button" className="btn" onClick={() => void mine.refetch()}>{t('common.retry')}</button></div></div>
        ) : card ? (
          <div className="mc-card" aria-label={t('services.membership.card.heading')}>
            <div className="mc-card-head">
              <span className="mc-card-mark" aria-hidden="true">工</span>
              <div>
                <strong>{t('services.membership.card.heading')}</strong>
                <small>{card.union}</small>
              </div>
            </div>
            <div className="mc-card-name">{card.name}</div>
            <dl className="mc-card-facts">
              <div><dt>{t('services.membership.field.member_no')}</dt><dd className="mc-card-no">{card.memberNo}</dd></div>
              <div><dt>{t('services.membership.field.joined_on')}</dt><dd>{card.joinedOn}</dd></div>
            </dl>
            <div className="mc-card-qr">
              <QrCode text={`${window.location.origin}${card.checkPath}`} size={176} label={t('services.membership.card.qr_label')} />
              <span>{t('services.membership.card.scan')}</span>
            </div>
          </div>
        ) : (
          <div className="m-empty">
            <strong>{t('services.membership.card.empty')}</strong>
            {pending ? t('services.membership.card.pending', { date: pending.reviewDueOn }) : t('services.membership.card.empty_hint')}
            <div>
              <Link className="btn btn-primary" to="/m/services/join">{t(pending ? 'services.membership.card.view_application' : 'services.membership.card.apply')}</Link>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
