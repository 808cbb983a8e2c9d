import { Link } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { TopBar } from '../TopBar.js';
import { useWorkerGate } from './HubPage.js';
import { chinaDate, useMyRequests } from './requestsApi.js';
import './services.css';

// The worker's own requests, newest first, each with its status; empty → a way to ask.

export function MyRequestsPage() {
  const t = useT();
  const gate = useWorkerGate();
  const list = useMyRequests(!!gate.isWorker);
  if (gate.element) return gate.element;
  return (
    <div className="m">
      <TopBar back="/m/services" />
      <section className="m-section">
        <h2>{t('services.requests.web.my.title')}</h2>
        {!gate.isWorker ? (
          <div className="m-empty">{t('services.requests.web.workers_only')}</div>
        ) : list.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : list.isError ? (
          <div className="m-empty" role="alert">{list.error.message}<div><button type="button" className="btn" onClick={() => void list.refetch()}>{t('common.retry')}</button></div></div>
        ) : list.data.items.length === 0 ? (
          <div className="m-empty">
            <strong>{t('services.requests.web.my.empty')}</strong>
            {t('services.requests.web.my.empty_hint')}
            <div><Link className="btn btn-primary" to="/m/services/ask">{t('services.requests.web.hub.ask')}</Link></div>
          </div>
        ) : (
          <>
            <ul className="sv-card-list">
              {list.data.items.map((r) => (
                <li key={r.id}>
                  <Link className="sv-card" to={`/m/services/requests/${r.id}`}>
                    <div className="sv-card-head">
                      <span className="sv-card-title">{r.subject}</span>
                      <span className={`m-status m-status-${r.status}`}>{t(`services.requests.web.status.${r.status}`)}</span>
                    </div>
                    <div className="sv-meta">{r.refNo} · {t(`services.category.${r.category}`)} · {chinaDate(r.createdAt)}</div>
                    <div className="sv-meta">{t('services.requests.web.my.union', { union: r.ownerUnion.name })}</div>
                  </Link>
                </li>
              ))}
            </ul>
            <Link className="btn btn-primary m-submit sv-below" to="/m/services/ask">{t('services.requests.web.hub.ask')}</Link>
          </>
        )}
      </section>
    </div>
  );
}
