import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRecords } from '../src/server/modules/seasons/livestream.repo.js';
import { createTestApp, loginAs, makeEmployer, makeEnterprise, makeUser, uniqueSuffix, type TestApp } from './helpers.js';

// Livestream rooms (issue 5 §6): the public room of a session, the host's console (featured
// postings of both provinces, live order, the pin, the viewer count), in-room apply attributed to
// the session, intents counted from the employer's pipeline, permissions, and the SSE pushes.

let t: TestApp;
let cq: string; // 重庆市总工会: runs the season
let jiangbei: string; // 江北区总工会: hosts the livestream
let sc: string; // 四川省总工会: another federation
let beibei: string; // 北碚区总工会: another district
let seasonId: number;
let cqCompany: { id: string; name: string };
let scCompany: { id: string; name: string };
let employerCq: string;

const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });

async function posting(enterpriseId: string, region: string, title: string, status: 'published' | 'draft' = 'published') {
  const union = await t.ctx.db.selectFrom('unions').select('id').where('region_code', '=', region).executeTakeFirstOrThrow();
  const row = await t.ctx.db.insertInto('postings').values({
    enterprise_id: enterpriseId, owner_union_id: union.id, title: `${title}${uniqueSuffix()}`, job_type_code: 'electrician', industry_section: 'C', industry_division: null,
    region_code: region, salary_negotiable: false, salary_min: 5000, salary_max: 7000, headcount: 3, education: 'none', experience: 'none',
    description_html: '', benefits: ['五险一金', '包住'], contact_name: null, contact_phone_enc: null, contact_phone_masked: null,
    valid_from: '2020-01-01', valid_until: '2099-12-31', status, published_at: status === 'published' ? new Date() : null, reviewed_by: null, created_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function livestream(cookie: string, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/seasons/${seasonId}/events`, headers: zh(cookie),
    payload: {
      kind: 'livestream', name: '江北区直播带岗专场', regionCode: '500105', startsAt: '2023-03-01T19:30:00+08:00', endsAt: '2023-03-01T21:00:00+08:00',
      livestream: { platform: '抖音', streamUrl: 'https://live.example.cn/jiangbei/1' }, status: 'open', ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

const room = async (eventId: number, cookie?: string) => {
  const res = await t.app.inject({ url: `/api/events/${eventId}/live`, headers: zh(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const feature = (eventId: number, postingId: number, cookie = jiangbei) =>
  t.app.inject({ method: 'POST', url: `/api/events/${eventId}/live/postings`, headers: zh(cookie), payload: { postingId } });
const applyInRoom = (eventId: number, postingId: number, cookie?: string, key?: string) =>
  t.app.inject({ method: 'POST', url: `/api/events/${eventId}/live/postings/${postingId}/applications`, headers: { ...zh(cookie), ...(key ? { 'idempotency-key': key } : {}) } });

beforeAll(async () => {
  t = await createTestApp();
  cq = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })).username);
  jiangbei = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500105' })).username);
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
  beibei = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['union_staff'], region: '500109' })).username);
  const season = await t.app.inject({
    method: 'POST', url: '/api/seasons', headers: zh(cq),
    payload: { name: `直播带岗季${uniqueSuffix()}`, startsOn: '2023-02-25', endsOn: '2023-05-31', goals: { livestreams: 2 }, status: 'published' },
  });
  seasonId = season.json().id;
  cqCompany = await makeEnterprise(t.ctx, { region: '500105' });
  scCompany = await makeEnterprise(t.ctx, { region: '511681' });
  employerCq = await loginAs(t.app, (await makeEmployer(t.ctx, cqCompany.id)).username);
});
afterAll(async () => { await t?.close(); });

describe('the public room', () => {
  it('shows the stream link, host and schedule with an empty list and zero counters; other kinds and drafts are not rooms', async () => {
    const event = await livestream(jiangbei);
    const r = await room(event.id);
    expect(r.event).toMatchObject({
      id: event.id, name: '江北区直播带岗专场', status: 'open', platform: '抖音', streamUrl: 'https://live.example.cn/jiangbei/1',
      startsAt: '2023-03-01T11:30:00.000Z', hostUnion: { name: expect.stringContaining('江北区') },
    });
    expect(r).toMatchObject({ postings: [], pinnedPostingId: null, counters: { viewers: 0, applications: 0, intents: 0 }, viewersVersion: 1 });

    const forum = await t.app.inject({
      method: 'POST', url: `/api/seasons/${seasonId}/events`, headers: zh(cq),
      payload: { kind: 'forum', name: '就业服务论坛', regionCode: '500103', startsAt: '2023-03-16T09:00:00+08:00', endsAt: '2023-03-16T12:00:00+08:00', status: 'open' },
    });
    const notRoom = await t.app.inject({ url: `/api/events/${forum.json().id}/live`, headers: zh() });
    expect(notRoom.statusCode).toBe(404);
    expect(notRoom.json()).toMatchObject({ code: 'live.not_livestream', message: '该活动不是直播带岗' });

    const draft = await livestream(jiangbei, { status: 'draft' });
    expect((await t.app.inject({ url: `/api/events/${draft.id}/live` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/events/${draft.id}/live`, headers: zh(jiangbei) })).statusCode).toBe(200);
  });
});

