// The public job search's in-process index (issue 4 §1, DESIGN.md "Search"): one slot per
// published posting, filter and facet fields in columnar typed arrays, and per token a sorted list
// of slots with the fields the token occurs in. Pure: built and fed by search.service.ts from
// PostgreSQL (the source of truth); nothing is written only here.

/** Where a token occurs in a posting; the weights rank a title match above a description match. */
export const FIELD = { title: 1, jobType: 2, enterprise: 4, region: 8, benefits: 16, description: 32 } as const;
// A place named in the query means where the work is, before an employer that carries the name.
const FIELD_WEIGHT = [[FIELD.title, 3], [FIELD.jobType, 2.5], [FIELD.region, 1.5], [FIELD.enterprise, 1.2], [FIELD.benefits, 1], [FIELD.description, 0.6]] as const;

export interface RegionInfo { code: string; cityCode: string; provinceCode: string }

export interface IndexDoc {
  id: number;
  countyCode: string;
  industrySection: string;
  industryDivision: string | null;
  jobTypeCode: string;
  salaryMin: number | null;
  salaryMax: number | null;
  educationRank: number;
  benefits: string[];
  publishedAt: number;
  /** Title and enterprise name, for quoted phrases. */
  shortText: string;
  tokens: Map<string, number>;
}

export interface Clause {
  /** Tokens that must all occur. */
  tokens: string[];
  /** Postings of these job types match too (synonyms: 厨师 → 中式烹调师). */
  jobTypes?: string[];
  /** Quoted text that must occur as written in the title or enterprise name. */
  phrase?: string;
  /** The word names a region: weigh where the work is over where the employer's name points. */
  place?: boolean;
}

export interface SearchFilters {
  /** Province, city or county code; a level includes everything below it. */
  region?: string;
  industry?: string;
  jobTypes?: string[];
  salaryFloor?: number;
  /** Every listed tag must be offered. */
  benefits?: string[];
  /** The seeker's education: postings that ask for no more than this. */
  educationRank?: number;
}

export interface SearchRequest {
  clauses: Clause[];
  filters: SearchFilters;
  sort: 'relevance' | 'newest' | 'salary';
  offset: number;
  limit: number;
  /** The seeker's county: nearer postings rank higher under relevance. */
  near?: string;
  now: number;
}

export interface FacetCount { value: string; count: number }

export interface SearchResult {
  total: number;
  ids: number[];
  facets: { province: FacetCount[]; city: FacetCount[]; industry: FacetCount[]; jobType: FacetCount[] };
}

const DAY = 86_400_000;
const JOB_TYPE_TOKEN = '\u0001jt:';

class Dictionary {
  readonly values: string[] = [];
  private readonly byValue = new Map<string, number>();
  id(value: string): number {
    let n = this.byValue.get(value);
    if (n === undefined) { n = this.values.length; this.values.push(value); this.byValue.set(value, n); }
    return n;
  }
  find(value: string): number | undefined { return this.byValue.get(value); }
}

/** Live facet counts (of a region's postings, or of one token's: see SearchIndex.countedLists). */
interface TokenFacets { total: number; province: Int32Array; city: Int32Array; section: Int32Array; jobType: Int32Array }

const emptyFacets = (): TokenFacets => ({ total: 0, province: new Int32Array(4), city: new Int32Array(64), section: new Int32Array(32), jobType: new Int32Array(256) });

/** counts[at] += delta, growing the array when a dictionary has grown past it. */
function bump(counts: Int32Array, at: number, delta: number): Int32Array {
  if (at >= counts.length) { const grown = new Int32Array(Math.max(at + 1, counts.length * 2)); grown.set(counts); counts = grown; }
  counts[at] = counts[at]! + delta;
  return counts;
}

class PostingList {
  slots = new Int32Array(4);
  fields = new Uint8Array(4);
  length = 0;
  facets: TokenFacets | null = null;
  /** With facets: live entries by field combination (which weights occur, and how often). */
  combos: Int32Array | null = null;
  push(slot: number, fields: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2); slots.set(this.slots); this.slots = slots;
      const f = new Uint8Array(this.length * 2); f.set(this.fields); this.fields = f;
    }
    this.slots[this.length] = slot;
    this.fields[this.length++] = fields;
  }
}

/** First index in list[from, length) whose slot is ≥ target (galloping, then binary search). */
function seek(list: PostingList, from: number, target: number): number {
  let step = 1;
  let hi = from;
  while (hi < list.length && list.slots[hi]! < target) { from = hi + 1; hi += step; step *= 2; }
  hi = Math.min(hi, list.length);
  while (from < hi) { const mid = (from + hi) >>> 1; if (list.slots[mid]! < target) from = mid + 1; else hi = mid; }
  return from;
}

