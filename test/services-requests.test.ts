import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../src/server/modules/services/services.rules.js';
import { createTestApp, loginAs, type MadeUser, type TestApp } from './helpers.js';
import { makeServicesWorld, type ServicesWorld } from './services-factory.js';

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