describe("the host's console", () => {
  it('features postings of both provinces, keeps the live order, pins the one on air; every change audited', async () => {
    const event = await livestream(jiangbei);
    const a = await posting(cqCompany.id, '500105', '电工');
    const b = await posting(scCompany.id, '511681', '焊工');
    const c = await posting(cqCompany.id, '500105', '叉车司机');
    const draft = await posting(cqCompany.id, '500105', '草稿岗位', 'draft');
    for (const id of [a, b, c]) expect((await feature(event.id, id)).statusCode).toBe(201);

    const twice = await feature(event.id, a);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toMatch(/^岗位“电工.+”已在本场直播的岗位清单中$/);
    const unpublished = await feature(event.id, draft);
    expect(unpublished.statusCode).toBe(400);
    expect(unpublished.json().issues).toEqual([{ path: 'postingId', message: `岗位 ${draft} 未发布或已过期，不能加入直播` }]);

    let r = await room(event.id);
    expect(r.postings.map((p: { id: number }) => p.id)).toEqual([a, b, c]);
    expect(r.postings.map((p: { federation: string }) => p.federation)).toEqual(['50', '51', '50']);
    expect(r.postings[1]).toMatchObject({ enterprise: { name: scCompany.name }, region: { fullName: '四川省 广安市 华蓥市' }, jobType: { code: 'electrician' }, open: true, pinned: false });

    const order = (postingIds: number[]) => t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/order`, headers: zh(jiangbei), payload: { postingIds } });
    const reordered = await order([c, a, b]);
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().postings.map((p: { id: number }) => p.id)).toEqual([c, a, b]);
    const stale = await order([c, a]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('岗位清单已被他人修改，请刷新后再排序');
    expect((await order([c, c, a])).json().issues).toEqual([{ path: 'postingIds', message: '排序中有重复的岗位' }]);

    const pin = (postingId: number | null, cookie = jiangbei) => t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/pin`, headers: zh(cookie), payload: { postingId } });
    const pinned = await pin(b);
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json().pinnedPostingId).toBe(b);
    expect(pinned.json().postings.map((p: { id: number; pinned: boolean }) => [p.id, p.pinned])).toEqual([[c, false], [a, false], [b, true]]);
    expect(pinned.json().pinnedAt).not.toBeNull();
    expect((await pin(draft)).json().issues).toEqual([{ path: 'postingId', message: '该岗位不在本场直播的岗位清单中' }]);

    // Taking the pinned posting off the room unpins it.
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/events/${event.id}/live/postings/${b}`, headers: zh(jiangbei) });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ pinnedPostingId: null, pinnedAt: null });
    expect(removed.json().postings.map((p: { id: number }) => p.id)).toEqual([c, a]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/events/${event.id}/live/postings/${b}`, headers: zh(jiangbei) })).statusCode).toBe(404);
    // A posting added later goes to the end.
    expect((await feature(event.id, b)).json().postings.map((p: { id: number }) => p.id)).toEqual([c, a, b]);
    // The season's managers run it too.
    expect((await pin(a, cq)).json().pinnedPostingId).toBe(a);
    expect((await pin(null)).json().pinnedPostingId).toBeNull();

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'subject_label', 'scope_prefix'])
      .where('subject_type', '=', 'event').where('subject_id', '=', String(event.id)).where('action', 'like', 'live.%').orderBy('id').execute();
    expect(audit.map((e) => e.action)).toEqual(['live.feature', 'live.feature', 'live.feature', 'live.reorder', 'live.pin', 'live.unfeature', 'live.feature', 'live.pin', 'live.unpin']);
    expect(audit[4]!.subject_label).toMatch(/^江北区直播带岗专场 · 焊工/);
    expect(audit.every((e) => e.scope_prefix === '500105')).toBe(true);
    r = await room(event.id);
    expect(r.updatedAt).not.toBeNull();
  });

  it('takes the viewer count with the version it saw: a stale entry is refused with the current figure', async () => {
    const event = await livestream(jiangbei);
    const enter = (viewers: number, version: number, cookie = jiangbei) =>
      t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/viewers`, headers: zh(cookie), payload: { viewers, version } });
    const first = await enter(1200, 1);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ counters: { viewers: 1200 }, viewersVersion: 2 });
    const stale = await enter(900, 1, cq);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('观看人数已被他人更新为 1200，请确认后再填写');
    // A correction (a typo) with the current version is fine: the figure is what staff read off the platform.
    expect((await enter(1100, 2)).json()).toMatchObject({ counters: { viewers: 1100 }, viewersVersion: 3 });
    const bad = await t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/viewers`, headers: zh(jiangbei), payload: { viewers: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['version', 'viewers']);
    const history = await t.ctx.db.selectFrom('livestream_viewer_counts').select('viewers').where('event_id', '=', event.id).orderBy('id').execute();
    expect(history.map((h) => h.viewers)).toEqual([1200, 1100]);
  });

  it('is refused to employers, other unions and anonymous callers, who may still read the room', async () => {
    const event = await livestream(jiangbei);
    const p = await posting(cqCompany.id, '500105', '钳工');
    expect((await feature(event.id, p)).statusCode).toBe(201);
    const writes = (cookie?: string) => [
      t.app.inject({ method: 'POST', url: `/api/events/${event.id}/live/postings`, headers: zh(cookie), payload: { postingId: p } }),
      t.app.inject({ method: 'DELETE', url: `/api/events/${event.id}/live/postings/${p}`, headers: zh(cookie) }),
      t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/order`, headers: zh(cookie), payload: { postingIds: [p] } }),
      t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/pin`, headers: zh(cookie), payload: { postingId: p } }),
      t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/viewers`, headers: zh(cookie), payload: { viewers: 10, version: 1 } }),
    ];
    for (const [cookie, status] of [[employerCq, 403], [sc, 403], [beibei, 403], [undefined, 401]] as const) {
      const answers = await Promise.all(writes(cookie));
      expect(answers.map((a) => a.statusCode), String(cookie)).toEqual([status, status, status, status, status]);
    }
    const r = await room(event.id);
    expect(r).toMatchObject({ pinnedPostingId: null, counters: { viewers: 0 }, postings: [{ id: p }] });
    const cancelled = await livestream(jiangbei, { status: 'cancelled' });
    const refused = await feature(cancelled.id, p);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('本场直播已取消');
  });
});

describe('in-room apply', () => {
  it('applies once (a retry with the same key is the same application), 409 on a second apply, counted once and attributed to the session', async () => {
    const event = await livestream(jiangbei);
    const p = await posting(cqCompany.id, '500105', '装表接电工');
    const other = await posting(scCompany.id, '511681', '电焊工');
    await feature(event.id, p);
    const seeker = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['seeker'] })).username);

    expect((await applyInRoom(event.id, p)).statusCode).toBe(401);
    const notSeeker = await applyInRoom(event.id, p, employerCq);
    expect(notSeeker.statusCode).toBe(403);
    const notFeatured = await applyInRoom(event.id, other, seeker);
    expect(notFeatured.statusCode).toBe(404);
    expect(notFeatured.json().message).toBe('该岗位不在本场直播的岗位清单中');

    const key = `live-apply-${uniqueSuffix()}`;
    const first = await applyInRoom(event.id, p, seeker, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ postingId: p, status: 'new' });
    const retry = await applyInRoom(event.id, p, seeker, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const second = await applyInRoom(event.id, p, seeker);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'hiring.already_applied' });
    // The same posting through the job page: the same rule, and not counted for the room.
    expect((await t.app.inject({ method: 'POST', url: `/api/jobs/${p}/applications`, headers: zh(seeker) })).statusCode).toBe(409);

    // Somebody who applied on the job page before the session is not counted by the room either.
    const earlier = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['seeker'] })).username);
    expect((await t.app.inject({ method: 'POST', url: `/api/jobs/${p}/applications`, headers: zh(earlier) })).statusCode).toBe(201);
    expect((await applyInRoom(event.id, p, earlier)).statusCode).toBe(409);

    const r = await room(event.id);
    expect(r.counters.applications).toBe(1);
    expect(await countRecords(t.ctx.db, event.id)).toEqual({ applications: 1, intents: 0 });
    const attributed = await t.ctx.db.selectFrom('livestream_applications').select(['application_id', 'posting_id']).where('event_id', '=', event.id).execute();
    expect(attributed).toEqual([{ application_id: first.json().id, posting_id: p }]);
    // The seeker sees it among his applications like any other.
    const mine = (await t.app.inject({ url: '/api/me/applications', headers: zh(seeker) })).json();
    expect(mine.items.map((a: { id: number }) => a.id)).toContain(first.json().id);
  });

  it('counts an intent when the employer moves an in-room application to the intent or hired stage, once; the counter equals the records', async () => {
    const event = await livestream(jiangbei);
    const p = await posting(cqCompany.id, '500105', '运维电工');
    await feature(event.id, p);
    const seekers = await Promise.all([0, 1, 2].map(async () => loginAs(t.app, (await makeUser(t.ctx, { roles: ['seeker'] })).username)));
    const ids: number[] = [];
    for (const s of seekers.slice(0, 2)) ids.push((await applyInRoom(event.id, p, s)).json().id);
    // The third applies on the job page: not the room's.
    const outside = (await t.app.inject({ method: 'POST', url: `/api/jobs/${p}/applications`, headers: zh(seekers[2]) })).json().id as number;

    const move = async (id: number, status: string) => {
      const version = (await t.app.inject({ url: `/api/applications/${id}`, headers: zh(employerCq) })).json().version;
      const res = await t.app.inject({ method: 'PATCH', url: `/api/applications/${id}`, headers: zh(employerCq), payload: { status, version } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const counted = async () => {
      const r = await room(event.id);
      const records = await countRecords(t.ctx.db, event.id);
      expect(r.counters).toMatchObject(records);
      return r.counters.intents;
    };
    await move(ids[0]!, 'interview');
    expect(await counted()).toBe(0);
    await move(ids[0]!, 'intent');
    expect(await counted()).toBe(1);
    await move(ids[0]!, 'hired'); // the same intent, carried through
    expect(await counted()).toBe(1);
    await move(ids[1]!, 'hired'); // straight to hired after the session
    expect(await counted()).toBe(2);
    await move(outside, 'intent');
    expect(await counted()).toBe(2);
    expect((await room(event.id)).counters).toEqual({ viewers: 0, applications: 2, intents: 2 });
  });
});

describe('live pushes and the season', () => {
  it('pushes the room to a connected phone when the host pins a job', async () => {
    const event = await livestream(jiangbei);
    const p = await posting(scCompany.id, '511681', '电力巡线工');
    await feature(event.id, p);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const frames: string[] = [];
    const req = http.get(`${base}/api/events/${event.id}/live/stream`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => frames.push(chunk));
    const updates = () => frames.join('').split('\n\n').filter((f) => f.startsWith('event: update')).map((f) => JSON.parse(f.split('data: ')[1]!));
    const waitFor = async (test: () => boolean) => {
      const started = Date.now();
      while (!test() && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(test()).toBe(true);
    };
    await waitFor(() => updates().length === 1);
    expect(updates()[0].pinnedPostingId).toBeNull();
    const pinnedAt = Date.now();
    await t.app.inject({ method: 'PUT', url: `/api/events/${event.id}/live/pin`, headers: zh(jiangbei), payload: { postingId: p } });
    await waitFor(() => updates().at(-1)?.pinnedPostingId === p);
    expect(Date.now() - pinnedAt).toBeLessThan(1_000);
    expect(updates().at(-1).postings[0]).toMatchObject({ id: p, pinned: true });
    req.destroy();
    await waitFor(() => t.ctx.live.subscribers === 0);

    const missing = await t.app.inject({ url: '/api/events/999999999/live/stream' });
    expect(missing.statusCode).toBe(404);
  });

  it("counts held sessions toward the season's livestream goal", async () => {
    const before = (await t.app.inject({ url: `/api/seasons/${seasonId}` })).json().goals.find((g: { goal: string }) => g.goal === 'livestreams').value as number;
    const event = await livestream(jiangbei);
    await feature(event.id, await posting(cqCompany.id, '500105', '电工'));
    const held = await t.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: zh(jiangbei), payload: { status: 'held', version: event.version } });
    expect(held.statusCode, held.body).toBe(200);
    const goal = (await t.app.inject({ url: `/api/seasons/${seasonId}` })).json().goals.find((g: { goal: string }) => g.goal === 'livestreams');
    expect(goal).toMatchObject({ target: 2, value: before + 1 });
    // A held session's room stays up (the replay), and one may still apply from it.
    expect((await room(event.id)).event.status).toBe('held');
  });
});
