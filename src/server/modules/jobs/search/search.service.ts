import { sql } from 'kysely';
import pg from 'pg';
import type { Db, Executor } from '../../../platform/db.js';
import { listJobTypes } from '../job-types.repo.js';
import { normalizeJobName } from '../job-types.js';
import { regionIndex, type RegionInfo as RegionRecord } from '../../orgs/regions.cache.js';
import { EDUCATION } from '../postings.schemas.js';
import { SearchIndex, type Clause, type IndexDoc, type RegionInfo, type SearchFilters, type SearchResult } from './search-index.js';
import { loadEnterpriseRows, loadPublicBatch, loadRows, type IndexRow } from './search.repo.js';
import { createSegmenter, loadDomainTerms, type Segmenter } from './segment.js';
import { htmlText, parseTsvector, postingTsvector } from './tokens.js';

// Each app server's public job search (issue 4 §1): built from PostgreSQL at start, kept current
// by LISTEN/NOTIFY (migration 0003), answered from memory. PostgreSQL stays the source of truth:
// after a lost connection the index is rebuilt, never patched from guesses.

const BATCH = 20_000;
const DEBOUNCE_MS = 15;
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 2_000;

let segmenter: Promise<Segmenter> | undefined;

/**
 * The process's segmenter: jieba plus job-type names and synonyms, every region name and the trade
 * terms in data/search-terms.txt. Built once (about 0.3 s); writers and the index share it.
 */
export function getSegmenter(db: Executor): Promise<Segmenter> {
  segmenter ??= (async () => {
    const [types, regions] = await Promise.all([listJobTypes(db, { includeInactive: true }), regionIndex(db)]);
    const words = [...loadDomainTerms(), ...types.flatMap((t) => [t.name, ...t.synonyms]), ...[...regions.values()].map((r) => r.name)];
    return createSegmenter(words);
  })().catch((error) => { segmenter = undefined; throw error; });
  return segmenter;
}

export interface JobSearchStats {
  postings: number;
  buildMs: number;
  /** When the index last applied a change notice (ms since epoch), for the change-delay figure. */
  lastChangeAt: number | null;
  rebuilds: number;
  /** Distinct tokens in the index, and the long lists among them that keep facet counts. */
  tokens: number;
  countedLists: number;
}

export interface JobQuery {
  q?: string;
  region?: string;
  industry?: string;
  jobType?: string;
  /** Several job types at once (recommendations). */
  jobTypes?: string[];
  salaryMin?: number;
  benefits?: string[];
  education?: string;
  sort: 'relevance' | 'newest' | 'salary';
  offset: number;
  limit: number;
  near?: string;
}

export interface JobSearchAnswer extends SearchResult {
  /** Words to highlight in the results. */
  words: string[];
}

/** The job types a query word names (厨师 → chinese-cook), by name or synonym. */
type JobTypeWords = Map<string, string[]>;

function educationRank(value: string | undefined): number {
  const i = EDUCATION.indexOf((value ?? 'none') as (typeof EDUCATION)[number]);
  return i < 0 ? 0 : i;
}

export class JobSearch {
  private index: SearchIndex | null = null;
  private building: Promise<void> | null = null;
  private listener: pg.Client | null = null;
  private pending = { postings: new Set<number>(), enterprises: new Set<string>() };
  private timer: NodeJS.Timeout | null = null;
  private applying: Promise<void> = Promise.resolve();
  private closed = false;
  private regions = new Map<string, RegionInfo>();
  private placeWords = new Set<string>();
  private jobTypeWords: JobTypeWords = new Map();
  readonly stats: JobSearchStats = { postings: 0, buildMs: 0, lastChangeAt: null, rebuilds: 0, tokens: 0, countedLists: 0 };

  constructor(private readonly db: Db, private readonly pool: pg.Pool, private readonly log: (message: string, error?: unknown) => void = () => undefined) {}

  /** Start building and listening; resolves when the index answers. Safe to call repeatedly. */
  ready(): Promise<void> {
    this.building ??= this.rebuild().catch((error) => { this.building = null; throw error; });
    return this.building;
  }

  get isReady(): boolean { return this.index !== null; }

  /** Job-type names as of the last build (for labels; a renamed type shows its new name after a rebuild). */
  jobTypeName(code: string): string | undefined { return this.jobTypeNames.get(code); }
  private jobTypeNames = new Map<string, string>();

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.applying.catch(() => undefined);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  // Answers by question, valid until the index changes (and at most CACHE_MS, for recency): at a
  // fair, thousands of phones ask for 普工 and 电工 in the same minutes. A promise is kept, so the
  // same question asked by many phones at once is answered once.
  private cache = new Map<string, { at: number; version: number; value: Promise<unknown> }>();
  private version = 0;

