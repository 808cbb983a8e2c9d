import { sql } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { loadContestAccess } from './contests.access.js';
import { canLock } from './contests.policy.js';
import * as repo from './contests.repo.js';
import { QualificationSchema } from './contests.rules.js';
import type { RoundInput, RoundUpdate } from './contests.schemas.js';
import { auditContest, loadForManage } from './contests.service.js';
import * as people from './contestants.repo.js';
import { drawWorkNumbers, newLotsSeed } from './lots.js';
import { qualify } from './qualify.js';

// The contest's course (issue 6 §1): rounds with preliminary scores and the qualification rule,
// the lot drawing of the final's work numbers, and the chief judge's reveal of the names.

const roundSubject = (access: { name: string; ownerScope: string }, id: number, name: string) => ({ type: 'contest_round', id, label: `${access.name} · ${name}`, scope: access.ownerScope });

/** Rounds change only before the draw: the draw closes the list of finalists. */
function checkBeforeDraw(access: { lotsDrawn: boolean }) {
  if (access.lotsDrawn) throw conflict('contest.setup.lots_drawn_closed');
}

/** A preliminary round before the final. */
export async function addPreliminary(ctx: AppContext, actor: Actor, contestId: number, input: Omit<RoundInput, 'kind'>, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    checkBeforeDraw(access);
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) throw invalid([{ path: 'endsOn', code: 'contest.setup.ends_before_start' }]);
    await repo.insertPreliminary(trx, contestId, { ...input, kind: 'preliminary' });
    // With a preliminary, the final is earned: everyone registered so far goes back to 'entered'.
    const active = await people.listActive(trx, contestId);
    await people.setStages(trx, contestId, active.filter((p) => p.stage !== 'entered').map((p) => p.id), 'entered');
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.round.create', roundSubject(access, contestId, input.name));
  });
}

export async function updateRound(ctx: AppContext, actor: Actor, contestId: number, roundId: number, input: RoundUpdate, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    const round = await repo.findRound(trx, contestId, roundId);
    if (!round) throw notFound('contest.setup.round_not_found');
    const startsOn = input.startsOn !== undefined ? input.startsOn : round.starts_on;
    const endsOn = input.endsOn !== undefined ? input.endsOn : round.ends_on;
    if (startsOn && endsOn && endsOn < startsOn) throw invalid([{ path: 'endsOn', code: 'contest.setup.ends_before_start' }]);
    if (input.qualification !== undefined) {
      if (round.kind === 'final' && input.qualification) throw invalid([{ path: 'qualification', code: 'contest.setup.final_no_qualification' }]);
      checkBeforeDraw(access);
    }
    await repo.updateRound(trx, roundId, {
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
      ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
      ...(input.qualification !== undefined ? { qualification: input.qualification ? JSON.stringify(input.qualification) : null } : {}),
    });
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.round.update', roundSubject(access, roundId, input.name ?? round.name));
  });
}

export async function deleteRound(ctx: AppContext, actor: Actor, contestId: number, roundId: number, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    const round = await repo.findRound(trx, contestId, roundId);
    if (!round) throw notFound('contest.setup.round_not_found');
    if (round.kind === 'final') throw conflict('contest.setup.final_kept');
    checkBeforeDraw(access);
    await repo.deleteRound(trx, roundId);
    // Without any preliminary left, everyone registered is in the final.
    if (!(await repo.listRounds(trx, contestId)).some((r) => r.kind === 'preliminary')) {
      const active = await people.listActive(trx, contestId);
      await people.setStages(trx, contestId, active.filter((p) => p.stage !== 'finalist').map((p) => p.id), 'finalist');
    }
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.round.delete', roundSubject(access, roundId, round.name));
  });
}

/** A round's scores (preliminaries; the final is computed from marks). */
export async function getRoundScores(ctx: AppContext, actor: Actor, contestId: number, roundId: number) {
  await loadForManage(ctx.db, contestId, actor);
  if (!(await repo.findRound(ctx.db, contestId, roundId))) throw notFound('contest.setup.round_not_found');
  return { items: (await repo.listRoundScores(ctx.db, roundId)).map((r) => ({ contestantId: r.contestant_id, score: r.score })) };
}

export async function setRoundScores(ctx: AppContext, actor: Actor, contestId: number, roundId: number, scores: { contestantId: number; score: number | null }[], meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    const round = await repo.findRound(trx, contestId, roundId);
    if (!round) throw notFound('contest.setup.round_not_found');
    if (round.kind === 'final') throw conflict('contest.setup.final_from_marks');
    checkBeforeDraw(access);
    const known = new Set((await people.listActive(trx, contestId)).map((p) => p.id));
    const issues = scores.flatMap((s, i) => (known.has(s.contestantId) ? [] : [{ path: `scores.${i}.contestantId`, code: 'contest.contestant_not_found' as const }]));
    if (issues.length) throw invalid(issues);
    await repo.setRoundScores(trx, roundId, scores, actor.id);
    await auditContest(trx, actor, meta, 'contest.round.scores', roundSubject(access, roundId, round.name), { reason: `${scores.length}` });
  });
  return getRoundScores(ctx, actor, contestId, roundId);
}

/**
 * Apply a preliminary's qualification rule: every contestant still in the running becomes a finalist
 * or is eliminated (qualify.ts). Every one needs a score — a missing score is named, never a zero.
 * Re-applying is allowed until the draw.
 */
