import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { keepResult, type IdempotencyClaim } from '../../platform/idempotency.js';
import type { ContestAccess } from './contests.access.js';
import { canEnterMarks, canLock, isChiefJudge } from './contests.policy.js';
import { centsOf, checkEntry, dbCents, describeGaps, entrySlot, lockGaps, type Entry } from './flags.js';
import * as repo from './scores.repo.js';
import type { ChangeMark, EnterMark, MarkResult } from './scores.schemas.js';
import { aspectRule, entryOf, loadItem, notItemJudge, slotOf, toMark } from './scores.shared.js';

// Score entry and the chief judge's verification (issue 6 §3). Every write of a sub-item runs under
// the sub-item's row lock (entries, changes, times and the lock take turns), appends to the
// append-only contest_score_history, and the significant ones (changes after the lock, locks,
// resolutions) also go to the general audit log.

type Item = repo.ItemRow;

const refusal = (r: { code: AppError['code']; params: Record<string, string> }, path: string) =>
  new AppError(r.code, 400, r.params, [{ path, code: r.code, params: r.params }]);

async function audit(trx: Executor, actor: Actor, access: ContestAccess, meta: RequestMeta, action: string, label: string, reason: string | null = null) {
  await recordAudit(trx, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'contest', subjectId: String(access.id),
    subjectLabel: `${access.name} · ${label}`, scopePrefix: access.ownerScope, reason, ip: meta.ip, requestId: meta.requestId,
  });
}

async function loadAspect(trx: Executor, item: Item, aspectId: number) {
  const aspect = (await repo.listAspects(trx, [item.id])).find((a) => a.id === aspectId);
  if (!aspect) throw new AppError('contest.scores.aspect_not_found', 404, {}, [{ path: 'aspectId', code: 'contest.scores.aspect_not_found' }]);
  return aspect;
}

async function loadFinalist(trx: Executor, contestId: number, contestantId: number) {
  const c = await repo.findFinalist(trx, contestId, contestantId);
  if (!c) throw new AppError('contest.scores.not_finalist', 404, {}, [{ path: 'contestantId', code: 'contest.scores.not_finalist' }]);
  return c;
}

async function resolvedAt(trx: Executor, itemId: number, aspectId: number, contestantId: number): Promise<Date | null> {
  return (await repo.listResolutions(trx, itemId)).find((r) => r.aspect_id === aspectId && r.contestant_id === contestantId)?.resolved_at ?? null;
}

/**
 * A locked sub-item changed: back to 'reopened' (its results provisional again) until the chief
 * judge re-locks — issue 6 §3 "a change after lock needs a reason and the chief judge's re-lock".
 */
async function reopenIfLocked(trx: Executor, actor: Actor, access: ContestAccess, item: Item, reason: string, meta: RequestMeta): Promise<Item['lock_state']> {
  if (item.lock_state !== 'locked') return item.lock_state;
  await repo.setLockState(trx, item.id, 'reopened', actor.id);
  await repo.appendHistory(trx, { contestId: access.id, itemId: item.id, action: 'reopen', actorId: actor.id, reason });
  await audit(trx, actor, access, meta, 'contest.item_reopen', item.code, reason);
  await repo.announceContest(trx, access.id);
  return 'reopened';
}

/**
 * A judge's entry for one aspect of one finalist. Only the sub-item's judges (canEnterMarks), only
 * after the lots (work numbers) and before the lock; one entry per judge (409 duplicate: he changes
 * it instead), at most as many as the aspect takes (two for double entry, J for judgement). The
 * retry key is kept in the entry's own transaction, so a retry or a twin writes nothing more.
 */
