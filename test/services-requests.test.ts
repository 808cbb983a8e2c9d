import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../src/server/modules/services/services.rules.js';
import { createTestApp, loginAs, uniqueSuffix, type MadeUser, type TestApp } from './helpers.js';
import { makeIdNumber, makeServicesWorld, type ServicesWorld, makeFairVisitor } from './services-factory.js';
import { multipart } from './spreadsheets.js';

// Consultations and rights requests (issue 8 §1): a worker asks on his phone, the request is routed
// to the union of his employer or region, that union answers, he confirms or reopens; transfers keep
// their history; only the worker and the owner union read the words (staff reads audited); another
// region's staff are told whose it is, another worker learns nothing; retried creates write once.

let t: TestApp;
let w: ServicesWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await makeServicesWorld(t.ctx);
});
afterAll(async () => { await t.close(); });

type Json = Record<string, any>;
const cookies = new Map<string, string>();
const as = async (u: MadeUser) => {
  if (!cookies.has(u.id)) cookies.set(u.id, await loginAs(t.app, u.username));
  return cookies.get(u.id)!;
};
const call = async (u: MadeUser, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method, url, headers: { cookie: await as(u), 'accept-language': 'zh-CN', ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  return { status: res.statusCode, body: (String(res.headers['content-type']).includes('json') ? res.json() : null) as Json, raw: res };
};
const S = '/api/services';

const ask = async (u: MadeUser, extra: Json = {}, headers: Record<string, string> = {}) => {
  const res = await call(u, 'POST', `${S}/requests`, {
    category: 'wage_arrears', regionCode: '500105', employerName: '江北某建筑劳务公司', subject: '工地拖欠三个月工资',
    body: '我在江北区某工地干了三个月，老板一直没发工资，共计 2.4 万元。', consent: true, ...extra,
  }, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('asking and routing', () => {
  it('routes a worker\'s question by region to 江北区 and by a registered employer to its own union', async () => {
    const before = Date.now();
    const byRegion = await ask(w.worker);
    expect(byRegion).toMatchObject({
      kind: 'consultation', category: 'wage_arrears', channel: 'online', status: 'open', sla: 'on_time', subject: '工地拖欠三个月工资',
      region: { code: '500105', name: '江北区' }, ownerUnion: { id: w.unions.jiangbei }, routedBy: 'region', contentHidden: false,
      body: expect.stringContaining('2.4 万元'), worker: { name: '张师傅', phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/) },
      employerName: '江北某建筑劳务公司', enterprise: null, assignee: null, firstAnsweredAt: null, messages: [], files: [],
      can: { reply: true, attach: true, assign: false, transfer: false, close: false, reopen: false },
    });
    expect(byRegion.refNo).toMatch(/^ZX\d{4}-\d{6}$/);
    expect(byRegion.history).toMatchObject([{ action: 'created', toStatus: 'open', toUnion: { id: w.unions.jiangbei } }]);
    const due = new Date(byRegion.answerDueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(addWorkingDays(new Date(before), 2).getTime());
    expect(due).toBeLessThanOrEqual(addWorkingDays(new Date(), 2).getTime());

    const byEmployer = await ask(w.worker, { regionCode: '500112', enterpriseId: w.enterprise.id, employerName: '' });
    expect(byEmployer).toMatchObject({ ownerUnion: { id: w.unions.shapingba }, routedBy: 'employer', enterprise: { id: w.enterprise.id, name: w.enterprise.name }, employerName: w.enterprise.name });

    // Recorded with the consent, the event and a notification to the owner union.
    const consent = await t.ctx.db.selectFrom('consents').selectAll().where('record_type', '=', 'service_request').where('record_id', '=', byRegion.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ user_id: w.worker.id, purpose: 'consultation', channel: 'online', text_key: 'services.consent.consultation' });
    const note = await t.ctx.db.selectFrom('notifications').selectAll().where('dedupe_key', '=', `service_request:${byRegion.id}:created`).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ union_id: w.unions.jiangbei, kind: 'services.request', link: `/admin/services/requests/${byRegion.id}` });
    // The words are sealed in the table.
    const stored = await t.ctx.db.selectFrom('service_requests').select(['body_enc', 'phone_enc', 'name']).where('id', '=', byRegion.id).executeTakeFirstOrThrow();
    expect(stored.body_enc!.toString('latin1')).not.toContain('2.4');
    expect(stored.phone_enc).not.toBeNull();

    const mine = await call(w.worker, 'GET', `${S}/my/requests?pageSize=50`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: Json) => i.id).slice(0, 2)).toEqual([byEmployer.id, byRegion.id]);
    expect((await call(w.worker2, 'GET', `${S}/my/requests`)).body.items.map((i: Json) => i.id)).not.toContain(byRegion.id);

    const queue = await call(w.staff.jiangbei, 'GET', `${S}/requests?status=open&pageSize=100`);
    expect(queue.status).toBe(200);
    const row = queue.body.items.find((i: Json) => i.id === byRegion.id);
    expect(row).toMatchObject({ subject: '工地拖欠三个月工资', sla: 'on_time', ownerUnion: { id: w.unions.jiangbei } });
    expect(queue.body.items.every((i: Json) => i.ownerUnion.id === w.unions.jiangbei)).toBe(true);
    // Federation staff see the queue's facts, not the subject; shapingba does not see jiangbei's.
    const cq = await call(w.staff.cq, 'GET', `${S}/requests?unionId=${w.unions.jiangbei}&pageSize=100`);
    expect(cq.body.items.find((i: Json) => i.id === byRegion.id)).toMatchObject({ subject: null, refNo: byRegion.refNo });
    expect((await call(w.staff.shapingba, 'GET', `${S}/requests?pageSize=100`)).body.items.map((i: Json) => i.id)).not.toContain(byRegion.id);
    expect((await call(w.staff.sc, 'GET', `${S}/requests?pageSize=100`)).body.items.map((i: Json) => i.id)).not.toContain(byRegion.id);
    // q: the ref number for everyone in scope, subject words only in one's own union.
    expect((await call(w.staff.jiangbei, 'GET', `${S}/requests?q=${encodeURIComponent('拖欠三个月')}`)).body.items.map((i: Json) => i.id)).toContain(byRegion.id);
    expect((await call(w.staff.cq, 'GET', `${S}/requests?q=${encodeURIComponent('拖欠三个月')}`)).body.total).toBe(0);
    expect((await call(w.staff.cq, 'GET', `${S}/requests?q=${byRegion.refNo}`)).body.items.map((i: Json) => i.id)).toEqual([byRegion.id]);
    // Workers have no queue.
    expect((await call(w.worker, 'GET', `${S}/requests`)).status).toBe(403);
  });

  it('names every bad field at once', async () => {
    const res = await call(w.worker, 'POST', `${S}/requests`, { category: 'wage_arrears', regionCode: '999999', body: '……', consent: false });
    expect(res.status).toBe(400);
    const paths = Object.fromEntries(res.body.issues.map((i: Json) => [i.path, i.message]));
    expect(Object.keys(paths).sort()).toEqual(['consent', 'employerName', 'regionCode', 'subject']);
    expect(paths.consent).toBe('请阅读并同意个人信息收集与使用说明');
    const noRegion = await call(w.worker, 'POST', `${S}/requests`, { category: 'other', regionCode: null, employerName: '某厂', subject: 's', body: 'b', consent: true });
    expect(noRegion.body.issues).toEqual([{ path: 'regionCode', message: '请选择工作所在的区县' }]);
    const bad = await call(w.worker, 'POST', `${S}/requests`, {
      category: 'other', regionCode: '500105', enterpriseId: randomUUID(), subject: 'x', body: 'y', consent: true, claimAmount: 100,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path).sort()).toEqual(['claimAmount', 'enterpriseId']);
    expect(await t.ctx.db.selectFrom('service_requests').select('id').where('user_id', '=', w.worker2.id).execute()).toEqual([]);
  });

  it('writes one request for a retried create with the same Idempotency-Key', async () => {
    const key = `ask-${randomUUID()}`;
    const first = await ask(w.worker2, { subject: '重试的诉求' }, { 'idempotency-key': key });
    const again = await ask(w.worker2, { subject: '重试的诉求' }, { 'idempotency-key': key });
    expect(again.id).toBe(first.id);
    const rows = await t.ctx.db.selectFrom('service_requests').select('id').where('user_id', '=', w.worker2.id).where('subject', '=', '重试的诉求').execute();
    expect(rows).toHaveLength(1);
    // Two copies at once (a double tap on a slow network) meet on the key.
    const twinKey = { 'idempotency-key': `twin-${randomUUID()}` };
    const twins = await Promise.all([0, 1].map(() => ask(w.worker2, { subject: '同时到达的诉求' }, twinKey)));
    expect(twins[0]!.id).toBe(twins[1]!.id);
    expect(await t.ctx.db.selectFrom('service_requests').select('id').where('user_id', '=', w.worker2.id).where('subject', '=', '同时到达的诉求').execute()).toHaveLength(1);
    // A retried reply is written once too.
    const replyKey = { 'idempotency-key': `reply-${randomUUID()}` };
    const one = await call(w.worker2, 'POST', `${S}/requests/${first.id}/messages`, { body: '补充：老板姓王' }, replyKey);
    const two = await call(w.worker2, 'POST', `${S}/requests/${first.id}/messages`, { body: '补充：老板姓王' }, replyKey);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.body.messages).toHaveLength(1);
    expect((await call(w.worker2, 'GET', `${S}/requests/${first.id}`)).body.messages).toHaveLength(1);
  });
});

