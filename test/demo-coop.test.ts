import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTEST_NAME } from '../src/server/demo/contest-plan.js';
import { DEMO_AGREEMENT_TITLE, DEMO_MEETING_TITLE } from '../src/server/demo/cooperation-content.js';
import { DEMO_SEASON_NAME, loadDemoCooperation } from '../src/server/demo/cooperation.js';
import { loadDemo } from '../src/server/demo/demo.js';
import { createMigratedDatabase, createTestApp, loginAs, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';

// The demo's framework agreement (issue 7 §7) on a database of its own, loaded with the whole demo
// (the season and contest its indicators read): the four 2023 lines of work, items for both sides,
// reports from the eight speaking unions, sign-offs and the third joint conference.

const SPEAKING = ['500105', '500109', '500152', '500153', '510100', '511000', '511600', '511700'];
let t: TestApp;
const counts = async () => {
  const tables = ['agreements', 'agreement_areas', 'work_items', 'work_item_unions', 'work_item_progress', 'work_item_signoffs', 'progress_reports',
    'joint_meetings', 'meeting_attendees', 'meeting_agenda_items', 'meeting_speeches', 'meeting_visits', 'meeting_decisions'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
};
let before: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp({ databaseUrl: await createMigratedDatabase() });
  await loadDemo(t.ctx);
  before = await counts();
  await loadDemoCooperation(t.ctx, 'Passw0rd-demo'); // a second load adds nothing
}, 240_000);
afterAll(async () => { await t.close(); });

