import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import type { UiKey } from '../../../i18n/zh-CN.js';
import { useMe } from '../../../services/auth.js';
import { TopBar } from '../TopBar.js';
import { chinaDate, useMyRequests, useReadNotice, useWorkerNotices, type WorkerNotice } from './requestsApi.js';
import './services.css';

// The worker-services hub on the phone (issue 8 §6): ask the union, my requests, join the union,
// my card, mutual aid, my data. The last four are other slices' pages; this one only links them.

/** A worker's page needs a login: to the login page and back here after it. */
export function useWorkerGate() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return { element: <PageLoading /> };
  if (!me.data) return { element: <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace /> };
  return { me: me.data, isWorker: me.data.roles.includes('seeker'), element: null };
}

const TILES: { to: string; icon: string; key: string }[] = [
  { to: '/m/services/requests', icon: '诉', key: 'mine' },
  { to: '/m/services/join', icon: '会', key: 'join' },
  { to: '/m/services/card', icon: '卡', key: 'card' },
  { to: '/m/services/aid', icon: '保', key: 'aid' },
  { to: '/m/services/my-data', icon: '数', key: 'my_data' },
];

export function ServicesHubPage() {
  const t = useT();
  const me = useMe();
  const isWorker = !!me.data?.roles.includes('seeker');
  const mine = useMyRequests(isWorker);
  const recent = mine.data?.items.slice(0, 3) ?? [];
  const notices = useWorkerNotices(isWorker);
  const readNotice = useReadNotice();
  const navigate = useNavigate();
  const open = (n: WorkerNotice) => {
    readNotice.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  const tile = (to: string, icon: string, key: string, main = false) => (
    <Link key={to} to={to} className={main ? 'sv-tile sv-tile-main' : 'sv-tile'}>
      <span className="m-entry-icon" aria-hidden="true">{icon}</span>
      <span className="sv-tile-text">
        <strong>{t(`services.requests.web.hub.${key}` as UiKey)}</strong>
        <small>{t(`services.requests.web.hub.${key}_desc` as UiKey)}</small>
      </span>
    </Link>
  );
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h2>{t('services.requests.web.hub.title')}</h2>
        <p className="sv-intro">{t('services.requests.web.hub.intro')}</p>
        <div className="sv-tiles">
          {tile('/m/services/ask', '法', 'ask', true)}
          {TILES.map((x) => tile(x.to, x.icon, x.key))}
        </div>
        <p className="m-hint"><span className="sv-promise">{t('services.requests.web.hub.promise')}</span></p>
      </section>
      {isWorker && (notices.data?.items.length ?? 0) > 0 && (
        <section className="m-section" aria-labelledby="sv-notices">
          <h2 id="sv-notices">{t('services.requests.web.hub.notices', { count: notices.data!.unread })}</h2>
          <ul className="m-list sv-notices">
            {notices.data!.items.map((n) => (
              <li key={n.id}>
                <button type="button" className="sv-notice" onClick={() => open(n)}>
                  {n.text}<span className="sv-meta"> · {chinaDate(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {isWorker && recent.length > 0 && (
        <section className="m-section" aria-labelledby="sv-recent">
          <h2 id="sv-recent">{t('services.requests.web.hub.recent')}</h2>
          <ul className="m-list">
            {recent.map((r) => (
              <li key={r.id}>
                <Link to={`/m/services/requests/${r.id}`} className="m-link">{r.subject}<span className="sv-meta"> · {chinaDate(r.createdAt)}</span></Link>
                <span className={`m-status m-status-${r.status}`}>{t(`services.requests.web.status.${r.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
