import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEmployment } from '../src/server/demo/employment.js';
import { importSheets } from '../src/server/modules/imports/imports.service.js';
import { todayIso } from '../src/server/modules/jobs/postings.service.js';
import { prepareSchema } from '../src/server/server.js';
import { createFreshDatabase, createTestApp, type TestApp } from './helpers.js';

// Relevance (issue 4, "Relevance"): hand-judged queries over the spring-2023 demo season (455
// employers, 13,000 postings, the data `npm start` loads), in a database of their own. For each
// query a human wrote down what a right answer is; precision@5 is the share of the top five that is.

interface Item { title: string; jobType: { code: string }; region: { code: string; fullName: string }; enterprise: { name: string }; benefits: string[] }

interface Judged {
  q: string;
  near?: string;
  /** What makes a result right, as judged by hand. */
  right: (item: Item) => boolean;
  why: string;
}

const title = (...words: string[]) => (i: Item) => words.some((w) => i.title.includes(w));
const type = (...codes: string[]) => (i: Item) => codes.includes(i.jobType.code);
const either = (...tests: ((i: Item) => boolean)[]) => (i: Item) => tests.some((f) => f(i));

const JUDGED: Judged[] = [
  { q: '厨师', right: either(type('chinese-cook', 'hotpot-cook'), title('厨师', '烹调')), why: '厨师 ↔ 中式烹调师' },
  { q: '中式烹调师', right: type('chinese-cook'), why: 'the catalogue name' },
  { q: '文员', right: title('文员'), why: '行政文员 above 销售' },
  { q: '行政文员', right: type('office-clerk'), why: 'the whole word' },
  { q: '"行政文员"', right: title('行政文员'), why: 'a quoted phrase' },
  { q: '电工', right: either(type('electrician'), title('电工')), why: '2 characters' },
  { q: '维修电工', right: type('electrician'), why: 'a synonym of 电工' },
  { q: '普工', right: either(type('general-worker'), title('普工')), why: '2 characters' },
  { q: '操作工', right: either(type('general-worker'), title('操作工')), why: 'synonym of 普工; 数控机床操作工 is an operator too' },
  { q: '保安', right: type('security-guard'), why: 'synonym of 保安员' },
  { q: '会计', right: type('accountant'), why: '2 characters' },
  { q: '司机', right: either(type('driver', 'truck-driver', 'forklift-driver'), title('司机')), why: 'synonym of 驾驶员' },
  { q: '驾驶员', right: either(type('driver', 'truck-driver'), title('驾驶员')), why: 'the catalogue name' },
  { q: '焊工', right: type('welder'), why: '2 characters' },
  { q: '家政', right: type('housekeeper'), why: 'synonym of 家政服务员' },
  { q: '护理员', right: either(type('care-worker', 'maternity-nurse'), title('护理员')), why: '养老 and 母婴 护理员 both' },
  { q: '快递员', right: type('courier'), why: '3 characters' },
  { q: '收银员', right: type('cashier'), why: '3 characters' },
  { q: '主播', right: type('live-streamer'), why: 'synonym of 电商主播' },
  { q: '服务员', right: either(type('waiter', 'room-attendant'), title('服务员')), why: 'synonym of 餐厅服务员' },
  { q: '叉车', right: type('forklift-driver'), why: 'synonym of 叉车司机' },
  { q: '装配工', right: either(type('assembler', 'auto-assembler', 'electronic-assembler'), title('装配')), why: '3 characters' },
  { q: '质检员', right: type('quality-inspector'), why: '3 characters' },
  { q: '保洁', right: type('cleaner'), why: 'synonym of 保洁员' },
  { q: '仓管', right: type('warehouse-clerk'), why: 'synonym of 仓库管理员' },
  { q: '渝北', right: (i) => i.region.fullName.includes('渝北区'), why: 'a district name, short form' },
  { q: '沙坪坝', right: (i) => i.region.fullName.includes('沙坪坝区'), why: 'a district name, short form' },
  { q: '广安', right: (i) => i.region.fullName.includes('广安市') || i.enterprise.name.includes('广安'), why: 'a city name' },
  { q: '电工 江北', right: (i) => (i.jobType.code === 'electrician' || i.title.includes('电工')) && i.region.fullName.includes('江北区'), why: 'job and place' },
  { q: '厨师 成都', right: (i) => (i.jobType.code === 'chinese-cook' || i.title.includes('厨师')) && i.region.fullName.includes('成都市'), why: 'job and city' },
  { q: '五险一金', right: (i) => i.benefits.includes('五险一金'), why: 'a benefit' },
  { q: '火锅', right: (i) => i.title.includes('火锅') || i.enterprise.name.includes('火锅') || i.jobType.code === 'hotpot-cook' || i.jobType.code === 'hotpot-base-maker', why: 'trade word' },
  { q: '物业', right: (i) => i.enterprise.name.includes('物业') || i.jobType.code === 'property-manager', why: 'enterprise names' },
  { q: '电工', near: '511681', right: (i) => i.region.code.startsWith('51'), why: 'a 华蓥 seeker: 四川 before equal 重庆 jobs' },
  { q: '厨师', near: '500106', right: (i) => i.region.code.startsWith('50'), why: 'a 沙坪坝 seeker: 重庆 first' },
];

let t: TestApp;
beforeAll(async () => {
  const { url } = await createFreshDatabase();
  t = await createTestApp({ databaseUrl: url });
  await prepareSchema(t.ctx.db);
  const { sheet } = generateEmployment({ today: todayIso() });
  await importSheets(t.ctx, { operator: 'test' }, 'postings', [sheet]);
  await t.ctx.search.ready();
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('relevance of the public search', () => {
  it('answers a typo with the closest job type (pg_trgm) and says so', async () => {
    const res = (await t.app.inject({ url: '/api/jobs', query: { q: '电焊公', pageSize: '5' } })).json();
    expect(res.suggestion).toEqual({ kind: 'jobType', value: '电焊工' });
    expect(res.total).toBeGreaterThan(0);
    expect(res.items.every((i: Item) => i.jobType.code === 'welder')).toBe(true);
  });

  it(`precision@5 over ${JUDGED.length} hand-judged queries`, async () => {
    const rows: { q: string; p5: number; top: string[] }[] = [];
    for (const j of JUDGED) {
      const res = await t.app.inject({ url: '/api/jobs', query: { q: j.q, pageSize: '5', ...(j.near ? { near: j.near } : {}) } });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Item[];
      // A combination the season has fewer than five of is judged on what there is.
      expect(items.length, `"${j.q}" found nothing`).toBeGreaterThan(0);
      rows.push({ q: j.near ? `${j.q} (near ${j.near})` : j.q, p5: items.filter(j.right).length / items.length, top: items.map((i) => `${i.title}@${i.region.fullName}`) });
    }
    const mean = rows.reduce((n, r) => n + r.p5, 0) / rows.length;
    // The figure the issue asks for, in the test output.
    console.log(`precision@5 over ${rows.length} queries: ${mean.toFixed(3)}\n${rows.filter((r) => r.p5 < 1).map((r) => `  ${r.q}: ${r.p5} — ${r.top.join(' | ')}`).join('\n')}`);
    expect(mean).toBeGreaterThanOrEqual(0.95);
    for (const r of rows) expect(r.p5, `${r.q}: ${r.top.join(' | ')}`).toBeGreaterThanOrEqual(0.8);
  });
});