export async function applyQualification(ctx: AppContext, actor: Actor, contestId: number, roundId: number, meta: RequestMeta) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    const round = await repo.findRound(trx, contestId, roundId);
    if (!round) throw notFound('contest.setup.round_not_found');
    checkBeforeDraw(access);
    if (round.kind === 'final' || !round.qualification) throw conflict('contest.setup.no_qualification_rule');
    const rule = QualificationSchema.parse(round.qualification);
    const active = await people.listActive(trx, contestId);
    const scores = new Map((await repo.listRoundScores(trx, roundId)).map((s) => [s.contestant_id, s.score]));
    const missing = active.filter((p) => !scores.has(p.id));
    if (missing.length) {
      throw new AppError('contest.setup.scores_missing', 422, { count: missing.length, names: missing.slice(0, 10).map((p) => p.name).join('、') });
    }
    const result = qualify(rule, active.map((p) => ({ id: p.id, teamId: p.team_id, score: scores.get(p.id)! })));
    await people.setStages(trx, contestId, result.qualified, 'finalist');
    await people.setStages(trx, contestId, result.eliminated, 'eliminated');
    await repo.updateRound(trx, roundId, { qualified_at: new Date(), qualified_by: actor.id });
    await repo.touchContest(trx, contestId);
    await auditContest(trx, actor, meta, 'contest.round.qualify', roundSubject(access, roundId, round.name),
      { reason: `${result.qualified.length} / ${active.length}` });
    return { qualified: result.qualified.length, eliminated: result.eliminated.length, tiedAtBoundary: result.tiedAtBoundary.length };
  });
}

/**
 * Draw the final's work numbers (抽签) from a fresh random seed, kept so the draw can be re-checked
 * (lots.ts). A redraw is allowed only while no mark exists: judges mark by work number.
 */
export async function drawLots(ctx: AppContext, actor: Actor, contestId: number, meta: RequestMeta) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadForManage(trx, contestId, actor, { forUpdate: true });
    if (access.revealed) throw conflict('contest.setup.already_revealed');
    if (await repo.hasMarks(trx, contestId)) throw conflict('contest.setup.marks_exist');
    // Without a preliminary every registered contestant is in the final.
    const active = await people.listActive(trx, contestId);
    if (!(await repo.listRounds(trx, contestId)).some((r) => r.kind === 'preliminary')) {
      await people.setStages(trx, contestId, active.filter((p) => p.stage === 'entered').map((p) => p.id), 'finalist');
    } else if (active.some((p) => p.stage === 'entered')) {
      throw conflict('contest.setup.qualify_first');
    }
    const finalists = (await people.listActive(trx, contestId)).filter((p) => p.stage === 'finalist').map((p) => p.id);
    if (!finalists.length) throw conflict('contest.setup.no_finalists');
    const seed = newLotsSeed();
    const numbers = drawWorkNumbers(seed, finalists);
    await people.setWorkNumbers(trx, contestId, numbers);
    const drawn = await trx.updateTable('contests').set({ lots_seed: seed, lots_drawn_at: sql`now()`, lots_drawn_by: actor.id, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', contestId).returning(['lots_drawn_at']).executeTakeFirstOrThrow();
    await trx.insertInto('contest_score_history').values({ contest_id: contestId, action: 'draw', actor_id: actor.id, reason: `seed ${seed}; ${finalists.length} finalists` }).execute();
    await auditContest(trx, actor, meta, access.lotsDrawn ? 'contest.lots.redraw' : 'contest.lots.draw', { type: 'contest', id: contestId, label: access.name, scope: access.ownerScope },
      { reason: `seed ${seed}` });
    await repo.announceContest(trx, contestId);
    return { seed, drawnAt: drawn.lots_drawn_at!.toISOString(), count: finalists.length, redraw: access.lotsDrawn };
  });
}

/**
 * The chief judge reveals the names behind the work numbers once every sub-item is locked
 * (issue 6 §1: judges see only work numbers until the chief judge locks and reveals).
 */
export async function reveal(ctx: AppContext, actor: Actor, contestId: number, meta: RequestMeta) {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadContestAccess(trx, contestId, actor, { forUpdate: true });
    if (!canLock(actor, access)) throw forbidden();
    if (access.revealed) throw conflict('contest.setup.already_revealed');
    if (!access.lotsDrawn) throw conflict('contest.setup.reveal_needs_lots');
    const subItems = await trx.selectFrom('contest_items').select(['code', 'lock_state']).where('contest_id', '=', contestId).where('parent_id', 'is not', null).orderBy('seq').execute();
    const open = subItems.filter((i) => i.lock_state !== 'locked');
    if (!subItems.length) throw conflict('contest.setup.reveal_no_items');
    if (open.length) throw conflict('contest.setup.reveal_unlocked', { items: open.map((i) => i.code).join(', ') });
    await trx.updateTable('contests').set({ revealed_at: sql`now()`, revealed_by: actor.id, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', contestId).execute();
    await trx.insertInto('contest_score_history').values({ contest_id: contestId, action: 'reveal', actor_id: actor.id }).execute();
    await auditContest(trx, actor, meta, 'contest.reveal', { type: 'contest', id: contestId, label: access.name, scope: access.ownerScope });
    await repo.announceContest(trx, contestId);
  });
}
