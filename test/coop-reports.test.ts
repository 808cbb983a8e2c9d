import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runReminders } from '../src/server/modules/cooperation/reminders.js';
import { dispatchOutbox, notify, type Sender } from '../src/server/platform/notify.js';
import { makeAgreement, type MadeAgreement } from './coop-factory.js';
import { createTestApp, loginAs, makeUser, randomPhone, TEST_SECRET, type MadeUser, type TestApp } from './helpers.js';
import { runCli } from './proc.js';
import { multipart } from './spreadsheets.js';

// Progress reports (issue 7 §2): draft → submit → accept / return → resubmit; who may do what on
// both sides; retries; attachments; reports owed; reminders written once per occasion; the
// e-mail/SMS outbox sent through a sender that fails and is retried.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const cookies = new Map<string, string>();
const as = async (u: MadeUser) => {
  if (!cookies.has(u.id)) cookies.set(u.id, await loginAs(t.app, u.username));
  return { cookie: cookies.get(u.id)!, 'accept-language': 'zh-CN' };
};
type Json = Record<string, any>;
const call = async (u: MadeUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method, url, headers: { ...(await as(u)), ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: (res.body && String(res.headers['content-type']).includes('json') ? res.json() : null) as Json, raw: res };
};
const R = '/api/cooperation/reports';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