  /**
   * A value computed from the index (an answer, or a finished result page with its cards), kept
   * while the index is unchanged and for at most 30 s. Changes reach the index within a second, so
   * a kept page is never older than a fresh one would be.
   */
  remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.version === this.version && now - hit.at < CACHE_MS) return hit.value as Promise<T>;
    const value = compute();
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: now, version: this.version, value });
    value.catch(() => { if (this.cache.get(key)?.value === value) this.cache.delete(key); });
    return value;
  }

  /** Parse a query into index clauses (synonyms resolved to job types) and answer it. */
  async search(query: JobQuery, options: { cache?: boolean } = {}): Promise<JobSearchAnswer> {
    await this.ready();
    if (options.cache === false) return this.answer(query);
    return this.remember(`answer:${JSON.stringify(query)}`, () => this.answer(query));
  }

  private async answer(query: JobQuery): Promise<JobSearchAnswer> {
    const seg = await getSegmenter(this.db);
    const clauses: Clause[] = [];
    const words: string[] = [];
    const index = this.index!;
    for (const part of seg.query(query.q ?? '', (token) => index.hasToken(token))) {
      const clause: Clause = { tokens: part.tokens, ...(part.phrase ? { phrase: part.phrase } : {}) };
      const word = part.phrase ?? part.tokens.join('');
      if (!part.phrase) {
        const types = this.jobTypeWords.get(normalizeJobName(word));
        if (types) clause.jobTypes = types;
        if (this.placeWords.has(word)) clause.place = true;
      }
      clauses.push(clause);
      words.push(word, ...part.tokens);
    }
    const filters: SearchFilters = {
      ...(query.region ? { region: query.region } : {}),
      ...(query.industry ? { industry: query.industry } : {}),
      ...(query.jobType || query.jobTypes?.length ? { jobTypes: [...(query.jobType ? [query.jobType] : []), ...(query.jobTypes ?? [])] } : {}),
      ...(query.salaryMin !== undefined ? { salaryFloor: query.salaryMin } : {}),
      ...(query.benefits?.length ? { benefits: query.benefits } : {}),
      ...(query.education ? { educationRank: educationRank(query.education) } : {}),
    };
    const result = this.index!.search({
      clauses, filters, sort: query.sort, offset: query.offset, limit: query.limit, now: Date.now(), ...(query.near ? { near: query.near } : {}),
    });
    return { ...result, words: [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length) };
  }

  /** Build a fresh index from PostgreSQL (listening first, so no change made meanwhile is lost). */
  private async rebuild(): Promise<void> {
    const started = performance.now();
    await this.listen();
    const [regions, types] = await Promise.all([regionIndex(this.db), listJobTypes(this.db, { includeInactive: true })]);
    this.regions = regionInfo(regions);
    // 成都市 and 成都, 渝北区 and 渝北: the names people type for a place.
    this.placeWords = new Set([...regions.values()].flatMap((r) => {
      const short = r.name.replace(/(土家族苗族自治县|苗族土家族自治县|彝族自治县|羌族自治县|藏族自治县|自治县|自治州|地区|市|区|县)$/, '');
      return short.length >= 2 ? [r.name, short] : [r.name];
    }));
    this.jobTypeWords = new Map();
    // Names of every type (old postings keep retired ones); synonyms only of the types in use.
    this.jobTypeNames = new Map(types.map((t) => [t.code, t.name]));
    for (const t of types.filter((type) => type.is_active)) {
      for (const word of [t.name, ...t.synonyms]) {
        const key = normalizeJobName(word);
        this.jobTypeWords.set(key, [...new Set([...(this.jobTypeWords.get(key) ?? []), t.code])]);
      }
    }
    const index = new SearchIndex(this.regions);
    let after = 0;
    for (;;) {
      const rows = await loadPublicBatch(this.db, after, BATCH);
      for (const row of rows) index.upsert(toDoc(row));
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    index.sortNewest();
    index.countLongLists();
    this.index = index;
    this.version++;
    this.stats.postings = index.count;
    this.stats.tokens = index.tokenStats.tokens;
    this.stats.countedLists = index.tokenStats.counted;
    this.stats.buildMs = performance.now() - started;
    this.stats.rebuilds++;
    this.schedule();
  }

  private async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = new pg.Client({ ...this.pool.options, application_name: 'chuanyu-search' } as pg.ClientConfig);
    client.on('notification', (message) => {
      if (message.channel === 'chuanyu_postings') for (const id of parseRanges(message.payload ?? '')) this.pending.postings.add(id);
      else if (message.channel === 'chuanyu_enterprises') for (const id of (message.payload ?? '').split(',')) if (id) this.pending.enterprises.add(id);
      this.schedule();
    });
    client.on('error', (error) => {
      // Notices sent while we were away are lost: rebuild from the source of truth once back.
      this.log('search listener lost its connection; the index will be rebuilt', error);
      this.listener = null;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => { this.building = null; void this.ready().catch((e) => this.log('search rebuild failed', e)); }, 1_000);
    });
    await client.connect();
    await client.query('LISTEN chuanyu_postings');
    await client.query('LISTEN chuanyu_enterprises');
    this.listener = client;
  }

  private schedule(): void {
    if (this.timer || !this.index || this.closed) return;
    if (!this.pending.postings.size && !this.pending.enterprises.size) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.applying = this.applying.then(() => this.applyPending()).catch((error) => this.log('search update failed', error));
    }, DEBOUNCE_MS);
  }

  private async applyPending(): Promise<void> {
    const index = this.index;
    if (!index) return;
    const postings = [...this.pending.postings];
    const enterprises = [...this.pending.enterprises];
    this.pending = { postings: new Set(), enterprises: new Set() };
    const rows = [
      ...(postings.length ? await loadRows(this.db, postings) : []),
      ...(enterprises.length ? await loadEnterpriseRows(this.db, enterprises) : []),
    ];
    const seen = new Set<number>();
    for (const row of rows) {
      seen.add(row.id);
      if (row.is_public) index.upsert(toDoc(row));
      else index.remove(row.id);
    }
    for (const id of postings) if (!seen.has(id)) index.remove(id); // deleted
    this.stats.postings = index.count;
    this.stats.lastChangeAt = Date.now();
    this.version++;
    this.schedule();
  }
}