export async function enterMark(ctx: AppContext, actor: Actor, contestId: number, itemId: number, input: EnterMark, claim: IdempotencyClaim | null): Promise<MarkResult> {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  if (!canEnterMarks(actor, access, item.id)) throw notItemJudge();
  if (!access.lotsDrawn) throw conflict('contest.scores.lots_not_drawn');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const locked = await repo.shareItemForEntry(trx, item.id, input.aspectId, input.contestantId);
      // Entry after lock is refused (issue 6 bad input); a locked sub-item is changed, with a reason, not entered.
      if (locked.lock_state !== 'open') throw conflict('contest.scores.locked', { item: item.code });
      const aspect = await loadAspect(trx, item, input.aspectId);
      const contestant = await loadFinalist(trx, contestId, input.contestantId);
      const rule = aspectRule(aspect);
      const checked = checkEntry(rule, input);
      if (!checked.ok) throw refusal(checked.refusal, aspect.type === 'deduction' ? 'deductions' : 'value');
      const existing = await repo.listEntries(trx, aspect.id, contestant.id);
      const slot = entrySlot(rule, existing.map(entryOf), actor.id);
      const params = { aspect: aspect.code, workNumber: contestant.work_number, count: existing.length };
      if (slot === 'duplicate') throw conflict('contest.scores.duplicate', params);
      if (slot === 'full') throw conflict('contest.scores.full', params);
      const value = dbCents(checked.cents);
      const markId = await repo.insertMark(trx, {
        contestId, itemId: item.id, aspectId: aspect.id, contestantId: contestant.id, judgeId: actor.id, value,
        deductions: deductionsJson(rule, checked.deductions),
      });
      await repo.appendHistory(trx, { contestId, itemId: item.id, action: 'enter', actorId: actor.id, aspectId: aspect.id, contestantId: contestant.id, judgeId: actor.id, newValue: value });
      const result = await markResult(trx, item.id, markId, contestant.work_number, rule, 'open');
      await keepResult(trx, claim, result);
      return result;
    });
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'contest_marks_aspect_id_contestant_id_judge_id_key') throw conflict('contest.scores.duplicate', { aspect: String(input.aspectId), workNumber: '', count: 1 });
    throw error;
  }
}

const deductionKey = (list: readonly { code: string; count?: number }[] | null) => (list ? list.map((d) => `${d.code}×${d.count ?? 1}`).sort().join(',') : null);
const sameDeductions = (a: readonly { code: string; count?: number }[] | null, b: readonly { code: string; count?: number }[] | null) => deductionKey(a) === deductionKey(b);

function deductionsJson(rule: ReturnType<typeof aspectRule>, picked: { code: string; count: number }[] | null): string | null {
  if (!picked) return null;
  return JSON.stringify(picked.map((p) => ({ code: p.code, count: p.count, points: (rule.deductions.find((d) => d.code === p.code)?.pointsCents ?? 0) / 100 })));
}

async function markResult(trx: Executor, itemId: number, markId: number, workNumber: string, rule: ReturnType<typeof aspectRule>, lockState: Item['lock_state']): Promise<MarkResult> {
  const mark = (await repo.findMark(trx, itemId, markId))!;
  const entries = await repo.listEntries(trx, mark.aspect_id, mark.contestant_id);
  const slot = slotOf(rule, entries, await resolvedAt(trx, itemId, mark.aspect_id, mark.contestant_id));
  return { mark: toMark(mark, workNumber), slot, lockState };
}

/**
 * Change an entry: its own judge, or the chief judge. After the lock a reason is required and the
 * sub-item is reopened until the chief judge re-locks. Old → new and the reason go to the history.
 */