/** The weight of a token's best field, for every combination of FIELD bits. */
const WEIGHT_OF = Float32Array.from({ length: 64 }, (_, fields) => {
  let best = 0;
  for (const [bit, w] of FIELD_WEIGHT) if (fields & bit && w > best) best = w;
  return best;
});

/** For a place word (成都, 渝北): where the work is counts; an employer's name that carries it barely. */
const PLACE_WEIGHT_OF = Float32Array.from({ length: 64 }, (_, fields) => {
  if (fields & FIELD.region) return 3;
  if (fields & FIELD.title) return 1;
  return fields ? 0.2 : 0;
});

/**
 * Matched slots (ascending) with their text scores. A single token's list is used as it is (no
 * copy): then `scores` is null and a slot's score is idf × the weight of its fields.
 */
interface Matches { slots: Int32Array; scores: Float32Array | null; fields: Uint8Array | null; idf: number; length: number; weights?: Float32Array }

/**
 * Working memory for one query's intermediate lists, reused by the next query. A query allocating
 * fresh arrays of a hundred thousand entries makes V8 count them as external memory and collect the
 * whole heap (half a gigabyte at a million postings) far more often. Queries run one at a time
 * (synchronously), so one arena per process serves them all; nothing in it outlives a search().
 */
class Scratch {
  private ints = new Int32Array(1 << 16);
  private floats = new Float32Array(1 << 16);
  private intsUsed = 0;
  private floatsUsed = 0;
  reset(): void { this.intsUsed = 0; this.floatsUsed = 0; }
  int32(n: number): Int32Array {
    if (this.intsUsed + n > this.ints.length) { this.ints = new Int32Array(Math.max(this.ints.length * 2, n * 2)); this.intsUsed = 0; }
    const out = this.ints.subarray(this.intsUsed, this.intsUsed + n);
    this.intsUsed += n;
    return out;
  }
  float32(n: number): Float32Array {
    if (this.floatsUsed + n > this.floats.length) { this.floats = new Float32Array(Math.max(this.floats.length * 2, n * 2)); this.floatsUsed = 0; }
    const out = this.floats.subarray(this.floatsUsed, this.floatsUsed + n);
    this.floatsUsed += n;
    return out;
  }
}
const scratch = new Scratch();

function materialize(m: Matches): Matches & { scores: Float32Array } {
  if (m.scores) return m as Matches & { scores: Float32Array };
  const slots = scratch.int32(m.length);
  slots.set(m.slots.subarray(0, m.length));
  const scores = scratch.float32(m.length);
  const table = m.weights ?? WEIGHT_OF;
  for (let i = 0; i < m.length; i++) scores[i] = m.idf * table[m.fields![i]! & 63]!;
  return { slots, scores, fields: null, idf: 0, length: m.length };
}

export class SearchIndex {
  private capacity = 1024;
  private size = 0;
  private dead = 0;
  private ids = new Float64Array(this.capacity);
  private county = new Uint16Array(this.capacity);
  private city = new Uint16Array(this.capacity);
  // Uint16 like city and county, so the loop's region test reads one kind of array (monomorphic).
  private province = new Uint16Array(this.capacity);
  private section = new Uint8Array(this.capacity);
  private jobType = new Uint16Array(this.capacity);
  private salaryMin = new Int32Array(this.capacity);
  private salaryMax = new Int32Array(this.capacity);
  private education = new Uint8Array(this.capacity);
  private benefitMask = new Uint32Array(this.capacity);
  private published = new Float64Array(this.capacity);
  private alive = new Uint8Array(this.capacity);
  private divisions: (string | null)[] = [];
  private shortText: string[] = [];
  private readonly slotById = new Map<number, number>();
  private readonly lists = new Map<string, PostingList>();
  private readonly counties = new Dictionary();
  private readonly cities = new Dictionary();
  private readonly provinces = new Dictionary();
  private readonly sections = new Dictionary();
  private readonly jobTypes = new Dictionary();
  private readonly benefitBits = new Dictionary();

  // The answer to "no words, at most a region" (the home page, browsing a district) without a scan:
  // facet counters per region kept on every change, and the slots in newest-first order.
  private readonly counters = new Map<string, TokenFacets>();
  private newest: Int32Array | null = null;
  private fresh: number[] = [];
  /** `fresh` in newest-first order, sorted again only after it changed. */
  private freshSorted: number[] | null = null;

  // A word in a fifth of all postings (工作, 经验) makes every query scan a fifth of the index just
  // to count facets. Long lists keep their counts live instead (counted once, on first use, then
  // updated by every upsert and removal), so a plain one-word query only walks the list for its top
  // page, and most of that walk stops at the field byte (see searchOneWord).
  private readonly countedLists = new Set<PostingList>();

