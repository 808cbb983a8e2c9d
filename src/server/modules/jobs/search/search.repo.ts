import { sql } from 'kysely';
import type { Executor } from '../../../platform/db.js';
import { findIndustryDivision, findIndustrySection } from '../../../../shared/industries.js';
import type { EDUCATION } from '../postings.schemas.js';

// All SQL of job search: what the in-process index is built from, and PostgreSQL's own search
// (GIN over search_tokens, facets by GROUPING SETS), which staff search and the benchmark use.

export interface IndexRow {
  id: number;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  industry_section: string;
  industry_division: string | null;
  job_type_code: string;
  salary_min: number | null;
  salary_max: number | null;
  education: string;
  benefits: string[];
  published_at: Date;
  title: string;
  tokens: string;
  /** Published and its enterprise verified: belongs in the public index. */
  is_public: boolean;
}

const INDEX_COLUMNS = sql`p.id, p.enterprise_id, e.name AS enterprise_name, p.region_code, p.industry_section, p.industry_division,
  p.job_type_code, p.salary_min, p.salary_max, p.education, p.benefits, p.published_at, p.title, p.search_tokens::text AS tokens,
  (p.status = 'published' AND e.status = 'verified') AS is_public`;

/** One batch of public postings after `afterId`, in id order (keyset pagination for the build). */
export async function loadPublicBatch(db: Executor, afterId: number, limit: number): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    SELECT ${INDEX_COLUMNS} FROM postings p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.status = 'published' AND e.status = 'verified' AND p.id > ${afterId}
    ORDER BY p.id LIMIT ${limit}`.execute(db);
  return rows;
}

/** The given postings as they are now (missing ids were deleted). */
export async function loadRows(db: Executor, ids: number[]): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    SELECT ${INDEX_COLUMNS} FROM postings p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.id = ANY(${ids}::bigint[])`.execute(db);
  return rows;
}

/** Published postings of the given enterprises (a renamed or (un)verified enterprise). */
export async function loadEnterpriseRows(db: Executor, enterpriseIds: string[]): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    SELECT ${INDEX_COLUMNS} FROM postings p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.enterprise_id = ANY(${enterpriseIds}::uuid[]) AND p.status = 'published'`.execute(db);
  return rows;
}

export interface JobCard {
  id: number;
  title: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  job_type_code: string;
  industry_section: string;
  industry_division: string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_negotiable: boolean;
  headcount: number;
  education: string;
  benefits: string[];
  published_at: Date;
  description_html: string;
}

/** The page's postings, in the given order. */
export async function loadCards(db: Executor, ids: number[]): Promise<JobCard[]> {
  if (!ids.length) return [];
  const { rows } = await sql<JobCard>`
    SELECT p.id, p.title, p.enterprise_id, e.name AS enterprise_name, p.region_code, p.job_type_code, p.industry_section, p.industry_division,
      p.salary_min, p.salary_max, p.salary_negotiable, p.headcount, p.education, p.benefits, p.published_at, p.description_html
    FROM postings p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.id = ANY(${ids}::bigint[])`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is JobCard => r !== undefined);
}

export interface PgSearchInput {
  /** Each must match: its tsquery literal, or its job types (synonyms). */
  clauses: { tsquery: string; jobTypes: string[] }[];
  regionPrefix?: string;
  jobTypes?: string[];
  industry?: string;
  salaryFloor?: number;
  limit: number;
  offset: number;
}

export interface PgFacetRow { province: string | null; city: string | null; industry: string | null; job_type: string | null; count: number }

/**
 * PostgreSQL's own answer to a public search: GIN match, newest first, and exact facet counts by
 * GROUPING SETS. The fallback when the in-process index is not ready, and the benchmark's baseline.
 */
export async function searchInPostgres(db: Executor, input: PgSearchInput, mode: 'gin' | 'ilike' = 'gin', words: string[] = []) {
  const where = [sql`p.status = 'published'`, sql`e.status = 'verified'`];
  if (mode === 'gin') {
    for (const c of input.clauses) {
      where.push(c.jobTypes.length
        ? sql`(p.search_tokens @@ ${c.tsquery}::tsquery OR p.job_type_code = ANY(${c.jobTypes}::text[]))`
        : sql`p.search_tokens @@ ${c.tsquery}::tsquery`);
    }
  }
  if (mode === 'ilike') for (const w of words) where.push(sql`(p.title ILIKE ${`%${w}%`} OR p.description_html ILIKE ${`%${w}%`} OR e.name ILIKE ${`%${w}%`})`);
  if (input.regionPrefix) where.push(sql`p.region_code LIKE ${`${input.regionPrefix}%`}`);
  if (input.jobTypes?.length) where.push(sql`p.job_type_code = ANY(${input.jobTypes}::text[])`);
  if (input.industry) where.push(input.industry.length > 1 ? sql`p.industry_division = ${input.industry.slice(1)}` : sql`p.industry_section = ${input.industry}`);
  if (input.salaryFloor !== undefined) where.push(sql`coalesce(p.salary_max, p.salary_min) >= ${input.salaryFloor}`);
  const condition = sql.join(where, sql` AND `);
  const [page, facets] = await Promise.all([
    sql<{ id: number }>`SELECT p.id FROM postings p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${condition}
      ORDER BY p.published_at DESC, p.id DESC LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db),
    sql<PgFacetRow>`
      SELECT left(p.region_code, 2) AS province, r.city, p.industry_section AS industry, p.job_type_code AS job_type, count(*)::int AS count
      FROM postings p JOIN enterprises e ON e.id = p.enterprise_id
      JOIN LATERAL (SELECT CASE WHEN left(p.region_code, 2) = '50' THEN p.region_code ELSE left(p.region_code, 4) || '00' END AS city) r ON true
      WHERE ${condition}
      GROUP BY GROUPING SETS ((), (left(p.region_code, 2)), (r.city), (p.industry_section), (p.job_type_code))`.execute(db),
  ]);
  return { ids: page.rows.map((r) => r.id), facets: facets.rows };
}

