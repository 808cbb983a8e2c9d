import type { AppContext } from '../../../platform/context.js';
import { findIndustrySection } from '../../../../shared/industries.js';
import { regionIndex } from '../../orgs/regions.cache.js';
import { listJobTypes } from '../job-types.repo.js';
import { normalizeJobName } from '../job-types.js';
import type { FacetCount, SearchResult } from './search-index.js';
import { createHighlighter } from './highlight.js';
import { cardOf, closestName, loadCards, searchInPostgres, tokensPresent, type PgFacetRow } from './search.repo.js';
import { normalizeText } from './segment.js';
import type { JobSearchQuery, JobSearchResult } from './search.schemas.js';
import { getSegmenter } from './search.service.js';
import { htmlText, tsqueryAll } from './tokens.js';

/**
 * GET /api/jobs: the in-process index answers; while it is still being built (the first seconds
 * after a start), PostgreSQL answers the same query by GIN, newest first, with exact facets.
 * The answer is made as the JSON text the route sends. A finished page (cards, highlights, labels) is
 * kept as its text while the index is unchanged: a question asked again costs no trip to
 * PostgreSQL and no serialising, and a kept page is one string for the collector, not thousands of
 * objects.
 */
export async function searchJobsJson(ctx: AppContext, query: JobSearchQuery, force?: 'index' | 'database' | 'ilike'): Promise<string> {
  const started = performance.now();
  const compute = async () => JSON.stringify({ ...(await searchWithFallback(ctx, query, force)), tookMs: undefined });
  const json = (!force || force === 'index') && ctx.search.isReady
    ? await ctx.search.remember(`page:${JSON.stringify(query)}`, compute)
    : await compute();
  return `${json.slice(0, -1)},"tookMs":${Math.round((performance.now() - started) * 10) / 10}}`;
}

