import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageLoading } from '../../components/StatusPage.js';
import { useT } from '../../i18n/index.js';
import type { UiKey } from '../../i18n/zh-CN.js';
import { useMe } from '../../services/auth.js';
import { api, ApiError } from '../../services/client.js';
import { applyKey, salaryLabel, useJobSearch, useMyApplications, usePublicJob, useRecommendations, useSimilarJobs, type JobFilters, type Recommendation } from '../../services/jobs.js';
import { TopBar } from './TopBar.js';

// Job search on a phone (issue 4 §6): a search box, a filter sheet, an endless list; a posting's
// page with one "apply" tap. Plain React and CSS: the mobile area carries no UI library.

const SALARY_FLOORS = [3000, 4000, 5000, 6000, 8000, 10000];

function filtersFrom(params: URLSearchParams): JobFilters {
  const salary = Number(params.get('salaryMin'));
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    ...(params.get('region') ? { region: params.get('region')! } : {}),
    ...(salary > 0 ? { salaryMin: salary } : {}),
    ...(sort === 'newest' || sort === 'salary' || sort === 'relevance' ? { sort } : {}),
  };
}

function toParams(f: JobFilters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.region) p.set('region', f.region);
  if (f.salaryMin) p.set('salaryMin', String(f.salaryMin));
  if (f.sort) p.set('sort', f.sort);
  return p.toString();
}

