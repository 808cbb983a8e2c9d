import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useT, type Translate } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { TopBar } from '../TopBar.js';
import { useWorkerGate } from './HubPage.js';
import { RequestFileLinks, RequestFilePicker, uploadPicked, usePickedFiles } from './RequestFiles.js';
import { chinaDate, chinaTime, closeRequest, newKey, postMessage, reopenRequest, useRefreshRequests, useServiceRequest, type RequestDetail } from './requestsApi.js';
import './services.css';

// One of the worker's requests: where it stands and what happens next (the due time of the first
// answer, the auto-close date once answered), the thread with the union, a reply with files,
// "问题已解决" and, within 30 days of closing, reopening.

function nextStep(t: Translate, r: RequestDetail): { tone: 'info' | 'warn' | 'ok' | 'done'; text: string } {
  if (r.status === 'closed') {
    const why = t(`services.requests.web.next.closed_${r.closeReason ?? 'staff'}`);
    return { tone: 'done', text: r.can.reopen ? `${why}${t('services.requests.web.next.reopen_hint')}` : why };
  }
  if (r.status === 'answered') return { tone: 'ok', text: t('services.requests.web.next.answered', { date: chinaDate(r.autoCloseAt) }) };
  if (r.status === 'reopened') return { tone: 'info', text: t('services.requests.web.next.reopened', { union: r.ownerUnion.name }) };
  if (r.firstAnsweredAt) return { tone: 'info', text: t('services.requests.web.next.followup', { union: r.ownerUnion.name }) };
  if (new Date(r.answerDueAt).getTime() < Date.now()) return { tone: 'warn', text: t('services.requests.web.next.overdue', { due: chinaTime(r.answerDueAt) }) };
  return { tone: 'info', text: t('services.requests.web.next.waiting', { union: r.ownerUnion.name, due: chinaTime(r.answerDueAt) }) };
}

function Thread({ r }: { r: RequestDetail }) {
  const t = useT();
  return (
    <ol className="sv-thread" aria-label={t('services.requests.web.thread.title')}>
      <li className="sv-msg sv-msg-mine">
        <div className="sv-msg-who">{t('services.requests.web.thread.me')} · {chinaTime(r.createdAt)}</div>
        <div className="sv-bubble">{r.body}</div>
        <RequestFileLinks requestId={r.id} files={r.files} />
      </li>
      {r.messages.filter((m) => !m.isInternal).map((m) => {
        const mine = m.authorRole === 'worker';
        const who = mine ? t('services.requests.web.thread.me') : [m.unionName, m.authorName].filter(Boolean).join(' · ');
        return (
          <li key={m.id} className={mine ? 'sv-msg sv-msg-mine' : 'sv-msg'}>
            <div className="sv-msg-who">{who} · {chinaTime(m.createdAt)}</div>
            <div className="sv-bubble">{m.body}</div>
            <RequestFileLinks requestId={r.id} files={m.files} />
          </li>
        );
      })}
    </ol>
  );
}

/** The worker's reply (with files) or, once closed, the reason to reopen. */
function ReplyBox({ r, reopen }: { r: RequestDetail; reopen: boolean }) {
  const t = useT();
  const refresh = useRefreshRequests();
  const [text, setText] = useState('');
  const { files, setFiles, update } = usePickedFiles();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) { setError(t(reopen ? 'services.requests.web.reopen.need' : 'services.requests.web.reply.need')); return; }
    setBusy(true);
    setError(null);
    try {
      const after = reopen ? await reopenRequest(r.id, text.trim()) : await postMessage(r.id, { body: text.trim() }, key);
      setKey(newKey());
      // The files belong to the message just written: the worker's newest one.
      const message = [...after.messages].reverse().find((m) => m.authorRole === 'worker');
      const failed = files.length ? await uploadPicked(r.id, files, update, message?.id, t('common.network_error')) : 0;
      if (failed) setError(t('services.requests.web.reply.files_failed'));
      else { setText(''); setFiles([]); }
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  const id = reopen ? 'sv-reopen' : 'sv-reply';
  return (
    <form className="m-form sv-reply" onSubmit={submit} noValidate>
      <div className="m-field">
        <label htmlFor={id}>{t(reopen ? 'services.requests.web.reopen.label' : 'services.requests.web.reply.label')}</label>
        <textarea id={id} rows={4} maxLength={5000} value={text} aria-invalid={!!error && !text.trim()} onChange={(e) => setText(e.target.value)}
          placeholder={t(reopen ? 'services.requests.web.reopen.placeholder' : 'services.requests.web.reply.placeholder')} />
      </div>
      {!reopen && r.can.attach && <RequestFilePicker id={`${id}-files`} files={files} onChange={setFiles} disabled={busy} />}
      {error && <div className="m-alert" role="alert">{error}</div>}
      <button type="submit" className={reopen ? 'btn m-submit' : 'btn btn-primary m-submit'} disabled={busy}>
        {t(reopen ? 'services.requests.web.reopen.submit' : 'services.requests.web.reply.send')}
      </button>
    </form>
  );
}