  constructor(
    private readonly regions: Map<string, RegionInfo>,
    /** Tests choose the paths: every list counted, the newest-first walk always (or never) tried. */
    private readonly options: { countedListLength?: number; walk?: 'auto' | 'always' | 'never' } = {},
  ) {}

  private get countedListLength(): number { return this.options.countedListLength ?? 10_000; }

  private countFacets(list: PostingList): TokenFacets {
    const c = emptyFacets();
    const combos = new Int32Array(64);
    for (let i = 0; i < list.length; i++) {
      const slot = list.slots[i]!;
      if (this.alive[slot]) { this.tallyInto(c, slot, 1); combos[list.fields[i]! & 63]!++; }
    }
    list.facets = c;
    list.combos = combos;
    this.countedLists.add(list);
    return c;
  }

  private tallyInto(c: TokenFacets, slot: number, delta: 1 | -1): void {
    c.total += delta;
    c.province = bump(c.province, this.province[slot]!, delta);
    c.city = bump(c.city, this.city[slot]!, delta);
    c.section = bump(c.section, this.section[slot]!, delta);
    c.jobType = bump(c.jobType, this.jobType[slot]!, delta);
  }

  /** Count every long list now (after a build), so no visitor's query pays for the first count. */
  countLongLists(): void {
    for (const list of this.lists.values()) if (!list.facets && list.length >= this.countedListLength) this.countFacets(list);
  }

  private tally(slot: number, delta: 1 | -1): void {
    const keys = new Set(['', this.provinces.values[this.province[slot]!]!, this.cities.values[this.city[slot]!]!, this.counties.values[this.county[slot]!]!]);
    for (const key of keys) {
      let c = this.counters.get(key);
      if (!c) this.counters.set(key, (c = emptyFacets()));
      this.tallyInto(c, slot, delta);
    }
  }

  /** Newer first; equal times: the larger id first (as TopK orders ties). */
  private newer = (a: number, b: number): number => this.published[b]! - this.published[a]! || this.ids[b]! - this.ids[a]!;

  get count(): number { return this.size - this.dead; }

  /** Distinct tokens, and how many of them keep live facet counts. */
  get tokenStats(): { tokens: number; counted: number } { return { tokens: this.lists.size, counted: this.countedLists.size }; }

  has(id: number): boolean { return this.slotById.has(id); }

  /** Whether some live or recently removed posting carries the token. */
  hasToken(token: string): boolean { return (this.lists.get(token)?.length ?? 0) > 0; }

  /** Add or replace a posting. */
  upsert(doc: IndexDoc): void {
    this.remove(doc.id);
    if (this.size === this.capacity) this.grow();
    const slot = this.size++;
    const region = this.regions.get(doc.countyCode) ?? { code: doc.countyCode, cityCode: doc.countyCode, provinceCode: `${doc.countyCode.slice(0, 2)}0000` };
    this.ids[slot] = doc.id;
    this.county[slot] = this.counties.id(region.code);
    this.city[slot] = this.cities.id(region.cityCode);
    this.province[slot] = this.provinces.id(region.provinceCode);
    this.section[slot] = this.sections.id(doc.industrySection);
    this.divisions[slot] = doc.industryDivision;
    this.jobType[slot] = this.jobTypes.id(doc.jobTypeCode);
    this.salaryMin[slot] = doc.salaryMin ?? -1;
    this.salaryMax[slot] = doc.salaryMax ?? doc.salaryMin ?? -1;
    this.education[slot] = doc.educationRank;
    let mask = 0;
    for (const b of doc.benefits) { const bit = this.benefitBits.id(b); if (bit < 32) mask |= 1 << bit; }
    this.benefitMask[slot] = mask >>> 0;
    this.published[slot] = doc.publishedAt;
    this.alive[slot] = 1;
    this.shortText[slot] = doc.shortText;
    this.slotById.set(doc.id, slot);
    this.tally(slot, 1);
    if (this.newest) { this.fresh.push(slot); this.freshSorted = null; }
    for (const [token, fields] of doc.tokens) {
      const list = this.list(token);
      list.push(slot, fields);
      if (list.facets) { this.tallyInto(list.facets, slot, 1); list.combos![fields & 63]!++; }
    }
    this.list(JOB_TYPE_TOKEN + doc.jobTypeCode).push(slot, FIELD.jobType);
  }

