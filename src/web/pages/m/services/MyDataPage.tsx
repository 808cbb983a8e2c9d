import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { useMe } from '../../../services/auth.js';
import { ApiError } from '../../../services/client.js';
import { TextField } from '../TextField.js';
import { TopBar } from '../TopBar.js';
import { chinaTime, MY_DATA, useMyDataActions, useMyDataSummary, type Erased, type MyConsent, type MyDataSummary } from './MyDataApi.js';
import './my-data.css';

// 我的服务数据 on the phone (issue 8 §5): what the union services keep (counts), the consents given
// (the sharing at a fair can be withdrawn here), export as JSON or PDF, and erasure with the
// password — saying plainly what goes and what stays.

const COUNTS = ['requests', 'claims', 'memberships', 'aidMemberships', 'files', 'consents'] as const;

function ConsentItem({ consent, onWithdraw }: { consent: MyConsent; onWithdraw(): void }) {
  const t = useT();
  return (
    <li className="md-consent" data-purpose={consent.purpose}>
      <div className="md-consent-head">
        <strong>{t(`services.rights.purpose.${consent.purpose}`)}</strong>
        {consent.canWithdraw && <button type="button" className="btn m-small m-danger" onClick={onWithdraw}>{t('services.rights.withdraw')}</button>}
      </div>
      <p className="md-consent-text">{consent.text}</p>
      <small>{t('services.rights.given', { channel: t(`services.rights.channel.${consent.channel}`), at: chinaTime(consent.givenAt) })}</small>
      {consent.withdrawnAt && <small className="md-withdrawn">{t('services.rights.withdrawn', { at: chinaTime(consent.withdrawnAt) })}</small>}
    </li>
  );
}

function EraseSection({ summary, onErased }: { summary: MyDataSummary; onErased(erased: Erased): void }) {
  const t = useT();
  const actions = useMyDataActions();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) { setError(t('services.rights.password_required')); return; }
    setBusy(true);
    setError(null);
    try {
      onErased(await actions.erase(password));
      setOpen(false);
      setPassword('');
    } catch (err) {
      setError(err instanceof ApiError ? err.issues[0]?.message ?? err.message : t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="m-section" aria-labelledby="md-delete">
      <h2 id="md-delete">{t('services.rights.delete')}</h2>
      <p className="md-para">{t('services.rights.delete_what')}</p>
      <p className="md-para md-keeps">{t('services.rights.delete_keeps')}</p>
      {summary.approvedMember && <p className="md-para md-keeps" data-testid="md-member-note">{t('services.rights.delete_member')}</p>}
      <p className="m-hint">{t('services.rights.delete_account')}</p>
      {!open ? (
        <button type="button" className="btn m-submit m-danger" onClick={() => setOpen(true)}>{t('services.rights.delete_open')}</button>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField id="md-password" label={t('services.rights.password')} type="password" autoComplete="current-password" value={password} onValue={setPassword} error={error ?? undefined} />
          <div className="m-row-actions md-confirm">
            <button type="submit" className="btn btn-primary m-submit" disabled={busy}>{t('services.rights.delete_confirm')}</button>
            <button type="button" className="btn m-submit" onClick={() => { setOpen(false); setError(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

export function MyDataPage() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const isWorker = !!me.data?.roles.includes('seeker');
  const summary = useMyDataSummary(isWorker);
  const actions = useMyDataActions();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;

  const withdraw = async (consent: MyConsent) => {
    if (!window.confirm(t('services.rights.withdraw_confirm'))) return;
    setError(null);
    try { await actions.withdraw(consent.id); } catch (e) { setError(e instanceof ApiError ? e.message : t('common.network_error')); }
  };
  const data = summary.data;
  const total = data ? COUNTS.reduce((n, k) => n + data.counts[k], 0) : 0;
  return (
    <div className="m md-page">
      <TopBar back="/m/services" />
      <section className="m-section">
        <h2>{t('services.rights.title')}</h2>
        <p className="md-para">{t('services.rights.intro')}</p>
        {notice && <div className="md-notice" role="status">{notice}</div>}
        {error && <div className="m-alert" role="alert">{error}</div>}
      </section>
      {!isWorker ? (
        <section className="m-section"><div className="m-empty">{t('services.rights.workers_only')}</div></section>
      ) : summary.isPending ? (
        <section className="m-section"><div className="m-empty">{t('common.loading')}</div></section>
      ) : summary.isError || !data ? (
        <section className="m-section"><div className="m-empty" role="alert">{t('common.network_error')}<div><button type="button" className="btn" onClick={() => void summary.refetch()}>{t('common.retry')}</button></div></div></section>
      ) : (
        <>
          <section className="m-section" aria-labelledby="md-held">
            <h2 id="md-held">{t('services.rights.held')}</h2>
            {total === 0 ? <div className="m-empty" data-testid="md-nothing">{t('services.rights.nothing')}</div> : (
              <ul className="m-list">
                {COUNTS.map((k) => <li key={k} data-count={k}><span>{t(`services.rights.count.${k}`)}</span><span>{t('services.rights.unit', { n: data.counts[k] })}</span></li>)}
              </ul>
            )}
          </section>
          <section className="m-section" aria-labelledby="md-consents">
            <h2 id="md-consents">{t('services.rights.consents')}</h2>
            {data.consents.length === 0 ? <div className="m-empty">{t('services.rights.no_consents')}</div> : (
              <ul className="md-consents">{data.consents.map((c) => <ConsentItem key={c.id} consent={c} onWithdraw={() => void withdraw(c)} />)}</ul>
            )}
          </section>
          <section className="m-section m-actions" aria-labelledby="md-export">
            <h2 id="md-export">{t('services.rights.export')}</h2>
            <a className="btn" href={MY_DATA} download>{t('services.rights.export_json')}</a>
            <a className="btn" href={`${MY_DATA}.pdf`} download>{t('services.rights.export_pdf')}</a>
            <p className="m-hint">{t('services.rights.export_hint')}</p>
          </section>
          {total > 0 && <EraseSection summary={data} onErased={(e) => setNotice(t('services.rights.deleted', { requests: e.requests, memberships: e.memberships, aid: e.aidMembers, files: e.files, consents: e.consents }))} />}
        </>
      )}
    </div>
  );
}