export async function changeMark(ctx: AppContext, actor: Actor, contestId: number, itemId: number, markId: number, input: ChangeMark, meta: RequestMeta): Promise<MarkResult> {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  const chief = isChiefJudge(actor, access);
  if (!canEnterMarks(actor, access, item.id) && !chief) throw notItemJudge();
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, item.id);
    const mark = await repo.findMark(trx, item.id, markId, true);
    if (!mark) throw notFound('contest.scores.mark_not_found');
    if (mark.judge_id !== actor.id && !chief) throw new AppError('contest.scores.not_your_mark', 403);
    const aspect = await loadAspect(trx, item, mark.aspect_id);
    const contestant = await loadFinalist(trx, contestId, mark.contestant_id);
    const rule = aspectRule(aspect);
    const checked = checkEntry(rule, input);
    if (!checked.ok) throw refusal(checked.refusal, aspect.type === 'deduction' ? 'deductions' : 'value');
    const value = dbCents(checked.cents);
    const deductions = deductionsJson(rule, checked.deductions);
    if (checked.cents === centsOf(mark.value) && sameDeductions(checked.deductions, mark.deductions)) {
      return markResult(trx, item.id, mark.id, contestant.work_number, rule, locked.lock_state);
    }
    const afterLock = locked.lock_state !== 'open';
    if (afterLock && !input.reason) throw new AppError('contest.scores.reason_required', 400, {}, [{ path: 'reason', code: 'contest.scores.reason_required' }]);
    const reason = input.reason ?? null;
    const state = afterLock ? await reopenIfLocked(trx, actor, access, locked, reason!, meta) : locked.lock_state;
    await repo.updateMark(trx, mark.id, value, deductions);
    await repo.appendHistory(trx, {
      contestId, itemId: item.id, action: 'change', actorId: actor.id, aspectId: aspect.id, contestantId: contestant.id, judgeId: mark.judge_id,
      oldValue: mark.value, newValue: value, reason,
    });
    if (afterLock) await audit(trx, actor, access, meta, 'contest.mark_change', `${item.code} · ${contestant.work_number} · ${aspect.code} ${mark.value} → ${value}`, reason);
    return markResult(trx, item.id, mark.id, contestant.work_number, rule, state);
  });
}

/** Completion time of a timed sub-item (an item judge, or the chief judge); a change after the lock needs a reason and reopens. */
export async function enterTime(ctx: AppContext, actor: Actor, contestId: number, itemId: number, contestantId: number, input: { seconds: number; reason?: string | undefined }, meta: RequestMeta) {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  if (!canEnterMarks(actor, access, item.id) && !isChiefJudge(actor, access)) throw notItemJudge();
  if (!item.is_timed) throw conflict('contest.scores.not_timed', { item: item.code });
  if (!access.lotsDrawn) throw conflict('contest.scores.lots_not_drawn');
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, item.id);
    const contestant = await loadFinalist(trx, contestId, contestantId);
    const before = await repo.findTime(trx, item.id, contestant.id);
    let state = locked.lock_state;
    if (before?.seconds !== input.seconds) {
      if (locked.lock_state !== 'open' && !input.reason) throw new AppError('contest.scores.reason_required', 400, {}, [{ path: 'reason', code: 'contest.scores.reason_required' }]);
      if (locked.lock_state !== 'open') state = await reopenIfLocked(trx, actor, access, locked, input.reason!, meta);
      await repo.upsertTime(trx, item.id, contestant.id, input.seconds, actor.id);
      await repo.appendHistory(trx, {
        contestId, itemId: item.id, action: 'time', actorId: actor.id, contestantId: contestant.id,
        oldValue: before ? String(before.seconds) : null, newValue: String(input.seconds), reason: input.reason ?? null,
      });
    }
    return { contestantId: contestant.id, workNumber: contestant.work_number, seconds: input.seconds, lockState: state };
  });
}