const draft = async (a: MadeAgreement, u: MadeUser, period = '2023-Q1', extra: Json = {}) => {
  const res = await call(u, 'POST', R, { itemId: a.manualItemId, period, body: '开展川渝职工法律服务联合宣讲 3 场', figures: [{ label: '宣讲', value: 3, unit: '场' }], ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('progress reports', () => {
  it('lets a responsible union write one draft per item and period, and names the item when another union tries', async () => {
    const a = await makeAgreement(t.ctx);
    const report = await draft(a, a.staff.jiangbei);
    expect(report).toMatchObject({ status: 'draft', period: '2023-Q1', dueOn: '2023-04-10', union: { name: '重庆市江北区总工会' }, figures: [{ label: '宣讲', value: 3, unit: '场' }], me: { canEdit: true, canSubmit: true, canReview: false } });

    const twice = await call(a.staff.jiangbei, 'POST', R, { itemId: a.manualItemId, period: '2023-Q1' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'coop.reports.duplicate' });
    expect(twice.body.message).toContain(`#${report.id}`);
    expect(twice.body.message).toContain('草稿');

    const outsider = await call(a.staff.beibei, 'POST', R, { itemId: a.manualItemId, period: '2023-Q1' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('coop.reports.not_responsible');
    expect(outsider.body.message).toContain('2023-3.1 开展川渝职工法律服务联合宣讲');
    expect(outsider.body.message).toContain('北碚区');
    // Federation staff are not a responsible union of this item either.
    expect((await call(a.staff.cq, 'POST', R, { itemId: a.manualItemId, period: '2023-Q2' })).status).toBe(403);

    const outside = await call(a.staff.jiangbei, 'POST', R, { itemId: a.manualItemId, period: '2024-Q1' });
    expect(outside.status).toBe(400);
    expect(outside.body.issues).toEqual([{ path: 'period', message: '报告期 2024-Q1 不在工作事项的起止时间（2023-01-01 至 2023-12-31）内' }]);
    const bad = await call(a.staff.jiangbei, 'POST', R, { itemId: a.manualItemId, period: '2023-Q5', figures: [{ label: '', value: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path).sort()).toEqual(['figures.0.label', 'figures.0.value', 'period']);
    // The monthly period of another union on the same item is its own report.
    expect((await draft(a, a.staff.chengdu, '2023-03')).union.name).toContain('成都市总工会');
  });

  it('writes once for a retried create or submit with the same Idempotency-Key', async () => {
    const a = await makeAgreement(t.ctx);
    const key = { 'idempotency-key': `rep-${a.id}-create` };
    const body = { itemId: a.manualItemId, period: '2023-Q2', body: '第二季度进展' };
    const [first, second] = [await call(a.staff.jiangbei, 'POST', R, body, key), await call(a.staff.jiangbei, 'POST', R, body, key)];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    const submitKey = { 'idempotency-key': `rep-${a.id}-submit` };
    const s1 = await call(a.staff.jiangbei, 'POST', `${R}/${first.body.id}/submit`, undefined, submitKey);
    const s2 = await call(a.staff.jiangbei, 'POST', `${R}/${first.body.id}/submit`, undefined, submitKey);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(s2.body.version).toBe(s1.body.version);
    expect((await call(a.staff.jiangbei, 'POST', `${R}/${first.body.id}/submit`)).body.code).toBe('coop.reports.already_submitted');
    const rows = await t.ctx.db.selectFrom('progress_reports').select('id').where('item_id', '=', a.manualItemId).execute();
    expect(rows).toHaveLength(1);
    const submittedNotes = await t.ctx.db.selectFrom('notifications').select('id').where('dedupe_key', 'like', `report:${first.body.id}:submitted:%`).execute();
    expect(submittedNotes).toHaveLength(1);
  });

  it('runs draft → submit → return with a note → resubmit → accept, and an accepted report is final', async () => {
    const a = await makeAgreement(t.ctx);
    const r = await draft(a, a.staff.jiangbei, '2023-Q1', { body: '', figures: [] });
    expect((await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/submit`)).body).toMatchObject({ code: 'validation.failed', issues: [{ path: 'body' }] });
    const edited = await call(a.staff.jiangbei, 'PATCH', `${R}/${r.id}`, { body: '一季度开展宣讲 4 场', figures: [{ label: '宣讲', value: 4, unit: '场' }], version: r.version });
    expect(edited.status).toBe(200);
    expect((await call(a.staff.jiangbei, 'PATCH', `${R}/${r.id}`, { body: 'x', version: r.version })).body.code).toBe('coop.reports.stale');
    expect((await call(a.staff.chengdu, 'PATCH', `${R}/${r.id}`, { body: 'x', version: edited.body.version })).status).toBe(404); // another union's draft is not visible
    // A draft is the union's own: the federation does not see it yet.
    expect((await call(a.staff.cq, 'GET', `${R}/${r.id}`)).status).toBe(404);

    const submitted = await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: { id: a.staff.jiangbei.id } });
    expect((await call(a.staff.jiangbei, 'PATCH', `${R}/${r.id}`, { body: 'x', version: submitted.body.version })).body.code).toBe('coop.reports.under_review');
    expect((await call(a.staff.chengdu, 'PATCH', `${R}/${r.id}`, { body: 'x', version: submitted.body.version })).body.code).toBe('coop.reports.not_your_report');

    const otherFederation = await call(a.staff.sc, 'POST', `${R}/${r.id}/accept`, {});
    expect(otherFederation.status).toBe(403);
    expect(otherFederation.body).toMatchObject({ code: 'coop.reports.cannot_review', message: '只有重庆市总工会的工作人员可以审核重庆市江北区总工会的报告' });
    expect((await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/accept`, {})).status).toBe(403);
    const noNote = await call(a.staff.cq, 'POST', `${R}/${r.id}/return`, { note: ' ' });
    expect(noNote.body).toMatchObject({ code: 'validation.failed', issues: [{ path: 'note', message: '退回时请填写退回意见' }] });

    const returned = await call(a.staff.cq, 'POST', `${R}/${r.id}/return`, { note: '请补充宣讲覆盖职工人数' });
    expect(returned.body).toMatchObject({ status: 'returned', reviewNote: '请补充宣讲覆盖职工人数', reviewedBy: { id: a.staff.cq.id } });
    const mine = await call(a.staff.jiangbei, 'GET', `${R}?view=mine&status=returned&itemId=${a.manualItemId}`);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: r.id, reviewNote: '请补充宣讲覆盖职工人数' })]);
    const fixed = await call(a.staff.jiangbei, 'PATCH', `${R}/${r.id}`, { figures: [{ label: '宣讲', value: 4, unit: '场' }, { label: '覆盖职工', value: 860, unit: '人次' }], version: returned.body.version });
    expect(fixed.status).toBe(200);
    expect((await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/submit`)).body.status).toBe('submitted');
    expect((await call(a.staff.sc, 'GET', `${R}?view=review&itemId=${a.manualItemId}`)).body).toEqual({ total: 0, items: [] });
    expect((await call(a.staff.cq2, 'GET', `${R}?view=review&itemId=${a.manualItemId}`)).body.items.map((x: Json) => x.id)).toEqual([r.id]);

    const accepted = await call(a.staff.cq2, 'POST', `${R}/${r.id}/accept`, { note: '', highlight: true });
    expect(accepted.body).toMatchObject({ status: 'accepted', isHighlight: true, reviewNote: null, me: { canEdit: false, canReview: false, canHighlight: true } });
    for (const [method, url, payload] of [['PATCH', `${R}/${r.id}`, { body: 'x', version: accepted.body.version }], ['DELETE', `${R}/${r.id}`, undefined], ['POST', `${R}/${r.id}/submit`, undefined]] as const) {
      const res = await call(a.staff.jiangbei, method, url, payload);
      expect([res.status, res.body.code, res.body.message]).toEqual([409, 'coop.reports.accepted_final', '报告已审核通过，不能再修改或删除']);
    }
    expect((await call(a.staff.cq, 'POST', `${R}/${r.id}/accept`, {})).body.code).toBe('coop.reports.accepted_final');
    expect((await call(a.staff.cq, 'POST', `${R}/${r.id}/return`, { note: '再改' })).body.code).toBe('coop.reports.accepted_final');
    expect((await call(a.staff.cq, 'POST', `${R}/${r.id}/highlight`, { highlight: false })).body.isHighlight).toBe(false);
    expect((await call(a.staff.sc, 'POST', `${R}/${r.id}/highlight`, { highlight: true })).status).toBe(403);

    // Sichuan reviews 成都's report; Chongqing cannot.
    const cd = await draft(a, a.staff.chengdu, '2023-Q1');
    await call(a.staff.chengdu, 'POST', `${R}/${cd.id}/submit`);
    expect((await call(a.staff.cq, 'POST', `${R}/${cd.id}/accept`, {})).status).toBe(403);
    expect((await call(a.staff.sc, 'POST', `${R}/${cd.id}/accept`, {})).body.status).toBe('accepted');

    // The federation's own report (重庆市总工会 is responsible for the computed item) is reviewed by another of its staff.
    const own = (await call(a.staff.cq, 'POST', R, { itemId: a.indicatorItemId, period: '2023-Q1', body: '市总工会本季度进展' })).body;
    await call(a.staff.cq, 'POST', `${R}/${own.id}/submit`);
    expect((await call(a.staff.cq, 'POST', `${R}/${own.id}/accept`, {})).body.code).toBe('coop.reports.review_own');
    expect((await call(a.staff.cq2, 'POST', `${R}/${own.id}/accept`, {})).body.status).toBe('accepted');

    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'progress_report').where('subject_id', '=', String(r.id)).orderBy('id').execute();
    expect(actions.map((x) => x.action)).toEqual([
      'coop.report.create', 'coop.report.update', 'coop.report.submit', 'coop.report.return', 'coop.report.update', 'coop.report.submit', 'coop.report.accept', 'coop.report.unhighlight',
    ]);
    const reviewed = await t.ctx.db.selectFrom('notifications').select(['kind', 'union_id']).where('dedupe_key', 'like', `report:${r.id}:%`).orderBy('id').execute();
    expect(reviewed.map((n) => n.kind)).toEqual(['coop.report_submitted', 'coop.report_returned', 'coop.report_submitted', 'coop.report_accepted']);
    expect(reviewed.map((n) => n.union_id)).toEqual([a.unions.cq, a.unions.jiangbei, a.unions.cq, a.unions.jiangbei]);
  });

  it('lists an item\'s reports with filters and pages, and deletes drafts', async () => {
    const a = await makeAgreement(t.ctx);
    const q1 = await draft(a, a.staff.jiangbei, '2023-Q1');
    const q2 = await draft(a, a.staff.jiangbei, '2023-Q2');
    const cd = await draft(a, a.staff.chengdu, '2023-Q1');
    await call(a.staff.chengdu, 'POST', `${R}/${cd.id}/submit`);
    const all = await call(a.staff.jiangbei, 'GET', `${R}?itemId=${a.manualItemId}`);
    expect(all.body.items.map((x: Json) => x.id).sort()).toEqual([q1.id, q2.id, cd.id].sort());
    const byCq = await call(a.staff.cq, 'GET', `${R}?itemId=${a.manualItemId}`);
    expect(byCq.body.items.map((x: Json) => x.id)).toEqual([cd.id]); // other unions' drafts stay hidden
    const page = await call(a.staff.jiangbei, 'GET', `${R}?itemId=${a.manualItemId}&pageSize=1&page=2`);
    expect([page.body.total, page.body.items.length]).toEqual([3, 1]);
    expect((await call(a.staff.jiangbei, 'GET', `${R}?itemId=${a.manualItemId}&period=2023-Q2`)).body.items.map((x: Json) => x.id)).toEqual([q2.id]);
    expect((await call(a.staff.jiangbei, 'GET', `${R}?itemId=${a.manualItemId}&unionId=${a.unions.chengdu}&status=submitted`)).body.total).toBe(1);
    expect((await call(a.staff.jiangbei, 'DELETE', `${R}/${q2.id}`)).status).toBe(204);
    expect((await call(a.staff.jiangbei, 'GET', `${R}/${q2.id}`)).status).toBe(404);
    expect((await call(a.staff.jiangbei, 'DELETE', `${R}/${cd.id}`)).status).toBe(403);
  });

  it('takes images, PDF and Word attachments checked by content, and refuses other files', async () => {
    const a = await makeAgreement(t.ctx);
    const r = await draft(a, a.staff.jiangbei);
    const upload = async (u: MadeUser, name: string, data: Buffer) => {
      const body = multipart({}, { name, data });
      return call(u, 'POST', `${R}/${r.id}/files`, body.payload, body.headers);
    };
    const added = await upload(a.staff.jiangbei, '宣讲现场.png', PNG);
    expect(added.status).toBe(201);
    expect(added.body.files).toEqual([expect.objectContaining({ name: '宣讲现场.png', mime: 'image/png', size: PNG.length })]);
    const fake = await upload(a.staff.jiangbei, '伪装.pdf', Buffer.from('MZ not really a pdf'));
    expect([fake.status, fake.body.code]).toEqual([415, 'files.type_not_allowed']);
    expect((await upload(a.staff.beibei, 'x.png', PNG)).status).toBe(404);
    const fileId = added.body.files[0].id;
    const download = await call(a.staff.jiangbei, 'GET', `${R}/${r.id}/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(PNG)).toBe(true);
    await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/submit`);
    await call(a.staff.cq, 'POST', `${R}/${r.id}/accept`, {});
    expect((await call(a.staff.cq, 'GET', `${R}/${r.id}/files/${fileId}`)).status).toBe(200);
    expect((await upload(a.staff.jiangbei, 'late.png', PNG)).body.code).toBe('coop.reports.accepted_final');
    expect((await call(a.staff.jiangbei, 'DELETE', `${R}/${r.id}/files/${fileId}`)).body.code).toBe('coop.reports.accepted_final');
  });

  it('lists the reports a union owes each quarter, due 10 days after it, and which are overdue', async () => {
    const a = await makeAgreement(t.ctx);
    const due = async (u: MadeUser, today: string) => (await call(u, 'GET', `${R}/due?today=${today}`)).body;
    const mine = (list: Json) => list.items.filter((x: Json) => x.item.id === a.manualItemId);
    const before = mine(await due(a.staff.jiangbei, '2023-05-01'));
    expect(before.map((x: Json) => [x.period, x.dueOn, x.overdue, x.canWrite, x.union.name])).toEqual([
      ['2023-Q1', '2023-04-10', true, true, '重庆市江北区总工会'], ['2023-Q2', '2023-07-10', false, true, '重庆市江北区总工会'],
    ]);
    const r = await draft(a, a.staff.jiangbei, '2023-Q1');
    expect(mine(await due(a.staff.jiangbei, '2023-05-01'))[0].report).toEqual({ id: r.id, status: 'draft', reviewNote: null });
    await call(a.staff.jiangbei, 'POST', `${R}/${r.id}/submit`);
    expect(mine(await due(a.staff.jiangbei, '2023-05-01')).map((x: Json) => x.period)).toEqual(['2023-Q2']);
    // The federation sees its unions' owed reports (not Sichuan's), and may not write them.
    const federation = mine(await due(a.staff.cq, '2023-05-01'));
    expect(federation.map((x: Json) => [x.union.name, x.period, x.canWrite])).toEqual([['重庆市江北区总工会', '2023-Q2', false]]);
    expect(mine(await due(a.staff.beibei, '2023-05-01'))).toEqual([]);
  });
});

describe('the API document', () => {
  it('lists the report and notification endpoints', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/cooperation/reports', '/api/cooperation/reports/due', '/api/cooperation/reports/{id}/submit', '/api/cooperation/reports/{id}/return',
      '/api/cooperation/reports/{id}/files', '/api/notifications', '/api/notifications/{id}/read', '/api/notifications/read-all']) expect(paths).toContain(p);
  });
});

describe('reminders and notifications', () => {
  const mineOf = async (a: MadeAgreement) => t.ctx.db.selectFrom('notifications').select(['dedupe_key', 'union_id', 'kind', 'params'])
    .where((eb) => eb.or([eb('dedupe_key', 'like', `item:${a.manualItemId}:%`), eb('dedupe_key', 'like', `report:${a.manualItemId}:%`)]))
    .orderBy('dedupe_key').execute();

  it('reminds 7 and 1 days before the due dates, once per occasion, however often it runs', async () => {
    const a = await makeAgreement(t.ctx);
    const started = performance.now();
    const firstRun = await runReminders(t.ctx, '2023-12-24');
    const firstMs = performance.now() - started;
    const first = await mineOf(a);
    const again = performance.now();
    const secondRun = await runReminders(t.ctx, '2023-12-24');
    const openItems = await t.ctx.db.selectFrom('work_items').select((eb) => eb.fn.countAll<number>().as('n')).where('done_at', 'is', null).executeTakeFirstOrThrow();
    console.log(`reminders over ${openItems.n} open items: first run ${firstRun.created} new in ${Math.round(firstMs)} ms, again ${secondRun.created} new / ${secondRun.skipped} kept in ${Math.round(performance.now() - again)} ms`);
    await runReminders(t.ctx, '2023-12-25');
    expect(await mineOf(a)).toEqual(first);
    const keys = first.map((n) => n.dedupe_key!.replace(`${a.manualItemId}`, 'I').replace(a.unions.jiangbei, 'JB').replace(a.unions.chengdu, 'CD'));
    expect(keys.sort()).toEqual([
      'item:I:CD:2023-12-31:due-7', 'item:I:JB:2023-12-31:due-7',
      ...['2023-Q1', '2023-Q2', '2023-Q3'].flatMap((q) => [`report:I:CD:${q}:overdue`, `report:I:JB:${q}:overdue`]),
    ].sort());
    expect(first.find((n) => n.kind === 'coop.item_due')!.params).toMatchObject({ dueOn: '2023-12-31', days: 7 });

    await runReminders(t.ctx, '2023-12-30');
    await runReminders(t.ctx, '2023-12-30');
    const later = await mineOf(a);
    expect(later.filter((n) => n.dedupe_key!.endsWith('due-1')).map((n) => n.union_id).sort()).toEqual([a.unions.jiangbei, a.unions.chengdu].sort());
    expect(later).toHaveLength(first.length + 2);
    // 2024-01-03: the Q4 report (due 2024-01-10) is 7 days away.
    await runReminders(t.ctx, '2024-01-03');
    expect((await mineOf(a)).filter((n) => n.dedupe_key!.includes('2023-Q4:due-7'))).toHaveLength(2);
  });

  it('shows a user his and his union\'s notifications with the unread count, and marks them read', async () => {
    const a = await makeAgreement(t.ctx);
    await runReminders(t.ctx, '2023-12-24');
    const list = await call(a.staff.jiangbei, 'GET', '/api/notifications?pageSize=100');
    expect(list.status).toBe(200);
    const ours = list.body.items.filter((n: Json) => n.text.includes('2023-3.1') && n.link === `/admin/cooperation/items/${a.manualItemId}`);
    expect(ours).toEqual([expect.objectContaining({ kind: 'coop.item_due', forUnion: true, readAt: null, text: expect.stringContaining('将于 2023-12-31 到期（还有 7 天）') })]);
    expect(list.body.unread).toBeGreaterThanOrEqual(7);
    const en = await t.app.inject({ url: '/api/notifications?pageSize=100', headers: { ...(await as(a.staff.jiangbei)), 'accept-language': 'en' } });
    expect(en.json().items.some((n: Json) => n.text.startsWith('Work item "2023-3.1'))).toBe(true);
    // Another union's staff cannot read (or mark) it.
    expect((await call(a.staff.beibei, 'POST', `/api/notifications/${ours[0].id}/read`)).status).toBe(404);
    expect((await call(a.staff.jiangbei, 'POST', `/api/notifications/${ours[0].id}/read`)).body).toEqual({ ok: true });
    const after = await call(a.staff.jiangbei, 'GET', '/api/notifications?pageSize=100');
    expect(after.body.unread).toBe(list.body.unread - 1);
    expect((await call(a.staff.jiangbei, 'POST', '/api/notifications/read-all')).body.marked).toBeGreaterThanOrEqual(after.body.unread);
    expect((await call(a.staff.jiangbei, 'GET', '/api/notifications?unread=true')).body.unread).toBe(0);
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('queues SMS for staff with a phone and sends the outbox, retrying a failing sender until it gives up', async () => {
    const a = await makeAgreement(t.ctx);
    const withPhone = await makeUser(t.ctx, { roles: ['union_staff'], region: '500105', phone: randomPhone() });
    const dedupe = `test:${a.id}:sms`;
    const note = await t.ctx.db.transaction().execute((trx) => notify(trx, {
      target: { unionId: a.unions.jiangbei }, kind: 'coop.report_due', messageKey: 'coop.reports.notify.report_due',
      params: { item: '2023-3.1 宣讲', period: '2023-Q1', dueOn: '2023-04-10', days: 7 }, dedupeKey: dedupe,
    }, { CHUANYU_SENDER: 'console' }));
    expect(note.created).toBe(true);
    expect((await notify(t.ctx.db, { target: { unionId: a.unions.jiangbei }, kind: 'x', messageKey: 'coop.reports.notify.report_due', dedupeKey: dedupe })).created).toBe(false);
    const outbox = await t.ctx.db.selectFrom('notification_outbox').selectAll().where('notification_id', '=', note.id!).execute();
    expect(outbox.map((o) => o.recipient_id)).toContain(withPhone.id);
    expect(outbox.every((o) => o.channel === 'sms' && o.status === 'pending')).toBe(true);
    expect(outbox.map((o) => o.recipient_id)).not.toContain(a.staff.jiangbei.id); // no phone on file

    const delivered: { to: string; text: string }[] = [];
    let failuresLeft = 1;
    const flaky: Sender = {
      channel: 'sms',
      async send(to, _subject, text) {
        if (failuresLeft-- > 0) throw new Error('gateway timeout');
        delivered.push({ to, text });
      },
    };
    const only = { notificationIds: [note.id!] };
    const first = await dispatchOutbox(t.ctx.db, t.ctx.crypto, [flaky], { ...only, maxAttempts: 3 });
    expect(first.retrying).toBe(1);
    const failedOnce = await t.ctx.db.selectFrom('notification_outbox').selectAll().where('notification_id', '=', note.id!).where('last_error', '=', 'gateway timeout').execute();
    expect(failedOnce).toHaveLength(1);
    expect(failedOnce[0]).toMatchObject({ status: 'pending', attempts: 1 });
    await dispatchOutbox(t.ctx.db, t.ctx.crypto, [flaky], { ...only, maxAttempts: 3 });
    const rows = await t.ctx.db.selectFrom('notification_outbox').selectAll().where('notification_id', '=', note.id!).execute();
    expect(rows.every((o) => o.status === 'sent' && o.sent_at)).toBe(true);
    expect(delivered.find((d) => d.to === withPhone.phone)!.text).toBe('「2023-3.1 宣讲」2023-Q1 进展报告请于 2023-04-10 前提交（还有 7 天）');
    expect((await dispatchOutbox(t.ctx.db, t.ctx.crypto, [flaky], only)).sent).toBe(0); // nothing sent twice

    const down: Sender = { channel: 'sms', async send() { throw new Error('gateway down'); } };
    const again = await notify(t.ctx.db, { target: { userId: withPhone.id }, kind: 'x', messageKey: 'coop.reports.notify.report_due', params: {}, dedupeKey: `${dedupe}:down` }, {});
    for (let i = 0; i < 2; i++) await dispatchOutbox(t.ctx.db, t.ctx.crypto, [down], { notificationIds: [again.id!], maxAttempts: 2 });
    expect(await t.ctx.db.selectFrom('notification_outbox').select(['status', 'attempts', 'last_error']).where('notification_id', '=', again.id!).execute())
      .toEqual([{ status: 'failed', attempts: 2, last_error: 'gateway down' }]);

    const quiet = await notify(t.ctx.db, { target: { userId: withPhone.id }, kind: 'x', messageKey: 'coop.reports.notify.report_due', dedupeKey: `${dedupe}:none` }, { CHUANYU_SENDER: 'none' });
    expect(await t.ctx.db.selectFrom('notification_outbox').select('id').where('notification_id', '=', quiet.id!).execute()).toEqual([]);
    await expect(notify(t.ctx.db, { target: { userId: withPhone.id }, kind: 'x', messageKey: 'coop.reports.notify.report_due', dedupeKey: `${dedupe}:bad` }, { CHUANYU_SENDER: 'smtp' }))
      .rejects.toThrow(/CHUANYU_SENDER/);
  });

  it('reminds the reviewing federation of a submitted report once, at submit and in the job', async () => {
    const a = await makeAgreement(t.ctx);
    const r = await draft(a, a.staff.chengdu, '2023-Q1');
    await call(a.staff.chengdu, 'POST', `${R}/${r.id}/submit`);
    await runReminders(t.ctx, '2023-03-20');
    await runReminders(t.ctx, '2023-03-21');
    const rows = await t.ctx.db.selectFrom('notifications').select(['union_id', 'message_key', 'link']).where('dedupe_key', 'like', `report:${r.id}:submitted:%`).execute();
    expect(rows).toEqual([{ union_id: a.unions.sc, message_key: 'coop.reports.notify.submitted', link: `/admin/cooperation/reports?report=${r.id}` }]);
    const sc = await call(a.staff.sc, 'GET', '/api/notifications?pageSize=100');
    expect(sc.body.items.some((n: Json) => n.text.endsWith('成都市总工会提交了「2023-3.1 开展川渝职工法律服务联合宣讲」2023-Q1 进展报告，请审核'))).toBe(true);
  });

  it('runs from the command line for a given date: `chuanyu remind --today`, twice without duplicates', async () => {
    const a = await makeAgreement(t.ctx);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-remind-'));
    const env = { DATABASE_URL: inject('databaseUrl'), CHUANYU_SECRET: TEST_SECRET, CHUANYU_DATA_DIR: dir, LOG_LEVEL: 'warn' };
    try {
      const first = runCli(['remind', '--today', '2023-12-30'], env);
      expect(await first.exited, first.output()).toBe(0);
      expect(first.output()).toMatch(/提醒 \/ reminders 2023-12-30: \d+ new, \d+ already sent/);
      const after = await mineOf(a);
      expect(after.filter((n) => n.dedupe_key!.endsWith(':2023-12-31:due-1')).map((n) => n.union_id).sort()).toEqual([a.unions.jiangbei, a.unions.chengdu].sort());
      const again = runCli(['remind', '--today', '2023-12-30'], env);
      expect(await again.exited, again.output()).toBe(0);
      expect(await mineOf(a)).toEqual(after);
      const bad = runCli(['remind', '--today', '30/12/2023'], env);
      expect(await bad.exited).toBe(1);
      expect(bad.output()).toContain('--today 须为 yyyy-mm-dd');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
