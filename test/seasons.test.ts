import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, uniqueSuffix, type TestApp } from './helpers.js';

// Seasons and events (issue 5 §1–2, §7): planning by the unions, the public list and pages, goals
// with progress, the live figures and their Server-Sent Events stream.

let t: TestApp;
let cq: string; // 重庆市总工会 staff
let sc: string; // 四川省总工会 staff
let jiangbei: string; // 江北区总工会 staff

beforeAll(async () => {
  t = await createTestApp();
  cq = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })).username);
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
  jiangbei = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500105' })).username);
});
afterAll(async () => { await t?.close(); });

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });

async function createSeason(cookie: string, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/seasons', headers: zh(cookie),
    payload: {
      name: `2023川渝就业服务季${uniqueSuffix()}`, theme: '春风送岗促发展，工创美好新生活', startsOn: '2023-02-25', endsOn: '2023-05-31',
      hosts: [{ name: '中华全国总工会', role: 'guide' }, { name: '重庆市总工会', role: 'host' }, { name: '四川省总工会', role: 'host' }, { name: '重庆市人力资源和社会保障局', role: 'host' }],
      goals: { livestreams: 40, positions: 10000 }, status: 'published', ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; goals: { goal: string; target: number; value: number }[]; permissions: { edit: boolean } };
}

const fair = (over: Record<string, unknown> = {}) => ({
  kind: 'fair', name: '三峡广场开幕式招聘会', regionCode: '500106', venue: '沙坪坝区三峡广场', startsAt: '2023-02-25T09:00:00+08:00', endsAt: '2023-02-25T17:00:00+08:00',
  capacity: 20000, status: 'open',
  zones: [{ kind: 'booths', name: '招聘展位', rows: 3, cols: 10 }, { kind: 'rights', name: '维权服务区' }, { kind: 'membership', name: '入会及互助保障咨询台' }],
  ...over,
});