/** The chief judge settles a spread flag after discussion, with a note (a mismatch is settled by a change). */
export async function resolveFlag(ctx: AppContext, actor: Actor, contestId: number, itemId: number, input: { aspectId: number; contestantId: number; note: string }, meta: RequestMeta) {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  if (!canLock(actor, access)) throw new AppError('contest.scores.chief_only', 403);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockItem(trx, item.id);
    const aspect = await loadAspect(trx, item, input.aspectId);
    const contestant = await loadFinalist(trx, contestId, input.contestantId);
    const rule = aspectRule(aspect);
    const entries = await repo.listEntries(trx, aspect.id, contestant.id);
    const slot = slotOf(rule, entries, await resolvedAt(trx, item.id, aspect.id, contestant.id));
    const params = { aspect: aspect.code, workNumber: contestant.work_number };
    if (!slot.flagOpen) throw conflict('contest.scores.no_flag', params);
    if (slot.flag === 'mismatch') throw conflict('contest.scores.resolve_by_change');
    await repo.upsertResolution(trx, aspect.id, contestant.id, input.note, actor.id);
    await repo.appendHistory(trx, { contestId, itemId: item.id, action: 'resolve', actorId: actor.id, aspectId: aspect.id, contestantId: contestant.id, reason: input.note });
    await audit(trx, actor, access, meta, 'contest.flag_resolve', `${item.code} · ${contestant.work_number} · ${aspect.code}`, input.note);
    return { ...slot, flagOpen: false, aspectId: aspect.id, contestantId: contestant.id };
  });
}

/**
 * Lock (or re-lock) a sub-item: the chief judge only, when every finalist has every aspect complete,
 * a time where the sub-item is timed, and no open flag; otherwise 409 naming what is missing.
 */
export async function lockItem(ctx: AppContext, actor: Actor, contestId: number, itemId: number, meta: RequestMeta) {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  if (!canLock(actor, access)) throw new AppError('contest.scores.chief_only', 403);
  if (!access.lotsDrawn) throw conflict('contest.scores.lots_not_drawn');
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockItem(trx, item.id);
    if (locked.lock_state === 'locked') throw conflict('contest.scores.already_locked', { item: item.code });
    const [aspects, contestants, marks, times, resolutions] = await Promise.all([
      repo.listAspects(trx, [item.id]), repo.listFinalists(trx, contestId), repo.listItemMarks(trx, item.id), repo.listTimes(trx, item.id), repo.listResolutions(trx, item.id),
    ]);
    const entries = new Map<string, Entry[]>();
    for (const m of marks) {
      const key = `${m.aspect_id}:${m.contestant_id}`;
      entries.set(key, [...(entries.get(key) ?? []), entryOf(m)]);
    }
    const gaps = lockGaps({
      aspects: aspects.map(aspectRule), contestants: contestants.map((c) => ({ id: c.id, workNumber: c.work_number })), entries,
      resolvedAt: new Map(resolutions.map((r) => [`${r.aspect_id}:${r.contestant_id}`, r.resolved_at])),
      timed: item.is_timed, timedIds: new Set(times.map((t) => t.contestant_id)),
    });
    if (gaps.length) {
      throw new AppError('contest.scores.incomplete', 409, describeGaps(gaps), gaps.slice(0, 20).map((g) => {
        const aspects = g.aspects.filter((a) => a !== 'time').join(', ');
        const time = g.aspects.includes('time');
        const code = !aspects ? 'contest.scores.missing_time' : time ? 'contest.scores.missing_both' : 'contest.scores.missing';
        return { path: g.workNumber, code, params: { workNumber: g.workNumber, aspects } };
      }));
    }
    const action = locked.lock_state === 'reopened' ? 'relock' : 'lock';
    await repo.setLockState(trx, item.id, 'locked', actor.id);
    await repo.appendHistory(trx, { contestId, itemId: item.id, action, actorId: actor.id });
    await audit(trx, actor, access, meta, `contest.item_${action}`, item.code);
    await repo.announceContest(trx, contestId);
    const after = await repo.lockItem(trx, item.id);
    return { item: itemHead(after) };
  });
}

export const itemHead = (i: Item) => ({
  id: i.id, code: i.code, name: i.name, max: i.max, isTimed: i.is_timed, timeLimitSeconds: i.time_limit_seconds,
  lockState: i.lock_state, lockedAt: i.locked_at?.toISOString() ?? null, lockCount: i.lock_count,
});