function SolvedButton({ r }: { r: RequestDetail }) {
  const t = useT();
  const refresh = useRefreshRequests();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!window.confirm(t('services.requests.web.solved_confirm'))) return;
    setBusy(true);
    setError(null);
    try {
      await closeRequest(r.id);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.network_error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-primary m-submit" disabled={busy} onClick={() => void confirm()}>{t('services.requests.web.solved')}</button>
      {error && <div className="m-alert" role="alert">{error}</div>}
    </>
  );
}

export function WorkerRequestPage() {
  const t = useT();
  const { id } = useParams();
  const gate = useWorkerGate();
  const request = useServiceRequest(gate.me ? id : undefined);
  if (gate.element) return gate.element;
  const r = request.data;
  const next = r && nextStep(t, r);
  return (
    <div className="m">
      <TopBar back="/m/services/requests" />
      {request.isPending ? (
        <section className="m-section"><div className="m-empty">{t('common.loading')}</div></section>
      ) : request.isError || !r ? (
        <section className="m-section">
          <div className="m-empty" role="alert">
            <strong>{request.error instanceof ApiError && request.error.status === 404 ? t('services.requests.web.not_found') : request.error?.message}</strong>
            <div><Link className="btn" to="/m/services/requests">{t('services.requests.web.my.title')}</Link></div>
          </div>
        </section>
      ) : (
        <>
          <section className="m-section">
            <div className="sv-card-head">
              <span className="sv-ref">{r.refNo}</span>
              <span className={`m-status m-status-${r.status}`}>{t(`services.requests.web.status.${r.status}`)}</span>
            </div>
            <h2 className="sv-title">{r.subject}</h2>
            <ul className="m-list">
              <li><span>{t('services.requests.web.field.category')}</span><span>{t(`services.category.${r.category}`)}</span></li>
              <li><span>{t('services.requests.web.field.union')}</span><span>{r.ownerUnion.name}</span></li>
              <li><span>{t('services.requests.web.field.employer')}</span><span>{r.enterprise?.name ?? (r.employerName || t('common.none'))}</span></li>
              <li><span>{t('services.requests.web.field.created')}</span><span>{chinaTime(r.createdAt)}</span></li>
            </ul>
            {next && <div className="sv-next" data-tone={next.tone}>{next.text}</div>}
          </section>
          <section className="m-section" aria-labelledby="sv-thread-title">
            <h2 id="sv-thread-title">{t('services.requests.web.thread.title')}</h2>
            <Thread r={r} />
          </section>
          {(r.can.reply || r.can.close || r.can.reopen) && (
            <section className="m-section sv-actions">
              {r.status === 'answered' && r.can.close && <SolvedButton r={r} />}
              {r.can.reply && r.status !== 'closed' && <ReplyBox key={`reply-${r.id}`} r={r} reopen={false} />}
              {r.status === 'closed' && r.can.reopen && <ReplyBox key={`reopen-${r.id}`} r={r} reopen />}
            </section>
          )}
        </>
      )}
    </div>
  );
}
