import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sweepServiceRequests } from '../src/server/modules/services/sweep.js';
import { makeServicesWorld, type ServicesWorld } from './services-factory.js';
import { cst, insertRequest } from './services-rows.js';
import { createTestApp, loginAs, TEST_SECRET, type TestApp } from './helpers.js';
import { runCli } from './proc.js';

// The service-level sweep (issue 8 §1): a request unanswered past its due time is escalated to
// the owner union's federation once; an answered request left alone closes by itself 7 days after
// the answer, and the worker hears of it. Each test sweeps at a moment of its own in the past
// (2015–2017), so that it touches only its own rows: requests of other tests are made now.

let t: TestApp;
let w: ServicesWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await makeServicesWorld(t.ctx);
});
afterAll(async () => { await t.close(); });

const requestRow = (id: string) => t.ctx.db.selectFrom('service_requests')
  .select(['status', 'escalated_at', 'closed_at', 'close_reason', 'version', 'owner_union_id']).where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (ids: string[]) => t.ctx.db.selectFrom('service_request_events')
  .select(['request_id', 'action', 'from_status', 'to_status', 'from_union_id', 'to_union_id', 'actor_id', 'at']).where('request_id', 'in', ids).orderBy('id').execute();
const noticesOf = (ids: string[]) => t.ctx.db.selectFrom('notifications')
  .select(['union_id', 'user_id', 'kind', 'message_key', 'link', 'params', 'dedupe_key'])
  .where((eb) => eb.or(ids.map((id) => eb('dedupe_key', 'like', `service:${id}:%`)))).orderBy('id').execute();

describe('escalation', () => {
  it('raises unanswered overdue requests to the federation once, tells the owner union, and leaves the rest alone', async () => {
    const now = cst('2017-03-08T10:00');
    const overdue = await insertRequest(t.ctx, { unionId: w.unions.jiangbei, createdAt: cst('2017-03-06T09:00'), answerDueAt: cst('2017-03-08T09:00'), status: 'open' });
    const overdueSc = await insertRequest(t.ctx, { unionId: w.unions.huaying, createdAt: cst('2017-03-06T08:00'), answerDueAt: cst('2017-03-08T08:00'), status: 'assigned' });
    const atFederation = await insertRequest(t.ctx, { unionId: w.unions.cq, createdAt: cst('2017-03-06T07:00'), answerDueAt: cst('2017-03-08T07:00'), status: 'open' });
    const untouched = [
      // answered late, but answered: nothing to escalate
      await insertRequest(t.ctx, { unionId: w.unions.jiangbei, createdAt: cst('2017-03-06T09:00'), answerDueAt: cst('2017-03-08T09:00'), firstAnsweredAt: cst('2017-03-08T09:30'), status: 'answered' }),
      // still inside its time
      await insertRequest(t.ctx, { unionId: w.unions.jiangbei, createdAt: cst('2017-03-07T09:00'), answerDueAt: cst('2017-03-09T09:00'), status: 'open' }),
      // closed without an answer
      await insertRequest(t.ctx, { unionId: w.unions.jiangbei, createdAt: cst('2017-03-06T09:00'), answerDueAt: cst('2017-03-08T09:00'), status: 'closed', closedAt: cst('2017-03-06T10:00') }),
      // escalated before
      await insertRequest(t.ctx, { unionId: w.unions.jiangbei, createdAt: cst('2017-03-01T09:00'), answerDueAt: cst('2017-03-03T09:00'), status: 'open', escalatedAt: cst('2017-03-03T10:00') }),
    ];
    const before = await Promise.all(untouched.map(requestRow));

    expect(await sweepServiceRequests(t.ctx, now)).toEqual({ escalated: 3, autoClosed: 0 });
    for (const id of [overdue, overdueSc, atFederation]) {
      expect(await requestRow(id)).toMatchObject({ escalated_at: now, version: 2 });
    }
    expect(await Promise.all(untouched.map(requestRow))).toEqual(before);
    const byRequest = (x: { request_id: string }, y: { request_id: string }) => x.request_id.localeCompare(y.request_id);
    expect((await eventsOf([overdue, overdueSc, atFederation, ...untouched])).sort(byRequest)).toEqual([
      { request_id: overdue, action: 'escalated', from_status: 'open', to_status: 'open', from_union_id: w.unions.jiangbei, to_union_id: w.unions.cq, actor_id: null, at: now },
      { request_id: overdueSc, action: 'escalated', from_status: 'assigned', to_status: 'assigned', from_union_id: w.unions.huaying, to_union_id: w.unions.sc, actor_id: null, at: now },
      { request_id: atFederation, action: 'escalated', from_status: 'open', to_status: 'open', from_union_id: w.unions.cq, to_union_id: w.unions.cq, actor_id: null, at: now },
    ].sort(byRequest));
    const notices = await noticesOf([overdue, overdueSc, atFederation]);
    const forUnion = (unionId: string) => notices.filter((n) => n.union_id === unionId).map((n) => n.link);
    expect(forUnion(w.unions.cq).sort()).toEqual([`/admin/services/requests/${overdue}`, `/admin/services/requests/${atFederation}`].sort());
    expect(forUnion(w.unions.sc)).toEqual([`/admin/services/requests/${overdueSc}`]);
    expect(forUnion(w.unions.jiangbei)).toEqual([`/admin/services/requests/${overdue}`]);
    expect(forUnion(w.unions.huaying)).toEqual([`/admin/services/requests/${overdueSc}`]);
    expect(notices).toHaveLength(5); // the federation's own request: one notice, not two
    expect(notices.every((n) => n.kind === 'services.escalated' && n.user_id === null)).toBe(true);

    // The federation's staff read it in their language, in the bell.
    const ref = (await t.ctx.db.selectFrom('service_requests').select('ref_no').where('id', '=', overdue).executeTakeFirstOrThrow()).ref_no;
    const bell = await t.app.inject({ method: 'GET', url: '/api/notifications?pageSize=100', headers: { cookie: await loginAs(t.app, w.staff.cq.username), 'accept-language': 'zh-CN' } });
    expect(bell.json().items.map((n: { text: string }) => n.text)).toContain(`重庆市江北区总工会受理的诉求 ${ref} 已超过答复时限仍未答复，请督办`);

    // Again, later: nothing changes.
    const later = cst('2017-03-08T11:00');
    const rows = await Promise.all([overdue, overdueSc, atFederation].map(requestRow));
    expect(await sweepServiceRequests(t.ctx, later)).toEqual({ escalated: 0, autoClosed: 0 });
    expect(await Promise.all([overdue, overdueSc, atFederation].map(requestRow))).toEqual(rows);
    expect(await eventsOf([overdue, overdueSc, atFederation])).toHaveLength(3);
    expect(await noticesOf([overdue, overdueSc, atFederation])).toHaveLength(5);
  });
});