describe('seasons', () => {
  it('are created by a federation with co-hosts and goals, listed publicly in the fixed shape', async () => {
    const season = await createSeason(cq);
    expect(season.permissions.edit).toBe(true);
    expect(season.goals).toEqual([
      { goal: 'positions', target: 10000, value: 0, ratio: 0 },
      { goal: 'livestreams', target: 40, value: 0, ratio: 0 },
    ]);
    const list = await t.app.inject({ url: '/api/seasons?pageSize=100' });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((s: { id: number }) => s.id === season.id);
    expect(item).toMatchObject({ id: season.id, startsOn: '2023-02-25', endsOn: '2023-05-31' });
    expect(typeof list.json().total).toBe('number');
    const one = (await t.app.inject({ url: `/api/seasons/${season.id}` })).json();
    expect(one.hosts.map((h: { name: string }) => h.name)).toContain('重庆市人力资源和社会保障局');
    expect(one.permissions).toEqual({ edit: false, addEvent: false });
  });

  it('names every bad field at once and writes nothing', async () => {
    const before = Number((await t.ctx.db.selectFrom('seasons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const res = await t.app.inject({
      method: 'POST', url: '/api/seasons', headers: zh(cq),
      payload: { name: '季', startsOn: '2023-13-01', endsOn: '2023-02-01', goals: { livestreams: 0 } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['goals.livestreams', 'name', 'startsOn']);
    const late = await t.app.inject({ method: 'POST', url: '/api/seasons', headers: zh(cq), payload: { name: '春季服务季', startsOn: '2023-03-01', endsOn: '2023-02-01' } });
    expect(late.statusCode).toBe(400);
    expect(late.json().issues).toEqual([{ path: 'endsOn', message: '结束时间不能早于开始时间' }]);
    const after = Number((await t.ctx.db.selectFrom('seasons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });

  it('keeps drafts to those who run them; only they change a season, and a stale version is refused', async () => {
    const draft = await createSeason(cq, { status: 'draft' });
    expect((await t.app.inject({ url: `/api/seasons/${draft.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/seasons/${draft.id}`, headers: zh(sc) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/seasons/${draft.id}/stats` })).statusCode).toBe(404);
    const publicList = (await t.app.inject({ url: '/api/seasons?pageSize=100' })).json();
    expect(publicList.items.some((s: { id: number }) => s.id === draft.id)).toBe(false);
    const staffList = (await t.app.inject({ url: '/api/seasons?pageSize=100&all=1', headers: zh(cq) })).json();
    expect(staffList.items.some((s: { id: number }) => s.id === draft.id)).toBe(true);

    const bySichuan = await t.app.inject({ method: 'PATCH', url: `/api/seasons/${draft.id}`, headers: zh(sc), payload: { name: '改名', version: 1 } });
    expect(bySichuan.statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/seasons/${draft.id}`, headers: zh(cq), payload: { status: 'published', version: 1 } });
    expect(ok.json()).toMatchObject({ status: 'published', version: 2 });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/seasons/${draft.id}`, headers: zh(cq), payload: { name: '再次改名', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: '/api/seasons', payload: { name: '匿名服务季', startsOn: '2023-03-01', endsOn: '2023-04-01' } })).statusCode).toBe(401);
    // A change names only what changes: the goals and co-hosts stay.
    const renamed = (await t.app.inject({ method: 'PATCH', url: `/api/seasons/${draft.id}`, headers: zh(cq), payload: { name: '2023川渝就业服务季（春）', version: 2 } })).json();
    expect(renamed).toMatchObject({ name: '2023川渝就业服务季（春）', status: 'published', goals: [{ goal: 'positions' }, { goal: 'livestreams' }] });
    expect(renamed.hosts).toHaveLength(4);
  });
});

describe('events', () => {
  it('a fair with zones and numbered booths, a livestream with its link, a forum with its agenda', async () => {
    const season = await createSeason(cq);
    const created = await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair() });
    expect(created.statusCode, created.body).toBe(201);
    const event = created.json();
    expect(event.zones.map((z: { name: string; booths: number }) => [z.name, z.booths])).toEqual([['招聘展位', 30], ['维权服务区', 0], ['入会及互助保障咨询台', 0]]);
    const numbers = await t.ctx.db.selectFrom('booths').select('number').where('event_id', '=', event.id).orderBy('id').execute();
    expect(numbers.slice(0, 3).map((b) => b.number)).toEqual(['A01', 'A02', 'A03']);

    const live = await t.app.inject({
      method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(jiangbei),
      payload: { kind: 'livestream', name: '江北区直播带岗第1场', regionCode: '500105', startsAt: '2023-03-01T19:00:00+08:00', endsAt: '2023-03-01T21:00:00+08:00', livestream: { platform: '抖音', streamUrl: 'https://live.example.cn/room/1' }, status: 'open' },
    });
    expect(live.statusCode, live.body).toBe(201);
    expect(live.json()).toMatchObject({ hostUnion: { name: expect.stringContaining('江北') }, livestream: { platform: '抖音' }, permissions: { edit: true } });

    const noLink = await t.app.inject({
      method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq),
      payload: { kind: 'livestream', name: '直播带岗', regionCode: '500105', startsAt: '2023-03-01T19:00:00+08:00', endsAt: '2023-03-01T18:00:00+08:00', zones: [] },
    });
    expect(noLink.statusCode).toBe(400);
    expect(noLink.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['endsAt', 'livestream', 'zones']);

    const forum = await t.app.inject({
      method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq),
      payload: { kind: 'forum', name: '工会就业服务论坛', regionCode: '500103', startsAt: '2023-03-15T09:00:00+08:00', endsAt: '2023-03-15T12:00:00+08:00', forum: { agenda: [{ time: '09:00', title: '开幕致辞' }, { time: '9点半', title: '专家报告' }] } },
    });
    expect(forum.statusCode).toBe(400);
    expect(forum.json().issues).toEqual([{ path: 'forum.agenda.1.time', message: '请按“时:分”填写，如 09:30' }]);

    const events = (await t.app.inject({ url: `/api/seasons/${season.id}/events` })).json();
    expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(['fair', 'livestream']);
  });

  it('are run by their host union and the season\'s managers; others see them but cannot change them', async () => {
    const season = await createSeason(cq);
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(jiangbei), payload: fair({ regionCode: '500105', name: '江北区专场招聘会' }) })).json();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: zh(sc), payload: { venue: '别处', version: 1 } })).statusCode).toBe(404);
    const byCq = await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: zh(cq), payload: { venue: '观音桥步行街', version: 1 } });
    expect(byCq.json()).toMatchObject({ venue: '观音桥步行街', version: 2 });
    const seen = await t.app.inject({ url: `/api/events/${event.id}`, headers: zh(sc) });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().permissions.edit).toBe(false);
    // Sichuan staff may not host an event in the name of a Chongqing district.
    const other = await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(sc), payload: fair({ hostUnionId: (await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', '500105').executeTakeFirstOrThrow()).id }) });
    expect(other.statusCode).toBe(403);
  });
});

describe('live figures', () => {
  it('start at zero, in the fixed shape, split by federation', async () => {
    const season = await createSeason(sc);
    const stats = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    const zero = { enterprises: 0, jobTypes: 0, positions: 0, openings: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 };
    expect(stats).toMatchObject({ ...zero, byFederation: { 50: zero, 51: zero }, events: { fair: 0, online: 0, livestream: 0, forum: 0, held: 0 } });
  });

  it('are pushed to a connected screen when the season changes', async () => {
    const season = await createSeason(cq);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const frames: string[] = [];
    const req = http.get(`${base}/api/seasons/${season.id}/stats/stream`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => frames.push(chunk));
    const waitFor = async (test: () => boolean) => {
      const started = Date.now();
      while (!test() && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(test()).toBe(true);
    };
    const updates = () => frames.join('').split('\n\n').filter((f) => f.startsWith('event: update')).map((f) => JSON.parse(f.split('data: ')[1]!));
    await waitFor(() => updates().length === 1);
    expect(updates()[0].events.fair).toBe(0);
    await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair() });
    await waitFor(() => updates().length >= 2);
    expect(updates().at(-1).events.fair).toBe(1);
    req.destroy();
    await waitFor(() => t.ctx.live.subscribers === 0);
  });
});

describe('employer sign-ups', () => {
  async function posting(enterpriseId: string, region: string, jobType: string, headcount: number, status: 'published' | 'draft' = 'published') {
    const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow();
    const row = await t.ctx.db.insertInto('postings').values({
      enterprise_id: enterpriseId, owner_union_id: union.id, title: `岗位${uniqueSuffix()}`, job_type_code: jobType, industry_section: 'C', industry_division: null,
      region_code: region, salary_negotiable: false, salary_min: 5000, salary_max: 7000, headcount, education: 'none', experience: 'none',
      description_html: '', benefits: [], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
      valid_from: '2020-01-01', valid_until: '2099-12-31', status, published_at: status === 'published' ? new Date() : null, reviewed_by: null, created_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** The figures straight from the records, to hold the counters against. */
  async function recount(seasonId: number) {
    const approved = await t.ctx.db.selectFrom('event_signups as s').innerJoin('events as e', 'e.id', 's.event_id').innerJoin('enterprises as x', 'x.id', 's.enterprise_id')
      .select(['s.enterprise_id', 'x.region_code']).where('e.season_id', '=', seasonId).where('s.status', '=', 'approved').execute();
    const postings = await t.ctx.db.selectFrom('event_postings as p').innerJoin('event_signups as s', 's.id', 'p.signup_id').innerJoin('events as e', 'e.id', 's.event_id')
      .innerJoin('postings as x', 'x.id', 'p.posting_id').select(['x.id', 'x.headcount', 'x.job_type_code']).where('e.season_id', '=', seasonId).where('s.status', '=', 'approved').execute();
    const unique = [...new Map(postings.map((p) => [p.id, p])).values()];
    return {
      enterprises: new Set(approved.map((a) => a.enterprise_id)).size,
      positions: unique.length,
      openings: unique.reduce((n, p) => n + p.headcount, 0),
      jobTypes: new Set(unique.map((p) => p.job_type_code)).size,
    };
  }

  it('sign up with postings (retries answered once), are approved into the figures, withdrawn out of them; booths by industry', async () => {
    const { makeEnterprise, makeEmployer } = await import('./helpers.js');
    const season = await createSeason(cq);
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ zones: [{ kind: 'booths', name: '招聘展位', rows: 1, cols: 3 }] }) })).json();
    const a = await makeEnterprise(t.ctx, { region: '500106', section: 'C' });
    const b = await makeEnterprise(t.ctx, { region: '511681', section: 'D' });
    const employerA = await loginAs(t.app, (await makeEmployer(t.ctx, a.id)).username);
    const employerB = await loginAs(t.app, (await makeEmployer(t.ctx, b.id)).username);
    const a1 = await posting(a.id, '500106', 'electrician', 5);
    const a2 = await posting(a.id, '500106', 'welder', 3);
    const aDraft = await posting(a.id, '500106', 'welder', 9, 'draft');
    const b1 = await posting(b.id, '511681', 'electrician', 4);

    const bad = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: zh(employerA), payload: { postingIds: [a1, b1, aDraft] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      { path: 'postingIds.1', message: `岗位 ${b1} 不属于该企业` },
      { path: 'postingIds.2', message: `岗位 ${aDraft} 未发布，不能带到招聘会` },
    ]);
    const key = { 'idempotency-key': `signup-${uniqueSuffix()}` };
    const first = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: { ...zh(employerA), ...key }, payload: { postingIds: [a1, a2] } });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: { ...zh(employerA), ...key }, payload: { postingIds: [a1, a2] } });
    expect(retry.json().id).toBe(first.json().id);
    const again = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: zh(employerA), payload: { postingIds: [a1] } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该企业已报名本场活动');
    const signupA = first.json().id as number;
    const signupB = (await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: zh(employerB), payload: { postingIds: [b1] } })).json().id as number;

    // Employers see only their own; Sichuan's federation cannot decide on Chongqing's fair.
    expect((await t.app.inject({ url: `/api/signups/${signupA}`, headers: zh(employerB) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/events/${event.id}/signups`, headers: zh(employerB) })).json().items.map((s: { id: number }) => s.id)).toEqual([signupB]);
    expect((await t.app.inject({ method: 'POST', url: `/api/signups/${signupA}/review`, headers: zh(sc), payload: { decision: 'approve' } })).statusCode).toBe(404);
    const noReason = await t.app.inject({ method: 'POST', url: `/api/signups/${signupA}/review`, headers: zh(cq), payload: { decision: 'reject' } });
    expect(noReason.json().issues).toEqual([{ path: 'reason', message: '驳回时请填写原因' }]);

    const stats = async () => (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    await t.app.inject({ method: 'POST', url: `/api/signups/${signupA}/review`, headers: zh(cq), payload: { decision: 'approve' } });
    await t.app.inject({ method: 'POST', url: `/api/signups/${signupA}/review`, headers: zh(cq), payload: { decision: 'approve' } }); // a double click counts once
    await t.app.inject({ method: 'POST', url: `/api/signups/${signupB}/review`, headers: zh(cq), payload: { decision: 'approve' } });
    let s = await stats();
    expect(s).toMatchObject({ enterprises: 2, positions: 3, openings: 12, jobTypes: 2, byFederation: { 50: { enterprises: 1, positions: 2, openings: 8, jobTypes: 2 }, 51: { enterprises: 1, positions: 1, openings: 4, jobTypes: 1 } } });
    expect({ enterprises: s.enterprises, positions: s.positions, openings: s.openings, jobTypes: s.jobTypes }).toEqual(await recount(season.id));

    const plan = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/booths/auto-assign`, headers: zh(cq) });
    expect(plan.json()).toEqual({ assigned: 2, unplaced: 0 });
    const floor = (await t.app.inject({ url: `/api/events/${event.id}/floor-plan` })).json();
    expect(floor.booths.map((x: { number: string; enterprise: { name: string } | null }) => [x.number, x.enterprise?.name ?? null])).toEqual([['A01', a.name], ['A02', b.name], ['A03', null]]);
    expect(floor.booths[0].enterprise.signupId).toBeNull(); // the public floor plan names no sign-up
    const taken = await t.app.inject({ method: 'PUT', url: `/api/signups/${signupB}/booth`, headers: zh(cq), payload: { boothId: floor.booths[0].id } });
    expect(taken.statusCode).toBe(409);
    const moved = await t.app.inject({ method: 'PUT', url: `/api/signups/${signupB}/booth`, headers: zh(cq), payload: { boothId: floor.booths[2].id } });
    expect(moved.json().booth).toBe('A03');

    // A reversed decision and a withdrawal take the figures back, exactly.
    const rejected = await t.app.inject({ method: 'POST', url: `/api/signups/${signupB}/review`, headers: zh(cq), payload: { decision: 'reject', reason: '岗位信息不全' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '岗位信息不全', booth: null });
    s = await stats();
    expect(s).toMatchObject({ enterprises: 1, positions: 2, openings: 8, jobTypes: 2, byFederation: { 51: { enterprises: 0, positions: 0, openings: 0, jobTypes: 0 } } });
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/signups/${signupA}/withdraw`, headers: zh(employerA) });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', booth: null });
    s = await stats();
    expect({ enterprises: s.enterprises, positions: s.positions, openings: s.openings, jobTypes: s.jobTypes }).toEqual({ enterprises: 0, positions: 0, openings: 0, jobTypes: 0 });
    expect(await recount(season.id)).toEqual({ enterprises: 0, positions: 0, openings: 0, jobTypes: 0 });
  });

  it('are for fairs that are open, and for verified enterprises', async () => {
    const { makeEnterprise, makeEmployer } = await import('./helpers.js');
    const season = await createSeason(cq);
    const live = (await t.app.inject({
      method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq),
      payload: { kind: 'livestream', name: '直播带岗', regionCode: '500105', startsAt: '2023-03-01T19:00:00+08:00', endsAt: '2023-03-01T21:00:00+08:00', livestream: { platform: '抖音', streamUrl: 'https://live.example.cn/2' }, status: 'open' },
    })).json();
    const e = await makeEnterprise(t.ctx, { region: '500106' });
    const employer = await loginAs(t.app, (await makeEmployer(t.ctx, e.id)).username);
    const p = await posting(e.id, '500106', 'electrician', 1);
    expect((await t.app.inject({ method: 'POST', url: `/api/events/${live.id}/signups`, headers: zh(employer), payload: { postingIds: [p] } })).statusCode).toBe(409);
    const closed = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ status: 'held' }) })).json();
    const late = await t.app.inject({ method: 'POST', url: `/api/events/${closed.id}/signups`, headers: zh(employer), payload: { postingIds: [p] } });
    expect(late.json().message).toBe('活动未开放报名');
    const pending = await makeEnterprise(t.ctx, { region: '500106', status: 'submitted' });
    const open = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair() })).json();
    const byStaff = await t.app.inject({ method: 'POST', url: `/api/events/${open.id}/signups`, headers: zh(cq), payload: { enterpriseId: pending.id, postingIds: [p] } });
    expect(byStaff.json().issues.map((i: { path: string }) => i.path)).toEqual(['enterpriseId', 'postingIds.0']);
  });
});