  /** Drop a posting (closed, filled, expired, deleted); its slot is reclaimed by the next compaction. */
  remove(id: number): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    // The posting's tokens are not kept; a binary search in each counted list finds where it was.
    for (const list of this.countedLists) {
      const at = seek(list, 0, slot);
      if (at < list.length && list.slots[at] === slot) { this.tallyInto(list.facets!, slot, -1); list.combos![list.fields[at]! & 63]!--; }
    }
    this.alive[slot] = 0;
    this.tally(slot, -1);
    this.shortText[slot] = '';
    this.slotById.delete(id);
    this.dead++;
    if (this.dead > 10_000 && this.dead > this.size / 4) this.compact();
  }

  search(request: SearchRequest): SearchResult {
    scratch.reset();
    const f0 = request.filters;
    const onlyRegion = !f0.industry && !f0.jobTypes?.length && f0.salaryFloor === undefined && !f0.benefits?.length && f0.educationRank === undefined;
    if (!request.clauses.length && onlyRegion && (request.sort === 'newest' || (request.sort === 'relevance' && !request.near))) {
      return this.browse(f0.region ?? '', request.offset, request.limit);
    }
    const one = onlyRegion && !f0.region && request.sort === 'relevance' ? this.oneWordList(request.clauses) : null;
    if (one) return this.searchOneWord(one.list, one.idf, one.table, request);
    // No words but job types: walk those types' lists, not every posting.
    const matches = request.clauses.length || !f0.jobTypes?.length ? this.match(request.clauses) : this.jobTypeSlots(f0.jobTypes);
    const f = this.compileFilter(request.filters);
    const provinceCounts = new Int32Array(this.provinces.values.length);
    const cityCounts = new Int32Array(this.cities.values.length);
    const sectionCounts = new Int32Array(this.sections.values.length);
    const jobTypeCounts = new Int32Array(this.jobTypes.values.length);
    const top = new TopK(request.offset + request.limit);
    const nearInfo = request.near ? this.regions.get(request.near) : undefined;
    const nearCounty = request.near ? this.counties.find(request.near) ?? -1 : -1;
    const nearCity = nearInfo ? this.cities.find(nearInfo.cityCode) ?? -1 : -1;
    const nearProvince = nearInfo ? this.provinces.find(nearInfo.provinceCode) ?? -1 : -1;
    const sort = request.sort === 'newest' ? 0 : request.sort === 'salary' ? 1 : 2;
    const { alive, province, city, county, section, jobType, published, salaryMax, ids, divisions, benefitMask, education } = this;
    const now = request.now;
    const weights = matches?.weights ?? WEIGHT_OF;
    const count = f.never ? 0 : matches ? matches.length : this.size;
    const slots = matches ? matches.slots : null;
    const { regionColumn, regionWant, section: sectionWant, division, jobTypes: jobTypesWanted, salaryFloor, benefits, education: educationMax } = f;
    let total = 0;
    // One flat loop with the filters as locals: this runs over up to a million slots per query.
    for (let i = 0; i < count; i++) {
      const slot = slots ? slots[i]! : i;
      if (!alive[slot]) continue;
      if (regionColumn && regionColumn[slot] !== regionWant) continue;
      if (sectionWant >= 0 && (section[slot] !== sectionWant || (division !== null && divisions[slot] !== division))) continue;
      if (jobTypesWanted && !jobTypesWanted[jobType[slot]!]) continue;
      if (salaryFloor >= 0 && salaryMax[slot]! < salaryFloor) continue;
      if (benefits && (benefitMask[slot]! & benefits) >>> 0 !== benefits) continue;
      if (educationMax >= 0 && education[slot]! > educationMax) continue;
      total++;
      provinceCounts[province[slot]!]!++;
      cityCounts[city[slot]!]!++;
      sectionCounts[section[slot]!]!++;
      jobTypeCounts[jobType[slot]!]!++;
      let key: number;
      if (sort === 0) key = published[slot]!;
      else if (sort === 1) key = salaryMax[slot]! * 1e10 + published[slot]! / 1e3; // yuan, then seconds: exact below 2^53
      else {
        // Text match first; recency (a week-old posting loses ~0.5) and nearness break near-ties.
        const ageDays = now > published[slot]! ? (now - published[slot]!) / DAY : 0;
        const near = county[slot] === nearCounty ? 1.5 : city[slot] === nearCity ? 1 : province[slot] === nearProvince ? 0.5 : 0;
        const text = matches ? (matches.scores ? matches.scores[i]! : matches.idf * weights[matches.fields![i]! & 63]!) : 0;
        key = text + 1 / (1 + ageDays / 7) + near;
      }
      if (key >= top.floor) top.offer(key, ids[slot]!);
    }
    return {
      total,
      ids: top.sorted().slice(request.offset),
      facets: {
        province: facetList(provinceCounts, this.provinces), city: facetList(cityCounts, this.cities),
        industry: facetList(sectionCounts, this.sections), jobType: facetList(jobTypeCounts, this.jobTypes),
      },
    };
  }

  /**
   * Every live slot newest first, for browsing without words. Done once after a build (about a
   * second at a million postings), not in the first visitor's request; later changes are merged in.
   */
  sortNewest(): void {
    const slots: number[] = [];
    for (let slot = 0; slot < this.size; slot++) if (this.alive[slot]) slots.push(slot);
    this.newest = Int32Array.from(slots.sort(this.newer));
    this.fresh = [];
    this.freshSorted = null;
  }

  /** A single plain word with a long list: its live counts serve the facets. */
  private oneWordList(clauses: Clause[]): { list: PostingList; idf: number; table: Float32Array } | null {
    if (clauses.length !== 1) return null;
    const c = clauses[0]!;
    if (c.tokens.length !== 1 || c.phrase || c.jobTypes?.length) return null;
    const list = this.lists.get(c.tokens[0]!);
    if (!list || list.length < this.countedListLength) return null;
    return { list, idf: Math.log(1 + Math.max(1, this.count) / list.length), table: c.place ? PLACE_WEIGHT_OF : WEIGHT_OF };
  }

  /**
   * One word, no filters, by relevance: the same keys as search()'s loop, but facets come from the
   * list's live counts and an entry whose best possible key (its field weight plus the most that
   * recency and nearness can add) is below the page's floor is skipped on its field byte alone.
   */
  private searchOneWord(list: PostingList, idf: number, table: Float32Array, request: SearchRequest): SearchResult {
    const counts = list.facets ?? this.countFacets(list);
    const top = new TopK(request.offset + request.limit);
    const nearInfo = request.near ? this.regions.get(request.near) : undefined;
    const nearCounty = request.near ? this.counties.find(request.near) ?? -1 : -1;
    const nearCity = nearInfo ? this.cities.find(nearInfo.cityCode) ?? -1 : -1;
    const nearProvince = nearInfo ? this.provinces.find(nearInfo.provinceCode) ?? -1 : -1;
    const most = 1 + (request.near ? 1.5 : 0);
    const { alive, province, city, county, published, ids } = this;
    const { slots, fields } = list;
    const now = request.now;
    const keyOf = (slot: number, f: number): number => {
      const ageDays = now > published[slot]! ? (now - published[slot]!) / DAY : 0;
      const near = county[slot] === nearCounty ? 1.5 : city[slot] === nearCity ? 1 : province[slot] === nearProvince ? 0.5 : 0;
      return idf * table[f & 63]! + 1 / (1 + ageDays / 7) + near;
    };
    const page = this.walkNewest(list, idf, table, top, most, keyOf, request.now);
    for (let i = 0; i < list.length && !page; i++) {
      const text = idf * table[fields[i]! & 63]!;
      if (text + most < top.floor) continue;
      const slot = slots[i]!;
      if (!alive[slot]) continue;
      const ageDays = now > published[slot]! ? (now - published[slot]!) / DAY : 0;
      const near = county[slot] === nearCounty ? 1.5 : city[slot] === nearCity ? 1 : province[slot] === nearProvince ? 0.5 : 0;
      const key = text + 1 / (1 + ageDays / 7) + near;
      if (key >= top.floor) top.offer(key, ids[slot]!);
    }
    return {
      total: counts.total,
      ids: (page ?? top).sorted().slice(request.offset),
      facets: {
        province: facetList(counts.province, this.provinces), city: facetList(counts.city, this.cities),
        industry: facetList(counts.section, this.sections), jobType: facetList(counts.jobType, this.jobTypes),
      },
    };
  }

  /**
   * When the word's best field is common (a broad word in a third of all titles), its top page is
   * among the newest postings: walk all postings newest first, look each up in the list (binary
   * search) and stop once even the best field plus the current recency cannot reach the page's
   * floor. Gives up (null) after as many steps as the plain scan would cost; the scan then answers.
   */
  private walkNewest(list: PostingList, idf: number, table: Float32Array, fallback: TopK, most: number,
    keyOf: (slot: number, fields: number) => number, now: number): TopK | null {
    let best = 0;
    let bestCount = 0;
    for (let c = 0; c < 64; c++) {
      const n = list.combos![c]!;
      if (!n) continue;
      const w = table[c]!;
      if (w > best) { best = w; bestCount = n; } else if (w === best) bestCount += n;
    }
    const k = fallback.size;
    const walk = this.options.walk ?? 'auto';
    // A step costs about as much as 32 entries of the scan (a binary search and random reads).
    const budget = walk === 'always' ? Infinity : list.length / 32;
    if (walk === 'never' || !bestCount || (k * this.count) / bestCount > budget) return null;
    const top = new TopK(k);
    const { main, fresh } = this.newestOrder();
    const { alive, published } = this;
    let i = 0;
    let j = 0;
    for (let steps = 0; steps < budget && (i < main.length || j < fresh.length); steps++) {
      const slot = j >= fresh.length || (i < main.length && this.newer(main[i]!, fresh[j]!) <= 0) ? main[i++]! : fresh[j++]!;
      if (!alive[slot]) continue;
      const recency = 1 / (1 + (now > published[slot]! ? (now - published[slot]!) / DAY : 0) / 7);
      if (idf * best + recency + (most - 1) < top.floor) return top;
      const at = seek(list, 0, slot);
      if (at >= list.length || list.slots[at] !== slot) continue;
      const key = keyOf(slot, list.fields[at]!);
      if (key >= top.floor) top.offer(key, this.ids[slot]!);
    }
    return i >= main.length && j >= fresh.length ? top : null;
  }

  /** Every slot newest first, in two sorted runs to merge: the order made after the build, and the slots added since. */
  private newestOrder(): { main: Int32Array; fresh: number[] } {
    if (!this.newest || this.fresh.length > 20_000) this.sortNewest();
    this.freshSorted ??= [...this.fresh].sort(this.newer);
    return { main: this.newest!, fresh: this.freshSorted };
  }

  /** No words, newest first, at most a region: counters for the facets, a walk in date order for the page. */
  private browse(region: string, offset: number, limit: number): SearchResult {
    const c = this.counters.get(region);
    const result: SearchResult = {
      total: c?.total ?? 0, ids: [],
      facets: {
        province: facetList(c?.province ?? [], this.provinces), city: facetList(c?.city ?? [], this.cities),
        industry: facetList(c?.section ?? [], this.sections), jobType: facetList(c?.jobType ?? [], this.jobTypes),
      },
    };
    if (!c?.total) return result;
    const { main, fresh } = this.newestOrder();
    const test = region === '' ? null : region.endsWith('0000') ? [this.province, this.provinces.find(region)] as const
      : this.cities.find(region) !== undefined ? [this.city, this.cities.find(region)] as const : [this.county, this.counties.find(region)] as const;
    let i = 0;
    let j = 0;
    let skipped = 0;
    while (result.ids.length < limit && (i < main.length || j < fresh.length)) {
      const slot = j >= fresh.length || (i < main.length && this.newer(main[i]!, fresh[j]!) <= 0) ? main[i++]! : fresh[j++]!;
      if (!this.alive[slot] || (test && test[0][slot] !== test[1])) continue;
      if (skipped < offset) { skipped++; continue; }
      result.ids.push(this.ids[slot]!);
    }
    return result;
  }

  private jobTypeSlots(codes: string[]): Matches {
    let merged: Matches & { scores: Float32Array } = { slots: new Int32Array(0), scores: new Float32Array(0), fields: null, idf: 0, length: 0 };
    for (const code of new Set(codes)) {
      const list = this.lists.get(JOB_TYPE_TOKEN + code);
      if (list) merged = union(merged, list, 0) as Matches & { scores: Float32Array };
    }
    return merged;
  }

  /** Slots matching every clause with summed text scores; null when there is no text to match. */
  private match(clauses: Clause[]): Matches | null {
    if (!clauses.length) return null;
    let result: Matches | null = null;
    for (const clause of clauses) {
      let m = this.matchClause(clause);
      if (result) m = intersect(materialize(result), materialize(m));
      result = m;
      if (!result.length) break;
    }
    return result;
  }

  private matchClause(clause: Clause): Matches {
    const lists = clause.tokens.map((t) => this.lists.get(t));
    let text: Matches = { slots: new Int32Array(0), scores: new Float32Array(0), fields: null, idf: 0, length: 0 };
    if (clause.tokens.length && lists.every((l) => l && l.length)) {
      const present = lists as PostingList[];
      const alive = Math.max(1, this.count);
      const idf = present.map((l) => Math.log(1 + alive / l.length));
      if (present.length === 1 && !clause.phrase && !clause.jobTypes?.length) {
        const l = present[0]!;
        return { slots: l.slots, scores: null, fields: l.fields, idf: idf[0]!, length: l.length, ...(clause.place ? { weights: PLACE_WEIGHT_OF } : {}) };
      }
      text = intersectLists(present, idf, clause.place ? PLACE_WEIGHT_OF : WEIGHT_OF);
      if (clause.phrase) text = this.keepPhrase(text, clause.phrase);
    } else if (!clause.tokens.length && clause.phrase) {
      text = this.scanPhrase(clause.phrase);
    }
    if (!clause.jobTypes?.length) return text;
    // Synonyms: postings of the named job types match as if the word were their job type.
    let merged = text;
    for (const code of clause.jobTypes) {
      const list = this.lists.get(JOB_TYPE_TOKEN + code);
      if (!list) continue;
      merged = union(materialize(merged), list, 2.5 * Math.log(1 + Math.max(1, this.count) / list.length));
    }
    return merged;
  }

  private keepPhrase(matches: Matches, phrase: string): Matches {
    const m = materialize(matches);
    let n = 0;
    for (let i = 0; i < m.length; i++) {
      if (this.shortText[m.slots[i]!]!.includes(phrase)) { m.slots[n] = m.slots[i]!; m.scores[n++] = m.scores[i]! + 1; }
    }
    m.length = n;
    return m;
  }

  private scanPhrase(phrase: string): Matches {
    const slots: number[] = [];
    for (let slot = 0; slot < this.size; slot++) if (this.alive[slot] && this.shortText[slot]!.includes(phrase)) slots.push(slot);
    return { slots: Int32Array.from(slots), scores: new Float32Array(slots.length).fill(1), fields: null, idf: 0, length: slots.length };
  }

  /** Filters as plain values for the flat loop in search(); `never` when a filter names nothing indexed. */
  private compileFilter(f: SearchFilters) {
    const out = {
      never: false, regionColumn: null as Uint16Array | null, regionWant: -1, section: -1, division: null as string | null,
      jobTypes: null as Uint8Array | null, salaryFloor: -1, benefits: 0, education: -1,
    };
    if (f.region) {
      const code = f.region;
      const [dict, column] = code.endsWith('0000') ? [this.provinces, this.province] as const
        : this.cities.find(code) !== undefined ? [this.cities, this.city] as const : [this.counties, this.county] as const;
      const want = dict.find(code);
      if (want === undefined) out.never = true;
      else { out.regionColumn = column; out.regionWant = want; }
    }
    if (f.industry) {
      const want = this.sections.find(f.industry[0]!);
      if (want === undefined) out.never = true;
      else { out.section = want; out.division = f.industry.length > 1 ? f.industry.slice(1) : null; }
    }
    if (f.jobTypes?.length) {
      out.jobTypes = new Uint8Array(Math.max(1, this.jobTypes.values.length));
      for (const code of f.jobTypes) { const n = this.jobTypes.find(code); if (n !== undefined) out.jobTypes[n] = 1; }
    }
    if (f.salaryFloor !== undefined) out.salaryFloor = f.salaryFloor;
    if (f.benefits?.length) {
      let mask = 0;
      for (const b of f.benefits) { const bit = this.benefitBits.find(b); if (bit === undefined || bit >= 32) out.never = true; else mask |= 1 << bit; }
      out.benefits = mask >>> 0;
    }
    if (f.educationRank !== undefined) out.education = f.educationRank;
    return out;
  }

  private list(token: string): PostingList {
    let list = this.lists.get(token);
    if (!list) { list = new PostingList(); this.lists.set(token, list); }
    return list;
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Float64Array | Uint16Array | Uint8Array | Int32Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.capacity); b.set(a); return b;
    };
    this.ids = grow(this.ids); this.county = grow(this.county); this.city = grow(this.city); this.province = grow(this.province);
    this.section = grow(this.section); this.jobType = grow(this.jobType); this.salaryMin = grow(this.salaryMin);
    this.salaryMax = grow(this.salaryMax); this.education = grow(this.education); this.benefitMask = grow(this.benefitMask);
    this.published = grow(this.published); this.alive = grow(this.alive);
  }

  /** Squeeze out dead slots: columns and every posting list are rewritten in slot order. */
  private compact(): void {
    const remap = new Int32Array(this.size).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.size; slot++) {
      if (!this.alive[slot]) continue;
      remap[slot] = next;
      for (const column of [this.ids, this.county, this.city, this.province, this.section, this.jobType, this.salaryMin, this.salaryMax, this.education, this.benefitMask, this.published, this.alive]) {
        column[next] = column[slot]!;
      }
      this.divisions[next] = this.divisions[slot]!;
      this.shortText[next] = this.shortText[slot]!;
      this.slotById.set(this.ids[next]!, next);
      next++;
    }
    this.alive.fill(0, next);
    this.divisions.length = next;
    this.shortText.length = next;
    for (const [token, list] of this.lists) {
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const to = remap[list.slots[i]!]!;
        if (to >= 0) { list.slots[n] = to; list.fields[n++] = list.fields[i]!; }
      }
      list.length = n;
      if (n === 0) { this.lists.delete(token); this.countedLists.delete(list); }
    }
    this.size = next;
    this.dead = 0;
    this.newest = null;
    this.fresh = [];
    this.freshSorted = null;
  }
}

