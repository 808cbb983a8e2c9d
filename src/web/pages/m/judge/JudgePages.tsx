import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { PageLoading } from '../../../components/StatusPage.js';
import { useT } from '../../../i18n/index.js';
import type { QueuedWrite } from '../../../offline/queue.js';
import { useMe } from '../../../services/auth.js';
import { QueuePanel } from '../fair/QueuePanel.js';
import { TopBar } from '../TopBar.js';
import { useJudgeContests, useJudgeQueue, useSheet, type JudgeWrite, type Sheet, type SheetContestant } from './judgeApi.js';
import '../fair/fair.css';
import './judge.css';

/** Logged in, or off to the login page and back here. */
function useLoggedIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return { wait: <PageLoading /> };
  if (!me.data) return { wait: <Navigate to={`/m/login?next=${encodeURIComponent(location.pathname)}`} replace /> };
  return { me: me.data };
}

/** The judge's contests and sub-items with his progress (done / total) in each. */
export function JudgeHomePage() {
  const t = useT();
  const login = useLoggedIn();
  const contests = useJudgeContests(!!login.me);
  if (login.wait) return login.wait;
  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-section">
        <h1 className="fd-title">{t('contests.scores.m.title')}</h1>
        <p className="m-hint">{t('contests.scores.m.anonymous_hint')}</p>
      </section>
      {contests.isPending ? <div className="m-section m-empty">{t('common.loading')}</div>
        : contests.isError ? <div className="m-section m-alert" role="alert">{contests.error.message}</div>
          : contests.data.items.length === 0 ? (
            <div className="m-section m-empty"><strong>{t('contests.scores.m.none')}</strong>{t('contests.scores.m.none_hint')}</div>
          ) : contests.data.items.map((c) => (
            <section key={c.id} className="m-section" aria-label={c.name}>
              <h2>{c.name}</h2>
              <p className="m-hint">{c.venue} · {c.startsOn}{c.endsOn !== c.startsOn ? ` ~ ${c.endsOn}` : ''}</p>
              {!c.lotsDrawn && <div className="jd-note">{t('contests.scores.m.no_lots')}</div>}
              {c.isChiefJudge && (
                <p className="jd-chief"><span>{t('contests.scores.m.chief')}</span><a className="btn" href={`/admin/contests/${c.id}/scoring`}>{t('contests.scores.m.desk')}</a></p>
              )}
              <ul className="jd-items">
                {c.items.map((i) => (
                  <li key={i.id}>
                    <Link className="jd-item" to={`/m/judge/contests/${c.id}/items/${i.id}`}>
                      <span className="jd-item-name"><strong>{i.code}</strong> {i.name}</span>
                      <span className={`jd-lock jd-lock-${i.lockState}`}>{t(`contests.scores.lock.${i.lockState}`)}</span>
                      <span className="jd-progress" aria-label={t('contests.scores.m.progress', { done: i.done, total: i.total })}>
                        <span className="jd-bar"><span style={{ width: `${i.total ? (100 * i.done) / i.total : 0}%` }} /></span>
                        {i.done}/{i.total}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
    </div>
  );
}

/** What a work number's button shows for this judge: all his part done, something flagged, queued, or to do. */
export function contestantState(sheet: Sheet, c: SheetContestant, pending: Set<string>): 'flag' | 'pending' | 'done' | 'todo' {
  if (c.aspects.some((a) => a.flagOpen && (a.mine || sheet.me.canSeeAll))) return 'flag';
  if (c.aspects.some((a) => pending.has(`${c.id}:${a.aspectId}`))) return 'pending';
  const mineDone = c.aspects.every((a) => a.mine || a.entries >= a.needed) && (!sheet.item.isTimed || !sheet.me.isJudge || c.timeSeconds !== null);
  return mineDone ? 'done' : 'todo';
}

/** Keys `${contestantId}:${aspectId}` (aspect 0: the time) of the writes still waiting on the phone. */
export function pendingKeys(items: readonly QueuedWrite[], itemId: number): Set<string> {
  return new Set(items.filter((w) => w.state === 'pending' && (w.body as JudgeWrite | null)?.itemId === itemId)
    .map((w) => { const b = w.body as JudgeWrite; return `${b.contestantId}:${b.aspectId ?? 0}`; }));
}

/** A sub-item: the finalists as big work-number buttons (search, state colours), progress, the phone's queue. */
export function JudgeItemPage() {
  const t = useT();
  const { id, itemId } = useParams();
  const contestId = Number(id);
  const item = Number(itemId);
  const login = useLoggedIn();
  const client = useQueryClient();
  const sheet = useSheet(contestId, item, !!login.me);
  const { queue, state } = useJudgeQueue(contestId, () => { void client.invalidateQueries({ queryKey: ['contest-sheet', contestId] }); });
  const [q, setQ] = useState('');
  if (login.wait) return login.wait;
  if (!sheet.data && !sheet.isError) return <PageLoading />;
  if (!sheet.data) {
    return (
      <div className="m"><TopBar back="/m/judge" />
        <div className="m-section m-alert" role="alert">{sheet.error.message}</div>
      </div>
    );
  }
  const s = sheet.data;
  const pending = pendingKeys(state.items, item);
  const shown = s.contestants.filter((c) => !q.trim() || c.workNumber.includes(q.trim()));
  const flagged = s.contestants.filter((c) => contestantState(s, c, pending) === 'flag').length;
  return (
    <div className="m">
      <TopBar back="/m/judge" />
      <section className="m-section">
        <p className="m-hint jd-crumb">{s.contest.name}</p>
        <h1 className="fd-title">{s.item.code} {s.item.name} <span className={`jd-lock jd-lock-${s.item.lockState}`}>{t(`contests.scores.lock.${s.item.lockState}`)}</span></h1>
        <div className="jd-summary">
          <span>{t('contests.scores.m.progress', { done: s.progress.done, total: s.progress.total })}</span>
          {flagged > 0 && <span className="jd-flag-count">{t('contests.scores.m.flagged', { n: flagged })}</span>}
        </div>
        <span className="jd-bar jd-bar-wide"><span style={{ width: `${s.progress.total ? (100 * s.progress.done) / s.progress.total : 0}%` }} /></span>
        {!s.contest.lotsDrawn && <div className="jd-note">{t('contests.scores.m.no_lots')}</div>}
        {s.item.lockState !== 'open' && <div className="jd-note">{t('contests.scores.m.locked_hint')}</div>}
      </section>
      <section className="m-section">
        <label className="jd-search">
          <span>{t('contests.scores.m.pick')}</span>
          <input type="search" inputMode="numeric" value={q} placeholder={t('contests.scores.m.search')} aria-label={t('contests.scores.m.search')} onChange={(e) => setQ(e.target.value)} />
        </label>
        {shown.length === 0 ? <div className="m-empty">{t('contests.scores.m.no_match')}</div> : (
          <ul className="jd-grid">
            {shown.map((c) => {
              const st = contestantState(s, c, pending);
              return (
                <li key={c.id}>
                  <Link className={`jd-wn jd-wn-${st}`} to={`/m/judge/contests/${contestId}/items/${item}/c/${c.id}`} aria-label={`${c.workNumber} ${t(`contests.scores.m.state.${st}`)}`}>
                    <span className="jd-wn-no">{c.workNumber}</span>
                    <span className="jd-wn-state">{t(`contests.scores.m.state.${st}`)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <QueuePanel queue={queue} state={state} describe={(w) => (w.state === 'failed' ? <>{w.label}：{w.error?.message}</> : w.label)} />
    </div>
  );
}
