import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServicesWorld, type ServicesWorld } from './services-factory.js';
import { cst, insertApplication, insertRequest } from './services-rows.js';
import { createMigratedDatabase, createTestApp, loginAs, makeUser, type MadeUser, type TestApp } from './helpers.js';

// The worker-services figures (issue 8 §1, §6): every figure equals a count or aggregate of the
// rows inserted here (hand-computed below, and the totals once more by SQL), and each staff member
// sees only the unions within his scope. The rows lie in March–April 2019, a period no other test
// writes to; "open" and "overdue" are counted now.

let t: TestApp;
let w: ServicesWorld;
let admin: MadeUser;
const ids: string[] = [];
const PERIOD = 'from=2019-03-01&to=2019-04-30';
type Json = Record<string, any>;

const get = async (u: MadeUser, query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/services/figures?${query}`, headers: { cookie: await loginAs(t.app, u.username), 'accept-language': 'zh-CN' } });
  return { status: res.statusCode, body: res.json() as Json };
};

beforeAll(async () => {
  // A database of its own: a server started by another test file sweeps the shared one at the real
  // time and would escalate this file's overdue 2019 rows under its hand-counted figures.
  t = await createTestApp({ databaseUrl: await createMigratedDatabase() });
  w = await makeServicesWorld(t.ctx);
  admin = await makeUser(t.ctx, { roles: ['admin'] });
  const { jiangbei, shapingba, chengdu, huaying } = w.unions;
  const req = async (r: Parameters<typeof insertRequest>[1]) => { ids.push(await insertRequest(t.ctx, r)); };
  // 江北区: J1 on time (4 h) closed after 48 h; J2 late (72 h) answered; J3 unanswered, escalated; J4 on time (10 h) closed after 24 h; J6 on the period's last evening, unanswered
  await req({ unionId: jiangbei, category: 'wage_arrears', createdAt: cst('2019-03-04T09:00'), answerDueAt: cst('2019-03-06T09:00'), firstAnsweredAt: cst('2019-03-04T13:00'), status: 'closed', closedAt: cst('2019-03-06T09:00'), closeReason: 'confirmed' });
  await req({ unionId: jiangbei, category: 'wage_arrears', channel: 'desk', createdAt: cst('2019-03-05T10:00'), answerDueAt: cst('2019-03-07T10:00'), firstAnsweredAt: cst('2019-03-08T10:00'), status: 'answered' });
  await req({ unionId: jiangbei, category: 'labour_contract', createdAt: cst('2019-03-20T08:00'), answerDueAt: cst('2019-03-22T08:00'), status: 'open', escalatedAt: cst('2019-03-22T09:00') });
  await req({ unionId: jiangbei, category: 'dismissal', createdAt: cst('2019-04-10T08:00'), answerDueAt: cst('2019-04-12T08:00'), firstAnsweredAt: cst('2019-04-10T18:00'), status: 'closed', closedAt: cst('2019-04-11T08:00') });
  await req({ unionId: jiangbei, category: 'other', createdAt: cst('2019-04-30T23:30'), answerDueAt: cst('2019-05-02T23:30'), status: 'open' });
  // J5: one minute before the period: not counted
  await req({ unionId: jiangbei, category: 'labour_contract', createdAt: cst('2019-02-28T23:59'), status: 'open' });
  // 沙坪坝区: S1 on time (24 h), reopened; S2 closed by staff after 3 h without an answer
  await req({ unionId: shapingba, category: 'work_injury', channel: 'desk', createdAt: cst('2019-03-11T14:00'), answerDueAt: cst('2019-03-13T14:00'), firstAnsweredAt: cst('2019-03-12T14:00'), status: 'reopened' });
  await req({ unionId: shapingba, category: 'work_injury', createdAt: cst('2019-04-01T09:00'), answerDueAt: cst('2019-04-03T09:00'), status: 'closed', closedAt: cst('2019-04-01T12:00') });
  // 成都市: C1 on time (24 h) answered; C2 unanswered, assigned, overdue
  await req({ unionId: chengdu, category: 'social_insurance', createdAt: cst('2019-03-06T09:00'), answerDueAt: cst('2019-03-08T09:00'), firstAnsweredAt: cst('2019-03-07T09:00'), status: 'answered' });
  await req({ unionId: chengdu, category: 'other', createdAt: cst('2019-04-15T09:00'), answerDueAt: cst('2019-04-17T09:00'), status: 'assigned' });
  // 华蓥市: H1 late (60 h), closed by itself 7 days after the answer (228 h)
  await req({ unionId: huaying, category: 'mutual_aid', createdAt: cst('2019-04-20T09:00'), answerDueAt: cst('2019-04-22T09:00'), firstAnsweredAt: cst('2019-04-22T21:00'), status: 'closed', closedAt: cst('2019-04-29T21:00'), closeReason: 'auto' });
  // Membership: 江北区 approved after 1 day, rejected after 3.5 days, one waiting past its review day, one withdrawn; 成都市 approved after 5 days
  await insertApplication(t.ctx, { unionId: jiangbei, status: 'approved', createdAt: cst('2019-03-04T10:00'), reviewedAt: cst('2019-03-05T10:00') });
  await insertApplication(t.ctx, { unionId: jiangbei, status: 'rejected', createdAt: cst('2019-03-06T10:00'), reviewedAt: cst('2019-03-09T22:00') });
  await insertApplication(t.ctx, { unionId: jiangbei, status: 'submitted', createdAt: cst('2019-04-01T10:00') });
  await insertApplication(t.ctx, { unionId: jiangbei, status: 'withdrawn', createdAt: cst('2019-04-02T10:00') });
  await insertApplication(t.ctx, { unionId: chengdu, status: 'approved', createdAt: cst('2019-03-10T10:00'), reviewedAt: cst('2019-03-15T10:00') });
});
afterAll(async () => { await t.close(); });

const figures = (f: Json) => ({
  requests: 0, answered: 0, answeredOnTime: 0, onTimeRate: null, medianHoursToFirstAnswer: null, meanHoursToFirstAnswer: null,
  medianHoursToClose: null, meanHoursToClose: null, open: 0, overdue: 0, escalated: 0, ...f,
});
const members = (f: Json) => ({ submitted: 0, approved: 0, rejected: 0, withdrawn: 0, pending: 0, overdueReviews: 0, medianDaysToReview: null, ...f });

const JIANGBEI = figures({
  requests: 5, answered: 3, answeredOnTime: 2, onTimeRate: 0.4, medianHoursToFirstAnswer: 10, meanHoursToFirstAnswer: 28.7,
  medianHoursToClose: 36, meanHoursToClose: 36, open: 3, overdue: 2, escalated: 1,
});
const SHAPINGBA = figures({ requests: 2, answered: 1, answeredOnTime: 1, onTimeRate: 1, medianHoursToFirstAnswer: 24, meanHoursToFirstAnswer: 24, medianHoursToClose: 3, meanHoursToClose: 3, open: 1 });
const CHENGDU = figures({ requests: 2, answered: 1, answeredOnTime: 1, onTimeRate: 0.5, medianHoursToFirstAnswer: 24, meanHoursToFirstAnswer: 24, open: 2, overdue: 1 });
const HUAYING = figures({ requests: 1, answered: 1, answeredOnTime: 0, onTimeRate: 0, medianHoursToFirstAnswer: 60, meanHoursToFirstAnswer: 60, medianHoursToClose: 228, meanHoursToClose: 228 });
const JIANGBEI_MEMBERS = members({ submitted: 4, approved: 1, rejected: 1, withdrawn: 1, pending: 1, overdueReviews: 1, medianDaysToReview: 2.3 });
const CHENGDU_MEMBERS = members({ submitted: 1, approved: 1, medianDaysToReview: 5 });

describe('service figures', () => {
  it('gives an admin both provinces: totals, by union, category, channel and month, each as counted by hand', async () => {
    const { status, body } = await get(admin, PERIOD);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ from: '2019-03-01', to: '2019-04-30', federation: null, union: null, federations: ['50', '51'] });
    expect(body.requests).toEqual(figures({
      requests: 10, answered: 6, answeredOnTime: 4, onTimeRate: 0.444, medianHoursToFirstAnswer: 24, meanHoursToFirstAnswer: 32.3,
      medianHoursToClose: 36, meanHoursToClose: 75.8, open: 6, overdue: 3, escalated: 1,
    }));
    expect(body.membership).toEqual(members({ submitted: 5, approved: 2, rejected: 1, withdrawn: 1, pending: 1, overdueReviews: 1, medianDaysToReview: 3.5 }));
    expect(body.byUnion.map((u: Json) => [u.union.name, u.requests, u.membership])).toEqual([
      ['重庆市江北区总工会', JIANGBEI, JIANGBEI_MEMBERS],
      ['成都市总工会', CHENGDU, CHENGDU_MEMBERS],
      ['重庆市沙坪坝区总工会', SHAPINGBA, members({})],
      ['华蓥市总工会', HUAYING, members({})],
    ]);
    const category = Object.fromEntries(body.byCategory.map(({ category: c, ...f }: Json) => [c, f]));
    expect(category).toEqual({
      wage_arrears: figures({ requests: 2, answered: 2, answeredOnTime: 1, onTimeRate: 0.5, medianHoursToFirstAnswer: 38, meanHoursToFirstAnswer: 38, medianHoursToClose: 48, meanHoursToClose: 48, open: 1 }),
      labour_contract: figures({ requests: 1, onTimeRate: 0, open: 1, overdue: 1, escalated: 1 }),
      social_insurance: figures({ requests: 1, answered: 1, answeredOnTime: 1, onTimeRate: 1, medianHoursToFirstAnswer: 24, meanHoursToFirstAnswer: 24, open: 1 }),
      work_injury: SHAPINGBA,
      dismissal: figures({ requests: 1, answered: 1, answeredOnTime: 1, onTimeRate: 1, medianHoursToFirstAnswer: 10, meanHoursToFirstAnswer: 10, medianHoursToClose: 24, meanHoursToClose: 24 }),
      mutual_aid: HUAYING,
      other: figures({ requests: 2, onTimeRate: 0, open: 2, overdue: 2 }),
    });
    expect(body.byChannel).toEqual([{ channel: 'online', requests: 8 }, { channel: 'desk', requests: 2 }]);
    expect(body.byMonth).toEqual([
      { month: '2019-03', requests: 5, answered: 4, answeredOnTime: 3, applications: 3 },
      { month: '2019-04', requests: 5, answered: 2, answeredOnTime: 1, applications: 2 },
    ]);
  });

  it('agrees with a direct aggregate of the table', async () => {
    const { body } = await get(admin, PERIOD);
    const { rows: [direct] } = await sql<Json>`
      SELECT count(*)::int AS requests,
        count(first_answered_at)::int AS answered,
        count(*) FILTER (WHERE first_answered_at <= answer_due_at)::int AS "answeredOnTime",
        count(*) FILTER (WHERE status <> 'closed')::int AS open,
        count(*) FILTER (WHERE status <> 'closed' AND first_answered_at IS NULL AND answer_due_at < now())::int AS overdue,
        count(escalated_at)::int AS escalated,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answered_at - created_at) / 3600))::numeric, 1)::float AS "medianHoursToFirstAnswer",
        round((avg(extract(epoch FROM first_answered_at - created_at) / 3600))::numeric, 1)::float AS "meanHoursToFirstAnswer",
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600))::numeric, 1)::float AS "medianHoursToClose",
        round((avg(extract(epoch FROM closed_at - created_at) / 3600))::numeric, 1)::float AS "meanHoursToClose"
      FROM service_requests WHERE created_at >= '2019-03-01T00:00:00+08' AND created_at < '2019-05-01T00:00:00+08'`.execute(t.ctx.db);
    const { onTimeRate: _rate, ...figuresButRate } = body.requests;
    expect(figuresButRate).toEqual(direct);
    const { rows: [m] } = await sql<Json>`
      SELECT count(*)::int AS submitted, count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
        count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn, count(*) FILTER (WHERE status = 'submitted')::int AS pending,
        count(*) FILTER (WHERE status = 'submitted' AND review_due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS "overdueReviews"
      FROM membership_applications WHERE created_at >= '2019-03-01T00:00:00+08' AND created_at < '2019-05-01T00:00:00+08'`.execute(t.ctx.db);
    expect(body.membership).toMatchObject(m!);
  });

  it('shows each staff member only the unions within his scope', async () => {
    const cq = await get(w.staff.cq, PERIOD);
    expect(cq.body.federations).toEqual(['50']);
    expect(cq.body.byUnion.map((u: Json) => u.union.name)).toEqual(['重庆市江北区总工会', '重庆市沙坪坝区总工会']);
    expect(cq.body.requests).toEqual(figures({
      requests: 7, answered: 4, answeredOnTime: 3, onTimeRate: 0.5, medianHoursToFirstAnswer: 17, meanHoursToFirstAnswer: 27.5,
      medianHoursToClose: 24, meanHoursToClose: 25, open: 4, overdue: 2, escalated: 1,
    }));
    expect(cq.body.membership).toEqual(JIANGBEI_MEMBERS);

    // 成都市 sees itself: neither 重庆's unions nor 华蓥市 (under 广安市)
    const chengdu = await get(w.staff.chengdu, PERIOD);
    expect(chengdu.body.byUnion.map((u: Json) => u.union.name)).toEqual(['成都市总工会']);
    expect(chengdu.body.requests).toEqual(CHENGDU);
    expect(chengdu.body.byChannel).toEqual([{ channel: 'online', requests: 2 }, { channel: 'desk', requests: 0 }]);

    const jiangbei = await get(w.staff.jiangbei, PERIOD);
    expect(jiangbei.body.byUnion.map((u: Json) => u.union.name)).toEqual(['重庆市江北区总工会']);
    expect(jiangbei.body.requests).toEqual(JIANGBEI);

    // 广安市 sees 华蓥市 under it
    const guangan = await get(w.staff.guangan, PERIOD);
    expect(guangan.body.byUnion.map((u: Json) => [u.union.name, u.requests])).toEqual([['华蓥市总工会', HUAYING]]);

    const sc = await get(w.staff.sc, PERIOD);
    expect(sc.body.requests).toMatchObject({ requests: 3, answered: 2, answeredOnTime: 1, onTimeRate: 0.333, medianHoursToFirstAnswer: 42, open: 2, overdue: 1 });
  });

  it('filters by federation and by union (with the unions under it), and names a union outside the scope', async () => {
    const sc = await get(admin, `${PERIOD}&federation=51`);
    expect(sc.body.byUnion.map((u: Json) => u.union.name)).toEqual(['成都市总工会', '华蓥市总工会']);
    expect(sc.body.federation).toBe('51');
    expect(sc.body.requests.requests).toBe(3);

    const one = await get(w.staff.cq, `${PERIOD}&unionId=${w.unions.jiangbei}`);
    expect(one.status).toBe(200);
    expect(one.body.union).toMatchObject({ name: '重庆市江北区总工会', level: 'county', federation: '50' });
    expect(one.body.requests).toEqual(JIANGBEI);

    const city = await get(admin, `${PERIOD}&unionId=${w.unions.guangan}`);
    expect(city.body.byUnion.map((u: Json) => u.union.name)).toEqual(['华蓥市总工会']);

    const other = await get(w.staff.chengdu, `${PERIOD}&unionId=${w.unions.jiangbei}`);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'services.figures.other_union', message: '重庆市江北区总工会不在您的管辖范围内，不能查看其服务数据' });
    expect((await get(w.staff.chengdu, `${PERIOD}&unionId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('says when there is nothing in the period, and fills every month with zeros', async () => {
    const { body } = await get(admin, 'from=2018-11-01&to=2019-01-31');
    expect(body.requests).toEqual(figures({}));
    expect(body.membership).toEqual(members({}));
    expect(body.byUnion).toEqual([]);
    expect(body.byMonth.map((m: Json) => [m.month, m.requests])).toEqual([['2018-11', 0], ['2018-12', 0], ['2019-01', 0]]);
  });

  it('defaults to the last 12 months and refuses bad periods and non-staff, naming the field', async () => {
    const { body } = await get(w.staff.jiangbei, '');
    expect(body.byMonth).toHaveLength(12);
    expect(body.from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(body.to).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));

    const bad = await get(admin, 'from=2019-13-01&to=2019-02-30x');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path).sort()).toEqual(['from', 'to']);
    expect(bad.body.issues[0].message).toBe('日期格式应为 yyyy-mm-dd');
    const backwards = await get(admin, 'from=2019-04-01&to=2019-03-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
    const long = await get(admin, 'from=2010-01-01&to=2019-03-01');
    expect(long.body.issues).toEqual([{ path: 'from', message: '统计期间最长 5 年' }]);

    const worker = await get(w.worker, PERIOD);
    expect(worker.status).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/services/figures?${PERIOD}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
