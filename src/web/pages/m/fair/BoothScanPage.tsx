import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import type { QueuedWrite } from '../../../offline/queue.js';
import { useWriteQueue } from '../../../offline/useWriteQueue.js';
import { useMe } from '../../../services/auth.js';
import { useMySignup, usePublicEvent, type BoothRecord, type Intent } from '../../../services/fairday.js';
import { TopBar } from '../TopBar.js';
import { QueuePanel } from './QueuePanel.js';
import { CodeEntry, codeLabel, ResultBanner } from './scan.js';
import './fair.css';

type Kind = 'consultation' | 'interview' | 'intent';
const KINDS: Kind[] = ['consultation', 'interview', 'intent'];
const todayInChina = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Draft { kind: Kind; postingIds: number[]; note: string; rating: number; outcome: 'pass' | 'pending' | 'fail'; salary: string; startDate: string }
const emptyDraft = (): Draft => ({ kind: 'consultation', postingIds: [], note: '', rating: 0, outcome: 'pending', salary: '', startDate: todayInChina() });

/** The employer's phone at its booth (issue 5 §5): scan a visitor, then record a talk, an interview or a hiring intent. */
export function BoothScanPage() {
  const t = useT();
  const { id } = useParams();
  const eventId = Number(id);
  const me = useMe();
  const location = useLocation();
  const event = usePublicEvent(eventId);
  const signup = useMySignup(eventId, !!me.data);
  const { queue, state } = useWriteQueue(`booth-${eventId}`);
  const [visitor, setVisitor] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [last, setLast] = useState<string | null>(null);

  if (me.isPending || event.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const mine = signup.data;
  const atBooth = mine && mine.status === 'approved' && mine.booth;
  if (!event.data || signup.isPending || !atBooth) {
    return (
      <div className="m">
        <TopBar back={`/m/events/${eventId}`} />
        <div className="m-section m-empty">
          {signup.isPending ? t('common.loading') : <><strong>{t('fd.booth.no_booth')}</strong>{t('fd.booth.no_booth_hint')}</>}
        </div>
      </div>
    );
  }
  const postings = mine.postings.filter((p) => p.status === 'published');

  const take = (code: string) => {
    setVisitor(code);
    setErrors({});
  };
  const toggle = (postingId: number) => setDraft((d) => ({
    ...d, postingIds: d.kind === 'intent' ? [postingId] : d.postingIds.includes(postingId) ? d.postingIds.filter((x) => x !== postingId) : [...d.postingIds, postingId],
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!visitor) return;
    const issues: Record<string, string> = {};
    if (draft.kind === 'intent') {
      if (draft.postingIds.length !== 1) issues.postingIds = t('fd.booth.pick_one_posting');
      if (!(Number(draft.salary) >= 1)) issues.salary = t('fd.booth.salary_required');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.startDate)) issues.startDate = t('fd.booth.start_required');
    }
    setErrors(issues);
    if (Object.keys(issues).length) return;
    const note = draft.note.trim() || undefined;
    const label = `${t(`fd.booth.kind.${draft.kind}`)} · ${codeLabel(visitor)}`;
    const write = draft.kind === 'intent'
      ? queue.add(`/api/events/${eventId}/intents`, { code: visitor, postingId: draft.postingIds[0], salary: Number(draft.salary), startDate: draft.startDate, note }, label)
      : queue.add(`/api/events/${eventId}/booth-records`, {
        code: visitor, kind: draft.kind, postingIds: draft.postingIds, note,
        ...(draft.kind === 'consultation' && draft.rating ? { rating: draft.rating } : {}),
        ...(draft.kind === 'interview' ? { outcome: draft.outcome } : {}),
      }, label);
    setLast(write.key);
    setVisitor(null);
    setDraft(emptyDraft());
  };
  const describe = (w: QueuedWrite) => {
    if (w.state === 'failed') return <>{w.label}：{w.error?.message}</>;
    const r = w.result as (BoothRecord | Intent | undefined);
    if (!r) return w.label;
    return <>{w.label.split(' · ')[0]} · {r.visitor.name} {r.visitor.phoneMasked}{'status' in r ? ` · ${t(`fd.intent.status.${r.status}`)}` : ''}</>;
  };

  const lastWrite = last ? state.items.find((w) => w.key === last) : undefined;
  return (
    <div className="m">
      <TopBar back={`/m/events/${eventId}`} />
      <section className="m-section">
        <h1 className="fd-title">{t('fd.booth.title', { booth: mine.booth! })}</h1>
        <p className="m-hint">{mine.enterprise.name} · {event.data.name}</p>
        {lastWrite && <ResultBanner write={lastWrite} done={describe(lastWrite)} />}
        {!visitor ? (
          <CodeEntry id="fd-visitor-code" submitLabel={t('fd.booth.take')} onCode={take} />
        ) : (
          <form className="m-form" onSubmit={submit} noValidate aria-label={t('fd.booth.record')}>
            <div className="fd-visitor">
              <span>{t('fd.booth.visitor', { code: codeLabel(visitor) })}</span>
              <button type="button" className="btn" onClick={() => setVisitor(null)}>{t('fd.booth.rescan')}</button>
            </div>
            <div className="fd-tabs" role="radiogroup" aria-label={t('fd.booth.kind_label')}>
              {KINDS.map((k) => (
                <button key={k} type="button" role="radio" aria-checked={draft.kind === k} className={`fd-tab${draft.kind === k ? ' fd-tab-on' : ''}`}
                  onClick={() => setDraft({ ...draft, kind: k, postingIds: k === 'intent' ? draft.postingIds.slice(0, 1) : draft.postingIds })}>
                  {t(`fd.booth.kind.${k}`)}
                </button>
              ))}
            </div>
            <fieldset className="fd-postings">
              <legend>{draft.kind === 'intent' ? t('fd.booth.posting_one') : t('fd.booth.postings')}</legend>
              {postings.length === 0 && <div className="m-hint">{t('fd.booth.no_postings')}</div>}
              {postings.map((p) => (
                <label key={p.id} className="fd-check">
                  <input type={draft.kind === 'intent' ? 'radio' : 'checkbox'} name="posting" checked={draft.postingIds.includes(p.id)} onChange={() => toggle(p.id)} />
                  <span>{p.title}</span>
                </label>
              ))}
              {errors.postingIds && <div className="m-field-error">{errors.postingIds}</div>}
            </fieldset>
            {draft.kind === 'consultation' && (
              <div className="m-field">
                <span className="fd-label" id="fd-rating">{t('fd.booth.rating')}</span>
                <div className="fd-stars" role="radiogroup" aria-labelledby="fd-rating">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <button key={n} type="button" role="radio" aria-checked={draft.rating === n} aria-label={t('fd.booth.stars', { n })}
                      className={n <= draft.rating ? 'fd-star fd-star-on' : 'fd-star'} onClick={() => setDraft({ ...draft, rating: n })}>★</button>
                  ))}
                </div>
              </div>
            )}
            {draft.kind === 'interview' && (
              <div className="m-field">
                <label htmlFor="fd-outcome">{t('fd.booth.outcome')}</label>
                <select id="fd-outcome" className="fd-select" value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value as Draft['outcome'] })}>
                  {(['pass', 'pending', 'fail'] as const).map((o) => <option key={o} value={o}>{t(`fd.booth.outcome.${o}`)}</option>)}
                </select>
              </div>
            )}
            {draft.kind === 'intent' && (
              <>
                <div className="m-field">
                  <label htmlFor="fd-salary">{t('fd.booth.salary')}</label>
                  <input id="fd-salary" inputMode="numeric" value={draft.salary} aria-invalid={!!errors.salary} onChange={(e) => setDraft({ ...draft, salary: e.target.value.replace(/\D/g, '') })} />
                  {errors.salary && <div className="m-field-error">{errors.salary}</div>}
                </div>
                <div className="m-field">
                  <label htmlFor="fd-start">{t('fd.booth.start')}</label>
                  <input id="fd-start" type="date" value={draft.startDate} aria-invalid={!!errors.startDate} onChange={(e) => setDraft({ ...draft, startDate: e.target.value })} />
                  {errors.startDate && <div className="m-field-error">{errors.startDate}</div>}
                </div>
                <p className="m-hint">{t('fd.booth.intent_hint')}</p>
              </>
            )}
            <div className="m-field">
              <label htmlFor="fd-note">{t('fd.booth.note')}</label>
              <textarea id="fd-note" className="fd-textarea" rows={2} maxLength={1000} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
            </div>
            <button type="submit" className="btn btn-primary m-submit">{t('fd.booth.save')}</button>
          </form>
        )}
      </section>
      <QueuePanel queue={queue} state={state} describe={describe} />
      <p className="m-hint fd-foot"><Link to={`/m/events/${eventId}`}>{t('fd.event.page')}</Link></p>
    </div>
  );
}
