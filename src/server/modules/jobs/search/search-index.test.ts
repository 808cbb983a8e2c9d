import { describe, expect, it } from 'vitest';
import { FIELD, SearchIndex, type IndexDoc, type RegionInfo, type SearchRequest } from './search-index.js';

const REGIONS = new Map<string, RegionInfo>([
  ['500106', { code: '500106', cityCode: '500106', provinceCode: '500000' }], // 沙坪坝区 (Chongqing: districts are its cities)
  ['500112', { code: '500112', cityCode: '500112', provinceCode: '500000' }], // 渝北区
  ['511681', { code: '511681', cityCode: '511600', provinceCode: '510000' }], // 华蓥市, 广安市
  ['511602', { code: '511602', cityCode: '511600', provinceCode: '510000' }], // 广安区
  ['511702', { code: '511702', cityCode: '511700', provinceCode: '510000' }], // 通川区, 达州市
]);
const NOW = Date.UTC(2023, 2, 1);
const DAY = 86_400_000;

function doc(id: number, over: Partial<IndexDoc> & { words?: Record<string, number> }): IndexDoc {
  const { words = {}, ...rest } = over;
  return {
    id, countyCode: '500106', industrySection: 'H', industryDivision: '62', jobTypeCode: 'chinese-cook', salaryMin: 4000, salaryMax: 6000,
    educationRank: 0, benefits: [], publishedAt: NOW - id * DAY, shortText: '', tokens: new Map(Object.entries(words)), ...rest,
  };
}

const request = (over: Partial<SearchRequest> = {}): SearchRequest => ({ clauses: [], filters: {}, sort: 'relevance', offset: 0, limit: 10, now: NOW, ...over });

function sample(): SearchIndex {
  const index = new SearchIndex(REGIONS);
  index.upsert(doc(1, { words: { 电工: FIELD.title, 高压: FIELD.title }, jobTypeCode: 'electrician', industrySection: 'D', industryDivision: '44', countyCode: '500112', shortText: '高压电工 重庆渝北电力公司', salaryMin: 6000, salaryMax: 9000, benefits: ['五险一金'] }));
  index.upsert(doc(2, { words: { 电工: FIELD.description, 维修: FIELD.title }, jobTypeCode: 'maintenance', industrySection: 'C', industryDivision: '36', countyCode: '511681', shortText: '设备维修工 华蓥机械厂', salaryMin: 5000, salaryMax: 7000 }));
  index.upsert(doc(3, { words: { 厨师: FIELD.title, 火锅: FIELD.title }, shortText: '火锅店厨师 三峡广场火锅', benefits: ['包吃住', '五险一金'], salaryMin: 6000, salaryMax: 9000 }));
  index.upsert(doc(4, { words: { 烹调师: FIELD.title, 中式: FIELD.title }, shortText: '中式烹调师 广安饭店', countyCode: '511602', salaryMin: null, salaryMax: null, educationRank: 3 }));
  index.upsert(doc(5, { words: { 文员: FIELD.title, 行政: FIELD.title, 行政文员: FIELD.title }, jobTypeCode: 'office-clerk', industrySection: 'L', industryDivision: null, shortText: '行政文员 达州商贸', countyCode: '511702', salaryMin: 3500, salaryMax: 4500 }));
  index.upsert(doc(6, { words: { 销售: FIELD.title, 文员: FIELD.description }, jobTypeCode: 'sales', industrySection: 'F', industryDivision: '51', shortText: '销售代表 渝北商贸', countyCode: '500112' }));
  return index;
}

