import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDaysToDate, MEMBERSHIP_REVIEW_WORKING_DAYS } from '../src/server/modules/services/services.rules.js';
import { cookieJar, createTestApp, makeUser, randomPhone, uniqueSuffix, type MadeUser, type TestApp } from './helpers.js';
import { makeIdNumber, makeServicesWorld, type ServicesWorld, makeFairVisitor } from './services-factory.js';

// Union membership (issue 8 §2): apply → routed by region or employer → approved with a number and
// a card whose QR opens a public check, or rejected with a reason; one open or approved application
// per 身份证号 (also under concurrent submits); who may read, review and reveal; retries.

let t: TestApp;
let w: ServicesWorld;
let jar: (u: { username: string }) => Promise<string>;
beforeAll(async () => {
  t = await createTestApp();
  w = await makeServicesWorld(t.ctx);
  jar = cookieJar(t.app);
});
afterAll(async () => { await t.close(); });

type Json = Record<string, any>;
const call = async (u: MadeUser | null, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({
    method, url, headers: { 'accept-language': 'zh-CN', ...(u ? { cookie: await jar(u) } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
};
const M = '/api/services/membership';
const apply = (u: MadeUser, extra: Json = {}, headers: Record<string, string> = {}) =>
  call(u, 'POST', M, { idCard: makeIdNumber('500105'), regionCode: '500105', employerName: '重庆某某机械厂', consent: true, ...extra }, headers);
const newWorker = (name = '王师傅') => makeUser(t.ctx, { roles: ['seeker'], phone: randomPhone(), name });

describe('union membership', () => {
  it('routes by region, is approved with a member number and a card, and the card checks as valid in public', async () => {
    const worker = await newWorker('张建国');
    const idCard = makeIdNumber('500105');
    const res = await apply(worker, { idCard });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const app = res.body;
    expect(app).toMatchObject({
      status: 'submitted', channel: 'online', name: '张建国', ownerUnion: { id: w.unions.jiangbei, name: '重庆市江北区总工会' }, routedBy: 'region',
      region: { code: '500105', name: '江北区' }, employerName: '重庆某某机械厂', enterprise: null, overdue: false, memberNo: null,
      idCardMasked: `${idCard.slice(0, 4)}**********${idCard.slice(-4)}`, phoneMasked: `${worker.phone!.slice(0, 3)}****${worker.phone!.slice(-4)}`,
      can: { review: false, reveal: false, withdraw: true },
    });
    expect(app.refNo).toMatch(/^RH\d{4}-\d{6}$/);
    expect(app.reviewDueOn).toBe(addWorkingDaysToDate(new Date(), MEMBERSHIP_REVIEW_WORKING_DAYS));
    // The 身份证号 and phone are sealed, the consent recorded with its wording, the union told.
    const stored = await t.ctx.db.selectFrom('membership_applications').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(stored.id_card_enc!.toString('latin1')).not.toContain(idCard.slice(6, 14));
    expect(t.ctx.crypto.decrypt(stored.id_card_enc!)).toBe(idCard);
    const consent = await t.ctx.db.selectFrom('consents').selectAll().where('record_type', '=', 'membership_application').where('record_id', '=', app.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ user_id: worker.id, purpose: 'membership', text_key: 'services.consent.membership', channel: 'online' });
    const told = await t.ctx.db.selectFrom('notifications').selectAll().where('dedupe_key', '=', `membership:${app.id}:submitted`).executeTakeFirstOrThrow();
    expect(told).toMatchObject({ union_id: w.unions.jiangbei, link: `/admin/services/membership?id=${app.id}` });

    // The worker's own view: his latest application, no card yet.
    const mine = await call(worker, 'GET', '/api/services/my/membership');
    expect(mine.body).toMatchObject({ application: { id: app.id, status: 'submitted' }, card: null });
    expect((await call(worker, 'GET', '/api/services/my/card')).body).toEqual({ card: null });

    // 江北区's staff find it in their queue and approve it.
    const queue = await call(w.staff.jiangbei, 'GET', `${M}?status=submitted&pageSize=100`);
    expect(queue.body.items.find((i: Json) => i.id === app.id)).toMatchObject({ name: '张建国', overdue: false });
    const approved = await call(w.staff.jiangbei, 'POST', `${M}/${app.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(approved.body.memberNo).toMatch(new RegExp(`^50${year}\\d{7}$`));
    expect(approved.body).toMatchObject({ status: 'approved', joinedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), can: { review: false } });
    // Approving twice is refused naming the status.
    const again = await call(w.staff.jiangbei, 'POST', `${M}/${app.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已通过');
    const note = await t.ctx.db.selectFrom('notifications').selectAll().where('dedupe_key', '=', `membership:${app.id}:approved`).executeTakeFirstOrThrow();
    expect(note).toMatchObject({ user_id: worker.id, link: '/m/services/card', message_key: 'services.membership.notify.approved' });

    const card = (await call(worker, 'GET', '/api/services/my/card')).body.card;
    expect(card).toMatchObject({ name: '张建国', union: '重庆市江北区总工会', memberNo: approved.body.memberNo, joinedOn: approved.body.joinedOn });
    expect(card.code).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(card.checkPath).toBe(`/m/member-card/${card.code}`);
    expect((await call(worker, 'GET', '/api/services/my/membership')).body.card).toEqual(card);

    // The public check (nobody logged in): valid, the name masked, nothing else personal.
    const check = await call(null, 'GET', `/api/services/cards/${card.code}`);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ valid: true, name: '张*国', union: '重庆市江北区总工会', memberNo: approved.body.memberNo, joinedOn: approved.body.joinedOn });
    const unknown = await call(null, 'GET', `/api/services/cards/${randomBytes(18).toString('base64url')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'services.membership.card_not_found', message: '未找到这张会员卡：请核对二维码或链接是否完整' });
    expect((await call(null, 'GET', '/api/services/cards/x')).status).toBe(404);
  });

  it('routes to a registered employer\'s own union, and names every bad field', async () => {
    const worker = await newWorker();
    const res = await apply(worker, { regionCode: '500112', enterpriseId: w.enterprise.id, employerName: undefined });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ ownerUnion: { id: w.unions.shapingba }, routedBy: 'employer', region: { code: '500112' }, enterprise: { id: w.enterprise.id, name: w.enterprise.name }, employerName: w.enterprise.name });

    const good = makeIdNumber('500105');
    const badDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await apply(await newWorker(), { idCard: badDigit, consent: false });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(expect.arrayContaining([
      { path: 'idCard', message: '身份证号无效（18 位，校验位须符合 GB 11643）' },
      { path: 'consent', message: '请阅读并同意个人信息收集与使用说明' },
    ]));
    const en = await t.app.inject({ method: 'POST', url: M, headers: { cookie: await jar(worker), 'accept-language': 'en' }, payload: { idCard: badDigit, regionCode: '500105', employerName: 'x', consent: true } });
    expect(en.json().issues).toEqual([{ path: 'idCard', message: 'Invalid ID card number (18 characters with a GB 11643 check digit)' }]);

    const noEmployer = await apply(await newWorker(), { employerName: '', regionCode: '500100', enterpriseId: '00000000-0000-0000-0000-000000000000' });
    expect(noEmployer.status).toBe(400);
    expect(noEmployer.body.issues.map((i: Json) => i.path).sort()).toEqual(['enterpriseId', 'regionCode']);
    const typedNone = await apply(await newWorker(), { employerName: '' });
    expect(typedNone.body.issues).toEqual([{ path: 'employerName', message: '请选择已注册的工作单位，或填写单位名称' }]);
    // Staff do not apply online for themselves.
    expect((await apply(w.staff.jiangbei)).body.code).toBe('services.membership.workers_only');
  });

  it('refuses a second application while one waits or after approval, and takes one again after rejection or withdrawal', async () => {
    const worker = await newWorker();
    const idCard = makeIdNumber('500105');
    const first = (await apply(worker, { idCard })).body;
    const second = await apply(worker, { idCard });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'services.membership.duplicate' });
    expect(second.body.message).toBe(`您已向重庆市江北区总工会提交过入会申请（${first.refNo}，待审核），不能重复申请`);
    // The same person through another account (his 身份证号) and the same account with another number are both refused.
    expect((await apply(await newWorker(), { idCard })).status).toBe(409);
    expect((await apply(worker, { idCard: makeIdNumber('500105') })).status).toBe(409);

    // Withdrawn: he may apply again (withdrawing twice is refused).
    expect((await call(worker, 'POST', `${M}/${first.id}/withdraw`)).body.status).toBe('withdrawn');
    expect((await call(worker, 'POST', `${M}/${first.id}/withdraw`)).status).toBe(409);
    const third = (await apply(worker, { idCard })).body;
    expect(third.status).toBe('submitted');
    // Rejected with a reason (required): again he may apply; the reason is his to read.
    expect((await call(w.staff.jiangbei, 'POST', `${M}/${third.id}/reject`, { reason: ' ' })).body.issues).toEqual([{ path: 'reason', message: '请填写不予通过的原因' }]);
    const rejected = await call(w.staff.jiangbei, 'POST', `${M}/${third.id}/reject`, { reason: '所填单位不在本区，请按实际工作单位重新申请' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '所填单位不在本区，请按实际工作单位重新申请' });
    expect((await call(worker, 'GET', '/api/services/my/membership')).body.application).toMatchObject({ status: 'rejected', rejectReason: '所填单位不在本区，请按实际工作单位重新申请' });
    expect(await t.ctx.db.selectFrom('notifications').select('message_key').where('dedupe_key', '=', `membership:${third.id}:rejected`).executeTakeFirst()).toEqual({ message_key: 'services.membership.notify.rejected' });
    const fourth = (await apply(worker, { idCard })).body;
    await call(w.staff.jiangbei, 'POST', `${M}/${fourth.id}/approve`);
    const afterApproval = await apply(worker, { idCard });
    expect(afterApproval.status).toBe(409);
    expect(afterApproval.body.message).toContain('已通过');
  });

  it('lets only one of two concurrent submits of one 身份证号 in, and answers a retried submit with the first result', async () => {
    const idCard = makeIdNumber('500105');
    const [a, b] = [await newWorker(), await newWorker()];
    const both = await Promise.all([apply(a, { idCard }), apply(b, { idCard })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('services.membership.duplicate');

    const worker = await newWorker();
    const key = `join-${uniqueSuffix()}-retry`;
    const body = { idCard: makeIdNumber('500105'), regionCode: '500105', employerName: '江北某厂', consent: true };
    const twins = await Promise.all([call(worker, 'POST', M, body, { 'idempotency-key': key }), call(worker, 'POST', M, body, { 'idempotency-key': key })]);
    expect(twins.map((r) => r.status)).toEqual([201, 201]);
    expect(twins[0]!.body.id).toBe(twins[1]!.body.id);
    const later = await call(worker, 'POST', M, body, { 'idempotency-key': key });
    expect(later.body.id).toBe(twins[0]!.body.id);
    const rows = await t.ctx.db.selectFrom('membership_applications').select('id').where('user_id', '=', worker.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps applications to their owner union: others 403, unions above see the queue masked, other workers 404; reveals are audited', async () => {
    const worker = await newWorker('赵小川');
    const idCard = makeIdNumber('500105');
    const app = (await apply(worker, { idCard })).body;
    // Another region's staff: 403 naming the owner union, for reading, reviewing and revealing.
    const other = await call(w.staff.huaying, 'GET', `${M}/${app.id}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('重庆市江北区总工会');
    expect((await call(w.staff.huaying, 'POST', `${M}/${app.id}/approve`)).status).toBe(403);
    expect((await call(w.staff.shapingba, 'POST', `${M}/${app.id}/reject`, { reason: '不是本区' })).status).toBe(403);
    // 重庆市总工会 sees it in its queue, the name masked, and may not review it.
    const above = await call(w.staff.cq, 'GET', `${M}/${app.id}`);
    expect(above.body).toMatchObject({ name: '赵*川', can: { review: false, reveal: false } });
    const cqApprove = await call(w.staff.cq, 'POST', `${M}/${app.id}/approve`);
    expect(cqApprove.status).toBe(403);
    expect(cqApprove.body.code).toBe('services.membership.review_owner_only');
    expect((await call(w.staff.cq, 'POST', `${M}/${app.id}/reveal`, { field: 'idCard', reason: '核对身份' })).status).toBe(403);
    const shapingbaQueue = await call(w.staff.shapingba, 'GET', `${M}?pageSize=100`);
    expect(shapingbaQueue.body.items.some((i: Json) => i.id === app.id)).toBe(false);
    // Another worker (and a made-up id) get 404, never a hint that it exists.
    for (const id of [app.id, '2b1c7a9e-5f7d-4b53-9c1e-3f0f1d2a6b11', 'not-an-id']) {
      const res = await call(w.worker2, 'GET', `${M}/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('入会申请不存在');
    }
    expect((await call(w.worker2, 'POST', `${M}/${app.id}/withdraw`)).status).toBe(404);
    expect((await call(w.worker2, 'GET', `${M}?pageSize=5`)).status).toBe(403);

    // The owner union's staff: masked in the detail, the full 身份证号 after giving a reason, audited.
    const detail = await call(w.staff.jiangbei2, 'GET', `${M}/${app.id}`);
    expect(detail.body).toMatchObject({ name: '赵小川', idCardMasked: `${idCard.slice(0, 4)}**********${idCard.slice(-4)}`, can: { review: true, reveal: true } });
    expect((await call(w.staff.jiangbei2, 'POST', `${M}/${app.id}/reveal`, { field: 'idCard', reason: '' })).status).toBe(400);
    const revealed = await call(w.staff.jiangbei2, 'POST', `${M}/${app.id}/reveal`, { field: 'idCard', reason: '核对会员身份' });
    expect(revealed.body).toEqual({ value: idCard });
    const phone = await call(w.staff.jiangbei2, 'POST', `${M}/${app.id}/reveal`, { field: 'phone', reason: '电话联系本人' });
    expect(phone.body).toEqual({ value: worker.phone });
    const log = await t.ctx.db.selectFrom('audit_log').select(['action', 'fields', 'reason', 'actor_id'])
      .where('subject_type', '=', 'membership_application').where('subject_id', '=', app.id).orderBy('id').execute();
    expect(log).toEqual(expect.arrayContaining([
      { action: 'pii.reveal', fields: ['id_card'], reason: '核对会员身份', actor_id: w.staff.jiangbei2.id },
      { action: 'pii.reveal', fields: ['phone'], reason: '电话联系本人', actor_id: w.staff.jiangbei2.id },
      expect.objectContaining({ action: 'services.membership.read', actor_id: w.staff.jiangbei2.id }),
    ]));
    expect(log.some((l) => l.actor_id === w.staff.huaying.id)).toBe(false);
  });

  it('flags and filters overdue reviews, and pages the queue', async () => {
    const worker = await newWorker();
    const app = (await apply(worker)).body;
    await t.ctx.db.updateTable('membership_applications').set({ review_due_on: '2024-01-05' }).where('id', '=', app.id).execute();
    const overdue = await call(w.staff.jiangbei, 'GET', `${M}?overdue=true&pageSize=100`);
    expect(overdue.body.items.find((i: Json) => i.id === app.id)).toMatchObject({ overdue: true, reviewDueOn: '2024-01-05' });
    expect(overdue.body.items.every((i: Json) => i.overdue && i.ownerUnion.id === w.unions.jiangbei)).toBe(true);
    // Overdue ones come first among those waiting.
    const all = await call(w.staff.jiangbei, 'GET', `${M}?status=submitted&pageSize=100`);
    expect(all.body.items[0].overdue).toBe(true);
    const page1 = await call(w.staff.jiangbei, 'GET', `${M}?page=1&pageSize=2`);
    const page2 = await call(w.staff.jiangbei, 'GET', `${M}?page=2&pageSize=2`);
    expect(page1.body.total).toBeGreaterThanOrEqual(3);
    expect(page2.body.total).toBe(page1.body.total);
    expect(page1.body.items.map((i: Json) => i.id)).not.toContain(page2.body.items[0]?.id);
    const byRef = await call(w.staff.jiangbei, 'GET', `${M}?q=${app.refNo}`);
    expect(byRef.body.items.map((i: Json) => i.id)).toEqual([app.id]);
  });

  it('records an application at a fair desk for a visitor of that fair, his account found by phone', async () => {
    const db = t.ctx.db;
    const { eventId, visitorId } = await makeFairVisitor(t.ctx, w);
    const event = { id: eventId };
    const visitor = { id: visitorId };
    const body = { name: '李师傅', phone: w.worker2.phone, idCard: makeIdNumber('500106'), regionCode: '500106', employerName: '沙坪坝某物流公司', consent: true, eventId: event.id, visitorId: visitor.id };

    expect((await call(w.worker, 'POST', '/api/services/desk/membership', body)).status).toBe(403);
    const wrong = await call(w.staff.shapingba, 'POST', '/api/services/desk/membership', { ...body, visitorId: visitor.id + 100000 });
    expect(wrong.body.issues).toEqual([{ path: 'visitorId', message: '该来访者不是这场招聘会的登记者' }]);
    const res = await call(w.staff.shapingba, 'POST', '/api/services/desk/membership', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ channel: 'desk', name: '李师傅', event: { id: event.id, name: '三峡广场招聘会' }, ownerUnion: { id: w.unions.shapingba }, can: { review: true } });
    const row = await db.selectFrom('membership_applications').select(['user_id', 'visitor_id', 'created_by']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: w.worker2.id, visitor_id: visitor.id, created_by: w.staff.shapingba.id });
    const consent = await db.selectFrom('consents').select(['channel', 'recorded_by', 'user_id']).where('record_id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(consent).toEqual({ channel: 'desk', recorded_by: w.staff.shapingba.id, user_id: w.worker2.id });
    // The worker whose phone it is sees it as his.
    expect((await call(w.worker2, 'GET', '/api/services/my/membership')).body.application).toMatchObject({ id: res.body.id, channel: 'desk', can: { withdraw: true } });
  });
});

describe('the API document', () => {
  it('lists the membership endpoints', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/services/membership', '/api/services/desk/membership', '/api/services/my/membership', '/api/services/my/card', '/api/services/cards/{code}',
      '/api/services/membership/{id}', '/api/services/membership/{id}/withdraw', '/api/services/membership/{id}/approve', '/api/services/membership/{id}/reject',
      '/api/services/membership/{id}/reveal']) expect(paths).toContain(p);
  });
});
