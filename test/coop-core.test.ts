import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canManageCooperation, canReportOn, canReviewReport, canSignOff, federationOf } from '../src/server/modules/cooperation/cooperation.policy.js';
import type { Actor } from '../src/server/platform/actor.js';
import { makeAgreement } from './coop-factory.js';
import { actorOf as actorOfUser, createTestApp, type MadeUser, type TestApp } from './helpers.js';

// The cooperation module's core (issue 7): the policy on real staff of both provinces, and the
// table rules every slice relies on (one sign-off per federation; an item computed or entered).

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const actorOf = (u: MadeUser): Promise<Actor> => actorOfUser(t.ctx, u);

describe('cooperation policy and tables', () => {
  it('lets federations run the agreement, responsible unions report, and each federation review its own unions', async () => {
    const a = await makeAgreement(t.ctx);
    const [cq, sc, jiangbei, beibei] = await Promise.all([actorOf(a.staff.cq), actorOf(a.staff.sc), actorOf(a.staff.jiangbei), actorOf(a.staff.beibei)]);
    expect([federationOf(cq), federationOf(sc), federationOf(jiangbei)]).toEqual(['50', '51', '50']);
    expect([canManageCooperation(cq), canManageCooperation(sc), canManageCooperation(jiangbei)]).toEqual([true, true, false]);
    const responsible = [a.unions.jiangbei, a.unions.chengdu];
    expect([canReportOn(jiangbei, responsible), canReportOn(beibei, responsible), canReportOn(cq, responsible)]).toEqual([true, false, false]);
    expect([canReviewReport(cq, '50'), canReviewReport(sc, '50'), canReviewReport(jiangbei, '50')]).toEqual([true, false, false]);
    expect([canSignOff(cq), canSignOff(jiangbei)]).toEqual([true, false]);
  });

  it('keeps one sign-off per federation and refuses an item that is neither computed nor entered', async () => {
    const a = await makeAgreement(t.ctx);
    await t.ctx.db.insertInto('work_item_signoffs').values({ item_id: a.manualItemId, federation: '50', user_id: a.staff.cq.id }).execute();
    await expect(t.ctx.db.insertInto('work_item_signoffs').values({ item_id: a.manualItemId, federation: '50', user_id: a.staff.cq2.id }).execute())
      .rejects.toMatchObject({ constraint: 'work_item_signoffs_pkey' });
    await expect(t.ctx.db.updateTable('work_items').set({ progress_kind: 'indicator' }).where('id', '=', a.manualItemId).execute())
      .rejects.toMatchObject({ constraint: 'work_items_check1' });
  });
});
