import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import { useMe } from '../../../services/auth.js';
import { QueuePanel } from '../fair/QueuePanel.js';
import { TopBar } from '../TopBar.js';
import { formatSeconds, useJudgeQueue, useSheet, type JudgeWrite, type SheetAspect, type SheetContestant } from './judgeApi.js';
import { pendingKeys } from './JudgePages.js';
import '../fair/fair.css';
import './judge.css';

type Draft = { value: string } | { picks: Record<string, number> };
const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', '⌫'];

/** Measurement: a number pad (0..max, two decimals) instead of the phone's keyboard. */
function NumberPad({ aspect, value, onValue }: { aspect: SheetAspect; value: string; onValue(v: string): void }) {
  const t = useT();
  const press = (k: string) => {
    if (k === '⌫') return onValue(value.slice(0, -1));
    const next = value === '0' && k !== '.' ? k : value + k;
    if (/^\d{0,3}(\.\d{0,2})?$/.test(next)) onValue(next);
  };
  return (
    <div className="jd-pad-wrap">
      <output className="jd-display" aria-label={t('contests.scores.m.value_of', { aspect: aspect.code })}>{value || '—'}<small> / {aspect.max}</small></output>
      <div className="jd-pad">
        {PAD.map((k) => <button key={k} type="button" className="jd-key" onClick={() => press(k)} aria-label={k === '⌫' ? t('contests.scores.m.backspace') : k}>{k}</button>)}
      </div>
    </div>
  );
}

/** Judgement: 0 / 1 / 2 / 3 with the written descriptors. */
function JudgementButtons({ aspect, value, onValue }: { aspect: SheetAspect; value: string; onValue(v: string): void }) {
  return (
    <div className="jd-judgement" role="radiogroup" aria-label={aspect.code}>
      {[0, 1, 2, 3].map((n) => (
        <button key={n} type="button" role="radio" aria-checked={value === String(n)} className={`jd-score${value === String(n) ? ' jd-score-on' : ''}`} onClick={() => onValue(String(n))}>
          <strong>{n}</strong><span>{aspect.descriptors?.[n] ?? ''}</span>
        </button>
      ))}
    </div>
  );
}

/** Deduction: the listed deductions, each ticked with a count. */
function DeductionList({ aspect, picks, ready, onPicks }: { aspect: SheetAspect; picks: Record<string, number>; ready: boolean; onPicks(p: Record<string, number>): void }) {
  const t = useT();
  const set = (code: string, n: number) => onPicks({ ...picks, [code]: Math.max(0, Math.min(50, n)) });
  const total = (aspect.deductions ?? []).reduce((s, d) => s + d.points * (picks[d.code] ?? 0), 0);
  return (
    <div className="jd-deductions">
      {(aspect.deductions ?? []).map((d) => (
        <div key={d.code} className={`jd-ded${picks[d.code] ? ' jd-ded-on' : ''}`}>
          <label><input type="checkbox" checked={!!picks[d.code]} onChange={(e) => set(d.code, e.target.checked ? 1 : 0)} /> <span>{d.code} {d.text}（−{d.points}）</span></label>
          <span className="jd-count">
            <button type="button" className="btn" aria-label={t('contests.scores.m.less', { code: d.code })} onClick={() => set(d.code, (picks[d.code] ?? 0) - 1)}>−</button>
            <span aria-live="polite">{picks[d.code] ?? 0}</span>
            <button type="button" className="btn" aria-label={t('contests.scores.m.more', { code: d.code })} onClick={() => set(d.code, (picks[d.code] ?? 0) + 1)}>+</button>
          </span>
        </div>
      ))}
      <div className="jd-ded-foot">
        <span className="m-hint">{t('contests.scores.m.deduction_total', { total: Math.min(total, Number(aspect.max)), max: aspect.max })}</span>
        <button type="button" className="btn" aria-pressed={ready && total === 0} onClick={() => onPicks({})}>{t('contests.scores.m.no_deduction')}</button>
      </div>
    </div>
  );
}

const payloadOf = (aspect: SheetAspect, d: Draft) => ('picks' in d
  ? { deductions: Object.entries(d.picks).filter(([, n]) => n > 0).map(([code, count]) => ({ code, count })) }
  : { value: Number(d.value) });
const isReady = (d: Draft | undefined) => !!d && ('picks' in d || (d.value !== '' && d.value !== '.'));
const emptyDraft = (a: SheetAspect): Draft => (a.type === 'deduction' ? { picks: {} } : { value: '' });