export function JobSearchPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const filters = filtersFrom(params);
  const [q, setQ] = useState(filters.q);
  const [sheet, setSheet] = useState(false);
  const search = useJobSearch(filters);
  const sentinel = useRef<HTMLDivElement>(null);
  const first = search.data?.pages[0];
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];

  useEffect(() => setQ(filters.q), [filters.q]);
  // Endless list: the next page loads when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && search.hasNextPage && !search.isFetchingNextPage) void search.fetchNextPage();
    }, { rootMargin: '400px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [search]);

  const go = (next: JobFilters) => navigate(`/m/jobs?${toParams(next)}`, { replace: false });
  const submit = (e: FormEvent) => { e.preventDefault(); go({ ...filters, q: q.trim() }); };
  const provinces = first?.facets.region.filter((f) => f.value.endsWith('0000')) ?? [];
  const cities = first?.facets.region.filter((f) => !f.value.endsWith('0000')).slice(0, 12) ?? [];
  const active = [filters.region, filters.salaryMin, filters.sort].filter(Boolean).length;

  return (
    <div className="m">
      <TopBar back="/m" />
      <section className="m-hero m-hero-compact">
        <form className="m-search" role="search" onSubmit={submit}>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('m.search_hint')} placeholder={t('m.search_hint')} enterKeyHint="search" />
          <button type="submit">{t('m.search_button')}</button>
        </form>
      </section>
      <div className="m-toolbar">
        <span className="m-count" aria-live="polite">
          {search.isPending ? t('common.loading') : first ? t('m.jobs.total', { n: first.total.toLocaleString() }) : ''}
        </span>
        <button type="button" className="btn m-filter-button" aria-expanded={sheet} onClick={() => setSheet(true)}>
          {t('m.jobs.filter')}{active ? ` · ${active}` : ''}
        </button>
      </div>
      {first?.suggestion && (
        <div className="m-note m-note-block" role="status">{t('m.jobs.suggestion', { q: filters.q, value: first.suggestion.value })}</div>
      )}
      {search.isError ? (
        <section className="m-section m-empty" role="alert">
          <strong>{t('m.jobs.error')}</strong>
          {search.error instanceof ApiError ? search.error.message : t('common.network_error')}
          <div><button type="button" className="btn btn-primary" onClick={() => void search.refetch()}>{t('common.retry')}</button></div>
        </section>
      ) : !search.isPending && items.length === 0 ? (
        <section className="m-section m-empty">
          <strong>{t('m.jobs.none', { q: filters.q || t('m.entry.jobs') })}</strong>
          {t('m.jobs.none_hint')}
          {active > 0 && <div><button type="button" className="btn" onClick={() => go({ q: filters.q })}>{t('m.jobs.clear_filters')}</button></div>}
        </section>
      ) : (
        <ul className="m-jobs">
          {items.map((job) => (
            <li key={job.id}>
              <Link className="m-job" to={`/m/jobs/${job.id}`}>
                <div className="m-job-head">
                  {/* Server-built: escaped text with <em> around matched words, nothing else. */}
                  <span className="m-job-title" dangerouslySetInnerHTML={{ __html: job.highlight.title }} />
                  <span className="m-job-salary">{salaryLabel(job, t('m.jobs.negotiable'))}</span>
                </div>
                <div className="m-job-meta">{job.enterprise.name}</div>
                <div className="m-job-meta">{job.region.fullName} · {t('m.jobs.headcount', { n: job.headcount })}</div>
                {job.benefits.length > 0 && <div className="m-tags">{job.benefits.slice(0, 4).map((b) => <span key={b} className="m-tag">{b}</span>)}</div>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div ref={sentinel} className="m-more" aria-hidden={!search.isFetchingNextPage}>
        {search.isFetchingNextPage ? t('common.loading') : items.length > 0 && !search.hasNextPage ? t('m.jobs.end') : ''}
      </div>
      {sheet && first && (
        <div className="m-sheet-backdrop" onClick={() => setSheet(false)}>
          <div className="m-sheet" role="dialog" aria-modal="true" aria-label={t('m.jobs.filter')} onClick={(e) => e.stopPropagation()}>
            <h2>{t('m.jobs.region')}</h2>
            <div className="m-chips">
              <button type="button" className="m-chip" aria-pressed={!filters.region} onClick={() => go({ ...filters, region: undefined })}>{t('m.jobs.anywhere')}</button>
              {[...provinces, ...cities].map((f) => (
                <button key={f.value} type="button" className="m-chip" aria-pressed={filters.region === f.value} onClick={() => go({ ...filters, region: f.value })}>
                  {f.label} <small>{f.count}</small>
                </button>
              ))}
            </div>
            <h2>{t('m.jobs.salary')}</h2>
            <div className="m-chips">
              <button type="button" className="m-chip" aria-pressed={!filters.salaryMin} onClick={() => go({ ...filters, salaryMin: undefined })}>{t('m.jobs.any_salary')}</button>
              {SALARY_FLOORS.map((s) => (
                <button key={s} type="button" className="m-chip" aria-pressed={filters.salaryMin === s} onClick={() => go({ ...filters, salaryMin: s })}>{t('m.jobs.salary_from', { n: s })}</button>
              ))}
            </div>
            <h2>{t('m.jobs.sort')}</h2>
            <div className="m-chips">
              {(['relevance', 'newest', 'salary'] as const).map((s) => (
                <button key={s} type="button" className="m-chip" aria-pressed={(filters.sort ?? (filters.q ? 'relevance' : 'newest')) === s} onClick={() => go({ ...filters, sort: s })}>
                  {t(`m.jobs.sort_${s}` as UiKey)}
                </button>
              ))}
            </div>
            <button type="button" className="btn btn-primary m-submit" onClick={() => setSheet(false)}>{t('m.jobs.show', { n: first.total.toLocaleString() })}</button>
          </div>
        </div>
      )}
    </div>
  );
}

export function JobDetailPage() {
  const t = useT();
  const { id } = useParams();
  const jobId = Number(id);
  const job = usePublicJob(jobId);
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const isSeeker = !!me.data?.roles.includes('seeker');
  const mine = useMyApplications(isSeeker);
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });
  const applied = mine.data?.items.find((a) => a.posting.id === jobId);

  if (job.isPending) return <PageLoading />;
  if (job.isError || !job.data) {
    return (
      <div className="m">
        <TopBar back="/m/jobs" />
        <section className="m-section m-empty" role="alert">
          <strong>{job.error instanceof ApiError && job.error.status === 404 ? t('m.job.gone') : t('common.network_error')}</strong>
          <div><Link className="btn" to="/m/jobs">{t('m.job.back')}</Link></div>
        </section>
      </div>
    );
  }
  const j = job.data;
  const apply = async () => {
    if (!me.data) { navigate(`/m/login?next=${encodeURIComponent(location.pathname)}`); return; }
    setState({ busy: true, message: null, error: null });
    try {
      await api(`/api/jobs/${j.id}/applications`, { method: 'POST', body: {}, headers: { 'idempotency-key': applyKey(j.id) } });
      setState({ busy: false, message: t('m.job.applied_now'), error: null });
      await client.invalidateQueries({ queryKey: ['my-applications'] });
    } catch (error) {
      const already = error instanceof ApiError && error.code === 'hiring.already_applied';
      setState({ busy: false, message: already ? error.message : null, error: already ? null : error instanceof ApiError ? error.message : t('common.network_error') });
      if (already) await client.invalidateQueries({ queryKey: ['my-applications'] });
    }
  };
  return (
    <div className="m">
      <TopBar back="/m/jobs" />
      <section className="m-section">
        <h1 className="m-job-page-title">{j.title}</h1>
        <div className="m-job-page-salary">{salaryLabel(j, t('m.jobs.negotiable'))}{j.salaryNegotiable ? '' : ` ${t('m.job.per_month')}`}</div>
        <ul className="m-list">
          <li><span>{t('m.job.enterprise')}</span><span>{j.enterprise.name}</span></li>
          <li><span>{t('m.job.place')}</span><span>{j.region.fullName}</span></li>
          <li><span>{t('m.job.type')}</span><span>{j.jobType.name}</span></li>
          <li><span>{t('m.job.headcount')}</span><span>{t('m.jobs.headcount', { n: j.headcount })}</span></li>
          <li><span>{t('m.job.education')}</span><span>{t(`edu.${j.education}` as UiKey)}</span></li>
          <li><span>{t('m.job.experience')}</span><span>{t(`exp.${j.experience}` as UiKey)}</span></li>
          <li><span>{t('m.job.valid_until')}</span><span>{j.validUntil}</span></li>
        </ul>
        {j.benefits.length > 0 && <div className="m-tags m-tags-spaced">{j.benefits.map((b) => <span key={b} className="m-tag">{b}</span>)}</div>}
      </section>
      {j.descriptionHtml && (
        <section className="m-section">
          <h2>{t('m.job.description')}</h2>
          {/* Sanitised on the server when it was saved (jobs/sanitize.ts). */}
          <div className="m-rich" dangerouslySetInnerHTML={{ __html: j.descriptionHtml }} />
        </section>
      )}
      <SimilarJobs id={j.id} />
      <div className="m-apply-bar">
        {state.error && <div className="m-alert" role="alert">{state.error}</div>}
        {(state.message || applied) && <div className="m-ok" role="status">{state.message ?? t('m.job.applied_before', { status: t(`app.status.${applied!.status}` as UiKey) })}</div>}
        {me.data && !isSeeker ? (
          <p className="m-hint">{t('m.job.seekers_only')}</p>
        ) : applied || state.message ? (
          <Link className="btn m-submit" to="/m/applications">{t('m.job.see_applications')}</Link>
        ) : (
          <button type="button" className="btn btn-primary m-submit" disabled={state.busy} onClick={() => void apply()}>
            {state.busy ? t('common.loading') : me.data ? t('m.job.apply') : t('m.job.login_to_apply')}
          </button>
        )}
      </div>
    </div>
  );
}

function RecommendationList({ items }: { items: Recommendation[] }) {
  const t = useT();
  return (
    <ul className="m-jobs m-jobs-flat">
      {items.map((job) => (
        <li key={job.id}>
          <Link className="m-job" to={`/m/jobs/${job.id}`}>
            <div className="m-job-head">
              <span className="m-job-title">{job.title}</span>
              <span className="m-job-salary">{salaryLabel(job, t('m.jobs.negotiable'))}</span>
            </div>
            <div className="m-job-meta">{job.enterprise.name} · {job.region.fullName}</div>
            {job.reason && <div className="m-reason">{job.reason}</div>}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The seeker's home: his latest applications and jobs recommended for him, with the reason for each. */
export function SeekerHome() {
  const t = useT();
  const mine = useMyApplications(true);
  const picks = useRecommendations(true);
  const latest = mine.data?.items.slice(0, 3) ?? [];
  return (
    <>
      <section className="m-section" id="applications" aria-labelledby="m-apps">
        <h2 id="m-apps">{t('m.applications')}</h2>
        {mine.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : latest.length === 0 ? (
          <div className="m-empty"><strong>{t('m.applications_empty')}</strong>{t('m.apps.empty_hint')}</div>
        ) : (
          <ul className="m-list">
            {latest.map((a) => (
              <li key={a.id}>
                <Link to={`/m/jobs/${a.posting.id}`} className="m-link">{a.posting.title}</Link>
                <span className={`m-status m-status-${a.status}`}>{t(`app.status.${a.status}` as UiKey)}</span>
              </li>
            ))}
          </ul>
        )}
        {(mine.data?.total ?? 0) > 0 && <Link className="btn m-submit m-top-gap" to="/m/applications">{t('m.apps.open')}</Link>}
      </section>
      <section className="m-section" aria-labelledby="m-picks">
        <h2 id="m-picks">{t('m.picks.title')}</h2>
        {picks.isPending ? (
          <div className="m-empty">{t('common.loading')}</div>
        ) : picks.isError || !picks.data?.items.length ? (
          <div className="m-empty">{t('m.picks.empty')}<div><Link className="btn" to="/m/profile">{t('m.picks.fill_profile')}</Link></div></div>
        ) : (
          <>
            <RecommendationList items={picks.data.items} />
            <p className="m-hint">{t('m.picks.hint')} <Link to="/m/profile">{t('m.picks.fill_profile')}</Link></p>
          </>
        )}
      </section>
    </>
  );
}

/** "相似岗位" under a job. */
export function SimilarJobs({ id }: { id: number }) {
  const t = useT();
  const similar = useSimilarJobs(id);
  if (!similar.data?.items.length) return null;
  return (
    <section className="m-section" aria-labelledby="m-similar">
      <h2 id="m-similar">{t('m.job.similar')}</h2>
      <RecommendationList items={similar.data.items} />
    </section>
  );
}
