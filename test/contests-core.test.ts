import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContestAccess } from '../src/server/modules/contests/contests.access.js';
import { canEnterMarks, canReadItemMarks, canSeeNames } from '../src/server/modules/contests/contests.policy.js';
import type { Actor } from '../src/server/platform/actor.js';
import { makeContest } from './contest-factory.js';
import { actorOf as actorOfUser, createTestApp, makeUser, type MadeUser, type TestApp } from './helpers.js';

// The contests module's access core (issue 6): who stands in which relation to a contest, and the
// rules every contest use case authorises with. Slices (setup, scheme, scores, results) test their
// own endpoints; this file tests the shared loader and policy on real rows.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const actorOf = (u: MadeUser): Promise<Actor> => actorOfUser(t.ctx, u);

describe('contest access', () => {
  it('knows the organisers, the chief judge and each judge\'s sub-items; names stay hidden from judges until reveal', async () => {
    const c = await makeContest(t.ctx, { status: 'draft' });
    const a1 = c.items.find((i) => i.code === 'A1')!.id;
    const b1 = c.items.find((i) => i.code === 'B1')!.id;
    const judgeA = await actorOf(c.judges.A1![0]!);
    const access = await loadContestAccess(t.ctx.db, c.id, judgeA);
    expect(access.judgeItemIds).toEqual([a1]);
    expect(canEnterMarks(judgeA, access, a1)).toBe(true);
    expect(canEnterMarks(judgeA, access, b1)).toBe(false);
    expect(canReadItemMarks(judgeA, access, b1)).toBe(false);
    expect(canSeeNames(judgeA, access)).toBe(false);

    const chief = await actorOf(c.chief);
    const chiefAccess = await loadContestAccess(t.ctx.db, c.id, chief);
    expect(canReadItemMarks(chief, chiefAccess, b1)).toBe(true);
    expect(canEnterMarks(chief, chiefAccess, b1)).toBe(false);
    expect(canSeeNames(chief, chiefAccess)).toBe(false);

    const owner = await actorOf(c.owner);
    expect(canSeeNames(owner, await loadContestAccess(t.ctx.db, c.id, owner))).toBe(true);

    await t.ctx.db.updateTable('contests').set({ lots_seed: 's', lots_drawn_at: new Date(), revealed_at: new Date() }).where('id', '=', c.id).execute();
    expect(canSeeNames(judgeA, await loadContestAccess(t.ctx.db, c.id, judgeA))).toBe(true);
  });

  it('hides a draft from the public, other federations and unrelated judges as a 404', async () => {
    const c = await makeContest(t.ctx, { status: 'draft' });
    const strangers: (Actor | null)[] = [null, await actorOf(await makeUser(t.ctx, { roles: ['federation_staff'], region: '500000' })), await actorOf(await makeUser(t.ctx, { roles: ['judge'], region: '511600' }))];
    for (const actor of strangers) {
      await expect(loadContestAccess(t.ctx.db, c.id, actor)).rejects.toMatchObject({ code: 'contest.not_found', status: 404 });
    }
    await t.ctx.db.updateTable('contests').set({ status: 'published' }).where('id', '=', c.id).execute();
    await expect(loadContestAccess(t.ctx.db, c.id, null)).resolves.toMatchObject({ id: c.id, status: 'published' });
  });

  it('refuses a person in two teams of one contest (身份证号 blind index)', async () => {
    const c = await makeContest(t.ctx);
    const first = await t.ctx.db.selectFrom('contest_contestants').selectAll().where('id', '=', c.contestants[0]!.id).executeTakeFirstOrThrow();
    const { id: _id, version: _v, created_at: _c, updated_at: _u, work_number: _w, ...rest } = first;
    await expect(t.ctx.db.insertInto('contest_contestants').values({ ...rest, team_id: c.teams[1]!.id, written: rest.written }).execute())
      .rejects.toMatchObject({ constraint: 'contest_contestants_contest_id_id_number_hash_key' });
  });
});