describe('who reads a request', () => {
  it('gives the owner union the words (audited), unions above the facts, another region 403 and another worker 404', async () => {
    const r = await ask(w.worker);
    const own = await call(w.staff.jiangbei, 'GET', `${S}/requests/${r.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ contentHidden: false, body: expect.stringContaining('工资'), worker: { name: '张师傅' }, can: { reply: true, assign: true, transfer: true, close: true } });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'services.request.read').where('subject_id', '=', r.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: w.staff.jiangbei.id, subject_type: 'service_request', scope_prefix: '500105', subject_label: r.refNo });

    const cq = await call(w.staff.cq, 'GET', `${S}/requests/${r.id}`);
    expect(cq.status).toBe(200);
    expect(cq.body).toMatchObject({ contentHidden: true, subject: null, body: null, worker: null, messages: [], files: [], can: { reply: false, transfer: true, assign: false } });
    expect(cq.body.history).toHaveLength(1);

    const chengdu = await call(w.staff.chengdu, 'GET', `${S}/requests/${r.id}`);
    expect(chengdu.status).toBe(403);
    expect(chengdu.body.code).toBe('services.requests.other_union');
    expect(chengdu.body.message).toContain('江北区总工会');

    for (const url of [`${S}/requests/${r.id}`, `${S}/requests/${randomUUID()}`, `${S}/requests/12345`, `${S}/requests/not-a-uuid`]) {
      const res = await call(w.worker2, 'GET', url);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe('services.requests.not_found');
    }
    expect((await call(w.agent, 'GET', `${S}/requests/${r.id}`)).status).toBe(404);
  });
});

describe('the life of a request', () => {
  it('is answered by 江北区, confirmed by the worker, reopened and answered again', async () => {
    const r = await ask(w.worker);
    // Assign only to the owner union's own staff.
    const wrong = await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/assign`, { assigneeId: w.staff.shapingba.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([{ path: 'assigneeId', message: expect.stringContaining('江北区总工会') }]);
    expect((await call(w.staff.cq, 'POST', `${S}/requests/${r.id}/assign`, { assigneeId: w.staff.jiangbei2.id })).status).toBe(403);
    expect((await call(w.worker, 'POST', `${S}/requests/${r.id}/assign`, { assigneeId: w.staff.jiangbei2.id })).status).toBe(403);
    const assigned = await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/assign`, { assigneeId: w.staff.jiangbei2.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignee: { id: w.staff.jiangbei2.id } });
    expect((await call(w.staff.jiangbei, 'GET', `${S}/assignees`)).body.map((a: Json) => a.id)).toEqual(expect.arrayContaining([w.staff.jiangbei.id, w.staff.jiangbei2.id]));

    // An internal note the worker never sees; the worker cannot write one.
    const note = await call(w.staff.jiangbei2, 'POST', `${S}/requests/${r.id}/messages`, { body: '已电话联系劳动监察大队', isInternal: true });
    expect(note.status).toBe(201);
    expect(note.body.status).toBe('assigned');
    expect((await call(w.worker, 'POST', `${S}/requests/${r.id}/messages`, { body: '我也写备注', isInternal: true })).status).toBe(400);
    // Unions above may not answer.
    const above = await call(w.staff.cq, 'POST', `${S}/requests/${r.id}/messages`, { body: '市总答复' });
    expect(above.status).toBe(403);
    expect(above.body.code).toBe('services.requests.not_owner');
    // The worker cannot confirm before an answer.
    expect((await call(w.worker, 'POST', `${S}/requests/${r.id}/close`, {})).body.code).toBe('services.requests.not_answered');

    const answer = await call(w.staff.jiangbei2, 'POST', `${S}/requests/${r.id}/messages`, { body: '请携带考勤记录到江北区劳动监察大队投诉，我们陪同前往。' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'answered', sla: 'met' });
    expect(answer.body.firstAnsweredAt).not.toBeNull();
    const sms = await t.ctx.db.selectFrom('notifications as n').innerJoin('notification_outbox as o', 'o.notification_id', 'n.id')
      .select(['n.kind', 'n.link', 'o.channel', 'o.recipient_id']).where('n.user_id', '=', w.worker.id).where('n.kind', '=', 'services.answered').where('n.link', '=', `/m/services/requests/${r.id}`).execute();
    expect(sms).toEqual([{ kind: 'services.answered', link: `/m/services/requests/${r.id}`, channel: 'sms', recipient_id: w.worker.id }]);

    const seen = await call(w.worker, 'GET', `${S}/requests/${r.id}`);
    expect(seen.body).toMatchObject({ status: 'answered', can: { close: true, reopen: false, reply: true } });
    expect(seen.body.messages).toMatchObject([{ authorRole: 'staff', unionName: '重庆市江北区总工会', body: expect.stringContaining('考勤记录'), isInternal: false }]);
    expect(new Date(seen.body.autoCloseAt).getTime() - new Date(seen.body.answeredAt).getTime()).toBe(7 * 86_400_000);
    const staffView = await call(w.staff.jiangbei, 'GET', `${S}/requests/${r.id}`);
    expect(staffView.body.messages.map((m: Json) => m.isInternal)).toEqual([true, false]);

    // A follow-up on an answer goes back to the assignee; a second answer keeps the first answer's time.
    const follow = await call(w.worker, 'POST', `${S}/requests/${r.id}/messages`, { body: '老板说下个月才发，可以吗？' });
    expect(follow.body.status).toBe('assigned');
    expect(follow.body.history.at(-1)).toMatchObject({ action: 'followed_up', fromStatus: 'answered', toStatus: 'assigned' });
    const again = await call(w.staff.jiangbei2, 'POST', `${S}/requests/${r.id}/messages`, { body: '不可以，工资应按月足额支付。' });
    expect(again.body.firstAnsweredAt).toBe(answer.body.firstAnsweredAt);

    const closed = await call(w.worker, 'POST', `${S}/requests/${r.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'confirmed', can: { reply: false, reopen: true, close: false } });
    const onClosed = await call(w.worker, 'POST', `${S}/requests/${r.id}/messages`, { body: '再问一句' });
    expect(onClosed.status).toBe(409);
    expect(onClosed.body.code).toBe('services.requests.closed');

    expect((await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/reopen`, { body: '重开' })).status).toBe(403);
    const reopened = await call(w.worker, 'POST', `${S}/requests/${r.id}/reopen`, { body: '工资还是没有发，请继续帮忙。' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopenCount: 1, closedAt: null, closeReason: null });
    expect(reopened.body.messages.at(-1)).toMatchObject({ authorRole: 'worker', body: '工资还是没有发，请继续帮忙。' });
    expect((await call(w.worker, 'POST', `${S}/requests/${r.id}/reopen`, { body: '再次' })).body.code).toBe('services.requests.not_closed');

    // Staff close with a note (required).
    expect((await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/close`, {})).body.issues).toMatchObject([{ path: 'note' }]);
    const staffClosed = await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/close`, { note: '已协调企业于本周发放' });
    expect(staffClosed.body).toMatchObject({ status: 'closed', closeReason: 'staff' });
    expect(staffClosed.body.history.map((h: Json) => `${h.action}:${h.fromStatus ?? ''}>${h.toStatus ?? ''}`)).toEqual([
      'created:>open', 'assigned:open>assigned', 'answered:assigned>answered', 'followed_up:answered>assigned', 'answered:assigned>answered', 'closed:answered>closed', 'reopened:closed>reopened', 'closed:reopened>closed',
    ]);
    // Past 30 days after closing it stays closed: the worker asks again instead.
    await t.ctx.db.updateTable('service_requests').set({ closed_at: new Date(Date.now() - 31 * 86_400_000) }).where('id', '=', r.id).execute();
    expect((await call(w.worker, 'GET', `${S}/requests/${r.id}`)).body.can.reopen).toBe(false);
    const late = await call(w.worker, 'POST', `${S}/requests/${r.id}/reopen`, { body: '又拖欠了' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'services.requests.reopen_expired', message: expect.stringContaining(r.refNo) });
    const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', r.id).where('action', '!=', 'services.request.read').orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual([
      'services.request.create', 'services.request.assign', 'services.request.note', 'services.request.answer', 'services.request.follow_up',
      'services.request.answer', 'services.request.close', 'services.request.reopen', 'services.request.close',
    ]);
  });

  it('transfers with its history, by the owner union and by the federation above it', async () => {
    const r = await ask(w.worker, { regionCode: '500105', subject: '劳动合同到期不续签' , category: 'labour_contract' });
    await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/assign`, { assigneeId: w.staff.jiangbei.id });
    expect((await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.shapingba, note: '' })).body.issues).toMatchObject([{ path: 'note' }]);
    expect((await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.jiangbei, note: '同一' })).body.issues).toMatchObject([{ path: 'unionId' }]);
    expect((await call(w.worker, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.shapingba, note: '我要转' })).status).toBe(403);
    expect((await call(w.staff.chengdu, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.shapingba, note: '越权' })).status).toBe(403);

    const moved = await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.shapingba, note: '用人单位实际在沙坪坝区' });
    expect(moved.status).toBe(200);
    // 江北区 can no longer see it: the answer is the facts it may still see (cq's scope is not jiangbei's).
    expect(moved.body).toMatchObject({ status: 'open', routedBy: 'transfer', ownerUnion: { id: w.unions.shapingba }, assignee: null, answerDueAt: r.answerDueAt });
    expect((await call(w.staff.jiangbei, 'GET', `${S}/requests/${r.id}`)).status).toBe(403);
    const spb = await call(w.staff.shapingba, 'GET', `${S}/requests/${r.id}`);
    expect(spb.body).toMatchObject({ contentHidden: false, subject: '劳动合同到期不续签' });
    expect(await t.ctx.db.selectFrom('notifications').select('union_id').where('kind', '=', 'services.request').where('link', '=', `/admin/services/requests/${r.id}`).where('union_id', '=', w.unions.shapingba).execute()).toHaveLength(1);

    // 重庆市总工会 moves it on to 四川 广安 (an escalated case handled elsewhere), the history keeps both.
    const byFederation = await call(w.staff.cq, 'POST', `${S}/requests/${r.id}/transfer`, { unionId: w.unions.guangan, note: '职工实际在广安务工' });
    expect(byFederation.status).toBe(200);
    expect(byFederation.body.contentHidden).toBe(true);
    const history = (await call(w.staff.guangan, 'GET', `${S}/requests/${r.id}`)).body.history.filter((h: Json) => h.action === 'transferred');
    expect(history).toMatchObject([
      { fromUnion: { id: w.unions.jiangbei, name: '重庆市江北区总工会' }, toUnion: { id: w.unions.shapingba }, note: '用人单位实际在沙坪坝区', fromStatus: 'assigned', toStatus: 'open' },
      { fromUnion: { id: w.unions.shapingba }, toUnion: { id: w.unions.guangan }, note: '职工实际在广安务工' },
    ]);
    expect((await call(w.staff.guangan, 'GET', `${S}/unions`)).body.length).toBeGreaterThan(10);
  });
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const upload = async (u: MadeUser, id: string, file: { name: string; data: Buffer; type?: string }, fields: Record<string, string> = {}) => {
  const form = multipart(fields, file);
  const res = await t.app.inject({ method: 'POST', url: `${S}/requests/${id}/files`, payload: form.payload, headers: { ...form.headers, cookie: await as(u), 'accept-language': 'zh-CN' } });
  return { status: res.statusCode, body: res.json() as Json };
};

