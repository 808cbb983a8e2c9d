import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeEmployer, makeEnterprise, makeUser, uniqueSuffix, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';

// Season and event reports (issue 5 §8) and booth cards (§3): a small season of both provinces,
// built through the API, read back from the .xlsx, the CSV and the PDFs and held against the live
// figures and a direct count of the records; who may download what.

let t: TestApp;
let cq: string; // 重庆市总工会 staff: the season's manager
let sc: string; // 四川省总工会 staff: hosts one fair of it
let jiangbei: string; // 江北区总工会 staff: hosts the livestream
let huaying: string; // 华蓥市总工会 staff: another province's district, runs nothing here
let cqUserId: string;

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });
const now = Date.now();
const window = { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() };

interface World {
  seasonId: number; fair: number; fairSc: number; live: number;
  a: { id: string; name: string; creditCode: string }; b: { id: string; name: string }; c: { id: string; name: string };
  employerA: string; signups: { a: number; b: number; c: number; d: number }; posting: { a1: number; a2: number; b1: number; c1: number };
  phones: string[];
}
let w: World;

async function post(path: string, cookie: string | undefined, payload: unknown) {
  const res = await t.app.inject({ method: 'POST', url: path, headers: zh(cookie), payload: payload as object });
  expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

async function posting(enterpriseId: string, region: string, jobType: string, headcount: number, salary: [number, number]) {
  const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow();
  return (await t.ctx.db.insertInto('postings').values({
    enterprise_id: enterpriseId, owner_union_id: union.id, title: `${jobType === 'electrician' ? '高压电工' : jobType === 'sales-rep' ? '门店销售' : '行政文员'}${uniqueSuffix()}`,
    job_type_code: jobType, industry_section: 'C', industry_division: null, region_code: region, salary_negotiable: false, salary_min: salary[0], salary_max: salary[1], headcount,
    education: 'none', experience: 'none', description_html: '', benefits: [], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
    valid_from: '2020-01-01', valid_until: '2099-12-31', status: 'published', published_at: new Date(), reviewed_by: null, created_by: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Two fairs (Chongqing's and Sichuan's), a livestream; three employers approved, one pending; visitors, booth records, intents, a follow-up. */
async function buildSeason(): Promise<World> {
  const season = await post('/api/seasons', cq, {
    name: `2023川渝就业服务季${uniqueSuffix()}`, theme: '春风送岗促发展，工创美好新生活', startsOn: '2023-02-25', endsOn: '2023-05-31',
    hosts: [{ name: '重庆市总工会', role: 'host' }, { name: '四川省总工会', role: 'host' }], goals: { livestreams: 40 }, status: 'published',
  });
  const fair = await post(`/api/seasons/${season.id}/events`, cq, {
    kind: 'fair', name: '三峡广场开幕式招聘会', regionCode: '500106', venue: '沙坪坝区三峡广场', ...window, status: 'open',
    zones: [{ kind: 'booths', name: '智能制造展区', rows: 2, cols: 5 }, { kind: 'rights', name: '维权服务区' }],
  });
  const fairSc = await post(`/api/seasons/${season.id}/events`, sc, {
    kind: 'fair', name: '华蓥专场招聘会', regionCode: '511681', venue: '华蓥市人民广场', ...window, status: 'open', zones: [{ kind: 'booths', name: '招聘展位', rows: 1, cols: 4 }],
  });
  const live = await post(`/api/seasons/${season.id}/events`, jiangbei, {
    kind: 'livestream', name: '江北区直播带岗第1场', regionCode: '500105', startsAt: '2023-03-01T19:00:00+08:00', endsAt: '2023-03-01T21:00:00+08:00',
    livestream: { platform: '抖音', streamUrl: 'https://live.example.cn/room/1' }, status: 'open',
  });
  const a = await makeEnterprise(t.ctx, { region: '500106', section: 'C', name: `重庆三峡智能装备${uniqueSuffix()}有限公司` });
  const b = await makeEnterprise(t.ctx, { region: '511681', section: 'D', name: `华蓥电力工程${uniqueSuffix()}有限公司` });
  const c = await makeEnterprise(t.ctx, { region: '510104', section: 'C', name: `成都锦江商贸${uniqueSuffix()}有限公司` });
  const d = await makeEnterprise(t.ctx, { region: '500105', section: 'F' });
  const [employerA, employerB, employerC, employerD] = await Promise.all([a, b, c, d].map(async (e) => loginAs(t.app, (await makeEmployer(t.ctx, e.id)).username))) as [string, string, string, string];
  const p = {
    a1: await posting(a.id, '500106', 'electrician', 5, [5000, 7000]), a2: await posting(a.id, '500106', 'office-clerk', 2, [4000, 5000]),
    b1: await posting(b.id, '511681', 'electrician', 3, [6000, 9000]), c1: await posting(c.id, '510104', 'sales-rep', 4, [4500, 8000]),
  };
  const d1 = await posting(d.id, '500105', 'sales-rep', 9, [3000, 4000]);
  const signups = {
    a: (await post(`/api/events/${fair.id}/signups`, employerA, { postingIds: [p.a1, p.a2] })).id,
    b: (await post(`/api/events/${fair.id}/signups`, employerB, { postingIds: [p.b1] })).id,
    c: (await post(`/api/events/${fair.id}/signups`, employerC, { postingIds: [p.c1] })).id,
    d: (await post(`/api/events/${fair.id}/signups`, employerD, { postingIds: [d1] })).id,
  };
  const bSc = (await post(`/api/events/${fairSc.id}/signups`, employerB, { postingIds: [p.b1] })).id; // the same posting at two fairs counts once
  for (const id of [signups.a, signups.b, signups.c]) await post(`/api/signups/${id}/review`, cq, { decision: 'approve' });
  await post(`/api/signups/${bSc}/review`, sc, { decision: 'approve' });
  await post(`/api/events/${fair.id}/booths/auto-assign`, cq, {});
  await post(`/api/events/${fairSc.id}/booths/auto-assign`, sc, {});

  const phones = Array.from({ length: 4 }, () => `13${7 + Math.floor(Math.random() * 2)}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
  const tickets = [];
  for (const [i, phone] of phones.slice(0, 3).entries()) tickets.push((await post(`/api/events/${fair.id}/visitors`, undefined, { name: ['陈师傅', '李女士', '王师傅'][i], phone, consent: true })).visitor);
  for (const ticket of tickets.slice(0, 2)) await post(`/api/events/${fair.id}/checkins`, cq, { code: ticket.ticketCode });
  await post(`/api/events/${fairSc.id}/visitors`, sc, { name: '张大姐', phone: phones[3], consent: true, checkIn: true });

  const record = (cookie: string, body: object) => post(`/api/events/${fair.id}/booth-records`, cookie, body);
  await record(employerA, { code: tickets[0].token, kind: 'consultation', postingIds: [p.a1], rating: 5 });
  await record(employerA, { code: tickets[1].token, kind: 'consultation', postingIds: [p.a2] });
  await record(employerA, { code: tickets[0].token, kind: 'interview', postingIds: [p.a1], outcome: 'pass' });
  await record(employerB, { code: tickets[1].token, kind: 'consultation', postingIds: [p.b1] });
  const confirmed = await post(`/api/events/${fair.id}/intents`, employerA, { code: tickets[0].ticketCode, postingId: p.a1, salary: 6500, startDate: '2023-03-06' });
  await post(`/api/tickets/${encodeURIComponent(tickets[0].token)}/intents/${confirmed.id}/answer`, undefined, { accept: true });
  await post(`/api/events/${fair.id}/intents`, employerB, { code: tickets[1].ticketCode, postingId: p.b1, salary: 7000, startDate: '2023-03-10' });
  const f30 = await t.ctx.db.selectFrom('intent_follow_ups').select('id').where('intent_id', '=', confirmed.id).where('day', '=', 30).executeTakeFirstOrThrow();
  const put = await t.app.inject({ method: 'PUT', url: `/api/follow-ups/${f30.id}`, headers: zh(cq), payload: { contractSigned: true, startedWork: true } });
  expect(put.statusCode).toBe(200);

  // The livestream room (migration 0008): postings picked from both provinces, counters as the room keeps them.
  await t.ctx.db.insertInto('event_postings').values([{ event_id: live.id, posting_id: p.a2, signup_id: null, position: 0 }, { event_id: live.id, posting_id: p.c1, signup_id: null, position: 1 }]).execute();
  await t.ctx.db.updateTable('livestream_rooms').set({ viewers: 12_345, applications: 7, intents: 2 }).where('event_id', '=', live.id).execute();
  return { seasonId: season.id, fair: fair.id, fairSc: fairSc.id, live: live.id, a, b, c, employerA, signups, posting: p, phones };
}

beforeAll(async () => {
  t = await createTestApp();
  const cqUser = await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' });
  cqUserId = cqUser.id;
  cq = await loginAs(t.app, cqUser.username);
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
  jiangbei = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500105' })).username);
  huaying = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '511681' })).username);
  w = await buildSeason();
});
afterAll(async () => { await t?.close(); });

const download = (url: string, cookie?: string, lang = 'zh-CN') => t.app.inject({ url, headers: { 'accept-language': lang, ...(cookie ? { cookie } : {}) } });

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet as rows of values, header first. */
const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));

/** The season's figures counted straight from the records. */
async function directCount(seasonId: number) {
  const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
  const { sql } = await import('kysely');
  const db = t.ctx.db;
  const one = (s: ReturnType<typeof sql<{ n: string }>>) => count(s.execute(db).then((r) => r.rows[0]!));
  return {
    enterprises: await one(sql`SELECT count(DISTINCT s.enterprise_id) AS n FROM event_signups s JOIN events e ON e.id = s.event_id WHERE e.season_id = ${seasonId} AND s.status = 'approved'`),
    positions: await one(sql`SELECT count(DISTINCT ep.posting_id) AS n FROM event_postings ep JOIN event_signups s ON s.id = ep.signup_id JOIN events e ON e.id = s.event_id WHERE e.season_id = ${seasonId} AND s.status = 'approved'`),
    checkins: await one(sql`SELECT count(*) AS n FROM event_visitors v JOIN events e ON e.id = v.event_id WHERE e.season_id = ${seasonId} AND v.checked_in_at IS NOT NULL`),
    consultations: await one(sql`SELECT count(*) AS n FROM booth_records r JOIN events e ON e.id = r.event_id WHERE e.season_id = ${seasonId} AND r.kind = 'consultation'`),
    interviews: await one(sql`SELECT count(*) AS n FROM booth_records r JOIN events e ON e.id = r.event_id WHERE e.season_id = ${seasonId} AND r.kind = 'interview'`),
    intents: await one(sql`SELECT count(*) AS n FROM hiring_intents i JOIN events e ON e.id = i.event_id WHERE e.season_id = ${seasonId} AND i.status = 'confirmed'`),
  };
}

describe('season report', () => {
  it('.xlsx: the live figures, each table adding up to them, numbers as numbers, a Chinese file name', async () => {
    const res = await download(`/api/seasons/${w.seasonId}/report.xlsx`, cq);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''.*%E6%95%B0%E6%8D%AE%E6%8A%A5%E8%A1%A8/); // 数据报表
    expect(res.headers['cache-control']).toBe('no-store');
    const stats = (await t.app.inject({ url: `/api/seasons/${w.seasonId}/stats` })).json();
    const direct = await directCount(w.seasonId);
    expect(stats).toMatchObject({ ...direct, enterprises: 3, positions: 4, openings: 14, jobTypes: 3, checkins: 3, consultations: 3, interviews: 1, intents: 1 });

    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['总体数据', '按省份', '按地区', '按行业', '按工种', '参会企业', '活动', '直播带岗']);
    const summary = new Map(rowsOf(wb.getWorksheet('总体数据')!).filter((r) => typeof r[1] === 'number').map((r) => [r[0], r[1]]));
    expect(Object.fromEntries(summary)).toEqual({
      参会企业: stats.enterprises, 工种: stats.jobTypes, 岗位: stats.positions, 招聘人数: stats.openings, 入场人次: stats.checkins,
      咨询: stats.consultations, 面试: stats.interviews, '就业意向（已确认）': stats.intents,
    });
    expect(rowsOf(wb.getWorksheet('总体数据')!).flat().join('\n')).toMatch(/生成时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);

    const fed = rowsOf(wb.getWorksheet('按省份')!);
    expect(fed[0]).toEqual(['省份', '参会企业', '工种', '岗位', '招聘人数', '入场人次', '咨询', '面试', '意向（确认）']);
    const figures = ['enterprises', 'jobTypes', 'positions', 'openings', 'checkins', 'consultations', 'interviews', 'intents'];
    expect(fed[1]).toEqual(['重庆', ...figures.map((f) => stats.byFederation['50'][f])]);
    expect(fed[2]).toEqual(['四川', ...figures.map((f) => stats.byFederation['51'][f])]);
    expect(fed[3]).toEqual(['合计', ...figures.map((f) => stats[f])]);

    // Regions and industries: every line of employers, the total line equal to the season's figures.
    const regions = rowsOf(wb.getWorksheet('按地区')!);
    expect(regions.slice(1, 4).map((r) => [r[0], r[1], r[2]]).sort()).toEqual([['广安市', '四川', 1], ['成都市', '四川', 1], ['沙坪坝区', '重庆', 1]]);
    const regionTotal = regions.find((r) => r[0] === '合计')!;
    expect(regionTotal.slice(2)).toEqual([stats.enterprises, stats.positions, stats.openings, stats.consultations, stats.interviews, 2, stats.intents]);
    const industries = rowsOf(wb.getWorksheet('按行业')!);
    expect(industries.slice(1, 3).map((r) => r.slice(0, 2))).toEqual([['C 制造业', 2], ['D 电力、热力、燃气及水生产和供应业', 1]]); // both provinces' on one line
    expect(industries.find((r) => r[0] === '合计')!.slice(1, 4)).toEqual([stats.enterprises, stats.positions, stats.openings]);
    const jobTypes = rowsOf(wb.getWorksheet('按工种')!);
    expect(jobTypes.slice(1, 4)).toEqual([['电工', 2, 8, 1], expect.any(Array), expect.any(Array)]);
    expect(jobTypes.find((r) => r[0] === '合计')!.slice(1)).toEqual([stats.positions, stats.openings, stats.intents]);

    // Employers: the three approved (the pending one is not a participant), booth and figures each.
    const employers = rowsOf(wb.getWorksheet('参会企业')!);
    expect(employers[0]!.slice(0, 6)).toEqual(['企业', '统一社会信用代码', '地区', '行业', '参会场次', '展位']);
    const rowA = employers.find((r) => r[0] === w.a.name)!;
    expect(rowA).toEqual([w.a.name, w.a.creditCode, '沙坪坝区', '制造业', 1, expect.stringMatching(/^三峡广场开幕式招聘会 A\d\d$/), 2, 7, 2, 1, 1, 1]);
    // B has booths at two fairs: each named with its fair.
    expect(employers.find((r) => r[0] === w.b.name)!.slice(2, 11)).toEqual(['广安市华蓥市', '电力、热力、燃气及水生产和供应业', 2, expect.stringMatching(/^三峡广场开幕式招聘会 A\d\d、华蓥专场招聘会 A01$/), 1, 3, 1, 0, 1]);
    expect(employers.filter((r) => typeof r[4] === 'number' && r[0] !== '合计')).toHaveLength(3);
    expect(employers.find((r) => r[0] === '合计')!.slice(6)).toEqual([stats.positions, stats.openings, stats.consultations, stats.interviews, 2, stats.intents]);

    const events = rowsOf(wb.getWorksheet('活动')!);
    expect(events.slice(1, 4).map((r) => r[0]).sort()).toEqual(['三峡广场开幕式招聘会', '华蓥专场招聘会', '江北区直播带岗第1场'].sort());
    expect(events.find((r) => r[0] === '合计')!.slice(6)).toEqual([4, 4, 4, stats.checkins, stats.consultations, stats.interviews, stats.intents]);
    const live = rowsOf(wb.getWorksheet('直播带岗')!);
    expect(live[1]).toEqual(['江北区直播带岗第1场', '2023-03-01', expect.stringContaining('江北区总工会'), '抖音', 2, 12_345, 7, 2]);
  });

  it('PDF: Chinese text in the embedded font, every section, the figures as on the screen', async () => {
    const res = await download(`/api/seasons/${w.seasonId}/report.pdf`, cq);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['server-timing']).toMatch(/^report;dur=\d+$/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = readPdf(res.rawPayload);
    expect(pdf.fonts).toEqual(expect.arrayContaining(['NotoSansCJKsc-Regular', 'NotoSansCJKsc-Bold']));
    expect(pdf.count).toBe(pdf.pages.length);
    // Page 1: title, key figures, by province and region; 2: industry, job type, employers; 3: events and livestreams.
    expect(pdf.count).toBe(3);
    const text = pdf.pages.join('\n');
    for (const s of ['数据报表', '春风送岗促发展', '按省份', '按地区', '按行业', '按工种', '参会企业', '活动', '直播带岗', w.a.name, '12,345', '抖音', '（北京时间）']) expect(text).toContain(s);
    expect(pdf.pages[0]).toContain(`第 1/${pdf.count} 页`);
  });

  it('in English when asked', async () => {
    const res = await download(`/api/seasons/${w.seasonId}/report.xlsx`, cq, 'en');
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'By province', 'By region', 'By industry', 'By job type', 'Employers', 'Events', 'Livestreams']);
    expect(decodeURIComponent(res.headers['content-disposition']!.split("UTF-8''")[1]!)).toMatch(/-report-\d{4}-\d\d-\d\d\.xlsx$/);
  });
});

describe('event report', () => {
  it('a fair: its own figures, equal to a count of its records', async () => {
    const res = await download(`/api/events/${w.fair}/report.xlsx`, cq);
    expect(res.statusCode, res.body).toBe(200);
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['总体数据', '按省份', '按地区', '按行业', '按工种', '参会企业']);
    const summary = Object.fromEntries(rowsOf(wb.getWorksheet('总体数据')!).filter((r) => typeof r[1] === 'number').map((r) => [r[0], r[1]]));
    const db = t.ctx.db;
    const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    expect(summary).toEqual({
      参会企业: await n(db.selectFrom('event_signups').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', w.fair).where('status', '=', 'approved')),
      工种: 3, 岗位: 4, 招聘人数: 14,
      登记人数: await n(db.selectFrom('event_visitors').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', w.fair)),
      入场人次: await n(db.selectFrom('event_visitors').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', w.fair).where('checked_in_at', 'is not', null)),
      咨询: await n(db.selectFrom('booth_records').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', w.fair).where('kind', '=', 'consultation')),
      面试: 1,
      '就业意向（已确认）': await n(db.selectFrom('hiring_intents').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', w.fair).where('status', '=', 'confirmed')),
    });
    expect(summary).toMatchObject({ 参会企业: 3, 登记人数: 3, 入场人次: 2, 咨询: 3, '就业意向（已确认）': 1 });
    expect(rowsOf(wb.getWorksheet('按省份')!)[1]).toEqual(['重庆', 1, 2, 2, 7, 2, 2, 1, 1]); // the fair's host is Chongqing's: its check-ins are
  });

  it('a livestream (PDF): its room figures; its host union may download it, the season\'s other districts may not', async () => {
    const res = await download(`/api/events/${w.live}/report.pdf`, jiangbei);
    expect(res.statusCode, res.body).toBe(200);
    const pdf = readPdf(res.rawPayload);
    expect(pdf.count).toBe(1);
    const text = pdf.pages[0]!;
    for (const s of ['江北区直播带岗第1场 活动报表', '推介岗位', '观看人数', '12,345', '抖音', '行政文员', '门店销售', '4500–8000 元/月', '四川']) expect(text).toContain(s);
    expect(text).not.toContain('参会企业'); // a livestream has no sign-ups: no employer tables
    expect((await download(`/api/events/${w.fair}/report.pdf`, jiangbei)).statusCode).toBe(403);
  });
});

describe('intents CSV', () => {
  it('UTF-8 with BOM, one line per intent with masked phones only, follow-up outcomes; the download is audited', async () => {
    const res = await download(`/api/seasons/${w.seasonId}/intents.csv`, cq);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8').slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('意向编号,活动,企业,统一社会信用代码,岗位,月薪（元）,到岗日期,状态,求职者确认时间,求职者,手机号（脱敏）,跟进工会,30天回访,90天回访');
    expect(lines).toHaveLength(1 + 2);
    const confirmed = lines.find((l) => l.includes(',已确认,'))!.split(',');
    expect(confirmed.slice(2, 8)).toEqual([w.a.name, w.a.creditCode, expect.stringContaining('高压电工'), '6500', '2023-03-06', '已确认']);
    expect(confirmed[8]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(confirmed[9]).toBe('陈师傅');
    expect(confirmed[10]).toBe(`${w.phones[0]!.slice(0, 3)}****${w.phones[0]!.slice(-4)}`);
    expect(confirmed[11]).toContain('沙坪坝区总工会');
    expect(confirmed[12]).toBe('已签合同，已到岗');
    expect(confirmed[13]).toMatch(/^待回访（\d{4}-\d\d-\d\d 到期）$/);
    expect(lines.find((l) => l.includes('待求职者确认'))!.split(',').slice(12)).toEqual(['', '']);
    for (const phone of w.phones) expect(text).not.toContain(phone.slice(3));

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'subject_id', 'fields', 'subject_label']).where('actor_id', '=', cqUserId).where('action', '=', 'report.intents_csv').execute();
    expect(audit).toEqual([{ action: 'report.intents_csv', subject_id: String(w.seasonId), fields: ['visitor.name', 'visitor.phone_masked'], subject_label: expect.stringContaining('(2)') }]);

    const oneEvent = await download(`/api/seasons/${w.seasonId}/intents.csv?eventId=${w.fairSc}`, cq);
    expect(oneEvent.rawPayload.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1);
    const other = await download(`/api/seasons/${w.seasonId}/intents.csv?eventId=999999999`, cq);
    expect(other.statusCode).toBe(400);
    expect(other.json().issues).toEqual([{ path: 'eventId', message: '活动 999999999 不属于该服务季' }]);
  });
});

describe('who may download', () => {
  it('the season\'s managers; employers, other unions and the other province\'s districts get 403, strangers 401', async () => {
    for (const path of ['report.xlsx', 'report.pdf', 'intents.csv']) {
      const url = `/api/seasons/${w.seasonId}/${path}`;
      expect((await download(url)).statusCode).toBe(401);
      expect((await download(url, w.employerA)).statusCode).toBe(403);
      expect((await download(url, huaying)).statusCode).toBe(403);
      expect((await download(url, sc)).statusCode).toBe(403);
      expect((await download(url, jiangbei)).statusCode).toBe(403);
    }
    const byEmployer = await download(`/api/events/${w.fair}/report.xlsx`, w.employerA);
    expect(byEmployer.statusCode).toBe(403);
    expect(byEmployer.json().code).toBe('auth.forbidden');
    expect((await download(`/api/events/${w.fairSc}/report.xlsx`, huaying)).statusCode).toBe(403);
    expect((await download(`/api/events/${w.fairSc}/report.xlsx`, sc)).statusCode).toBe(200); // its host
    expect((await download('/api/seasons/999999999/report.xlsx', cq)).statusCode).toBe(404);
  });

  it('a draft season has no report yet', async () => {
    const draft = await post('/api/seasons', cq, { name: `草稿服务季${uniqueSuffix()}`, startsOn: '2023-06-01', endsOn: '2023-06-30' });
    const res = await download(`/api/seasons/${draft.id}/report.pdf`, cq);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('服务季尚未发布，还没有报表');
  });

  it('no CJK font: a 503 naming what to install, not a crash', async () => {
    const saved = t.ctx.config.pdfFont;
    t.ctx.config.pdfFont = '/nonexistent/font.ttf';
    try {
      const res = await download(`/api/seasons/${w.seasonId}/report.pdf`, cq);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'reports.pdf_font_missing', message: expect.stringContaining('apt-get install fonts-noto-cjk') });
      expect(res.json().message).toContain('/nonexistent/font.ttf');
    } finally {
      t.ctx.config.pdfFont = saved;
    }
  });
});

describe('booth cards', () => {
  it('one card: booth number, employer, postings with pay, the booth\'s QR link; for that employer and the event\'s staff', async () => {
    const res = await download(`/api/signups/${w.signups.a}/booth-card.pdf`, w.employerA);
    expect(res.statusCode, res.body).toBe(200);
    const booth = (await t.app.inject({ url: `/api/signups/${w.signups.a}`, headers: zh(cq) })).json().booth as string;
    expect(decodeURIComponent(res.headers['content-disposition']!.split("UTF-8''")[1]!)).toBe(`三峡广场开幕式招聘会-展位牌-${booth}.pdf`);
    const pdf = readPdf(res.rawPayload);
    expect(pdf.count).toBe(1);
    expect(pdf.fonts).toEqual(expect.arrayContaining(['NotoSansCJKsc-Regular', 'NotoSansCJKsc-Bold']));
    const text = pdf.pages[0]!;
    for (const s of [booth, w.a.name, '三峡广场开幕式招聘会', '智能制造展区', '高压电工', '5000–7000 元/月', '招 5 人', '行政文员', '4000–5000 元/月']) expect(text).toContain(s);
    expect(pdf.links).toEqual([`http://localhost:80/m/events/${w.fair}?booth=${booth}`]);
    expect((await download(`/api/signups/${w.signups.a}/booth-card.pdf?size=A4`, cq)).statusCode).toBe(200);

    expect((await download(`/api/signups/${w.signups.b}/booth-card.pdf`, w.employerA)).statusCode).toBe(403);
    expect((await download(`/api/signups/${w.signups.a}/booth-card.pdf`, sc)).statusCode).toBe(403);
    expect((await download(`/api/signups/${w.signups.a}/booth-card.pdf`)).statusCode).toBe(401);
    const pending = await download(`/api/signups/${w.signups.d}/booth-card.pdf`, cq);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().message).toBe('该报名尚未分配展位，暂不能打印展位牌');
  });

  it('all of an event\'s cards, one page per assigned booth, for its staff only', async () => {
    const res = await download(`/api/events/${w.fair}/booth-cards.pdf`, cq);
    expect(res.statusCode, res.body).toBe(200);
    const pdf = readPdf(res.rawPayload);
    const assigned = await t.ctx.db.selectFrom('event_signups').select('id').where('event_id', '=', w.fair).where('booth_id', 'is not', null).execute();
    expect(pdf.count).toBe(assigned.length);
    expect(pdf.count).toBe(3);
    expect(pdf.pages.map((p) => [w.a.name, w.b.name, w.c.name].filter((n) => p.includes(n)))).toEqual(expect.arrayContaining([[w.a.name], [w.b.name], [w.c.name]]));
    expect(pdf.links).toHaveLength(3);
    expect((await download(`/api/events/${w.fair}/booth-cards.pdf`, w.employerA)).statusCode).toBe(403);
    const none = await download(`/api/events/${w.live}/booth-cards.pdf`, jiangbei);
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe('本场活动还没有分配展位，没有可打印的展位牌');
  });
});
