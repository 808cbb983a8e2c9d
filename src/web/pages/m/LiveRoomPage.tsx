import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoading } from '../../components/StatusPage.js';
import { useI18n, useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { useMe } from '../../services/auth.js';
import { ApiError } from '../../services/client.js';
import { salaryLabel, useMyApplications } from '../../services/jobs.js';
import { applyInRoom, sessionPhase, useLiveRoom, useLiveStream, type LivePosting, type LiveRoom } from '../../services/live.js';
import { formatTimeRange } from '../../services/seasons.js';
import { TopBar } from './TopBar.js';
import './LiveRoomPage.css';

// A livestream session's room on the phone (issue 5 §6): the platform's stream link, the job on air
// pinned on top, the featured jobs in the host's order, one-tap apply, and the live counters — all
// following the host's console over Server-Sent Events, without a reload.

type ApplyState = { busy: boolean; done: string | null; error: string | null };

function Counters({ room, connected }: { room: LiveRoom; connected: boolean }) {
  const t = useT();
  const items = [
    ['live.counter.viewers', room.counters.viewers],
    ['live.counter.applications', room.counters.applications],
    ['live.counter.intents', room.counters.intents],
  ] as const;
  return (
    <div className="live-counters" aria-live="polite">
      {items.map(([key, n]) => (
        <div key={key} className="live-counter">
          <strong data-counter={key.split('.').pop()}>{n.toLocaleString()}</strong>
          <span>{t(key)}</span>
        </div>
      ))}
      <span className={`live-link-state${connected ? ' is-on' : ''}`}>{connected ? t('live.connected') : t('live.connecting')}</span>
    </div>
  );
}

function JobCard(props: { job: LivePosting; onAir?: boolean; applied: boolean; state: ApplyState | undefined; canApply: boolean; onApply(job: LivePosting): void }) {
  const t = useT();
  const { job, state } = props;
  const applied = props.applied || !!state?.done;
  return (
    <article className={`live-job${props.onAir ? ' live-job-on-air' : ''}`} data-posting={job.id} aria-label={job.title}>
      {props.onAir && <div className="live-on-air-label"><span className="live-dot" aria-hidden="true" />{t('live.on_air')}</div>}
      <div className="m-job-head">
        <Link className="m-job-title" to={`/m/jobs/${job.id}`}>{job.title}</Link>
        <span className="m-job-salary">{salaryLabel(job, t('m.jobs.negotiable'))}</span>
      </div>
      <div className="m-job-meta">{job.enterprise.name}</div>
      <div className="m-job-meta">
        <span className={`live-province live-province-${job.federation}`}>{t(`live.province.${job.federation}` as UiKey)}</span>
        {job.region.fullName} · {t('m.jobs.headcount', { n: job.headcount })}
        {!props.onAir && job.pinned && <span className="live-badge">{t('live.on_air_badge')}</span>}
      </div>
      {job.benefits.length > 0 && <div className="m-tags">{job.benefits.map((b) => <span key={b} className="m-tag">{b}</span>)}</div>}
      {state?.error && <div className="m-alert live-job-note" role="alert">{state.error}</div>}
      {state?.done && <div className="m-ok live-job-note" role="status">{state.done}</div>}
      <div className="live-job-actions">
        <Link className="btn" to={`/m/jobs/${job.id}`}>{t('live.details')}</Link>
        {!job.open ? (
          <button type="button" className="btn" disabled>{t('live.closed')}</button>
        ) : applied ? (
          <Link className="btn live-applied" to="/m/applications">{t('live.applied')}</Link>
        ) : props.canApply ? (
          <button type="button" className="btn btn-primary" disabled={state?.busy} onClick={() => props.onApply(job)}>
            {state?.busy ? t('live.applying') : t('live.apply')}
          </button>
        ) : null}
      </div>
    </article>
  );
}

function LoginSheet({ next, onClose }: { next: string; onClose(): void }) {
  const t = useT();
  return (
    <div className="m-sheet-backdrop" onClick={onClose}>
      <div className="m-sheet" role="dialog" aria-modal="true" aria-labelledby="live-login-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="live-login-title">{t('live.login_title')}</h2>
        <p className="m-hint">{t('live.login_body')}</p>
        <div className="m-actions">
          <Link className="btn btn-primary m-submit" to={`/m/login?next=${encodeURIComponent(next)}`}>{t('live.login')}</Link>
          <Link className="btn m-submit" to="/m/register">{t('live.register')}</Link>
          <button type="button" className="btn m-submit" onClick={onClose}>{t('live.later')}</button>
        </div>
      </div>
    </div>
  );
}

export function LiveRoomPage() {
  const t = useT();
  const { lang } = useI18n();
  const { eventId } = useParams();
  const id = Number(eventId);
  const room = useLiveRoom(id);
  const connected = useLiveStream(id, room.isSuccess);
  const me = useMe();
  const client = useQueryClient();
  const isSeeker = !!me.data?.roles.includes('seeker');
  const mine = useMyApplications(isSeeker);
  const [states, setStates] = useState<Record<number, ApplyState>>({});
  const [askLogin, setAskLogin] = useState(false);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => { const timer = setInterval(() => setNow(new Date()), 30_000); return () => clearInterval(timer); }, []);

  if (room.isPending) return <PageLoading />;
  if (room.isError) {
    const missing = room.error instanceof ApiError && room.error.status === 404;
    return (
      <div className="m">
        <TopBar back="/m" />
        <section className="m-section m-empty live-empty" role="alert">
          <span className="live-empty-icon" aria-hidden="true">播</span>
          <strong>{missing ? t('live.not_found') : t('live.load_error')}</strong>
          {!missing && (room.error instanceof ApiError ? room.error.message : t('common.network_error'))}
          <div className="m-row-actions m-row-center">
            {!missing && <button type="button" className="btn btn-primary" onClick={() => void room.refetch()}>{t('common.retry')}</button>}
            <Link className="btn" to="/m">{t('live.back')}</Link>
          </div>
        </section>
      </div>
    );
  }

  const r = room.data;
  const phase = sessionPhase(r, now);
  const onAir = r.postings.find((p) => p.pinned) ?? null;
  const applied = new Set(mine.data?.items.map((a) => a.posting.id) ?? []);
  const canApply = phase !== 'cancelled' && (!me.data || isSeeker);
  const apply = async (job: LivePosting) => {
    if (!me.data) { setAskLogin(true); return; }
    setStates((s) => ({ ...s, [job.id]: { busy: true, done: null, error: null } }));
    try {
      await applyInRoom(r.event.id, job.id);
      setStates((s) => ({ ...s, [job.id]: { busy: false, done: t('live.applied_now'), error: null } }));
    } catch (error) {
      const already = error instanceof ApiError && error.code === 'hiring.already_applied';
      const message = error instanceof ApiError ? error.message : t('common.network_error');
      setStates((s) => ({ ...s, [job.id]: { busy: false, done: already ? message : null, error: already ? null : message } }));
    }
    await client.invalidateQueries({ queryKey: ['my-applications'] });
  };
  const card = (job: LivePosting, isOnAir = false) => (
    <JobCard key={`${isOnAir ? 'air' : 'list'}-${job.id}`} job={job} onAir={isOnAir} applied={applied.has(job.id)} state={states[job.id]} canApply={canApply} onApply={(j) => void apply(j)} />
  );

  return (
    <div className="m live">
      <TopBar back="/m" />
      <section className="live-hero">
        <div className={`live-phase live-phase-${phase}`}>
          {phase === 'live' && <span className="live-dot" aria-hidden="true" />}
          {t(`live.phase.${phase}` as UiKey)}
          {(phase === 'ended' || phase === 'cancelled') && <small>{t(`live.phase_hint.${phase}` as UiKey)}</small>}
        </div>
        <h1>{r.event.name}</h1>
        <p className="live-meta">{t('live.host', { name: r.event.hostUnion.name })} · {r.event.platform}</p>
        <p className="live-meta">{formatTimeRange(lang, r.event.startsAt, r.event.endsAt)}</p>
        {r.event.streamUrl && phase !== 'cancelled' && (
          <a className="btn live-watch" href={r.event.streamUrl} target="_blank" rel="noopener noreferrer">{t('live.watch', { platform: r.event.platform })}</a>
        )}
        <Counters room={r} connected={connected} />
      </section>
      {me.data && !isSeeker && <p className="m-note m-note-block">{t('live.seekers_only')}</p>}
      {onAir && <section className="live-on-air" aria-label={t('live.on_air')}>{card(onAir, true)}</section>}
      <section className="live-list" aria-labelledby="live-jobs">
        <div className="live-list-head">
          <h2 id="live-jobs">{t('live.jobs')}</h2>
          {r.postings.length > 0 && <span>{t('live.jobs_count', { n: r.postings.length })}</span>}
        </div>
        {r.postings.length === 0 ? (
          <div className="m-section m-empty live-empty">
            <span className="live-empty-icon" aria-hidden="true">播</span>
            <strong>{t('live.empty')}</strong>
            {t('live.empty_hint')}
          </div>
        ) : (
          <div className="live-jobs">{r.postings.map((job) => card(job))}</div>
        )}
      </section>
      {askLogin && <LoginSheet next={`/m/live/${r.event.id}`} onClose={() => setAskLogin(false)} />}
    </div>
  );
}