/** Counts by dictionary value, largest first (ties by value, so every server lists them alike). */
function facetList(counts: ArrayLike<number>, dict: Dictionary): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++) { const n = counts[i]; if (n) out.push({ value: dict.values[i]!, count: n }); }
  return out.sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
}

/** AND of token lists, smallest first; each token adds idf × the weight of its best field. */
function intersectLists(lists: PostingList[], idf: number[], table: Float32Array): Matches {
  const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length);
  const first = lists[order[0]!]!;
  const slots = scratch.int32(first.length);
  const scores = scratch.float32(first.length);
  const cursors = new Int32Array(lists.length);
  let n = 0;
  outer: for (let i = 0; i < first.length; i++) {
    const slot = first.slots[i]!;
    let score = idf[order[0]!]! * table[first.fields[i]! & 63]!;
    for (let k = 1; k < order.length; k++) {
      const list = lists[order[k]!]!;
      const at = seek(list, cursors[k]!, slot);
      cursors[k] = at;
      if (at >= list.length) break outer;
      if (list.slots[at] !== slot) continue outer;
      score += idf[order[k]!]! * table[list.fields[at]! & 63]!;
    }
    slots[n] = slot;
    scores[n++] = score;
  }
  return { slots, scores, fields: null, idf: 0, length: n };
}

