import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { translate, type Lang } from '../../../../shared/i18n/index.js';
import { regionIndex, type RegionInfo } from '../../orgs/regions.cache.js';
import { findPublicPosting } from '../postings.repo.js';
import { recommend, type Candidate, type Place, type SeekerWish } from './recommend.js';
import { cardOf, loadCards, type JobCard as CardRow } from './search.repo.js';
import { htmlText } from './tokens.js';

// GET /api/me/recommendations and GET /api/jobs/:id/similar: candidates from the in-process index
// (the wanted job types, near and anywhere), scored by recommend.ts, each with its one-line reason.

const CANDIDATES = 300;

function placeOf(regions: Map<string, RegionInfo>, county: string): Place {
  const r = regions.get(county);
  const parent = r?.parentCode ? regions.get(r.parentCode) : undefined;
  return { county, city: parent?.level === 'prefecture' ? parent.code : county, province: `${county.slice(0, 2)}0000` };
}

async function candidates(ctx: AppContext, jobTypes: string[], near: string | null, exclude: number | null): Promise<CardRow[]> {
  const ids = new Set<number>();
  const ask = async (region: string | undefined, limit: number) => {
    const answer = await ctx.search.search({ sort: 'newest', offset: 0, limit, ...(jobTypes.length ? { jobTypes } : {}), ...(region ? { region } : {}) });
    for (const id of answer.ids) if (id !== exclude) ids.add(id);
  };
  if (near) {
    await ask(near, CANDIDATES / 3);
    await ask(`${near.slice(0, 2)}0000`, CANDIDATES / 3);
  }
  await ask(undefined, CANDIDATES / 3);
  return loadCards(ctx.db, [...ids]);
}

async function render(ctx: AppContext, lang: Lang, wish: SeekerWish, rows: CardRow[], limit: number) {
  const regions = await regionIndex(ctx.db);
  const cands: Candidate[] = rows.map((r) => ({
    id: r.id, jobTypeCode: r.job_type_code, place: placeOf(regions, r.region_code), salaryMin: r.salary_min, salaryMax: r.salary_max,
    text: `${r.title} ${htmlText(r.description_html)}`.toLowerCase(), publishedAt: r.published_at.getTime(),
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return recommend(wish, cands, Date.now(), limit).map((s) => {
    return {
      ...cardOf(byId.get(s.id)!, regions, (code) => ctx.search.jobTypeName(code)), score: s.score, reasons: s.reasons,
      reason: s.reasons.map((r) => translate(lang, `jobs.reason.${r}`)).join(' · '),
    };
  });
}

/** Postings for the logged-in seeker, from his profile (wanted job types, regions, pay, skills). */
export async function recommendForSeeker(ctx: AppContext, actor: Actor, lang: Lang, limit: number) {
  if (!actor.roles.includes('seeker')) throw forbidden();
  const profile = await ctx.db.selectFrom('seeker_profiles').selectAll().where('user_id', '=', actor.id).executeTakeFirst();
  const regions = await regionIndex(ctx.db);
  const home = profile?.region_code ?? null;
  const wish: SeekerWish = {
    home: home ? placeOf(regions, home) : null, jobTypes: new Set(profile?.desired_job_types ?? []), regions: new Set(profile?.desired_regions ?? []),
    desiredSalary: profile?.desired_salary ?? null, skills: (profile?.skills ?? []).map((s) => s.toLowerCase()),
  };
  const rows = await candidates(ctx, [...wish.jobTypes], home, null);
  return { items: await render(ctx, lang, wish, rows, limit) };
}

/** "相似岗位": the posting itself stands in for a seeker who wants its job type, place and pay. */
export async function similarJobs(ctx: AppContext, id: number, lang: Lang, limit: number) {
  const posting = await findPublicPosting(ctx.db, id);
  if (!posting) throw notFound('jobs.not_found');
  const regions = await regionIndex(ctx.db);
  const wish: SeekerWish = {
    home: placeOf(regions, posting.region_code), jobTypes: new Set([posting.job_type_code]), regions: new Set(),
    desiredSalary: posting.salary_min, skills: [],
  };
  const rows = await candidates(ctx, [posting.job_type_code], posting.region_code, id);
  return { items: await render(ctx, lang, wish, rows, limit) };
}