describe('visitors and check-in', () => {
  it('pre-registered on the phone, checked in once by QR or typed code; a repeat is recognised, not counted', async () => {
    const season = await createSeason(cq);
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }) })).json();
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const noConsent = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(), payload: { name: '刘师傅', phone, consent: false } });
    expect(noConsent.json().issues).toEqual([{ path: 'consent', message: '请阅读并同意个人信息使用说明后登记' }]);
    const reg = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(), payload: { name: '刘师傅', phone, regionCode: '511702', consent: true } });
    expect(reg.statusCode, reg.body).toBe(201);
    const ticket = reg.json().visitor;
    expect(ticket).toMatchObject({ name: '刘师傅', phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, ticketCode: expect.stringMatching(/^[A-Z2-9]{8}$/), checkedInAt: null });
    const again = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(), payload: { name: '刘师傅', phone, consent: true } });
    expect(again.statusCode).toBe(409);
    const stored = await t.ctx.db.selectFrom('event_visitors').select(['phone_enc', 'phone_masked']).where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(stored.phone_enc.includes(Buffer.from(phone))).toBe(false);

    const scan = (code: string, key?: string) => t.app.inject({ method: 'POST', url: `/api/events/${event.id}/checkins`, headers: { ...zh(cq), ...(key ? { 'idempotency-key': key } : {}) }, payload: { code } });
    const key = `checkin-${uniqueSuffix()}`;
    const first = await scan(ticket.token, key);
    expect(first.json()).toMatchObject({ duplicate: false, visitor: { checkedInAt: expect.any(String) } });
    expect((await scan(ticket.token, key)).json()).toEqual(first.json()); // the same request retried
    const typed = await scan(ticket.ticketCode.toLowerCase());
    expect(typed.json()).toMatchObject({ duplicate: true });
    const stats = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    expect(stats).toMatchObject({ checkins: 1, byFederation: { 50: { checkins: 1 }, 51: { checkins: 0 } } });
    const hourly = (await t.app.inject({ url: `/api/events/${event.id}/checkins/hourly` })).json();
    expect(hourly.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(1);
    const screen = (await t.app.inject({ url: `/api/seasons/${season.id}/screen` })).json();
    expect(screen).toMatchObject({ season: { id: season.id }, stats: { checkins: 1 }, hourly: [{ count: 1 }], jobTypes: [], industries: [] });

    // Forged, for another event, unknown; and only the event's own staff may check visitors in.
    expect((await scan(ticket.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')))).json().message).toBe('二维码无效（不是本平台的门票或已被篡改）');
    const other = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }) })).json();
    const wrongDoor = await t.app.inject({ method: 'POST', url: `/api/events/${other.id}/checkins`, headers: zh(cq), payload: { code: ticket.ticketCode } });
    expect(wrongDoor.json().message).toBe('这是其他活动的门票');
    expect((await scan('ABCDEFGH')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/checkins`, headers: zh(sc), payload: { code: ticket.ticketCode } })).statusCode).toBe(403);

    // Long after the fair a late retry is refused anew, but a retry of what was answered keeps its first answer.
    // (The gate keeps its event a second per server; a change through the API is seen at once.)
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: zh(cq), payload: { version: event.version, startsAt: new Date(Date.now() - 5 * 86_400_000).toISOString(), endsAt: new Date(Date.now() - 4 * 86_400_000).toISOString() } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await scan(ticket.ticketCode)).json().code).toBe('seasons.ticket_expired');
    expect((await scan(ticket.token, key)).json()).toEqual(first.json());
  });

  it('a forum takes registrations and check-ins too; a livestream has no visitors at the door', async () => {
    const season = await createSeason(cq);
    const window = { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    const forum = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: { kind: 'forum', name: '工会就业服务论坛', regionCode: '500103', venue: '重庆市职工服务中心', status: 'open', ...window, forum: { agenda: [], speakers: [] } } })).json();
    const live = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: { kind: 'livestream', name: '直播带岗第1场', regionCode: '500103', status: 'open', ...window, livestream: { platform: '抖音', streamUrl: 'https://live.example.com/1' } } })).json();
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const reg = await t.app.inject({ method: 'POST', url: `/api/events/${forum.id}/visitors`, headers: zh(), payload: { name: '周老师', phone, consent: true } });
    expect(reg.statusCode, reg.body).toBe(201);
    const inside = await t.app.inject({ method: 'POST', url: `/api/events/${forum.id}/checkins`, headers: zh(cq), payload: { code: reg.json().visitor.ticketCode } });
    expect(inside.json()).toMatchObject({ duplicate: false, visitor: { name: '周老师' } });
    const refused = await t.app.inject({ method: 'POST', url: `/api/events/${live.id}/visitors`, headers: zh(), payload: { name: '周老师', phone, consent: true } });
    expect([refused.statusCode, refused.json().message]).toEqual([409, '只有现场招聘会和论坛需要观众登记入场']);
    // Booths are a fair's alone.
    expect((await t.app.inject({ url: `/api/events/${forum.id}/booths/A01`, headers: zh() })).json().message).toBe('只有现场招聘会设有展位');
  });

  it('a retry key older than a day is a new key: the check-in happens and is kept under it', async () => {
    const season = await createSeason(cq);
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }) })).json();
    const visitor = (await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(), payload: { name: '蒋师傅', phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, consent: true } })).json().visitor;
    const whoami = (await t.app.inject({ url: '/api/auth/me', headers: zh(cq) })).json();
    const me = { id: (whoami.user ?? whoami).id as string };
    const key = `old-${uniqueSuffix()}`;
    await t.ctx.db.insertInto('idempotency_keys').values({ actor: me.id, key, route: 'POST /api/events/:id/checkins', status: 200, body: JSON.stringify({ stale: true }), created_at: new Date(Date.now() - 2 * 86_400_000) }).execute();
    const res = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/checkins`, headers: { ...zh(cq), 'idempotency-key': key }, payload: { code: visitor.ticketCode } });
    expect(res.json()).toMatchObject({ duplicate: false, visitor: { name: '蒋师傅' } });
    const kept = await t.ctx.db.selectFrom('idempotency_keys').select(['body', 'created_at']).where('actor', '=', me.id).where('key', '=', key).executeTakeFirstOrThrow();
    expect(kept.body).toEqual(res.json());
    expect(Date.now() - kept.created_at.getTime()).toBeLessThan(60_000);
    expect((await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json().checkins).toBe(1);
  });

  it('a walk-in is registered and let in by staff in one step; his phone twice is one visitor', async () => {
    const season = await createSeason(cq);
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }) })).json();
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const walkIn = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(cq), payload: { name: '王大姐', phone, consent: true, checkIn: true } });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    expect(walkIn.json()).toMatchObject({ duplicate: false, registered: true, visitor: { source: 'onsite', checkedInAt: expect.any(String) } });
    const twice = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(cq), payload: { name: '王大姐', phone, consent: true, checkIn: true } });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ duplicate: true, registered: false });
    expect((await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json().checkins).toBe(1);
  });
});

