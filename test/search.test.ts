import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSheets } from '../src/server/modules/imports/imports.service.js';
import { JobSearch } from '../src/server/modules/jobs/search/search.service.js';
import { prepareSchema } from '../src/server/server.js';
import { createTestApp, loginAs, makeCreditCode, makeUser, uniqueSuffix, type TestApp } from './helpers.js';

// Public job search (issue 4 §1–2): the in-process index against real PostgreSQL, its change
// notices, the database fallback, and two servers agreeing.

let t: TestApp;
// A word only this file's postings carry, so postings of other test files never disturb counts.
const tag = `t${uniqueSuffix()}`;
const HEADER = ['企业名称', '统一社会信用代码', '岗位名称', '工种', '招聘人数', '薪资', '学历要求', '工作地点', '所在区县', '所属行业', '福利待遇', '岗位描述'];
const codes = { cq: makeCreditCode('500112'), sc: makeCreditCode('511681'), dz: makeCreditCode('511702') };

beforeAll(async () => {
  t = await createTestApp();
  const rows = [
    HEADER,
    [`渝北示例电力工程有限公司${tag}`, codes.cq, '高压电工', '电工', 5, '6000-9000', '中专', '渝北区', '渝北区', 'D44', '五险一金、包吃住', `${tag} 负责变电站设备巡检，持高压电工证`],
    [`渝北示例电力工程有限公司${tag}`, codes.cq, '行政文员', '', 2, '4000-5000', '大专', '渝北区', '渝北区', 'D44', '五险一金', `${tag} 负责文件整理、会议安排`],
    [`渝北示例电力工程有限公司${tag}`, codes.cq, '销售代表', '', 3, '5000-8000', '高中', '渝北区', '渝北区', 'D44', '', `${tag} 兼做部门文员工作，开拓客户`],
    [`华蓥示例机械制造有限公司${tag}`, codes.sc, '维修电工', '电工', 4, '5500-7000', '中专', '华蓥市', '华蓥市', 'C34', '包吃住', `${tag} 设备电气维修`],
    [`华蓥示例机械制造有限公司${tag}`, codes.sc, '中式烹调师', '', 1, '面议', '不限', '华蓥市', '华蓥市', 'C34', '包吃', `${tag} 职工食堂川菜`],
    [`达州示例商贸有限公司${tag}`, codes.dz, '仓库管理员', '', 2, '3500-4500', '高中', '通川区', '通川区', 'F51', '', `${tag} 仓储出入库，兼做设备运维`],
  ];
  await importSheets(t.ctx, { operator: 'test' }, 'postings', [{ name: '岗位', rows: rows.map((cells, i) => ({ number: i + 1, cells })) }]);
});
afterAll(async () => { await t?.close(); });