describe('attachments', () => {
  it('takes photos and PDFs by their content, refuses other files and oversize ones, and shows them only to who may read', async () => {
    const r = await ask(w.worker);
    const photo = await upload(w.worker, r.id, { name: '工资条.png', data: PNG, type: 'image/png' });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    expect(photo.body).toMatchObject({ name: '工资条.png', mime: 'image/png', size: PNG.length });

    const text = await upload(w.worker, r.id, { name: '说明.txt', data: Buffer.from('只是文字'), type: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('services.requests.file_type');
    const renamed = await upload(w.worker, r.id, { name: 'photo.jpg', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), type: 'image/jpeg' });
    expect(renamed.status).toBe(415);
    expect(renamed.body.code).toBe('services.requests.file_type');
    const big = await upload(w.worker, r.id, { name: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]) });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('services.requests.file_too_large');
    expect(big.body.message).toContain('10 MB');

    // The owner union answers with a PDF on its message.
    const answer = await call(w.staff.jiangbei, 'POST', `${S}/requests/${r.id}/messages`, { body: '附上维权指引' });
    const messageId = answer.body.messages.at(-1).id;
    const guide = await upload(w.staff.jiangbei, r.id, { name: '维权指引.pdf', data: PDF }, { messageId: String(messageId) });
    expect(guide.status, JSON.stringify(guide.body)).toBe(201);
    expect((await upload(w.worker, r.id, { name: 'x.png', data: PNG }, { messageId: String(messageId) })).body.issues).toMatchObject([{ path: 'messageId' }]);
    const detail = (await call(w.worker, 'GET', `${S}/requests/${r.id}`)).body;
    expect(detail.files.map((f: Json) => f.id)).toEqual([photo.body.id]);
    expect(detail.messages.at(-1).files.map((f: Json) => f.name)).toEqual(['维权指引.pdf']);

    const download = await t.app.inject({ method: 'GET', url: `${S}/requests/${r.id}/files/${photo.body.id}`, headers: { cookie: await as(w.staff.jiangbei) } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', r.id).where('action', '=', 'services.request.file_read').execute()).toHaveLength(1);
    for (const [u, status] of [[w.worker2, 404], [w.staff.cq, 403], [w.staff.chengdu, 403]] as const) {
      const res = await t.app.inject({ method: 'GET', url: `${S}/requests/${r.id}/files/${photo.body.id}`, headers: { cookie: await as(u) } });
      expect(res.statusCode).toBe(status);
    }
    expect((await upload(w.staff.cq, r.id, { name: 'x.png', data: PNG })).status).toBe(403);

    // At most 6 on the request itself.
    for (let i = 0; i < 5; i += 1) expect((await upload(w.worker, r.id, { name: `p${i}.png`, data: PNG })).status).toBe(201);
    const seventh = await upload(w.worker, r.id, { name: 'p7.png', data: PNG });
    expect(seventh.status).toBe(409);
    expect(seventh.body.code).toBe('services.requests.too_many_files');

    await call(w.worker, 'POST', `${S}/requests/${r.id}/close`, {});
    expect((await upload(w.worker, r.id, { name: 'late.png', data: PNG })).body.code).toBe('services.requests.closed');
  });
});

const openPlan = async (status: 'open' | 'draft' | 'closed' = 'open') => t.ctx.db.insertInto('aid_plans').values({
  federation: '50', name: `职工住院医疗互助${uniqueSuffix()}`, starts_on: '2026-01-01', ends_on: '2026-12-31', price: 30, status,
  benefits: JSON.stringify([{ name: '住院医疗互助', amount: 10000 }]),
}).returning(['id', 'name']).executeTakeFirstOrThrow();

describe('mutual-aid claims', () => {
  it('needs an open plan and a valid 身份证号, finds the enrolled member and is routed like a consultation', async () => {
    const plan = await openPlan();
    const draft = await openPlan('draft');
    const base = { kind: 'aid_claim', regionCode: '500105', employerName: '江北某厂', subject: '住院给付申请', body: '2026 年 5 月因工伤住院 10 天。', consent: true };
    const missing = await call(w.worker, 'POST', `${S}/requests`, base);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: Json) => i.path).sort()).toEqual(['aidPlanId', 'claimAmount', 'idCard', 'incidentOn']);
    const id = makeIdNumber('500105');
    const badCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    const bad = await call(w.worker, 'POST', `${S}/requests`, { ...base, aidPlanId: draft.id, idCard: badCheck, claimAmount: 3000, incidentOn: '2026-05-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(expect.arrayContaining([
      { path: 'idCard', message: '身份证号无效（18 位，校验位须符合 GB 11643）' },
      { path: 'aidPlanId', message: expect.stringContaining(draft.name) },
    ]));

    // An enrolled member of the plan (an employer's confirmed list).
    const enrolment = await t.ctx.db.insertInto('aid_enrolments').values({ plan_id: plan.id, enterprise_id: w.enterprise.id, owner_union_id: w.unions.shapingba, status: 'confirmed', people: 1, amount: 30 })
      .returning('id').executeTakeFirstOrThrow();
    const { sealIdCard } = await import('../src/server/modules/services/services.pii.js');
    const member = await t.ctx.db.insertInto('aid_enrolment_members').values({ enrolment_id: enrolment.id, plan_id: plan.id, row_no: 1, name: '张师傅', ...sealIdCard(t.ctx.crypto, id) })
      .returning('id').executeTakeFirstOrThrow();
    const claim = await ask(w.worker, { ...base, aidPlanId: plan.id, idCard: id, claimAmount: 3000, incidentOn: '2026-05-01', category: undefined });
    expect(claim).toMatchObject({ kind: 'aid_claim', category: 'mutual_aid', ownerUnion: { id: w.unions.jiangbei }, aid: { plan: { id: plan.id, name: plan.name }, claimAmount: 3000, incidentOn: '2026-05-01', memberFound: true } });
    expect(claim.refNo).toMatch(/^HZ\d{4}-\d{6}$/);
    const row = await t.ctx.db.selectFrom('service_requests').select(['aid_member_id']).where('id', '=', claim.id).executeTakeFirstOrThrow();
    expect(row.aid_member_id).toBe(member.id);
    expect((await t.ctx.db.selectFrom('consents').select('purpose').where('record_id', '=', claim.id).executeTakeFirstOrThrow()).purpose).toBe('aid_claim');
    expect((await call(w.staff.jiangbei, 'GET', `${S}/requests?kind=aid_claim&pageSize=100`)).body.items.map((i: Json) => i.id)).toContain(claim.id);

    const stranger = await ask(w.worker2, { ...base, aidPlanId: plan.id, idCard: makeIdNumber('500105'), claimAmount: 100, incidentOn: '2026-05-02' });
    expect(stranger.aid.memberFound).toBe(false);
  });
});