function regionInfo(regions: Map<string, RegionRecord>): Map<string, RegionInfo> {
  const out = new Map<string, RegionInfo>();
  for (const r of regions.values()) {
    if (r.level !== 'county') continue;
    const parent = r.parentCode ? regions.get(r.parentCode) : undefined;
    // Chongqing's districts sit right under the municipality: a district is its own "city".
    const city = parent && parent.level === 'prefecture' ? parent.code : r.code;
    out.set(r.code, { code: r.code, cityCode: city, provinceCode: `${r.code.slice(0, 2)}0000` });
  }
  return out;
}

function toDoc(row: IndexRow): IndexDoc {
  return {
    id: row.id, countyCode: row.region_code, industrySection: row.industry_section, industryDivision: row.industry_division,
    jobTypeCode: row.job_type_code, salaryMin: row.salary_min, salaryMax: row.salary_max, educationRank: educationRank(row.education),
    benefits: row.benefits, publishedAt: row.published_at.getTime(), shortText: `${row.title} ${row.enterprise_name}`.toLowerCase(),
    tokens: parseTsvector(row.tokens),
  };
}

/** "12-15,20" → 12, 13, 14, 15, 20 */
export function parseRanges(payload: string): number[] {
  const out: number[] = [];
  for (const part of payload.split(',')) {
    if (!part) continue;
    const [lo, hi] = part.split('-').map(Number);
    if (!Number.isFinite(lo)) continue;
    for (let id = lo!; id <= (hi ?? lo!); id++) out.push(id);
  }
  return out;
}

export interface TokenInput { title: string; enterpriseName: string; regionCode: string; benefits: string[]; descriptionHtml: string }
export type PostingTokenizer = (posting: TokenInput) => string;

/** A synchronous tokenizer for many postings (an import): the segmenter and region names loaded once. */
export async function createPostingTokenizer(db: Executor): Promise<PostingTokenizer> {
  const [seg, regions] = await Promise.all([getSegmenter(db), regionIndex(db)]);
  return (p) => postingTsvector(seg, {
    title: p.title, enterpriseName: p.enterpriseName, regionName: regions.get(p.regionCode)?.fullName ?? '', benefits: p.benefits,
    description: htmlText(p.descriptionHtml),
  });
}

/** A posting's search tokens (tsvector literal) for writing with the posting. */
export async function postingSearchTokens(db: Executor, posting: TokenInput): Promise<string> {
  return (await createPostingTokenizer(db))(posting);
}

/** Rewrite the tokens of postings (all of an enterprise's after a rename, or those still without any). */
async function retokenize(db: Executor, where: { enterpriseId?: string; empty?: boolean }): Promise<number> {
  const tokenize = await createPostingTokenizer(db);
  let done = 0;
  let after = 0;
  for (;;) {
    let q = db.selectFrom('postings as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .select(['p.id', 'p.title', 'e.name as enterprise_name', 'p.region_code', 'p.benefits', 'p.description_html'])
      .where('p.id', '>', after).orderBy('p.id').limit(2_000);
    if (where.enterpriseId) q = q.where('p.enterprise_id', '=', where.enterpriseId);
    if (where.empty) q = q.where(sql<boolean>`p.search_tokens = ''::tsvector`);
    const rows = await q.execute();
    if (!rows.length) return done;
    const tokens = rows.map((r) => tokenize({ title: r.title, enterpriseName: r.enterprise_name, regionCode: r.region_code, benefits: r.benefits, descriptionHtml: r.description_html }));
    await sql`UPDATE postings p SET search_tokens = x.tokens::tsvector
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${tokens}::text[]) AS x(id, tokens) WHERE p.id = x.id`.execute(db);
    done += rows.length;
    after = rows.at(-1)!.id;
  }
}

/** Postings written before search existed (or by hand) get their tokens; a no-op once done. */
export function backfillSearchTokens(db: Executor): Promise<number> {
  return retokenize(db, { empty: true });
}

/** An enterprise was renamed: its name is in every one of its postings' tokens (weight C). */
export function retokenizeEnterprise(db: Executor, enterpriseId: string): Promise<number> {
  return retokenize(db, { enterpriseId });
}