describe('demo cooperation', () => {
  it('writes the agreement, four 2023 lines of work and 15 items, each with responsible unions of both provinces', async () => {
    const db = t.ctx.db;
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ agreements: 1, agreement_areas: 4, work_items: 15, joint_meetings: 1, meeting_speeches: 8, meeting_visits: 4 });
    const agreement = await db.selectFrom('agreements').selectAll().executeTakeFirstOrThrow();
    expect(agreement).toMatchObject({ title: DEMO_AGREEMENT_TITLE, parties: ['四川省总工会', '重庆市总工会'], status: 'active' });
    expect(agreement.body.split('\n\n').length).toBeGreaterThanOrEqual(8);
    const areas = await db.selectFrom('agreement_areas').select(['name', 'year']).orderBy('seq').execute();
    expect(areas.map((a) => a.name)).toEqual(['宣传学习与思想引领', '动员职工建功双城经济圈重大项目', '维权服务', '产业工人队伍建设改革与工会改革']);
    expect(areas.every((a) => a.year === 2023)).toBe(true);
    const sides = await db.selectFrom('work_items as i').innerJoin('work_item_unions as wu', 'wu.item_id', 'i.id').innerJoin('unions as u', 'u.id', 'wu.union_id')
      .select(['i.code', (eb) => eb.fn.count<string>('u.federation').distinct().as('feds')]).groupBy('i.code').execute();
    expect(sides).toHaveLength(15);
    expect(sides.filter((s) => Number(s.feds) !== 2)).toEqual([]);
    // the lead is one of the responsible unions; due dates in 2023
    const items = await db.selectFrom('work_items as i').select(['i.code', 'i.due_on', 'i.progress_kind', 'i.manual_value',
      (eb) => eb.exists(eb.selectFrom('work_item_unions as wu').select('wu.item_id').whereRef('wu.item_id', '=', 'i.id').whereRef('wu.union_id', '=', 'i.lead_union_id')).as('leadResponsible')]).execute();
    expect(items.every((i) => i.leadResponsible && String(i.due_on).startsWith('2023'))).toBe(true);
    const manual = items.filter((i) => i.progress_kind === 'manual');
    expect(manual.length).toBe(10);
    const progress = await db.selectFrom('work_item_progress').select(['item_id', 'evidence']).execute();
    expect(progress.length).toBeGreaterThanOrEqual(manual.length);
    expect(progress.every((p) => p.evidence.length > 5)).toBe(true);
  });

  it('links indicator items to the demo season and contest that exist', async () => {
    const db = t.ctx.db;
    const season = await db.selectFrom('seasons').select('id').where('name', '=', DEMO_SEASON_NAME).executeTakeFirstOrThrow();
    const contest = await db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirstOrThrow();
    const rows = await db.selectFrom('work_items').select(['code', 'indicator', 'target']).where('progress_kind', '=', 'indicator').orderBy('code').execute();
    expect(rows.map((r) => [r.code, r.indicator, Number(r.target)])).toEqual([
      ['2023-2.1', { kind: 'livestreams_held', seasonId: season.id }, 40],
      ['2023-2.2', { kind: 'season_figure', seasonId: season.id, figure: 'positions' }, 10000],
      ['2023-2.3', { kind: 'season_figure', seasonId: season.id, figure: 'intents' }, 3800],
      ['2023-4.1', { kind: 'joint_contests', year: 2023 }, 1],
      ['2023-4.2', { kind: 'contest_finalists', contestId: contest.id }, 80],
    ]);
  });

  it('has reports from the eight speaking unions in every state, highlights, and sign-offs by the federations\' demo staff', async () => {
    const db = t.ctx.db;
    const reports = await db.selectFrom('progress_reports as r').innerJoin('unions as u', 'u.id', 'r.union_id')
      .select(['u.region_code', 'r.status', 'r.is_highlight', 'r.item_id', 'r.union_id', 'r.reviewed_by', 'r.submitted_by']).execute();
    expect(new Set(reports.map((r) => r.region_code.trim()))).toEqual(new Set(SPEAKING));
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'accepted', 'returned']));
    expect(reports.filter((r) => r.is_highlight && r.status === 'accepted').length).toBeGreaterThanOrEqual(4);
    // every report comes from a union responsible for its item
    const responsible = await db.selectFrom('work_item_unions').select(['item_id', 'union_id']).execute();
    const pairs = new Set(responsible.map((r) => `${r.item_id}:${r.union_id}`));
    expect(reports.filter((r) => !pairs.has(`${r.item_id}:${r.union_id}`))).toEqual([]);
    expect(reports.filter((r) => r.status !== 'draft').every((r) => r.submitted_by)).toBe(true);
    const signoffs = await db.selectFrom('work_item_signoffs as s').innerJoin('users as us', 'us.id', 's.user_id').select(['s.item_id', 's.federation', 'us.username']).execute();
    expect(new Set(signoffs.map((s) => `${s.federation}:${s.username}`))).toEqual(new Set(['50:cq-admin', '51:sc-admin']));
    const done = await db.selectFrom('work_items').select('id').where('done_at', 'is not', null).execute();
    const both = new Map<number, number>();
    for (const s of signoffs) both.set(s.item_id, (both.get(s.item_id) ?? 0) + 1);
    expect(done.map((d) => d.id).sort()).toEqual([...both].filter(([, n]) => n === 2).map(([id]) => id).sort());
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect([...both.values()].some((n) => n === 1)).toBe(true);
  });

  it('holds the third joint conference on 2023-02-22 in 广安: eight speeches, visits, tree planting, decisions linked to items', async () => {
    const db = t.ctx.db;
    const meeting = await db.selectFrom('joint_meetings as m').innerJoin('unions as u', 'u.id', 'm.host_union_id')
      .select(['m.id', 'm.title', 'm.held_on', 'm.place', 'm.status', 'm.minutes', 'u.name as host']).executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ title: DEMO_MEETING_TITLE, status: 'held' });
    expect(String(meeting.held_on)).toBe('2023-02-22');
    expect(meeting.place).toContain('广安');
    expect(meeting.minutes).toContain('示例');
    const speeches = await db.selectFrom('meeting_speeches as s').innerJoin('unions as u', 'u.id', 's.union_id').select(['u.region_code', 's.title', 's.body']).where('s.meeting_id', '=', meeting.id).execute();
    expect(new Set(speeches.map((s) => s.region_code.trim()))).toEqual(new Set(SPEAKING));
    expect(speeches.every((s) => s.body.includes('示例'))).toBe(true);
    const visits = await db.selectFrom('meeting_visits').select(['kind', 'site']).where('meeting_id', '=', meeting.id).orderBy('seq').execute();
    expect(visits.map((v) => v.site).join()).toMatch(/川渝高竹新区职工活动中心.*税务服务中心.*四川瑞创汽车科技有限公司.*植树/);
    expect(visits.filter((v) => v.kind === 'activity')).toHaveLength(1);
    const attendees = await db.selectFrom('meeting_attendees as a').innerJoin('unions as u', 'u.id', 'a.union_id').select('u.region_code').where('a.meeting_id', '=', meeting.id).execute();
    expect(new Set(attendees.map((a) => a.region_code.trim()))).toEqual(new Set([...SPEAKING, '500000', '510000']));
    const decisions = await db.selectFrom('meeting_decisions').select('work_item_id').where('meeting_id', '=', meeting.id).execute();
    expect(decisions.filter((d) => d.work_item_id !== null).length).toBeGreaterThanOrEqual(4);
    expect((await db.selectFrom('meeting_agenda_items').select('seq').where('meeting_id', '=', meeting.id).execute()).length).toBeGreaterThanOrEqual(5);
  });

  it('gives the demo\'s 2023 report in one click: a PDF with every item, highlight and the conference, timed', async () => {
    const agreement = await t.ctx.db.selectFrom('agreements').select('id').executeTakeFirstOrThrow();
    // the demo accounts' password is the demo's own (loadDemo)
    const cookie = await loginAs(t.app, 'cq-admin', 'chuanyu-demo');
    const started = performance.now();
    const res = await t.app.inject({ url: `/api/cooperation/agreements/${agreement.id}/yearly/2023.pdf`, headers: { cookie, 'accept-language': 'zh-CN' } });
    const ms = Math.round(performance.now() - started);
    expect(res.statusCode, res.body).toBe(200);
    if (process.env.CHUANYU_YEARLY_OUT) writeFileSync(process.env.CHUANYU_YEARLY_OUT, res.rawPayload);
    const pdf = readPdf(res.rawPayload);
    const text = pdf.pages.join('').replace(/\n/g, '');
    const codes = await t.ctx.db.selectFrom('work_items').select('code').execute();
    expect(codes.filter((c) => !text.includes(c.code))).toEqual([]);
    expect(text).toContain(DEMO_MEETING_TITLE);
    expect(text).toContain('内江市 4 家劳模和工匠人才创新工作室');
    const again = performance.now();
    const warm = await t.app.inject({ url: `/api/cooperation/agreements/${agreement.id}/yearly/2023.pdf`, headers: { cookie, 'accept-language': 'zh-CN' } });
    expect(warm.statusCode).toBe(200);
    console.info(`demo yearly report 2023: ${pdf.count} pages, ${res.rawPayload.length} bytes, ${ms} ms (first, fonts read), ${Math.round(performance.now() - again)} ms (again)`);
    expect(ms).toBeLessThan(10_000);
    const xlsx = await t.app.inject({ url: `/api/cooperation/agreements/${agreement.id}/yearly/2023.xlsx`, headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    if (process.env.CHUANYU_YEARLY_OUT) writeFileSync(process.env.CHUANYU_YEARLY_OUT.replace(/\.pdf$/, '.xlsx'), xlsx.rawPayload);
  });
});