async function search(query: Record<string, string | number>, app = t.app) {
  const res = await app.inject({ url: '/api/jobs', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: { id: number; title: string; region: { code: string }; highlight: { title: string; snippet: string } }[]; facets: Record<string, { value: string; label: string; count: number }[]>; source: string };
}

const titles = (r: { items: { title: string }[] }) => r.items.map((i) => i.title);

describe('GET /api/jobs', () => {
  it('answers from the index once built, with both provinces in the facets and highlighted matches', async () => {
    await t.ctx.search.ready();
    const r = await search({ q: `${tag} 电工` });
    expect(r.source).toBe('index');
    expect(r.total).toBe(2);
    expect(titles(r).sort()).toEqual(['维修电工', '高压电工'].sort()); // equal text, same moment: either first
    expect(r.items.find((i) => i.title === '高压电工')!.highlight).toEqual({ title: '高压<em>电工</em>', snippet: expect.stringContaining('<em>电工</em>') });
    expect(r.facets.region).toEqual(expect.arrayContaining([
      { value: '500000', label: '重庆市', count: 1 }, { value: '510000', label: '四川省', count: 1 },
      { value: '500112', label: '渝北区', count: 1 }, { value: '511600', label: '广安市', count: 1 },
    ]));
    expect(r.facets.jobType).toEqual([{ value: 'electrician', label: expect.any(String), count: 2 }]);
  });

  it('finds 中式烹调师 for 厨师 (synonym), and ranks 行政文员 above a 销售 posting that mentions 文员', async () => {
    expect(titles(await search({ q: `${tag} 厨师` }))).toEqual(['中式烹调师']);
    expect(titles(await search({ q: `${tag} 文员` }))).toEqual(['行政文员', '销售代表']);
  });

  it('matches region names (渝北 finds 渝北区), enterprise names and quoted phrases', async () => {
    expect(titles(await search({ q: `${tag} 渝北`, sort: 'newest' })).sort()).toEqual(['销售代表', '行政文员', '高压电工'].sort());
    expect(titles(await search({ q: `${tag} 华蓥示例机械`, sort: 'newest' })).sort()).toEqual(['中式烹调师', '维修电工'].sort());
    expect(titles(await search({ q: `${tag} "维修电工"` }))).toEqual(['维修电工']);
    expect(titles(await search({ q: `${tag} "电工维修"` }))).toEqual([]);
  });

  it('finds a word the postings hold whole though plain segmentation splits it (运维), in the index and in PostgreSQL', async () => {
    await t.ctx.search.ready();
    expect(titles(await search({ q: `${tag} 运维` }))).toEqual(['仓库管理员']);
    const other = await createTestApp();
    try {
      const fromDb = await search({ q: `${tag} 运维` }, other.app);
      expect(fromDb.source).toBe('database');
      expect(titles(fromDb)).toEqual(['仓库管理员']);
    } finally {
      await other.close();
    }
  });

  it.each([
    [{ region: '510000' }, ['中式烹调师', '仓库管理员', '维修电工']],
    [{ region: '511600' }, ['中式烹调师', '维修电工']],
    [{ region: '511702' }, ['仓库管理员']],
    [{ industry: 'D' }, ['行政文员', '销售代表', '高压电工']],
    [{ industry: 'C34' }, ['中式烹调师', '维修电工']],
    [{ jobType: 'electrician' }, ['维修电工', '高压电工']],
    [{ salaryMin: 8000 }, ['销售代表', '高压电工']],
    [{ benefits: '包吃住' }, ['维修电工', '高压电工']],
    [{ education: 'senior_high' }, ['中式烹调师', '仓库管理员', '销售代表']],
  ])('filters by %j', async (filter, expected) => {
    expect(titles(await search({ q: tag, sort: 'newest', ...filter })).sort()).toEqual([...expected].sort());
  });

  it('pages through the results and sorts by salary', async () => {
    const all = await search({ q: tag, sort: 'salary', pageSize: 50 });
    expect(all.total).toBe(6);
    expect(titles(all).slice(0, 2)).toEqual(['高压电工', '销售代表']);
    const p1 = await search({ q: tag, sort: 'newest', pageSize: 4, page: 1 });
    const p2 = await search({ q: tag, sort: 'newest', pageSize: 4, page: 2 });
    expect(p1.items).toHaveLength(4);
    expect(p2.items).toHaveLength(2);
    expect(new Set([...titles(p1), ...titles(p2)]).size).toBe(6);
  });

  it('shows a newly approved posting within a second, and drops it when closed', async () => {
    const staff = await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' });
    const cookie = await loginAs(t.app, staff.username);
    const enterprise = await t.ctx.db.selectFrom('enterprises').select('id').where('credit_code', '=', codes.cq).executeTakeFirstOrThrow();
    const created = await t.app.inject({
      method: 'POST', url: `/api/enterprises/${enterprise.id}/postings`, headers: { cookie },
      payload: { title: `装表接电工${tag}`, jobTypeCode: 'electrician', headcount: 2, salaryMin: 7000, salaryMax: 9000, submit: true, descriptionHtml: '<p>装表接电</p>' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const approvedAt = Date.now();
    expect((await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie }, payload: { action: 'approve' } })).statusCode).toBe(200);
    let seenAfter = -1;
    while (Date.now() - approvedAt < 3_000) {
      if ((await search({ q: `装表接电 ${tag}` })).items.some((i) => i.id === id)) { seenAfter = Date.now() - approvedAt; break; }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(1_000);
    expect((await t.app.inject({ method: 'POST', url: `/api/postings/${id}/transition`, headers: { cookie }, payload: { action: 'close', reason: '招满' } })).statusCode).toBe(200);
    const closedAt = Date.now();
    while (Date.now() - closedAt < 3_000 && (await search({ q: `装表接电 ${tag}` })).total > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await search({ q: `装表接电 ${tag}` })).total).toBe(0);
  });

  it('finds postings by their enterprise\'s new name after a rename, in the index and in PostgreSQL', async () => {
    const staff = await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' });
    const cookie = await loginAs(t.app, staff.username);
    const enterprise = await t.ctx.db.selectFrom('enterprises').select(['id']).where('credit_code', '=', codes.sc).executeTakeFirstOrThrow();
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/enterprises/${enterprise.id}`, headers: { cookie }, payload: { name: `华蓥示例精工装备有限公司${tag}` } });
    expect(renamed.statusCode).toBe(200);
    const started = Date.now();
    while (Date.now() - started < 3_000 && (await search({ q: `${tag} 精工装备` })).total === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(titles(await search({ q: `${tag} 精工装备`, sort: 'newest' })).sort()).toEqual(['中式烹调师', '维修电工'].sort());
    const other = await createTestApp();
    try {
      const fromDb = await search({ q: `${tag} 精工装备`, sort: 'newest' }, other.app);
      expect(fromDb.source).toBe('database');
      expect(fromDb.total).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('hides the postings of an enterprise that loses its verification', async () => {
    await t.ctx.db.updateTable('enterprises').set({ status: 'rejected', status_reason: '资质过期' }).where('credit_code', '=', codes.dz).execute();
    const started = Date.now();
    while (Date.now() - started < 3_000 && (await search({ q: `${tag} 仓库` })).total > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await search({ q: `${tag} 仓库` })).total).toBe(0);
    await t.ctx.db.updateTable('enterprises').set({ status: 'verified', status_reason: null }).where('credit_code', '=', codes.dz).execute();
    const back = Date.now();
    while (Date.now() - back < 3_000 && (await search({ q: `${tag} 仓库` })).total === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(titles(await search({ q: `${tag} 仓库` }))).toEqual(['仓库管理员']);
  });

  it('gives the same answers on a second server, and from PostgreSQL while an index is still being built', async () => {
    const other = await createTestApp();
    try {
      const queries: Record<string, string>[] = [{ q: tag, sort: 'newest' }, { q: `${tag} 电工` }, { q: tag, region: '510000', sort: 'salary' }];
      // Not built yet: PostgreSQL answers, newest first, with the same total and facets.
      const fromDb = await search(queries[0]!, other.app);
      expect(fromDb.source).toBe('database');
      const fromIndex = await search(queries[0]!);
      expect(fromDb.total).toBe(fromIndex.total);
      expect(titles(fromDb)).toEqual(titles(fromIndex));
      expect(fromDb.facets.region).toEqual(fromIndex.facets.region);
      await other.ctx.search.ready();
      for (const q of queries) {
        const [a, b] = [await search(q), await search(q, other.app)];
        expect(b.source).toBe('index');
        expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
        expect(b.facets).toEqual(a.facets);
      }
    } finally {
      await other.close();
    }
  });

  it('recommends to a seeker from his profile, each with its reason, and finds similar jobs', async () => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const signup = await t.app.inject({ method: 'POST', url: '/api/seekers/register', payload: { phone, password: 'Seeker-2023', name: '华蓥电工', consent: true } });
    const cookie = `chuanyu_session=${signup.cookies.find((c) => c.name === 'chuanyu_session')!.value}`;
    await t.app.inject({ method: 'PATCH', url: '/api/me/profile', headers: { cookie }, payload: { regionCode: '511681', desiredJobTypes: ['electrician'], desiredSalary: 5000, skills: ['电气维修'] } });
    const res = await t.app.inject({ url: '/api/me/recommendations?limit=5', headers: { cookie, 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { title: string; region: { code: string }; reasons: string[]; reason: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.reasons).toEqual(expect.arrayContaining(['same_county', 'desired_job']));
    expect(items[0]!.reason).toMatch(/^同区县 · 期望岗位/);
    expect(items[0]!.region.code).toBe('511681');
    const staff = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500112' })).username);
    expect((await t.app.inject({ url: '/api/me/recommendations', headers: { cookie: staff } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/me/recommendations' })).statusCode).toBe(401);

    const source = (await search({ q: `${tag} 高压电工` })).items[0]!;
    const similar = (await t.app.inject({ url: `/api/jobs/${source.id}/similar?limit=5` })).json().items as { id: number; reasons: string[] }[];
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.map((i) => i.id)).not.toContain(source.id);
    expect(similar[0]!.reasons).toContain('desired_job');
    expect((await t.app.inject({ url: '/api/jobs/999999999/similar' })).statusCode).toBe(404);
  });

  it('tolerates a wrong character in a name, and never swaps a query of several words for a guess', async () => {
    // 渝北示例电汽: the wrong 汽 is a lone character, which the index ignores; the rest still finds the employer.
    const typo = (await t.app.inject({ url: '/api/jobs', query: { q: `渝北示例电汽${tag}`, sort: 'newest' } })).json();
    expect(typo.items.map((i: { title: string }) => i.title).sort()).toEqual(['行政文员', '销售代表', '高压电工'].sort());
    const several = (await t.app.inject({ url: '/api/jobs', query: { q: `${tag} 宇航员` } })).json();
    expect(several.total).toBe(0);
    expect(several.suggestion).toBeUndefined();
    // Two characters are too short to guess from.
    const short = (await t.app.inject({ url: '/api/jobs', query: { q: '宇航' } })).json();
    expect(short).toMatchObject({ total: 0 });
    expect(short.suggestion).toBeUndefined();
  });

  it('names every bad parameter at once', async () => {
    const res = await t.app.inject({ url: '/api/jobs?region=51&industry=X9&pageSize=500', headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['industry', 'pageSize', 'region']);
  });
});

describe('JobSearch', () => {
  it('rebuilds from PostgreSQL when its listening connection is lost', async () => {
    const search = new JobSearch(t.ctx.db, t.handle.pool);
    try {
      await search.ready();
      const before = search.stats.rebuilds;
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'chuanyu-search'`.execute(t.ctx.db);
      const started = Date.now();
      while (search.stats.rebuilds === before && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(search.stats.rebuilds).toBe(before + 1);
      expect((await search.search({ q: `${tag} 电工`, sort: 'newest', offset: 0, limit: 10 })).total).toBeGreaterThanOrEqual(2);
    } finally {
      await search.close();
    }
  });
});

describe('search tokens of older postings', () => {
  it('are written once at start for postings saved before search existed, and the start after skips the scan', async () => {
    const enterprise = await t.ctx.db.selectFrom('enterprises').select(['id', 'owner_union_id']).where('credit_code', '=', codes.cq).executeTakeFirstOrThrow();
    const old = await t.ctx.db.insertInto('postings').values({
      enterprise_id: enterprise.id, owner_union_id: enterprise.owner_union_id, title: `旧岗位焊工${tag}`, job_type_code: 'welder', industry_section: 'D',
      industry_division: null, region_code: '500112', salary_negotiable: true, salary_min: null, salary_max: null, headcount: 1, education: 'none',
      experience: 'none', description_html: '', benefits: [], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
      valid_from: '2020-01-01', valid_until: '2099-12-31', status: 'draft', published_at: null, reviewed_by: null, created_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('app_settings').where('key', '=', 'search.tokens_backfilled').execute();
    await prepareSchema(t.ctx.db);
    const row = await t.ctx.db.selectFrom('postings').select(sql<string>`search_tokens::text`.as('tokens')).where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(row.tokens).toContain("'焊工':");
    expect(await t.ctx.db.selectFrom('app_settings').select('key').where('key', '=', 'search.tokens_backfilled').executeTakeFirst()).toBeDefined();
    // Recorded as done: a posting without tokens now stays so (every write path tokenises on its own).
    await t.ctx.db.updateTable('postings').set({ search_tokens: '' }).where('id', '=', old.id).execute();
    await prepareSchema(t.ctx.db);
    const after = await t.ctx.db.selectFrom('postings').select(sql<string>`search_tokens::text`.as('tokens')).where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(after.tokens).toBe('');
  });
});