describe('auto-close', () => {
  it('closes answered requests 7 days after the latest answer, tells the worker, and not a moment earlier', async () => {
    const now = cst('2016-05-20T12:00');
    const due = await insertRequest(t.ctx, {
      unionId: w.unions.jiangbei, userId: w.worker.id, createdAt: cst('2016-05-10T09:00'), firstAnsweredAt: cst('2016-05-11T09:00'), answeredAt: cst('2016-05-13T12:00'), status: 'answered',
    });
    // a desk record without an account: closed, nobody to tell
    const desk = await insertRequest(t.ctx, { unionId: w.unions.chengdu, channel: 'desk', createdAt: cst('2016-05-10T09:00'), firstAnsweredAt: cst('2016-05-12T09:00'), status: 'answered' });
    // answered 7 days minus a minute ago
    const early = await insertRequest(t.ctx, { unionId: w.unions.jiangbei, userId: w.worker2.id, createdAt: cst('2016-05-12T09:00'), firstAnsweredAt: cst('2016-05-13T12:01'), status: 'answered' });
    // the worker wrote back after the answer: no longer 'answered'
    const reopened = await insertRequest(t.ctx, { unionId: w.unions.jiangbei, userId: w.worker.id, createdAt: cst('2016-05-01T09:00'), firstAnsweredAt: cst('2016-05-02T09:00'), status: 'assigned' });

    expect(await sweepServiceRequests(t.ctx, now)).toEqual({ escalated: 0, autoClosed: 2 });
    expect(await requestRow(due)).toMatchObject({ status: 'closed', closed_at: now, close_reason: 'auto' });
    expect(await requestRow(desk)).toMatchObject({ status: 'closed', close_reason: 'auto' });
    expect(await requestRow(early)).toMatchObject({ status: 'answered', closed_at: null });
    expect(await requestRow(reopened)).toMatchObject({ status: 'assigned', closed_at: null });
    expect((await eventsOf([due, desk, early, reopened])).map((e) => [e.request_id, e.action, e.from_status, e.to_status, e.at]).sort()).toEqual([
      [due, 'auto_closed', 'answered', 'closed', now], [desk, 'auto_closed', 'answered', 'closed', now],
    ].sort());
    const notices = await noticesOf([due, desk, early]);
    expect(notices.map((n) => [n.user_id, n.kind, n.link])).toEqual([[w.worker.id, 'services.auto_closed', `/m/services/requests/${due}`]]);
    expect(await sweepServiceRequests(t.ctx, now)).toEqual({ escalated: 0, autoClosed: 0 });

    // a minute later the second one's 7 days are up
    expect(await sweepServiceRequests(t.ctx, cst('2016-05-20T12:01'))).toEqual({ escalated: 0, autoClosed: 1 });
    expect(await requestRow(early)).toMatchObject({ status: 'closed', close_reason: 'auto' });
  });
});