function intersect(a: Matches & { scores: Float32Array }, b: Matches & { scores: Float32Array }): Matches {
  const slots = scratch.int32(Math.min(a.length, b.length));
  const scores = scratch.float32(slots.length);
  let i = 0; let j = 0; let n = 0;
  while (i < a.length && j < b.length) {
    const x = a.slots[i]!; const y = b.slots[j]!;
    if (x === y) { slots[n] = x; scores[n++] = a.scores[i++]! + b.scores[j++]!; } else if (x < y) i++; else j++;
  }
  return { slots, scores, fields: null, idf: 0, length: n };
}

function union(a: Matches & { scores: Float32Array }, list: PostingList, score: number): Matches {
  const slots = scratch.int32(a.length + list.length);
  const scores = scratch.float32(slots.length);
  let i = 0; let j = 0; let n = 0;
  while (i < a.length || j < list.length) {
    const x = i < a.length ? a.slots[i]! : Infinity;
    const y = j < list.length ? list.slots[j]! : Infinity;
    if (x === y) { slots[n] = x; scores[n++] = Math.max(a.scores[i++]!, score); j++; }
    else if (x < y) { slots[n] = x; scores[n++] = a.scores[i++]!; }
    else { slots[n] = y; scores[n++] = score; j++; }
  }
  return { slots, scores, fields: null, idf: 0, length: n };
}