describe('at a fair desk', () => {
  it('records a request for a visitor of the fair, linked to the account with that phone', async () => {
    const db = t.ctx.db;
    const { eventId, visitorId } = await makeFairVisitor(t.ctx, w);
    const event = { id: eventId };
    const visitor = { id: visitorId };
    const body = {
      name: '李师傅', phone: w.worker2.phone, category: 'dismissal', regionCode: '500106', employerName: '沙坪坝某物流公司', subject: '被口头辞退',
      body: '公司口头通知明天不用来了，没有补偿。', consent: true, eventId: event.id, visitorId: visitor.id,
    };
    expect((await call(w.worker, 'POST', `${S}/desk/requests`, body)).status).toBe(403);
    const wrong = await call(w.staff.shapingba, 'POST', `${S}/desk/requests`, { ...body, visitorId: visitor.id + 100000, phone: '123' });
    expect(wrong.body.issues.map((i: Json) => i.path).sort()).toEqual(['phone', 'visitorId']);
    const res = await call(w.staff.shapingba, 'POST', `${S}/desk/requests`, body, { 'idempotency-key': `desk-${randomUUID()}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ channel: 'desk', event: { id: event.id, name: '三峡广场招聘会' }, ownerUnion: { id: w.unions.shapingba }, worker: { name: '李师傅' }, contentHidden: false });
    const row = await db.selectFrom('service_requests').select(['user_id', 'visitor_id', 'created_by']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: w.worker2.id, visitor_id: visitor.id, created_by: w.staff.shapingba.id });
    expect(await db.selectFrom('consents').select(['channel', 'recorded_by', 'user_id']).where('record_id', '=', res.body.id).executeTakeFirstOrThrow())
      .toEqual({ channel: 'desk', recorded_by: w.staff.shapingba.id, user_id: w.worker2.id });
    // The worker whose phone it is sees it as his; the fair's queue filter finds it.
    expect((await call(w.worker2, 'GET', `${S}/requests/${res.body.id}`)).body.worker.name).toBe('李师傅');
    expect((await call(w.staff.shapingba, 'GET', `${S}/requests?eventId=${event.id}`)).body.items.map((i: Json) => i.id)).toEqual([res.body.id]);

    // Recorded by 沙坪坝 staff for a 江北区 worker: routed to 江北区; the desk sees only the facts.
    const elsewhere = await call(w.staff.shapingba, 'POST', `${S}/desk/requests`, { ...body, regionCode: '500105', visitorId: undefined, eventId: undefined });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body).toMatchObject({ ownerUnion: { id: w.unions.jiangbei }, contentHidden: true, subject: null });
  });
});

describe('queue filters', () => {
  it('filters by service level in SQL the same way as the rows say it', async () => {
    const r = await ask(w.worker);
    await t.ctx.db.updateTable('service_requests').set({ created_at: new Date(Date.now() - 5 * 86_400_000), answer_due_at: new Date(Date.now() - 3600_000) }).where('id', '=', r.id).execute();
    const soon = await ask(w.worker);
    await t.ctx.db.updateTable('service_requests').set({ answer_due_at: new Date(Date.now() + 3600_000) }).where('id', '=', soon.id).execute();
    const ids = async (sla: string) => (await call(w.staff.jiangbei, 'GET', `${S}/requests?sla=${sla}&pageSize=100`)).body.items as Json[];
    const overdue = await ids('overdue');
    expect(overdue.map((i) => i.id)).toContain(r.id);
    expect(overdue.every((i) => i.sla === 'overdue')).toBe(true);
    const dueSoon = await ids('due_soon');
    expect(dueSoon.map((i) => i.id)).toContain(soon.id);
    expect(dueSoon.every((i) => i.sla === 'due_soon')).toBe(true);
    for (const sla of ['on_time', 'met', 'missed']) expect((await ids(sla)).every((i) => i.sla === sla)).toBe(true);
    const page = await call(w.staff.jiangbei, 'GET', `${S}/requests?pageSize=2&page=2`);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(4);
  });
});

describe('the API document', () => {
  it('lists the requests endpoints', async () => {
    const spec = await t.app.inject({ url: '/api/docs/json' });
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining([
      '/api/services/requests', '/api/services/requests/{id}', '/api/services/requests/{id}/messages', '/api/services/requests/{id}/transfer',
      '/api/services/requests/{id}/files', '/api/services/desk/requests', '/api/services/my/requests', '/api/services/employers',
    ]));
  });

  it('finds registered employers by name for the picker', async () => {
    await t.ctx.db.updateTable('enterprises').set({ status: 'verified' }).where('id', '=', w.enterprise.id).execute();
    const found = await call(w.worker, 'GET', `${S}/employers?q=${encodeURIComponent(w.enterprise.name.slice(0, 6))}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(expect.arrayContaining([{ id: w.enterprise.id, name: w.enterprise.name, region: { code: '500112', name: '渝北区' } }]));
    expect(found.body.length).toBeLessThanOrEqual(10);
    expect((await call(w.worker, 'GET', `${S}/employers?q=`)).body).toEqual([]);
  });
});
