import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemFigures } from '../src/server/modules/cooperation/meeting-pack.js';
import { itemProgress } from '../src/server/modules/cooperation/progress.js';
import { makeAgreement, type MadeAgreement } from './coop-factory.js';
import { cookieJar, createTestApp, loginAs, makeUser, type TestApp } from './helpers.js';
import { readPdf } from './pdf.js';
import { multipart } from './spreadsheets.js';

// Joint meetings (issue 7 §3): the whole document written by federation staff with its version,
// every bad field named at once, read by every union's staff, decisions linked only to the same
// agreement's items, speech files checked by content, and the meeting pack's PDF content.

let t: TestApp;
beforeAll(async () => { t = await createTestApp();
  as = cookieJar(t.app); });
afterAll(async () => { await t.close(); });

const zh = (cookie: string) => ({ cookie, 'accept-language': 'zh-CN' });
let as: ReturnType<typeof cookieJar>;

const doc = (a: MadeAgreement, over: Record<string, unknown> = {}) => ({
  title: '川渝工会第三次联席会议', heldOn: '2023-02-22', place: '广安市', hostUnionId: a.unions.cq, status: 'held',
  attendees: [
    { name: '张明', position: '主席', unionId: a.unions.sc },
    { name: '李华', position: '副主席', unionId: a.unions.cq },
    { name: '王强', position: '总经理', organisation: '四川瑞创汽车科技有限公司' },
  ],
  agenda: [
    { startsAt: '09:00', title: '通报框架协议 2022 年度落实情况', presenter: '重庆市总工会' },
    { startsAt: '09:30', title: '城市工会交流发言', presenter: '各市区县工会' },
    { startsAt: '11:00', title: '审议 2023 年度工作要点', presenter: '四川省总工会' },
  ],
  speeches: [{ unionId: a.unions.jiangbei, speaker: '赵敏', title: '深化川渝职工法律服务协作', body: '江北区总工会与成都市总工会联合开展宣讲。\n第二段落。' }],
  visits: [
    { kind: 'visit', site: '川渝高竹新区职工活动中心', purpose: '观摩职工服务阵地建设' },
    { kind: 'activity', site: '川渝友谊林', purpose: '植树' },
  ],
  decisions: [{ text: '联合开展职工法律服务宣讲 10 场', ownerUnionId: a.unions.jiangbei, dueOn: '2023-12-31', workItemId: a.manualItemId }],
  minutes: '会议审议通过了 2023 年度工作要点。',
  ...over,
});

async function create(a: MadeAgreement, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/cooperation/meetings', headers: zh(await as(a.staff.cq)), payload: { agreementId: a.id, ...doc(a, over) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; decisions: { workItem: { id: number; code: string } | null }[] };
}