/** The k largest keys (ties: larger id first, so every server orders alike), kept in a min-heap. */
class TopK {
  private readonly keys: Float64Array;
  private readonly ids: Float64Array;
  private n = 0;
  /** Keys below this cannot enter (the smallest kept key once full): most candidates stop here. */
  floor = -Infinity;
  get size(): number { return this.k; }
  constructor(private readonly k: number) {
    this.keys = new Float64Array(Math.max(1, k));
    this.ids = new Float64Array(Math.max(1, k));
  }
  private less(i: number, key: number, id: number): boolean {
    return this.keys[i]! < key || (this.keys[i] === key && this.ids[i]! < id);
  }
  offer(key: number, id: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!(key < this.keys[parent]! || (key === this.keys[parent] && id < this.ids[parent]!))) break;
        this.keys[i] = this.keys[parent]!; this.ids[i] = this.ids[parent]!; i = parent;
      }
      this.keys[i] = key; this.ids[i] = id;
      if (this.n === this.k) this.floor = this.keys[0]!;
      return;
    }
    if (!this.less(0, key, id)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1; const r = l + 1;
      let m = i; let mk = key; let mi = id;
      if (l < this.n && (this.keys[l]! < mk || (this.keys[l] === mk && this.ids[l]! < mi))) { m = l; mk = this.keys[l]!; mi = this.ids[l]!; }
      if (r < this.n && (this.keys[r]! < mk || (this.keys[r] === mk && this.ids[r]! < mi))) { m = r; }
      if (m === i) break;
      this.keys[i] = this.keys[m]!; this.ids[i] = this.ids[m]!; i = m;
    }
    this.keys[i] = key; this.ids[i] = id;
    this.floor = this.keys[0]!;
  }
  /** Ids, best first. */
  sorted(): number[] {
    const entries = Array.from({ length: this.n }, (_, i) => [this.keys[i]!, this.ids[i]!] as const);
    entries.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    return entries.map((e) => e[1]);
  }
}