async function searchWithFallback(ctx: AppContext, query: JobSearchQuery, force?: 'index' | 'database' | 'ilike'): Promise<JobSearchResult> {
  const started = performance.now();
  const answer = await searchOnce(ctx, query, force);
  // Nothing for a word of three or more characters: perhaps a typo (电焊公) or a misremembered
  // employer's name. Ask pg_trgm for the closest name and answer that instead, saying so.
  const q = query.q?.trim() ?? '';
  // Only for a single word: with several, replacing them all by one name would drop the others.
  if (answer.total === 0 && !force && [...q].length >= 3 && !/[\s"“”「」]/.test(q)) {
    const closest = await closestName(ctx.db, q);
    if (closest && closest.value !== q) {
      const retry = await searchOnce(ctx, { ...query, q: closest.kind === 'enterprise' ? `"${closest.value}"` : closest.value }, force);
      if (retry.total > 0) return { ...retry, suggestion: { kind: closest.kind, value: closest.value }, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }
  }
  return { ...answer, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

async function searchOnce(ctx: AppContext, query: JobSearchQuery, force?: 'index' | 'database' | 'ilike'): Promise<JobSearchResult> {
  const started = performance.now();
  const sort = query.sort ?? (query.q?.trim() ? 'relevance' : 'newest');
  const offset = (query.page - 1) * query.pageSize;
  let result: SearchResult & { words: string[] };
  let source: 'index' | 'database';
  if (force === 'database' || force === 'ilike') {
    // The benchmark's baselines: PostgreSQL by GIN, or by naive ILIKE '%词%'.
    result = await searchDatabase(ctx, query, offset, force === 'ilike' ? 'ilike' : 'gin');
    source = 'database';
  } else if (ctx.search.isReady || force === 'index') {
    result = await ctx.search.search({
      ...(query.q ? { q: query.q } : {}), ...(query.region ? { region: query.region } : {}), ...(query.industry ? { industry: query.industry } : {}),
      ...(query.jobType ? { jobType: query.jobType } : {}), ...(query.salaryMin !== undefined ? { salaryMin: query.salaryMin } : {}),
      ...(query.benefits ? { benefits: query.benefits } : {}), ...(query.education ? { education: query.education } : {}),
      ...(query.near ? { near: query.near } : {}), sort, offset, limit: query.pageSize,
    });
    source = 'index';
  } else {
    void ctx.search.ready().catch(() => undefined); // build in the background; this answer comes from PostgreSQL
    result = await searchDatabase(ctx, query, offset);
    source = 'database';
  }
  const [cards, regions, types] = await Promise.all([
    loadCards(ctx.db, result.ids), regionIndex(ctx.db), source === 'index' ? null : listJobTypes(ctx.db, { includeInactive: true }),
  ]);
  const names = types ? new Map(types.map((t) => [t.code, t.name])) : null;
  const typeNames = { get: (code: string) => (names ? names.get(code) : ctx.search.jobTypeName(code)) };
  const regionName = (code: string) => regions.get(code)?.name ?? code;
  const region: FacetCount[] = [...result.facets.province, ...result.facets.city];
  const marker = createHighlighter(result.words);
  return {
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    items: cards.map((c) => ({
      ...cardOf(c, regions, (code) => typeNames.get(code)),
      highlight: { title: marker.highlight(c.title), snippet: marker.snippet(htmlText(c.description_html)) },
    })),
    facets: {
      region: region.map((f) => ({ value: f.value, label: regionName(f.value), count: f.count })),
      industry: result.facets.industry.map((f) => ({ value: f.value, label: findIndustrySection(f.value)?.name ?? f.value, count: f.count })),
      jobType: result.facets.jobType.map((f) => ({ value: f.value, label: typeNames.get(f.value) ?? f.value, count: f.count })),
    },
    source,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The same question put to PostgreSQL (GIN over search_tokens; synonyms through job types). */
async function searchDatabase(ctx: AppContext, query: JobSearchQuery, offset: number, mode: 'gin' | 'ilike' = 'gin'): Promise<SearchResult & { words: string[] }> {
  const seg = await getSegmenter(ctx.db);
  const types = await listJobTypes(ctx.db);
  // The same rule as the index: a word held whole as a token stays whole (see Segmenter.query).
  const words = [...new Set(normalizeText(query.q ?? '').split(/[\s,，、;；/|+"“”「」『』]+/).filter((w) => w.length >= 2 && w.length <= 20))];
  const known = await tokensPresent(ctx.db, words.map((word) => ({ word, tsquery: tsqueryAll([word]) })));
  const parts = seg.query(query.q ?? '', (w) => known.has(w));
  const clauses = parts.filter((p) => p.tokens.length).map((p) => {
    const word = normalizeJobName(p.tokens.join(''));
    const jobTypes = types.filter((t) => normalizeJobName(t.name) === word || t.synonyms.some((s) => normalizeJobName(s) === word)).map((t) => t.code);
    return { tsquery: tsqueryAll(p.tokens), jobTypes };
  });
  const region = query.region;
  const regionPrefix = region ? (region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region) : undefined;
  const { ids, facets } = await searchInPostgres(ctx.db, {
    clauses, limit: query.pageSize, offset,
    ...(regionPrefix ? { regionPrefix } : {}), ...(query.jobType ? { jobTypes: [query.jobType] } : {}),
    ...(query.industry ? { industry: query.industry } : {}), ...(query.salaryMin !== undefined ? { salaryFloor: query.salaryMin } : {}),
  }, mode, parts.map((p) => p.phrase ?? p.tokens.join('')));
  return { ids, total: facetTotal(facets), facets: facetsFrom(facets), words: parts.flatMap((p) => [p.phrase ?? '', ...p.tokens]).filter(Boolean) };
}

function facetTotal(rows: PgFacetRow[]): number {
  return rows.find((r) => r.province === null && r.city === null && r.industry === null && r.job_type === null)?.count ?? 0;
}

function facetsFrom(rows: PgFacetRow[]): SearchResult['facets'] {
  const pick = (key: keyof PgFacetRow, value: (v: string) => string = (v) => v) => rows.filter((r) => r[key] !== null)
    .map((r) => ({ value: value(String(r[key])), count: r.count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { province: pick('province', (v) => `${v}0000`), city: pick('city'), industry: pick('industry'), jobType: pick('job_type') };
}