describe('SearchIndex', () => {
  it('matches every token of a clause and ranks a title match above a description match', () => {
    const result = sample().search(request({ clauses: [{ tokens: ['电工'] }] }));
    expect(result.total).toBe(2);
    expect(result.ids).toEqual([1, 2]);
    expect(sample().search(request({ clauses: [{ tokens: ['电工', '高压'] }] })).ids).toEqual([1]);
    expect(sample().search(request({ clauses: [{ tokens: ['电工'] }, { tokens: ['维修'] }] })).ids).toEqual([2]);
    expect(sample().search(request({ clauses: [{ tokens: ['电焊'] }] })).total).toBe(0);
  });

  it('文员 ranks 行政文员 above a sales posting that mentions 文员 in its description', () => {
    expect(sample().search(request({ clauses: [{ tokens: ['文员'] }] })).ids).toEqual([5, 6]);
  });

  it('finds postings of a synonym job type (厨师 → 中式烹调师)', () => {
    const result = sample().search(request({ clauses: [{ tokens: ['厨师'], jobTypes: ['chinese-cook'] }] }));
    expect(result.ids.sort()).toEqual([3, 4]);
  });

  it('keeps a quoted phrase only where it is written as such', () => {
    const index = sample();
    expect(index.search(request({ clauses: [{ tokens: ['厨师', '火锅'], phrase: '火锅店厨师' }] })).ids).toEqual([3]);
    expect(index.search(request({ clauses: [{ tokens: ['厨师', '火锅'], phrase: '厨师火锅' }] })).ids).toEqual([]);
    expect(index.search(request({ clauses: [{ tokens: [], phrase: '广安' }] })).ids).toEqual([4]);
  });

  it.each([
    [{ region: '500000' }, [1, 3, 6]],
    [{ region: '510000' }, [2, 4, 5]],
    [{ region: '511600' }, [2, 4]],
    [{ region: '500112' }, [1, 6]],
    [{ region: '520000' }, []],
    [{ industry: 'D' }, [1]],
    [{ industry: 'C36' }, [2]],
    [{ industry: 'C37' }, []],
    [{ jobTypes: ['electrician', 'sales'] }, [1, 6]],
    [{ salaryFloor: 8000 }, [1, 3]],
    [{ benefits: ['五险一金'] }, [1, 3]],
    [{ benefits: ['五险一金', '包吃住'] }, [3]],
    [{ benefits: ['不存在'] }, []],
    [{ educationRank: 2 }, [1, 2, 3, 5, 6]],
  ])('filters by %j', (filters, ids) => {
    expect(sample().search(request({ filters, sort: 'newest' })).ids.sort()).toEqual(ids);
  });

  it('counts facets over the whole result, not just the page', () => {
    const result = sample().search(request({ limit: 1 }));
    expect(result.total).toBe(6);
    expect(result.ids).toHaveLength(1);
    expect(result.facets.province).toEqual([{ value: '500000', count: 3 }, { value: '510000', count: 3 }]);
    expect(result.facets.city).toEqual([{ value: '500112', count: 2 }, { value: '511600', count: 2 }, { value: '500106', count: 1 }, { value: '511700', count: 1 }]);
    expect(result.facets.industry.find((f) => f.value === 'H')).toEqual({ value: 'H', count: 2 });
    expect(result.facets.jobType.find((f) => f.value === 'chinese-cook')).toEqual({ value: 'chinese-cook', count: 2 });
  });

  it('sorts by newest, by salary, and pages without gaps or repeats', () => {
    const index = sample();
    expect(index.search(request({ sort: 'newest' })).ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(index.search(request({ sort: 'salary' })).ids).toEqual([1, 3, 2, 6, 5, 4]);
    const pages = [0, 2, 4].flatMap((offset) => index.search(request({ sort: 'newest', offset, limit: 2 })).ids);
    expect(pages).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ranks the seeker\'s own district, then city, then province higher when text ties', () => {
    const index = new SearchIndex(REGIONS);
    const same = { words: { 电工: FIELD.title }, publishedAt: NOW - DAY };
    index.upsert(doc(10, { ...same, countyCode: '500106' }));
    index.upsert(doc(11, { ...same, countyCode: '511602' }));
    index.upsert(doc(12, { ...same, countyCode: '511681' }));
    index.upsert(doc(13, { ...same, countyCode: '511702' }));
    expect(index.search(request({ clauses: [{ tokens: ['电工'] }], near: '511681' })).ids).toEqual([12, 11, 13, 10]);
    // Equal postings without a seeker's region: the larger id first, the same on every server.
    expect(index.search(request({ clauses: [{ tokens: ['电工'] }] })).ids).toEqual([13, 12, 11, 10]);
  });

  it('replaces a changed posting and forgets a removed one', () => {
    const index = sample();
    index.upsert(doc(1, { words: { 焊工: FIELD.title }, jobTypeCode: 'welder' }));
    expect(index.search(request({ clauses: [{ tokens: ['电工'] }] })).ids).toEqual([2]);
    expect(index.search(request({ clauses: [{ tokens: ['焊工'] }] })).ids).toEqual([1]);
    index.remove(2);
    index.remove(999);
    expect(index.search(request({ clauses: [{ tokens: ['电工'] }] })).total).toBe(0);
    expect(index.count).toBe(5);
  });

  it('stays correct through compaction after many removals', () => {
    const index = new SearchIndex(REGIONS);
    for (let id = 1; id <= 30_000; id++) index.upsert(doc(id, { words: { [id % 2 ? '普工' : '电工']: FIELD.title }, publishedAt: NOW - (id % 100) * DAY }));
    for (let id = 1; id <= 20_000; id++) index.remove(id);
    expect(index.count).toBe(10_000);
    const result = index.search(request({ clauses: [{ tokens: ['电工'] }], sort: 'newest', limit: 3 }));
    expect(result.total).toBe(5_000);
    expect(result.ids.every((id) => id > 20_000 && id % 2 === 0)).toBe(true);
    const all = index.search(request({ clauses: [{ tokens: ['普工'] }], limit: 10_000 }));
    expect(all.total).toBe(5_000);
    expect(new Set(all.ids).size).toBe(5_000);
  });

  it('answers "no words, newest, by region" from its counters exactly as a full scan would, through changes', () => {
    const index = new SearchIndex(REGIONS);
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const counties = [...REGIONS.keys()];
    const put = (id: number) => index.upsert(doc(id, {
      countyCode: counties[Math.floor(rnd() * counties.length)]!, industrySection: rnd() < 0.5 ? 'C' : 'H',
      jobTypeCode: rnd() < 0.5 ? 'welder' : 'cook', publishedAt: NOW - Math.floor(rnd() * 50) * DAY, words: { 岗位: FIELD.title },
    }));
    for (let id = 1; id <= 2_000; id++) put(id);
    const compare = () => {
      for (const region of [undefined, '500000', '510000', '511600', '511681', '500112']) {
        for (const offset of [0, 20, 500]) {
          const fast = index.search(request({ sort: 'newest', offset, limit: 20, filters: region ? { region } : {} }));
          // An always-true filter takes the scanning path: the two must agree to the last id and count.
          const scan = index.search(request({ sort: 'newest', offset, limit: 20, filters: { ...(region ? { region } : {}), educationRank: 99 } }));
          expect(fast).toEqual(scan);
        }
      }
    };
    compare();
    for (let id = 1; id <= 300; id++) put(id * 5); // changed postings move to new slots
    for (let id = 2_001; id <= 2_200; id++) put(id); // new ones arrive after the order was built
    for (let id = 3; id <= 600; id += 7) index.remove(id);
    compare();
  });

  it('answers one plain word from the list\'s live counts exactly as a full scan would, through changes and compaction', () => {
    // The same postings in two indexes: one keeps counts for every list, the other never does.
    const counted = new SearchIndex(REGIONS, { countedListLength: 1, walk: 'never' });
    const walked = new SearchIndex(REGIONS, { countedListLength: 1, walk: 'always' });
    const scanned = new SearchIndex(REGIONS, { countedListLength: Infinity });
    let seed = 11;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const counties = [...REGIONS.keys()];
    const vocabulary = ['电工', '普工', '岗位', '渝北'];
    const fieldBits = [FIELD.title, FIELD.description, FIELD.enterprise, FIELD.region, FIELD.title | FIELD.description];
    const put = (id: number) => {
      const words: Record<string, number> = {};
      for (const w of vocabulary) if (rnd() < 0.5) words[w] = fieldBits[Math.floor(rnd() * fieldBits.length)]!;
      const d = doc(id, {
        countyCode: counties[Math.floor(rnd() * counties.length)]!, industrySection: rnd() < 0.5 ? 'C' : 'H',
        jobTypeCode: rnd() < 0.5 ? 'welder' : 'cook', publishedAt: NOW - Math.floor(rnd() * 30) * DAY, words,
      });
      counted.upsert(d);
      walked.upsert(d);
      scanned.upsert(d);
    };
    const remove = (id: number) => { counted.remove(id); walked.remove(id); scanned.remove(id); };
    const compare = () => {
      for (const word of vocabulary) {
        for (const near of [undefined, '511681']) {
          const q = request({ clauses: [{ tokens: [word], ...(word === '渝北' ? { place: true } : {}) }], limit: 15, ...(near ? { near } : {}) });
          for (const page of [q, { ...q, offset: 40 }]) {
            const expected = scanned.search(page);
            expect(counted.search(page)).toEqual(expected);
            expect(walked.search(page)).toEqual(expected);
          }
        }
      }
    };
    for (let id = 1; id <= 3_000; id++) put(id);
    compare(); // counts made here, on first use
    walked.sortNewest(); // as after a build: later postings are merged into this order
    for (let id = 1; id <= 400; id++) put(id * 3); // changed postings: removed from the counts, added again
    for (let id = 3_001; id <= 3_300; id++) put(id);
    for (let id = 2; id <= 900; id += 5) remove(id);
    compare();
    for (let id = 1; id <= 14_000; id++) put(10_000 + id);
    for (let id = 1; id <= 13_000; id++) remove(10_000 + id); // enough dead slots to compact
    compare();
  });
});
