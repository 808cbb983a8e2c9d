import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemFigures } from '../src/server/modules/cooperation/meeting-pack.js';
import { itemProgress } from '../src/server/modules/cooperation/progress.js';
import { makeAgreement, type MadeAgreement } from './coop-factory.js';
import { cookieJar, createTestApp, loginAs, makeUser, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';

// The yearly report (issue 7 §5) and the leaders' dashboard (§6) on a factory agreement with a
// manual item at 12 / 10 场 signed off by 重庆 only, an indicator item, a highlight report from
// 江北区, a returned report, and a joint meeting of the year with a decision linked to an item.

let t: TestApp;
let a: MadeAgreement;
beforeAll(async () => {
  t = await createTestApp();
  as = cookieJar(t.app);
  a = await makeAgreement(t.ctx);
  const db = t.ctx.db;
  await db.insertInto('work_item_progress').values({ item_id: a.manualItemId, value: '12', evidence: '联合宣讲 12 场', union_id: a.unions.jiangbei, entered_by: a.staff.jiangbei.id }).execute();
  await db.updateTable('work_items').set({ manual_value: '12' }).where('id', '=', a.manualItemId).execute();
  await db.insertInto('work_item_signoffs').values({ item_id: a.manualItemId, federation: '50', user_id: a.staff.cq.id, signed_at: new Date('2023-11-20T07:00:00Z') }).execute();
  await db.insertInto('progress_reports').values([
    { item_id: a.manualItemId, union_id: a.unions.jiangbei, period: '2023-Q2', body: '江北区与成都市互派宣讲员开展联合宣讲，职工反响热烈。', figures: JSON.stringify([{ label: '联合宣讲', value: 13, unit: '场' }]),
      is_highlight: true, status: 'accepted', submitted_by: a.staff.jiangbei.id, submitted_at: new Date(), reviewed_by: a.staff.cq.id, reviewed_at: new Date() },
    { item_id: a.manualItemId, union_id: a.unions.chengdu, period: '2023-Q3', body: '成都市第三季度情况。', status: 'returned', submitted_by: a.staff.chengdu.id,
      submitted_at: new Date(), reviewed_by: a.staff.sc.id, reviewed_at: new Date(), review_note: '请补充照片' },
    { item_id: a.manualItemId, union_id: a.unions.chengdu, period: '2023-Q4', body: '草稿不进年度报告', status: 'draft' },
  ]).execute();
  const meeting = await db.insertInto('joint_meetings').values({
    agreement_id: a.id, title: '川渝工会第三次联席会议', held_on: '2023-02-22', place: '广安市', host_union_id: a.unions.cq, status: 'held', minutes: '',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('meeting_decisions').values({ meeting_id: meeting.id, seq: 1, text: '联合开展职工法律服务宣讲', work_item_id: a.manualItemId, owner_union_id: a.unions.jiangbei, due_on: '2023-12-31' }).execute();
  await db.insertInto('joint_meetings').values({ agreement_id: a.id, title: '下一年的会议', held_on: '2024-03-01', host_union_id: a.unions.sc }).execute();
});
afterAll(async () => { await t.close(); });

const zh = (cookie: string) => ({ cookie, 'accept-language': 'zh-CN' });
let as: ReturnType<typeof cookieJar>;
const url = (ext: string, year = 2023) => `/api/cooperation/agreements/${a.id}/yearly/${year}.${ext}`;

describe('yearly report', () => {
  it('gives an .xlsx whose figures equal itemProgress, with the reports that left their union and the year\'s meeting decisions', async () => {
    const res = await t.app.inject({ url: url('xlsx'), headers: zh(await as(a.staff.cq)) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2023年度工作报告.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['工作事项', '进展报告', '联席会议']);
    const items = book.getWorksheet('工作事项')!;
    const header = (items.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const progress = await itemProgress(t.ctx, [a.manualItemId, a.indicatorItemId]);
    const rows = new Map<string, ExcelJS.Row>();
    items.eachRow((row, n) => { if (n > 1) rows.set(String(row.getCell(col('编号')).value), row); });
    expect([...rows.keys()].sort()).toEqual(['2023-3.1', '2023-3.2']);
    for (const [code, id] of [['2023-3.1', a.manualItemId], ['2023-3.2', a.indicatorItemId]] as const) {
      const row = rows.get(code)!;
      const p = progress.get(id)!;
      expect([row.getCell(col('完成值')).value, row.getCell(col('目标')).value, row.getCell(col('完成率（%）')).value]).toEqual([p.value, p.target, p.percent]);
    }
    const manual = rows.get('2023-3.1')!;
    expect(manual.getCell(col('完成率（%）')).value).toBe(100);
    expect(manual.getCell(col('待双方确认')).value).toBe('是');
    expect(String(manual.getCell(col('重庆市总工会确认')).value)).toContain('2023-11-20');
    expect(manual.getCell(col('四川省总工会确认')).value ?? '').toBe('');
    expect(String(manual.getCell(col('责任单位（四川省总工会）')).value)).toContain('成都市');
    expect(String(rows.get('2023-3.2')!.getCell(col('进度来源 / 指标')).value)).toContain('联合举办的职工技能竞赛');
    const reports: string[][] = [];
    book.getWorksheet('进展报告')!.eachRow((row, n) => { if (n > 1) reports.push((row.values as string[]).slice(1).map(String)); });
    expect(reports.map((r) => [r[2], r[4], r[5]])).toEqual([['重庆市江北区总工会', '已采纳', '是'], ['成都市总工会', '已退回', '']]);
    const meetings: string[][] = [];
    book.getWorksheet('联席会议')!.eachRow((row, n) => { if (n > 1) meetings.push((row.values as string[]).slice(1).map(String)); });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.slice(0, 2)).toEqual(['川渝工会第三次联席会议', '2023-02-22']);
    expect(meetings[0]![6]).toContain('2023-3.1');
  });

  it('gives a PDF that parses, embeds the CJK font and holds the items, the highlight, the meeting and the sign-off', async () => {
    const res = await t.app.inject({ url: url('pdf'), headers: zh(await as(a.staff.sc)) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(res.rawPayload);
    expect(pdf.count).toBeGreaterThanOrEqual(1);
    expect(pdf.fonts.some((f) => /Noto|WenQuanYi/i.test(f))).toBe(true);
    const text = pdf.pages.join('\n').replace(/\n/g, '');
    const progress = await itemProgress(t.ctx, [a.manualItemId, a.indicatorItemId]);
    for (const [code, title, id] of [['2023-3.1', '开展川渝职工法律服务联合宣讲', a.manualItemId], ['2023-3.2', '每年联合举办一项职工技能竞赛', a.indicatorItemId]] as const) {
      expect(text).toContain(code);
      expect(text).toContain(title);
      expect(text).toContain(itemFigures(progress.get(id)!).progress);
    }
    expect(text).toContain('2023年度工作报告');
    expect(text).toContain('待双方确认');
    expect(text).toContain('江北区与成都市互派宣讲员');
    expect(text).toContain('川渝工会第三次联席会议');
    expect(text).not.toContain('下一年的会议');
    expect(text).not.toContain('草稿不进年度报告');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'agreement').where('subject_id', '=', String(a.id)).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['coop.yearly.pdf', 'coop.yearly.xlsx']);
  });

  it('speaks English to an English reader', async () => {
    const res = await t.app.inject({ url: url('pdf'), headers: { cookie: await as(a.staff.cq), 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    if (process.env.CHUANYU_YEARLY_EN_OUT) writeFileSync(process.env.CHUANYU_YEARLY_EN_OUT, res.rawPayload);
    const text = readPdf(res.rawPayload).pages.join('').replace(/\n/g, '');
    for (const phrase of ['Report for 2023', '1. Progress of the work items', '2. Highlights', '3. Joint meetings', '4. Sign-off by both federations', 'Awaiting sign-off']) {
      expect(text).toContain(phrase);
    }
  });

  it('says so for a year without items, and refuses strangers, bad years and unknown agreements', async () => {
    const empty = await t.app.inject({ url: url('pdf', 2031), headers: zh(await as(a.staff.beibei)) });
    expect(empty.statusCode).toBe(200);
    expect(readPdf(empty.rawPayload).pages.join('').replace(/\n/g, '')).toContain('2031年尚无工作事项');
    expect((await t.app.inject({ url: url('xlsx') })).statusCode).toBe(401);
    const seeker = await makeUser(t.ctx, { roles: ['seeker'] });
    expect((await t.app.inject({ url: url('xlsx'), headers: zh(await as(seeker)) })).statusCode).toBe(403);
    const bad = await t.app.inject({ url: `/api/cooperation/agreements/${a.id}/yearly/99.pdf`, headers: zh(await as(a.staff.cq)) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('year');
    const missing = await t.app.inject({ url: `/api/cooperation/agreements/987654321/yearly/2023.pdf`, headers: zh(await as(a.staff.cq)) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('协议不存在');
  });
});

describe('leaders\' dashboard', () => {
  it('counts lights, areas and each federation\'s items from itemProgress, lists overdue reports, due dates and meetings', async () => {
    const res = await t.app.inject({ url: `/api/cooperation/agreements/${a.id}/dashboard?year=2023`, headers: zh(await as(a.staff.cq)) });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const progress = await itemProgress(t.ctx, [a.manualItemId, a.indicatorItemId]);
    const statuses = [...progress.values()].map((p) => p.status);
    expect(d.counts.total).toBe(2);
    for (const s of ['on_track', 'at_risk', 'late', 'done']) expect(d.counts[s]).toBe(statuses.filter((x) => x === s).length);
    expect(d.counts.awaitingSignOff).toBe([...progress.values()].filter((p) => p.awaitingSignOff).length);
    expect(d.areas).toEqual([expect.objectContaining({ name: '维权服务', percent: Math.round(((progress.get(a.manualItemId)!.percent + progress.get(a.indicatorItemId)!.percent) / 2) * 10) / 10 })]);
    expect(d.federations.map((f: { federation: string; name: string; counts: { total: number } }) => [f.federation, f.name, f.counts.total])).toEqual([['50', '重庆市总工会', 2], ['51', '四川省总工会', 2]]);
    const late = [...progress].filter(([, p]) => p.status === 'late' || p.status === 'at_risk').map(([id]) => id).sort();
    expect(d.federations[0].attention.map((i: { id: number }) => i.id).sort()).toEqual(late);
    // 2023 lies in the past: every quarter not covered by a submitted or accepted report is overdue
    const sc = d.federations[1];
    expect(sc.overdue.some((o: { union: string; period: string }) => o.union === '成都市总工会' && o.period === '2023年第3季度')).toBe(true);
    expect(d.federations[0].overdue.some((o: { union: string; period: string }) => o.union === '江北区总工会' && o.period === '2023年第2季度')).toBe(false);
    expect(d.dueDates.map((x: { code: string }) => x.code).sort()).toEqual(['2023-3.1', '2023-3.2']);
    expect(d.meetings.map((m: { title: string }) => m.title)).toEqual(['下一年的会议', '川渝工会第三次联席会议']);
    expect(d.highlights).toBe(1);
    expect(d.downloads.pdf).toBe(url('pdf'));
    const list = await t.app.inject({ url: '/api/cooperation/dashboard/agreements', headers: zh(await as(a.staff.beibei)) });
    expect(list.statusCode).toBe(200);
    expect(list.json().agreements.find((x: { id: number }) => x.id === a.id)).toMatchObject({ years: [2023] });
    expect((await t.app.inject({ url: `/api/cooperation/agreements/${a.id}/dashboard` })).statusCode).toBe(401);
  });
});
