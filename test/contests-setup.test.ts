import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContest } from './contest-factory.js';
import { createTestApp, loginAs, makeUser, uniqueSuffix, type TestApp } from './helpers.js';

// The setup slice of skills competitions (issue 6 §1): contests and their rounds, teams,
// contestants, written scores, qualification, lots and reveal, with who may do what.

let t: TestApp;
let sc: string; // 四川省总工会 staff
let cq: string; // 重庆市总工会 staff
let chiefId: string;

beforeAll(async () => {
  t = await createTestApp();
  sc = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '510000' })).username);
  cq = await loginAs(t.app, (await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })).username);
  chiefId = (await makeUser(t.ctx, { roles: ['chief_judge'], region: '511600', name: '王裁判长' })).id;
});
afterAll(async () => { await t?.close(); });

export const zh = (cookie?: string) => ({ 'accept-language': 'zh-CN', ...(cookie ? { cookie } : {}) });
const en = (cookie?: string) => ({ 'accept-language': 'en', ...(cookie ? { cookie } : {}) });

async function createContest(cookie: string, over: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/contests', headers: zh(cookie),
    payload: {
      name: `2023川渝电力职工职业技能大赛${uniqueSuffix()}`, theme: '弘扬劳模精神', organisers: ['四川省总工会', '重庆市总工会'], venue: '华蓥电力技能实训基地',
      startsOn: '2023-02-21', endsOn: '2023-02-23', status: 'published', chiefJudgeId: chiefId, ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('contests', () => {
  it('are created by a federation with the default final round and rules, listed publicly with status and venue', async () => {
    const c = await createContest(sc);
    expect(c).toMatchObject({
      ownerUnion: { name: '四川省总工会' }, status: 'published', chiefJudge: { id: chiefId, name: '王裁判长' }, lotsDrawnAt: null, revealedAt: null, version: 1,
      rules: { writtenWeight: 0.3, team: { method: 'mean-best', n: 6 } }, counts: { teams: 0, contestants: 0, finalists: 0 },
      me: { canManage: true, isChiefJudge: false, judgeItemIds: [], canSeeNames: true, canSeeLiveResults: true },
    });
    expect(c.rounds).toEqual([{ id: expect.any(Number), seq: 1, name: '决赛', kind: 'final', startsOn: '2023-02-21', endsOn: '2023-02-23', qualification: null, qualifiedAt: null }]);
    const list = await t.app.inject({ url: '/api/contests?pageSize=100' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((i: { id: number }) => i.id === c.id)).toEqual({
      id: c.id, name: c.name, startsOn: '2023-02-21', endsOn: '2023-02-23', status: 'published', venue: '华蓥电力技能实训基地', ownerUnion: c.ownerUnion,
    });
    const pub = await t.app.inject({ url: `/api/contests/${c.id}` });
    expect(pub.json().me).toEqual({ canManage: false, isChiefJudge: false, judgeItemIds: [], canSeeNames: false, canSeeLiveResults: false });
  });

  it('takes rounds with a qualification rule; names every bad field at once and writes nothing', async () => {
    const c = await createContest(sc, { rounds: [
      { name: '初赛', kind: 'preliminary', startsOn: '2022-10-10', endsOn: '2022-10-12', qualification: { method: 'top-n', n: 83 } },
      { name: '决赛', kind: 'final' },
    ] });
    expect(c.rounds.map((r: { kind: string; qualification: unknown }) => [r.kind, r.qualification])).toEqual([['preliminary', { method: 'top-n', n: 83 }], ['final', null]]);

    const count = async () => Number((await t.ctx.db.selectFrom('contests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const bad = await t.app.inject({
      method: 'POST', url: '/api/contests', headers: zh(sc),
      payload: { name: '赛', startsOn: '2023-02-30', endsOn: '2023-02-01', rules: { writtenWeight: 1.5, judgementDropHighLowFrom: 5, team: { method: 'mean-best' }, itemAwards: 3, tieBreak: [] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'rules.team.n', 'rules.writtenWeight', 'startsOn']);
    const late = await t.app.inject({
      method: 'POST', url: '/api/contests', headers: en(sc),
      payload: { name: '技能竞赛', startsOn: '2023-03-01', endsOn: '2023-02-01', chiefJudgeId: (await makeUser(t.ctx, { roles: ['judge'] })).id,
        rounds: [{ name: '决赛', kind: 'final' }, { name: '初赛', kind: 'preliminary' }] },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().issues).toEqual([
      { path: 'endsOn', message: 'The end date cannot be before the start date' },
      { path: 'chiefJudgeId', message: 'The chosen user is not a chief judge (needs the chief judge role)' },
      { path: 'rounds.0.kind', message: 'The last round must be the final and the ones before it preliminaries' },
      { path: 'rounds.1.kind', message: 'The last round must be the final and the ones before it preliminaries' },
    ]);
    expect(await count()).toBe(before);
  });

  it('keeps drafts to their organisers and judges; only the organisers change a contest, a stale version is refused', async () => {
    const draft = await createContest(sc, { status: 'draft' });
    expect((await t.app.inject({ url: `/api/contests/${draft.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/contests/${draft.id}`, headers: zh(cq) })).statusCode).toBe(404);
    const ids = async (cookie?: string) => (await t.app.inject({ url: '/api/contests?pageSize=100', headers: zh(cookie) })).json().items.map((i: { id: number }) => i.id);
    expect(await ids()).not.toContain(draft.id);
    expect(await ids(cq)).not.toContain(draft.id);
    expect(await ids(sc)).toContain(draft.id);
    const chief = await loginAs(t.app, (await t.ctx.db.selectFrom('users').select('username').where('id', '=', chiefId).executeTakeFirstOrThrow()).username!);
    expect(await ids(chief)).toContain(draft.id);
    expect((await t.app.inject({ url: `/api/contests/${draft.id}`, headers: zh(chief) })).json().me).toMatchObject({ isChiefJudge: true, canManage: false, canSeeNames: false });

    // 重庆 staff cannot edit a published 四川 contest (they see it, they may not change it).
    const pub = await createContest(sc);
    const foreign = await t.app.inject({ method: 'PATCH', url: `/api/contests/${pub.id}`, headers: zh(cq), payload: { version: 1, venue: '别处' } });
    expect(foreign.statusCode).toBe(403);

    const ok = await t.app.inject({ method: 'PATCH', url: `/api/contests/${draft.id}`, headers: zh(sc), payload: { version: 1, venue: '广安市', status: 'published', chiefJudgeId: null } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ venue: '广安市', status: 'published', chiefJudge: null, version: 2 });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/contests/${draft.id}`, headers: zh(sc), payload: { version: 1, venue: '成都市' } });
    expect(stale.statusCode).toBe(409);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'contest').where('subject_id', '=', String(draft.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['contest.create', 'contest.update']);
  });

  it('lists a judge the contests he judges (from the factory)', async () => {
    const c = await makeContest(t.ctx, { status: 'draft' });
    const judge = await loginAs(t.app, c.judges.A1![0]!.username);
    const list = (await t.app.inject({ url: '/api/contests?pageSize=100', headers: zh(judge) })).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    const one = (await t.app.inject({ url: `/api/contests/${c.id}`, headers: zh(judge) })).json();
    expect(one.me).toMatchObject({ canManage: false, canSeeNames: false, judgeItemIds: [c.items.find((i) => i.code === 'A1')!.id] });
    expect(one.counts).toEqual({ teams: 2, contestants: 6, finalists: 6 });
  });

  it('offers the users holding the chief judge role as candidates, to managers only', async () => {
    const c = await createContest(sc);
    const res = await t.app.inject({ url: `/api/contests/${c.id}/chief-judge-candidates?q=王裁判`, headers: zh(sc) });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toContain(chiefId);
    expect((await t.app.inject({ url: `/api/contests/${c.id}/chief-judge-candidates`, headers: zh(cq) })).statusCode).toBe(403);
  });
});
