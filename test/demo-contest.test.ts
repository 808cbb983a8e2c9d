import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTEST_NAME, matchesBulletin, planDemoContest } from '../src/server/demo/contest-plan.js';
import { loadDemoContests, TRIAL_CONTEST_NAME } from '../src/server/demo/contest.js';
import { drawWorkNumbers } from '../src/server/modules/contests/lots.js';
import { createMigratedDatabase, createTestApp, makeUser, type TestApp } from './helpers.js';

// The demo's contests (issue 6 §6) on a database of their own: the 2023 electric-power contest as
// the bulletin tells it, and the open trial contest for judge-demo.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: await createMigratedDatabase() });
  for (const [username, roles, region] of [['sc-admin', 'federation_staff', '510000'], ['cq-admin', 'federation_staff', '500000'], ['judge-demo', 'judge', '511600'], ['chief-judge-demo', 'chief_judge', '511600']] as const) {
    await makeUser(t.ctx, { username, roles: [roles], region });
  }
  await loadDemoContests(t.ctx, 'Passw0rd-demo');
  await loadDemoContests(t.ctx, 'Passw0rd-demo'); // a second load adds nothing
}, 120_000);
afterAll(async () => { await t.close(); });

describe('demo contests', () => {
  it('plans the bulletin: 广安1队 first, 18 single-item awards to 18 contestants of 6 teams', () => {
    const plan = planDemoContest();
    expect(matchesBulletin(plan)).toBe(true);
    expect(plan.results.teams[0]).toMatchObject({ rank: 1, team: '广安1队' });
    expect(new Set(plan.results.items.flatMap((i) => i.awarded)).size).toBe(18);
  });

  it('writes 11 teams, 83 finalists (45 Chongqing, 38 Sichuan), 6 locked sub-items with agreeing double entries', async () => {
    const db = t.ctx.db;
    const contests = await db.selectFrom('contests').select(['id', 'name', 'revealed_at', 'lots_drawn_at']).orderBy('id').execute();
    expect(contests.map((c) => c.name)).toEqual([DEMO_CONTEST_NAME, TRIAL_CONTEST_NAME]);
    const id = contests[0]!.id;
    const byFederation = await db.selectFrom('contest_contestants as c').innerJoin('contest_teams as t', 't.id', 'c.team_id').innerJoin('unions as u', 'u.id', 't.union_id')
      .select(['u.federation', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.count<string>('t.id').distinct().as('teams')])
      .where('c.contest_id', '=', id).where('c.stage', '=', 'finalist').groupBy('u.federation').orderBy('u.federation').execute();
    expect(byFederation.map((r) => [r.federation, Number(r.n), Number(r.teams)])).toEqual([['50', 45, 5], ['51', 38, 6]]);
    const items = await db.selectFrom('contest_items').select(['code', 'lock_state', 'max']).where('contest_id', '=', id).where('parent_id', 'is not', null).orderBy('seq').execute();
    expect(items.map((i) => [i.code, i.lock_state, Number(i.max)])).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((c) => [c, 'locked', 100]));
    // every measurement and deduction aspect has two entries from two judges that agree
    const pairs = await db.selectFrom('contest_marks as m').innerJoin('contest_aspects as a', 'a.id', 'm.aspect_id')
      .select(['m.aspect_id', 'm.contestant_id', (eb) => eb.fn.count<string>('m.judge_id').distinct().as('judges'), (eb) => eb.fn.count<string>('m.value').distinct().as('values')])
      .where('m.contest_id', '=', id).where('a.type', '!=', 'judgement').groupBy(['m.aspect_id', 'm.contestant_id']).execute();
    expect(pairs.length).toBe(83 * 13); // 7 measurement + 6 deduction aspects
    expect(pairs.every((p) => Number(p.judges) === 2 && Number(p.values) === 1)).toBe(true);
    // judgement marks: 5 judges, whole 0–3; every spread over 1 was discussed
    const spreads = await db.selectFrom('contest_marks as m').innerJoin('contest_aspects as a', 'a.id', 'm.aspect_id')
      .leftJoin('contest_flag_resolutions as r', (j) => j.onRef('r.aspect_id', '=', 'm.aspect_id').onRef('r.contestant_id', '=', 'm.contestant_id'))
      .select([(eb) => eb.fn.count<string>('m.judge_id').as('n'), (eb) => eb.fn.max('m.value').as('hi'), (eb) => eb.fn.min('m.value').as('lo'), (eb) => eb.fn.count<string>('r.note').as('resolved')])
      .where('m.contest_id', '=', id).where('a.type', '=', 'judgement').groupBy(['m.aspect_id', 'm.contestant_id']).execute();
    expect(spreads.length).toBe(83 * 6);
    expect(spreads.every((s) => Number(s.n) === 5 && Number(s.lo) >= 0 && Number(s.hi) <= 3)).toBe(true);
    expect(spreads.filter((s) => Number(s.hi) - Number(s.lo) > 1).every((s) => Number(s.resolved) > 0)).toBe(true);
    const workNumbers = await db.selectFrom('contest_contestants').select('work_number').where('contest_id', '=', id).where('stage', '=', 'finalist').execute();
    expect(new Set(workNumbers.map((w) => w.work_number)).size).toBe(83);
    expect(contests[0]!.revealed_at).not.toBeNull();
    // the draw re-checks from the recorded seed (lots.ts)
    const drawn = await db.selectFrom('contest_contestants').select(['id', 'work_number']).where('contest_id', '=', id).where('stage', '=', 'finalist').execute();
    const seed = (await db.selectFrom('contests').select('lots_seed').where('id', '=', id).executeTakeFirstOrThrow()).lots_seed!;
    expect(new Map(drawWorkNumbers(seed, drawn.map((d) => d.id)).map((x) => [x.contestantId, x.workNumber]))).toEqual(new Map(drawn.map((d) => [d.id, d.work_number])));
  });

  it('publishes the bulletin\'s results through the API: 广安1队 first, 18 single-item awards, the plan\'s totals', async () => {
    const contest = await t.ctx.db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'GET', url: `/api/contests/${contest.id}/results` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.complete).toBe(true);
    expect(body.teams[0]).toMatchObject({ rank: 1, team: '广安1队' });
    expect(body.teams).toHaveLength(11);
    expect(body.individuals).toHaveLength(83);
    const awarded = body.items.flatMap((i: { awarded: unknown[] }) => i.awarded);
    expect(awarded).toHaveLength(18);
    expect(new Set(awarded).size).toBe(18);
    const plan = planDemoContest();
    expect(body.individuals.map((i: { total: number }) => i.total)).toEqual(plan.results.individuals.map((i) => i.total));
    expect(body.teams.map((x: { team: string; score: number }) => [x.team, x.score])).toEqual(plan.results.teams.map((x) => [x.team, x.score]));
  });

  it('opens a trial contest for judge-demo: lots drawn, not revealed, no marks, judge-demo on both sub-items', async () => {
    const db = t.ctx.db;
    const trial = await db.selectFrom('contests').selectAll().where('name', '=', TRIAL_CONTEST_NAME).executeTakeFirstOrThrow();
    expect(trial.revealed_at).toBeNull();
    expect(trial.lots_drawn_at).not.toBeNull();
    const judge = await db.selectFrom('users').select('id').where('username', '=', 'judge-demo').executeTakeFirstOrThrow();
    const assigned = await db.selectFrom('contest_judges as j').innerJoin('contest_items as i', 'i.id', 'j.item_id').select('i.code').where('j.contest_id', '=', trial.id).where('j.user_id', '=', judge.id).orderBy('i.code').execute();
    expect(assigned.map((a) => a.code)).toEqual(['A1', 'B1']);
    expect(await db.selectFrom('contest_marks').select('id').where('contest_id', '=', trial.id).execute()).toEqual([]);
    const finalists = await db.selectFrom('contest_contestants').select(['work_number', 'written']).where('contest_id', '=', trial.id).execute();
    expect(finalists).toHaveLength(12);
    expect(finalists.every((f) => f.work_number && f.written !== null)).toBe(true);
  });
});