/** Which of the words some published posting holds as one token (GIN look-ups, one per word). */
export async function tokensPresent(db: Executor, words: { word: string; tsquery: string }[]): Promise<Set<string>> {
  if (!words.length) return new Set();
  const { rows } = await sql<{ word: string }>`
    SELECT w.word FROM unnest(${words.map((w) => w.word)}::text[], ${words.map((w) => w.tsquery)}::text[]) AS w(word, q)
    WHERE EXISTS (SELECT 1 FROM postings p WHERE p.search_tokens @@ w.q::tsquery AND p.status = 'published')`.execute(db);
  return new Set(rows.map((r) => r.word));
}

/**
 * Typos and partial names (pg_trgm): the job type or verified enterprise whose name is most like
 * the text. Trigram similarity needs three characters; shorter words never come here.
 */
export async function closestName(db: Executor, text: string): Promise<{ kind: 'jobType' | 'enterprise'; value: string; similarity: number } | null> {
  const { rows } = await sql<{ kind: 'jobType' | 'enterprise'; value: string; similarity: number }>`
    SELECT * FROM (
      SELECT 'jobType' AS kind, n.name AS value, similarity(n.name, ${text}) AS similarity
      FROM job_types t CROSS JOIN LATERAL unnest(array_append(t.synonyms, t.name)) AS n(name)
      WHERE t.is_active AND n.name % ${text}
      UNION ALL
      SELECT 'enterprise', e.name, word_similarity(${text}, e.name)
      FROM enterprises e WHERE e.status = 'verified' AND ${text} <% e.name
    ) candidates
    ORDER BY similarity DESC, length(value), value LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

/** A card row as the API shows a posting in lists (search results, recommendations). */
export function cardOf(c: JobCard, regions: Map<string, { name: string; fullName: string }>, jobTypeName: (code: string) => string | undefined) {
  const section = findIndustrySection(c.industry_section);
  const division = c.industry_division ? findIndustryDivision(c.industry_division) : undefined;
  const r = regions.get(c.region_code);
  return {
    id: c.id, title: c.title, enterprise: { id: c.enterprise_id, name: c.enterprise_name },
    region: { code: c.region_code, name: r?.name ?? c.region_code, fullName: r?.fullName ?? c.region_code },
    jobType: { code: c.job_type_code, name: jobTypeName(c.job_type_code) ?? c.job_type_code },
    industry: { section: c.industry_section, sectionName: section?.name ?? c.industry_section, division: c.industry_division, divisionName: division?.name ?? null },
    salaryNegotiable: c.salary_negotiable, salaryMin: c.salary_min, salaryMax: c.salary_max, headcount: c.headcount,
    education: c.education as (typeof EDUCATION)[number], benefits: c.benefits, publishedAt: c.published_at.toISOString(),
  };
}
