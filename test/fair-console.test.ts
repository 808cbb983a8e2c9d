import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeEmployer, makeEnterprise, makeUser, randomPhone, uniqueSuffix, type TestApp } from './helpers.js';

// What the event console and the follow-up page ask of the API beyond the season routes (issue 5
// §2, §5): a fair's registered and checked-in visitors for its organisers, and follow-ups filtered
// by overdue and by day (30, 90).

let t: TestApp;
let cq: string; // 重庆市总工会 staff
let sc: string; // 四川省总工会 staff

beforeAll(async () => {
  t = await createTestApp();
  cq = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })).username);
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
});
afterAll(async () => { await t?.close(); });

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });

/** A published season of 重庆市总工会 with an open fair going on now (one booth). */
async function openFair(capacity: number | null = 500) {
  const season = (await t.app.inject({
    method: 'POST', url: '/api/seasons', headers: zh(cq),
    payload: { name: `川渝就业服务季${uniqueSuffix()}`, startsOn: '2023-02-25', endsOn: '2099-05-31', status: 'published' },
  })).json();
  const now = Date.now();
  const res = await t.app.inject({
    method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq),
    payload: {
      kind: 'fair', name: '沙坪坝区春风行动招聘会', regionCode: '500106', startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
      capacity, status: 'open', zones: [{ kind: 'booths', name: '招聘展位', rows: 1, cols: 1 }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { seasonId: season.id as number, eventId: res.json().id as number };
}

describe('a fair\'s visitors in the console', () => {
  it('counts registered (online, onsite) and checked-in visitors against the capacity, for the organisers only', async () => {
    const { eventId } = await openFair(300);
    const summary = () => t.app.inject({ url: `/api/events/${eventId}/visitors/summary`, headers: zh(cq) });
    expect((await summary()).json()).toEqual({ registered: 0, checkedIn: 0, online: 0, onsite: 0, capacity: 300 });
    const online = await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/visitors`, headers: zh(), payload: { name: '陈师傅', phone: randomPhone(), consent: true } });
    expect(online.statusCode, online.body).toBe(201);
    const walkIn = await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/visitors`, headers: zh(cq), payload: { name: '李师傅', phone: randomPhone(), consent: true, checkIn: true } });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    expect((await summary()).json()).toEqual({ registered: 2, checkedIn: 1, online: 1, onsite: 1, capacity: 300 });
    await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/checkins`, headers: zh(cq), payload: { code: online.json().visitor.ticketCode } });
    expect((await summary()).json()).toMatchObject({ registered: 2, checkedIn: 2 });

    // Sichuan's federation does not run Chongqing's fair; an employer neither; nobody logged out.
    expect((await t.app.inject({ url: `/api/events/${eventId}/visitors/summary`, headers: zh(sc) })).statusCode).toBe(404);
    const enterprise = await makeEnterprise(t.ctx, { region: '500106' });
    const employer = await loginAs(t.app, (await makeEmployer(t.ctx, enterprise.id)).username);
    expect((await t.app.inject({ url: `/api/events/${eventId}/visitors/summary`, headers: zh(employer) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/events/${eventId}/visitors/summary`, headers: zh() })).statusCode).toBe(401);
  });
});

describe('follow-ups in the console', () => {
  it('are filtered by overdue (before today) against due (today included) and by day 30 or 90', async () => {
    const { seasonId, eventId } = await openFair();
    const enterprise = await makeEnterprise(t.ctx, { region: '500106' });
    const employer = await loginAs(t.app, (await makeEmployer(t.ctx, enterprise.id)).username);
    const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', '500106').executeTakeFirstOrThrow();
    const posting = (await t.ctx.db.insertInto('postings').values({
      enterprise_id: enterprise.id, owner_union_id: union.id, title: `电工${uniqueSuffix()}`, job_type_code: 'electrician', industry_section: 'C', industry_division: null,
      region_code: '500106', salary_negotiable: false, salary_min: 5000, salary_max: 7000, headcount: 2, education: 'none', experience: 'none', description_html: '', benefits: [],
      contact_name: null, contact_phone_enc: null, contact_phone_masked: null, valid_from: '2020-01-01', valid_until: '2099-12-31', status: 'published', published_at: new Date(), reviewed_by: null, created_by: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const signup = (await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/signups`, headers: zh(employer), payload: { postingIds: [posting] } })).json();
    await t.app.inject({ method: 'POST', url: `/api/signups/${signup.id}/review`, headers: zh(cq), payload: { decision: 'approve' } });
    await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/booths/auto-assign`, headers: zh(cq) });
    const ticket = (await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/visitors`, headers: zh(), payload: { name: '王师傅', phone: randomPhone(), consent: true } })).json().visitor;
    const intent = await t.app.inject({ method: 'POST', url: `/api/events/${eventId}/intents`, headers: zh(employer), payload: { code: ticket.ticketCode, postingId: posting, salary: 6000, startDate: '2023-03-01' } });
    expect(intent.statusCode, intent.body).toBe(201);
    await t.app.inject({ method: 'POST', url: `/api/tickets/${encodeURIComponent(ticket.token)}/intents/${intent.json().id}/answer`, headers: zh(), payload: { accept: true } });

    // The 30-day follow-up fell due yesterday, the 90-day one today (China dates).
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    await t.ctx.db.updateTable('intent_follow_ups').set({ due_on: yesterday }).where('intent_id', '=', intent.json().id).where('day', '=', 30).execute();
    await t.ctx.db.updateTable('intent_follow_ups').set({ due_on: today }).where('intent_id', '=', intent.json().id).where('day', '=', 90).execute();
    const list = async (query: string) => {
      const res = await t.app.inject({ url: `/api/follow-ups?seasonId=${seasonId}&${query}`, headers: zh(cq) });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { day: number; overdue: boolean }[]).map((f) => [f.day, f.overdue]);
    };
    expect(await list('state=due')).toEqual([[30, true], [90, false]]);
    expect(await list('state=overdue')).toEqual([[30, true]]);
    expect(await list('day=90')).toEqual([[90, false]]);
    expect(await list('state=overdue&day=90')).toEqual([]);
    expect(await list('state=upcoming')).toEqual([]);
    const bad = await t.app.inject({ url: `/api/follow-ups?day=60&state=late`, headers: zh(cq) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['day', 'state']);

    const first = (await t.app.inject({ url: `/api/follow-ups?seasonId=${seasonId}&day=30`, headers: zh(cq) })).json().items[0];
    await t.app.inject({ method: 'PUT', url: `/api/follow-ups/${first.id}`, headers: zh(cq), payload: { contractSigned: true, startedWork: true, note: '已入职' } });
    expect(await list('state=overdue')).toEqual([]);
    expect(await list('state=done')).toEqual([[30, false]]);
  });
});