describe('at the booth', () => {
  it('an employer with a booth scans a visitor: consultation and interview counted; an intent counts once the visitor confirms it', async () => {
    const { makeEnterprise, makeEmployer } = await import('./helpers.js');
    const season = await createSeason(cq);
    const now = Date.now();
    const event = (await t.app.inject({ method: 'POST', url: `/api/seasons/${season.id}/events`, headers: zh(cq), payload: fair({ startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), zones: [{ kind: 'booths', name: '招聘展位', rows: 1, cols: 1 }] }) })).json();
    const a = await makeEnterprise(t.ctx, { region: '500106' });
    const c = await makeEnterprise(t.ctx, { region: '511681' });
    const employerA = await loginAs(t.app, (await makeEmployer(t.ctx, a.id)).username);
    const employerC = await loginAs(t.app, (await makeEmployer(t.ctx, c.id)).username);
    const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', '500106').executeTakeFirstOrThrow();
    const post = async (enterpriseId: string, status: 'published' | 'filled') => (await t.ctx.db.insertInto('postings').values({
      enterprise_id: enterpriseId, owner_union_id: union.id, title: `电工${uniqueSuffix()}`, job_type_code: 'electrician', industry_section: 'C', industry_division: null,
      region_code: '500106', salary_negotiable: false, salary_min: 5000, salary_max: 7000, headcount: 2, education: 'none', experience: 'none', description_html: '', benefits: [],
      contact_name: null, contact_phone_enc: null, contact_phone_masked: null, valid_from: '2020-01-01', valid_until: '2099-12-31', status, published_at: new Date(), reviewed_by: null, created_by: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    const open = await post(a.id, 'published');
    const cPosting = await post(c.id, 'published');
    for (const [cookie, id] of [[employerA, open], [employerC, cPosting]] as const) {
      const s = (await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/signups`, headers: zh(cookie), payload: { postingIds: [id] } })).json();
      await t.app.inject({ method: 'POST', url: `/api/signups/${s.id}/review`, headers: zh(cq), payload: { decision: 'approve' } });
      if (cookie === employerA) await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/booths/auto-assign`, headers: zh(cq) });
    }
    // The booth card's QR opens the booth for anyone: who is there and the postings it brings.
    const boothNo = (await t.app.inject({ url: `/api/events/${event.id}/floor-plan` })).json().booths[0].number as string;
    const pub = await t.app.inject({ url: `/api/events/${event.id}/booths/${boothNo.toLowerCase()}` });
    expect(pub.json()).toEqual({ number: boothNo, zone: '招聘展位', enterprise: { name: a.name, industrySection: 'C', regionCode: '500106' }, postings: [expect.objectContaining({ id: open, salaryMin: 5000, salaryMax: 7000, headcount: 2 })] });
    expect((await t.app.inject({ url: `/api/events/${event.id}/booths/Z99`, headers: zh() })).json().message).toBe('本场招聘会没有 Z99 号展位');
    const filled = await post(a.id, 'published');
    await t.ctx.db.updateTable('postings').set({ status: 'filled' }).where('id', '=', filled).execute();
    const phone = `135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const ticket = (await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/visitors`, headers: zh(), payload: { name: '陈师傅', phone, consent: true } })).json().visitor;

    const record = (cookie: string, body: Record<string, unknown>, key?: string) => t.app.inject({ method: 'POST', url: `/api/events/${event.id}/booth-records`, headers: { ...zh(cookie), ...(key ? { 'idempotency-key': key } : {}) }, payload: { code: ticket.token, ...body } });
    const noBooth = await record(employerC, { kind: 'consultation' });
    expect(noBooth.statusCode).toBe(403);
    expect(noBooth.json().message).toBe('贵单位在本场招聘会没有已审核的展位，不能扫码登记');
    const key = `scan-${uniqueSuffix()}`;
    const consult = await record(employerA, { kind: 'consultation', postingIds: [open], rating: 4, note: '有高压电工证' }, key);
    expect(consult.statusCode, consult.body).toBe(201);
    expect(consult.json()).toMatchObject({ kind: 'consultation', visitor: { name: '陈师傅' } });
    expect((await record(employerA, { kind: 'consultation', postingIds: [open], rating: 4, note: '有高压电工证' }, key)).json().id).toBe(consult.json().id);
    // Copies of one scan arriving together (a retry while the first is still on its way) meet on
    // the key inside the write's transaction: one record, one count, the same answer to each.
    const records = async () => Number((await t.ctx.db.selectFrom('booth_records').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', event.id).executeTakeFirstOrThrow()).n);
    const before = await records();
    const twinKey = `scan-${uniqueSuffix()}`;
    const twins = await Promise.all([1, 2, 3].map(() => record(employerA, { kind: 'consultation', postingIds: [open], note: '同时到达' }, twinKey)));
    expect(twins.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(twins.map((r) => r.json().id)).size).toBe(1);
    expect(await records()).toBe(before + 1);
    // The same key on another kind of write is a client's mistake, answered as such.
    const reused = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/intents`, headers: { ...zh(employerA), 'idempotency-key': twinKey }, payload: { code: ticket.token, postingId: open, salary: 6000, startDate: '2023-03-01' } });
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'idempotency.key_reused']);
    expect((await record(employerA, { kind: 'interview', postingIds: [open], outcome: 'pass' })).statusCode).toBe(201);
    expect((await record(employerA, { kind: 'interview', postingIds: [cPosting] })).json().issues).toEqual([{ path: 'postingIds.0', message: `岗位 ${cPosting} 不属于该企业` }]);

    const propose = (postingId: number) => t.app.inject({ method: 'POST', url: `/api/events/${event.id}/intents`, headers: zh(employerA), payload: { code: ticket.ticketCode, postingId, salary: 6500, startDate: '2023-03-01' } });
    expect((await propose(filled)).json().message).toBe('该岗位已招满');
    const intent = await propose(open);
    expect(intent.statusCode, intent.body).toBe(201);
    expect(intent.json()).toMatchObject({ status: 'proposed', salary: 6500, visitorConfirmedAt: null });
    expect((await propose(open)).json().id).toBe(intent.json().id); // a double tap is the same intent
    let stats = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    expect(stats).toMatchObject({ consultations: 2, interviews: 1, intents: 0, byFederation: { 50: { consultations: 2, interviews: 1 } } });

    // The visitor's phone: his ticket's token is his key.
    expect((await t.app.inject({ url: `/api/tickets/${encodeURIComponent(ticket.token.slice(0, -1) + (ticket.token.endsWith('A') ? 'B' : 'A'))}`, headers: zh() })).statusCode).toBe(400);
    const mine = (await t.app.inject({ url: `/api/tickets/${encodeURIComponent(ticket.token)}` })).json();
    expect(mine.intents.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([[intent.json().id, 'proposed']]);
    const answer = (accept: boolean) => t.app.inject({ method: 'POST', url: `/api/tickets/${encodeURIComponent(ticket.token)}/intents/${intent.json().id}/answer`, headers: zh(), payload: { accept } });
    expect((await answer(true)).json()).toMatchObject({ status: 'confirmed', visitorConfirmedAt: expect.any(String) });
    expect((await answer(true)).statusCode).toBe(200); // the same answer again changes nothing
    expect((await answer(false)).json().message).toBe('该就业意向已答复过');
    stats = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    expect(stats).toMatchObject({ intents: 1, byFederation: { 50: { intents: 1 }, 51: { intents: 0 } } });
    const followUps = await t.ctx.db.selectFrom('intent_follow_ups').select(['day', 'due_on', 'owner_union_id']).where('intent_id', '=', intent.json().id).orderBy('day').execute();
    expect(followUps.map((f) => f.day)).toEqual([30, 90]);
    expect(followUps[0]!.owner_union_id).toBe(union.id);
    expect(Date.parse(followUps[1]!.due_on) - Date.parse(followUps[0]!.due_on)).toBe(60 * 86_400_000);
    // The union follows it up and records what it found; Sichuan's staff do not see Chongqing's.
    const list = (await t.app.inject({ url: `/api/follow-ups?state=upcoming&seasonId=${season.id}`, headers: zh(cq) })).json();
    expect(list.items.map((f: { day: number; overdue: boolean }) => [f.day, f.overdue])).toEqual([[30, false], [90, false]]);
    expect(list.items[0].visitor).toEqual({ name: '陈师傅', phoneMasked: expect.stringContaining('****') });
    expect((await t.app.inject({ url: `/api/follow-ups?seasonId=${season.id}`, headers: zh(sc) })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'PUT', url: `/api/follow-ups/${list.items[0].id}`, headers: zh(sc), payload: { contractSigned: true, startedWork: true } })).statusCode).toBe(404);
    const done = await t.app.inject({ method: 'PUT', url: `/api/follow-ups/${list.items[0].id}`, headers: zh(cq), payload: { contractSigned: true, startedWork: false, note: '3月6日入职，合同已签' } });
    expect(done.json().outcome).toMatchObject({ contractSigned: true, startedWork: false });
    const report = (await t.app.inject({ url: `/api/seasons/${season.id}/follow-up-report`, headers: zh(cq) })).json();
    expect(report).toEqual([
      { day: 30, federation: '50', total: 1, done: 1, contractSigned: 1, startedWork: 0 },
      { day: 90, federation: '50', total: 1, done: 0, contractSigned: 0, startedWork: 0 },
    ]);

    // The counters kept by the writes equal what a scan of the records gives.
    const { recountSeason } = await import('../src/server/modules/seasons/seasons.repo.js');
    const kept = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    await recountSeason(t.ctx.db, season.id);
    const scanned = (await t.app.inject({ url: `/api/seasons/${season.id}/stats` })).json();
    expect({ ...scanned, at: null }).toEqual({ ...kept, at: null });
    expect(scanned).toMatchObject({ enterprises: 2, positions: 2, openings: 4, checkins: 0, consultations: 2, interviews: 1, intents: 1 });
    const screen = (await t.app.inject({ url: `/api/seasons/${season.id}/screen` })).json();
    expect(screen.jobTypes).toEqual([{ code: 'electrician', name: '电工', postings: 2, positions: 4 }]);
    expect(screen.industries).toEqual([{ section: 'C', name: '制造业', enterprises: 2 }]);
  });
});