/** One work number: its aspects (entry controls, his own entries, flags) and the time; saved through the phone's queue. */
export function JudgeEntryPage() {
  const t = useT();
  const { id, itemId, contestantId } = useParams();
  const contestId = Number(id);
  const item = Number(itemId);
  const me = useMe();
  const location = useLocation();
  const client = useQueryClient();
  const sheet = useSheet(contestId, item, !!me.data);
  const { queue, state } = useJudgeQueue(contestId, () => { void client.invalidateQueries({ queryKey: ['contest-sheet', contestId] }); });
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [editing, setEditing] = useState<Record<number, boolean>>({});
  const [reason, setReason] = useState('');
  const [time, setTime] = useState({ m: '', s: '' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  if (me.isPending || (!sheet.data && !sheet.isError)) return <PageLoading />;
  if (!me.data) return <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const back = `/m/judge/contests/${contestId}/items/${item}`;
  // A sheet seen before stays usable when a refresh fails (no network): writes queue on the phone.
  if (!sheet.data) return <div className="m"><TopBar back={back} /><div className="m-section m-alert" role="alert">{sheet.error?.message}</div></div>;
  const s = sheet.data;
  const c: SheetContestant | undefined = s.contestants.find((x) => x.id === Number(contestantId));
  if (!c) return <div className="m"><TopBar back={back} /><div className="m-section m-empty">{t('contests.scores.m.no_match')}</div></div>;
  const pending = pendingKeys(state.items, item);
  const locked = s.item.lockState !== 'open';
  const index = s.contestants.indexOf(c);
  const next = s.contestants[index + 1];

  const save = () => {
    setError(null);
    const writes: { path: string; body: JudgeWrite; label: string }[] = [];
    for (const a of s.aspects) {
      const slot = c.aspects.find((x) => x.aspectId === a.id)!;
      const d = drafts[a.id];
      if (!isReady(d)) continue;
      const label = `${c.workNumber} · ${a.code}`;
      if (slot.mine && editing[a.id]) {
        writes.push({ path: `/api/contests/${contestId}/items/${item}/marks/${slot.mine.id}`, label: `${label} ${t('contests.scores.m.changed')}`,
          body: { method: 'PATCH', itemId: item, contestantId: c.id, aspectId: a.id, payload: { ...payloadOf(a, d!), ...(reason.trim() ? { reason: reason.trim() } : {}) } } });
      } else if (!slot.mine) {
        writes.push({ path: `/api/contests/${contestId}/items/${item}/marks`, label, body: { method: 'POST', itemId: item, contestantId: c.id, aspectId: a.id, payload: { contestantId: c.id, aspectId: a.id, ...payloadOf(a, d!) } } });
      }
    }
    const seconds = Number(time.m || 0) * 60 + Number(time.s || 0);
    if ((time.m || time.s) && seconds > 0) {
      writes.push({ path: `/api/contests/${contestId}/items/${item}/times/${c.id}`, label: `${c.workNumber} · ${t('contests.scores.m.time')} ${formatSeconds(seconds)}`,
        body: { method: 'PUT', itemId: item, contestantId: c.id, aspectId: null, payload: { seconds, ...(reason.trim() ? { reason: reason.trim() } : {}) } } });
    }
    if (writes.length === 0) { setError(t('contests.scores.m.nothing')); return; }
    if (locked && !reason.trim()) { setError(t('contests.scores.m.reason_needed')); return; }
    for (const w of writes) queue.add(w.path, w.body, w.label);
    setDrafts({}); setEditing({}); setReason(''); setTime({ m: '', s: '' }); setSaved(true);
  };

  return (
    <div className="m">
      <TopBar back={back} />
      <section className="m-section">
        <p className="m-hint jd-crumb">{s.item.code} {s.item.name}</p>
        <h1 className="jd-wn-title">{t('contests.scores.m.work_number', { wn: c.workNumber })}</h1>
        {c.name && <p className="m-hint">{c.name} · {c.team} · {c.employer}</p>}
        {saved && <div className="fd-result fd-result-ok" role="status">{state.pending > 0 ? t('contests.scores.m.queued', { n: state.pending }) : t('contests.scores.m.saved')}</div>}
        {locked && <div className="jd-note">{t('contests.scores.m.locked_hint')}</div>}
      </section>
      {s.aspects.map((a) => {
        const slot = c.aspects.find((x) => x.aspectId === a.id)!;
        const isPending = pending.has(`${c.id}:${a.id}`);
        const open = (!slot.mine && !isPending && slot.entries < slot.needed && !locked) || (slot.mine && editing[a.id]);
        const d = drafts[a.id] ?? emptyDraft(a);
        const setDraft = (nd: Draft) => { setSaved(false); setDrafts({ ...drafts, [a.id]: nd }); };
        return (
          <section key={a.id} className={`m-section jd-aspect${slot.flagOpen && slot.mine ? ' jd-aspect-flag' : ''}`} aria-label={a.code}>
            <div className="jd-aspect-head">
              <strong>{a.code}</strong>
              <span className="jd-type">{t(`contests.scores.type.${a.type}`)} · {t('contests.scores.m.max', { max: a.max })}</span>
            </div>
            {a.description && <p className="m-hint">{a.description}</p>}
            {slot.mine && (
              <div className="jd-mine">
                <span>{t('contests.scores.m.mine', { value: slot.mine.value })}</span>
                {slot.flagOpen && <span className="jd-flag">{t(`contests.scores.flag.${slot.flag!}`)}</span>}
                {!editing[a.id] && s.me.canEnter && (
                  <button type="button" className="btn" onClick={() => { setEditing({ ...editing, [a.id]: true }); setDraft(a.type === 'deduction'
                    ? { picks: Object.fromEntries((slot.mine!.deductions ?? []).map((x) => [x.code, x.count])) } : { value: slot.mine!.value }); }}>{t('contests.scores.m.change')}</button>
                )}
              </div>
            )}
            {isPending && <div className="jd-pending">{t('contests.scores.m.pending')}</div>}
            {!slot.mine && !isPending && slot.entries >= slot.needed && <div className="m-hint">{t('contests.scores.m.full')}</div>}
            {open && s.me.canEnter && (
              a.type === 'measurement' ? <NumberPad aspect={a} value={'value' in d ? d.value : ''} onValue={(v) => setDraft({ value: v })} />
                : a.type === 'judgement' ? <JudgementButtons aspect={a} value={'value' in d ? d.value : ''} onValue={(v) => setDraft({ value: v })} />
                  : <DeductionList aspect={a} picks={'picks' in d ? d.picks : {}} ready={!!drafts[a.id]} onPicks={(p) => setDraft({ picks: p })} />
            )}
          </section>
        );
      })}
      {s.item.isTimed && s.me.canEnter && (
        <section className="m-section" aria-label={t('contests.scores.m.time')}>
          <div className="jd-aspect-head"><strong>{t('contests.scores.m.time')}</strong>
            <span className="jd-type">{c.timeSeconds !== null ? t('contests.scores.m.time_recorded', { time: formatSeconds(c.timeSeconds) }) : t('contests.scores.m.time_missing')}</span></div>
          <div className="jd-time">
            <input inputMode="numeric" aria-label={t('contests.scores.m.minutes')} placeholder={t('contests.scores.m.minutes')} value={time.m} onChange={(e) => setTime({ ...time, m: e.target.value.replace(/\D/g, '').slice(0, 4) })} />
            <span>:</span>
            <input inputMode="numeric" aria-label={t('contests.scores.m.seconds')} placeholder={t('contests.scores.m.seconds')} value={time.s} onChange={(e) => setTime({ ...time, s: e.target.value.replace(/\D/g, '').slice(0, 2) })} />
          </div>
        </section>
      )}
      {s.me.canEnter && (
        <section className="m-section m-form">
          {(locked || Object.values(editing).some(Boolean)) && (
            <div className="m-field">
              <label htmlFor="jd-reason">{locked ? t('contests.scores.m.reason_required') : t('contests.scores.m.reason')}</label>
              <textarea id="jd-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          {error && <div className="m-alert" role="alert">{error}</div>}
          <button type="button" className="btn btn-primary m-submit" onClick={save}>{t('contests.scores.m.save')}</button>
          {next && <Link className="btn jd-next" to={`${back}/c/${next.id}`} onClick={() => { setSaved(false); setDrafts({}); setEditing({}); }}>{t('contests.scores.m.next', { wn: next.workNumber })}</Link>}
        </section>
      )}
      <QueuePanel queue={queue} state={state} describe={(w) => (w.state === 'failed' ? <>{w.label}：{w.error?.message}</> : w.label)} />
    </div>
  );
}