describe('two servers sweeping at once', () => {
  it('act on every request exactly once', async () => {
    const now = cst('2015-09-10T10:00');
    const overdue: string[] = [];
    const answered: string[] = [];
    for (let i = 0; i < 40; i++) {
      overdue.push(await insertRequest(t.ctx, { unionId: i % 2 ? w.unions.jiangbei : w.unions.chengdu, createdAt: cst('2015-09-07T09:00'), answerDueAt: cst('2015-09-09T09:00'), status: 'open' }));
      answered.push(await insertRequest(t.ctx, { unionId: w.unions.shapingba, userId: w.worker.id, createdAt: cst('2015-08-20T09:00'), firstAnsweredAt: cst('2015-08-21T09:00'), status: 'answered' }));
    }
    const runs = await Promise.all([sweepServiceRequests(t.ctx, now), sweepServiceRequests(t.ctx, now), sweepServiceRequests(t.ctx, now)]);
    expect(runs.reduce((s, r) => s + r.escalated, 0)).toBe(40);
    expect(runs.reduce((s, r) => s + r.autoClosed, 0)).toBe(40);
    const events = await eventsOf([...overdue, ...answered]);
    expect(events).toHaveLength(80);
    expect(new Set(events.map((e) => `${e.request_id}:${e.action}`)).size).toBe(80);
    expect(await noticesOf(overdue)).toHaveLength(80); // federation + owner union, once each
    expect(await noticesOf(answered)).toHaveLength(40);
    for (const id of overdue) expect((await requestRow(id)).version).toBe(2);
  });
});

describe('chuanyu services-sweep', () => {
  it('sweeps once at a given moment from the command line, twice without acting twice, and refuses a bad time', async () => {
    const overdue = await insertRequest(t.ctx, { unionId: w.unions.shapingba, createdAt: cst('2014-06-02T09:00'), answerDueAt: cst('2014-06-04T09:00'), status: 'open' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-sweep-'));
    const env = { DATABASE_URL: inject('databaseUrl'), CHUANYU_SECRET: TEST_SECRET, CHUANYU_DATA_DIR: dir, LOG_LEVEL: 'warn', CHUANYU_SENDER: 'none' };
    try {
      const first = runCli(['services-sweep', '--at', '2014-06-05T09:00:00+08:00'], env);
      expect(await first.exited, first.output()).toBe(0);
      expect(first.output()).toContain('职工服务巡检 / services sweep 2014-06-05T01:00:00.000Z: 1 escalated, 0 auto-closed');
      expect(await requestRow(overdue)).toMatchObject({ escalated_at: cst('2014-06-05T09:00') });
      const again = runCli(['services-sweep', '--at', '2014-06-05T09:00:00+08:00'], env);
      expect(await again.exited, again.output()).toBe(0);
      expect(again.output()).toContain(': 0 escalated, 0 auto-closed');
      const bad = runCli(['services-sweep', '--at', 'yesterday'], env);
      expect(await bad.exited).toBe(1);
      expect(bad.output()).toContain('--at 须为 ISO 8601 时间');
      const help = runCli(['--help'], env);
      await help.exited;
      expect(help.output()).toContain('services-sweep');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