describe('joint meetings', () => {
  it('lets federation staff write a meeting that every union reads, audited; others are refused', async () => {
    const a = await makeAgreement(t.ctx);
    const m = await create(a);
    expect(m.decisions[0]!.workItem).toMatchObject({ id: a.manualItemId, code: '2023-3.1' });
    const read = await t.app.inject({ url: `/api/cooperation/meetings/${m.id}`, headers: zh(await as(a.staff.beibei)) });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body).toMatchObject({ title: '川渝工会第三次联席会议', heldOn: '2023-02-22', status: 'held', version: 1, me: { canManage: false } });
    expect(body.agenda.map((x: { title: string }) => x.title)).toEqual(doc(a).agenda.map((x) => x.title));
    expect(body.attendees[2]).toMatchObject({ union: null, organisation: '四川瑞创汽车科技有限公司' });
    expect(body.visits[1]).toEqual({ kind: 'activity', site: '川渝友谊林', purpose: '植树' });

    const union = await as(a.staff.jiangbei);
    const put = await t.app.inject({ method: 'PUT', url: `/api/cooperation/meetings/${m.id}`, headers: zh(union), payload: { ...doc(a), version: 1 } });
    expect(put.statusCode).toBe(403);
    const post = await t.app.inject({ method: 'POST', url: '/api/cooperation/meetings', headers: zh(union), payload: { agreementId: a.id, ...doc(a) } });
    expect(post.statusCode).toBe(403);
    const seeker = await as(await makeUser(t.ctx, { roles: ['seeker'] }));
    for (const url of [`/api/cooperation/meetings/${m.id}`, '/api/cooperation/meetings', `/api/cooperation/meetings/${m.id}/pack.pdf`]) {
      expect((await t.app.inject({ url, headers: zh(seeker) })).statusCode, url).toBe(403);
    }
    expect((await t.app.inject({ url: `/api/cooperation/meetings/${m.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/cooperation/meetings/99999999', headers: zh(union) })).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'joint_meeting').where('subject_id', '=', String(m.id)).execute();
    expect(audit).toEqual([{ action: 'coop.meeting.create', actor_id: a.staff.cq.id }]);
  });

  it('names every bad field at once with its path', async () => {
    const a = await makeAgreement(t.ctx);
    const cookie = await as(a.staff.sc);
    const bad = doc(a, {
      title: '', heldOn: '2023-13-01',
      attendees: [{ name: '', unionId: 'not-a-uuid' }],
      agenda: [{ title: '开幕' }, { title: '发言', startsAt: '9:30' }, { title: '' }],
      visits: [{ kind: 'tour', site: '川渝高竹新区' }],
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/cooperation/meetings', headers: zh(cookie), payload: { agreementId: a.id, ...bad } });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().issues as { path: string; message: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['agenda.1.startsAt', 'agenda.2.title', 'attendees.0.name', 'attendees.0.unionId', 'heldOn', 'title', 'visits.0.kind']);
    expect(res.json().issues.find((i: { path: string }) => i.path === 'agenda.1.startsAt').message).toBe('时间格式应为 HH:MM，如 09:30');

    // What only the database knows, again all at once.
    const other = await makeAgreement(t.ctx);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const refs = doc(a, {
      heldOn: '2019-05-01', status: 'held', hostUnionId: ghost,
      attendees: [{ name: '来宾' }],
      agenda: [{ startsAt: '10:00', title: '开幕' }, { startsAt: '09:00', title: '发言' }],
      speeches: [{ unionId: a.unions.chengdu, title: '发言', fileId: ghost }],
      decisions: [
        { text: '关联别的协议', workItemId: other.manualItemId },
        { text: '关联不存在的事项', workItemId: 99999999, dueOn: '2019-01-01' },
      ],
    });
    const res2 = await t.app.inject({ method: 'POST', url: '/api/cooperation/meetings', headers: zh(cookie), payload: { agreementId: a.id, ...refs } });
    expect(res2.statusCode).toBe(400);
    const issues = Object.fromEntries((res2.json().issues as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    expect(issues).toEqual({
      heldOn: '会议日期不能早于协议签署日期 2020-04-20',
      hostUnionId: '工会不存在',
      'attendees.0.organisation': '请选择出席人员所在工会，或填写其单位',
      'agenda.1.startsAt': '议程时间不能早于上一项（10:00）',
      'speeches.0.fileId': expect.any(String),
      'decisions.0.workItemId': '只能关联本协议的工作事项',
      'decisions.1.workItemId': '工作事项不存在',
      'decisions.1.dueOn': '完成时限不能早于会议日期',
    });
    expect(await t.ctx.db.selectFrom('joint_meetings').select('id').where('agreement_id', '=', a.id).execute()).toEqual([]);
  });

  it('refuses a decision linked to another agreement\'s item on update too, and a stale version with 409', async () => {
    const a = await makeAgreement(t.ctx);
    const other = await makeAgreement(t.ctx);
    const m = await create(a);
    const url = `/api/cooperation/meetings/${m.id}`;
    // The editor offers only this agreement's items.
    const options = (await t.app.inject({ url: `/api/cooperation/meetings/options?agreementId=${a.id}`, headers: zh(await as(a.staff.sc)) })).json();
    expect(options.items.map((i: { id: number }) => i.id).sort()).toEqual([a.manualItemId, a.indicatorItemId].sort());
    expect(options.agreements.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([a.id, other.id]));
    const foreign = await t.app.inject({
      method: 'PUT', url, headers: zh(await as(a.staff.sc)),
      payload: { ...doc(a, { decisions: [{ text: '跨协议', workItemId: other.indicatorItemId }] }), version: 1 },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues).toEqual([{ path: 'decisions.0.workItemId', message: '只能关联本协议的工作事项' }]);

    const first = await t.app.inject({ method: 'PUT', url, headers: zh(await as(a.staff.sc)), payload: { ...doc(a, { place: '广安市邻水县' }), version: 1 } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, place: '广安市邻水县' });
    const stale = await t.app.inject({ method: 'PUT', url, headers: zh(await as(a.staff.cq2)), payload: { ...doc(a, { place: '重庆市' }), version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('http.conflict_edit');
    const now = (await t.app.inject({ url, headers: zh(await as(a.staff.cq)) })).json();
    expect(now).toMatchObject({ version: 2, place: '广安市邻水县' });
    expect(now.decisions).toHaveLength(1);
  });

  it('writes a retried create once (Idempotency-Key) and documents its routes', async () => {
    const a = await makeAgreement(t.ctx);
    const send = async () => t.app.inject({
      method: 'POST', url: '/api/cooperation/meetings', headers: { ...zh(await as(a.staff.cq)), 'idempotency-key': `meeting-${a.id}-retry` }, payload: { agreementId: a.id, ...doc(a) },
    });
    const [first, again] = [await send(), await send()];
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await t.ctx.db.selectFrom('joint_meetings').select('id').where('agreement_id', '=', a.id).execute()).toHaveLength(1);
    const spec = (await t.app.inject({ url: '/api/docs/json' })).json();
    for (const path of ['/api/cooperation/meetings', '/api/cooperation/meetings/{id}', '/api/cooperation/meetings/{id}/pack.pdf', '/api/cooperation/meeting-files']) {
      expect(spec.paths[path], path).toBeTruthy();
    }
  });

  it('lists an agreement\'s meetings newest first, paginated', async () => {
    const a = await makeAgreement(t.ctx);
    for (const heldOn of ['2021-03-01', '2023-02-22', '2022-04-10']) await create(a, { heldOn, title: `联席会议 ${heldOn}` });
    const cookie = await as(a.staff.chengdu);
    const page1 = (await t.app.inject({ url: `/api/cooperation/meetings?agreementId=${a.id}&pageSize=2`, headers: zh(cookie) })).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2023-02-22', '2022-04-10']);
    expect(page1.items[0].counts).toEqual({ attendees: 3, agenda: 3, speeches: 1, visits: 2, decisions: 1 });
    const page2 = (await t.app.inject({ url: `/api/cooperation/meetings?agreementId=${a.id}&pageSize=2&page=2`, headers: zh(cookie) })).json();
    expect(page2.items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2021-03-01']);
  });

  it('keeps speech files checked by their content and serves them only through their meeting', async () => {
    const a = await makeAgreement(t.ctx);
    const cookie = await as(a.staff.cq);
    const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = (name: string, data: Buffer, who = cookie) => {
      const body = multipart({}, { name, data });
      return t.app.inject({ method: 'POST', url: '/api/cooperation/meeting-files', headers: { ...zh(who), ...body.headers }, payload: body.payload });
    };
    const refused = await up('发言.pdf', Buffer.from('just text pretending to be a pdf'));
    expect(refused.statusCode).toBe(415);
    expect((await up('发言.pdf', pdfBytes, await as(a.staff.jiangbei))).statusCode).toBe(403);
    const file = await up('江北区发言.pdf', pdfBytes);
    expect(file.statusCode, file.body).toBe(200);
    const fileId = file.json().id as string;
    const m = await create(a, { speeches: [{ unionId: a.unions.jiangbei, speaker: '赵敏', title: '交流发言', body: '正文', fileId }] });
    const got = await t.app.inject({ url: `/api/cooperation/meetings/${m.id}/files/${fileId}`, headers: zh(await as(a.staff.beibei)) });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdfBytes)).toBe(true);
    const otherMeeting = await create(a, { speeches: [] });
    expect((await t.app.inject({ url: `/api/cooperation/meetings/${otherMeeting.id}/files/${fileId}`, headers: zh(cookie) })).statusCode).toBe(404);
  });

  it('builds the meeting pack with the agenda, speeches, visits, decisions and every item\'s figures as itemProgress has them', async () => {
    const a = await makeAgreement(t.ctx);
    // 7 of 10 场 entered by hand; the indicator item counts the year's joint contests.
    await t.ctx.db.updateTable('work_items').set({ manual_value: '7' }).where('id', '=', a.manualItemId).execute();
    await t.ctx.db.insertInto('work_item_progress').values({ item_id: a.manualItemId, value: '7', evidence: '已开展 7 场', union_id: a.unions.jiangbei }).execute();
    const m = await create(a);
    const res = await t.app.inject({ url: `/api/cooperation/meetings/${m.id}/pack.pdf`, headers: zh(await as(a.staff.beibei)) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // To look at it as images: CHUANYU_PACK_OUT=/tmp/pack.pdf, then pdftoppm -png.
    if (process.env.CHUANYU_PACK_OUT) writeFileSync(process.env.CHUANYU_PACK_OUT, res.rawPayload);
    const pdf = readPdf(res.rawPayload);
    expect(pdf.count).toBeGreaterThanOrEqual(2);
    const text = pdf.pages.join('\n');
    for (const s of ['川渝工会第三次联席会议', '会议材料', '2023年2月22日', '广安市', '张明（主席）', '四川瑞创汽车科技有限公司', '通报框架协议 2022 年度落实情况',
      '深化川渝职工法律服务协作', '江北区总工会与成都市总工会联合开展宣讲。', '川渝高竹新区职工活动中心', '植树', '联合开展职工法律服务宣讲 10 场', '维权服务',
      '会议审议通过了 2023 年度工作要点。']) {
      expect(text, s).toContain(s);
    }
    // The decision names the item it drives (code and title; the title may wrap in its cell).
    expect(pdf.pages.at(-1)! + pdf.pages.at(-2)!).toMatch(/2023-3\.1 开展川渝职工/);
    const progress = await itemProgress(t.ctx, [a.manualItemId, a.indicatorItemId]);
    expect(progress.get(a.manualItemId)).toMatchObject({ value: 7, target: 10, percent: 70 });
    for (const id of [a.manualItemId, a.indicatorItemId]) {
      const p = progress.get(id)!;
      const f = itemFigures(p);
      expect(text).toContain(f.progress);
      expect(text).toContain(f.percent);
    }
    expect(text).toContain('7 / 10 场');
    expect(text).toContain('70%');
    expect(pdf.fonts.some((f) => f.includes('CJK') || f.includes('WenQuanYi'))).toBe(true);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'joint_meeting').where('subject_id', '=', String(m.id)).execute();
    expect(audit.map((x) => x.action)).toContain('coop.meeting.pack');
    // A bare meeting of a year without items still makes a pack that says so.
    const bare = await create(a, { heldOn: '2024-03-01', status: 'planned', attendees: [], agenda: [], speeches: [], visits: [], decisions: [], minutes: '' });
    const barePdf = await t.app.inject({ url: `/api/cooperation/meetings/${bare.id}/pack.pdf`, headers: zh(await as(a.staff.cq)) });
    expect(barePdf.statusCode).toBe(200);
    const bareText = readPdf(barePdf.rawPayload).pages.join('\n');
    for (const s of ['（无）', '本协议 2024 年度尚无工作事项。', '筹备中']) expect(bareText, s).toContain(s);
    expect(bareText).not.toContain('六、会议纪要');
    // In English the frame is English; the meeting's own words stay as written.
    const en = await t.app.inject({ url: `/api/cooperation/meetings/${m.id}/pack.pdf`, headers: { cookie: await as(a.staff.cq), 'accept-language': 'en' } });
    const enText = readPdf(en.rawPayload).pages.join('\n');
    for (const s of ['Meeting pack', '1. Agenda', '3. Exchange speeches', 'Late', '7 / 10 场', '川渝高竹新区职工活动中心']) expect(enText, s).toContain(s);
  });
});
