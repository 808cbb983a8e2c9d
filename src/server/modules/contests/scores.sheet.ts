import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { loadContestAccess } from './contests.access.js';
import { canEnterMarks, canLock, canManageContest, canReadItemMarks, canSeeNames, isChiefJudge, isItemJudge } from './contests.policy.js';
import * as repo from './scores.repo.js';
import type { History, JudgeContests, Scoring, Sheet } from './scores.schemas.js';
import { itemHead } from './scores.service.js';
import { aspectRule, loadItem, notItemJudge, plain, slotOf, toMark } from './scores.shared.js';

// What judges, the chief judge and the organisers read of the scoring (issue 6 §3). A judge sees
// work numbers only until the reveal, and of the double entry only his own side.

const group = <T>(rows: readonly T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};

/**
 * A sub-item's sheet: finalists by work number with the aspects; a judge gets his own entries and
 * his progress, the chief judge and managers every entry with its flag. Judges of other items: 403.
 */
export async function getSheet(ctx: AppContext, actor: Actor, contestId: number, itemId: number): Promise<Sheet> {
  const { access, item } = await loadItem(ctx, actor, contestId, itemId);
  if (!canReadItemMarks(actor, access, item.id)) throw notItemJudge();
  const seeAll = isChiefJudge(actor, access) || canManageContest(actor, access);
  const names = canSeeNames(actor, access);
  const [aspects, finalists, marks, times, resolutions] = await Promise.all([
    repo.listAspects(ctx.db, [item.id]), access.lotsDrawn ? repo.listFinalists(ctx.db, contestId) : Promise.resolve([]),
    repo.listItemMarks(ctx.db, item.id), repo.listTimes(ctx.db, item.id), repo.listResolutions(ctx.db, item.id),
  ]);
  const rules = aspects.map(aspectRule);
  const byKey = group(marks, (m) => `${m.aspect_id}:${m.contestant_id}`);
  const resolved = new Map(resolutions.map((r) => [`${r.aspect_id}:${r.contestant_id}`, r]));
  const timeOf = new Map(times.map((t) => [t.contestant_id, t.seconds]));
  let done = 0;
  let openFlags = 0;
  const contestants = finalists.map((c) => {
    const slots = rules.map((rule) => {
      const key = `${rule.id}:${c.id}`;
      const entries = byKey.get(key) ?? [];
      const res = resolved.get(key) ?? null;
      const slot = slotOf(rule, entries, res?.resolved_at ?? null);
      const own = entries.find((m) => m.judge_id === actor.id);
      // A judge's progress counts what he still can do: his own entry, or an aspect already full without him.
      if (seeAll ? slot.complete && !slot.flagOpen : own || slot.entries >= slot.needed) done += 1;
      if (slot.flagOpen) openFlags += 1;
      return {
        ...slot, aspectId: rule.id, mine: own ? toMark(own, c.work_number) : null,
        marks: seeAll ? entries.map((m) => toMark(m, c.work_number)) : [],
        resolution: res && seeAll ? { note: res.note, resolvedAt: res.resolved_at.toISOString(), by: res.resolved_by_name } : null,
      };
    });
    const timeSeconds = timeOf.get(c.id) ?? null;
    return {
      id: c.id, workNumber: c.work_number, name: names ? c.name : null, team: names ? c.team_name : null, employer: names ? c.employer : null,
      timeSeconds, complete: slots.every((s) => s.complete && !s.flagOpen) && (!item.is_timed || timeSeconds !== null), aspects: slots,
    };
  });
  return {
    contest: { id: access.id, name: access.name, lotsDrawn: access.lotsDrawn, revealed: access.revealed },
    item: itemHead(item),
    aspects: aspects.map((a) => ({
      id: a.id, code: a.code, seq: a.seq, type: a.type, max: plain(a.max), description: a.description, descriptors: a.descriptors,
      deductions: a.deductions, judges: a.judges,
    })),
    me: {
      isJudge: isItemJudge(actor, access, item.id), isChiefJudge: isChiefJudge(actor, access), canEnter: canEnterMarks(actor, access, item.id) && access.lotsDrawn,
      canLock: canLock(actor, access), canSeeNames: names, canSeeAll: seeAll,
    },
    progress: { done, total: finalists.length * rules.length },
    openFlags,
    contestants,
  };
}

/** The trail of a sub-item (or of the whole contest for its chief judge and managers), newest first. */
export async function getHistory(ctx: AppContext, actor: Actor, contestId: number, itemId: number | null, limit: number): Promise<History> {
  if (itemId !== null) {
    const { access, item } = await loadItem(ctx, actor, contestId, itemId);
    if (!canReadItemMarks(actor, access, item.id)) throw notItemJudge();
  } else {
    const access = await loadContestAccess(ctx.db, contestId, actor);
    if (!isChiefJudge(actor, access) && !canManageContest(actor, access)) throw new AppError('contest.scores.chief_only', 403);
  }
  const rows = await repo.listHistory(ctx.db, contestId, itemId, limit);
  return {
    items: rows.map((r) => ({
      id: r.id, action: r.action, itemId: r.item_id, itemCode: r.item_code, aspectCode: r.aspect_code, workNumber: r.work_number,
      judge: r.judge_name, oldValue: r.old_value === null ? null : plain(r.old_value), newValue: r.new_value === null ? null : plain(r.new_value),
      reason: r.reason, actor: r.actor_name, at: r.at.toISOString(),
    })),
  };
}

/** The chief judge's overview (managers read it too): per sub-item completeness, open flags, missing times, lock state. */
export async function getScoring(ctx: AppContext, actor: Actor, contestId: number): Promise<Scoring> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const manage = canManageContest(actor, access);
  if (!isChiefJudge(actor, access) && !manage) throw new AppError('contest.scores.chief_only', 403);
  const items = await repo.listSubItems(ctx.db, contestId);
  const finalists = access.lotsDrawn ? await repo.listFinalists(ctx.db, contestId) : [];
  const aspects = await repo.listAspects(ctx.db, items.map((i) => i.id));
  const rows = await Promise.all(items.map(async (i) => {
    const [marks, times, resolutions] = await Promise.all([repo.listItemMarks(ctx.db, i.id), repo.listTimes(ctx.db, i.id), repo.listResolutions(ctx.db, i.id)]);
    const rules = aspects.filter((a) => a.item_id === i.id).map(aspectRule);
    const byKey = group(marks, (m) => `${m.aspect_id}:${m.contestant_id}`);
    const resolved = new Map(resolutions.map((r) => [`${r.aspect_id}:${r.contestant_id}`, r.resolved_at]));
    const timed = new Set(times.map((t) => t.contestant_id));
    let completeSlots = 0;
    let openFlags = 0;
    let completeContestants = 0;
    for (const c of finalists) {
      let all = true;
      for (const rule of rules) {
        const key = `${rule.id}:${c.id}`;
        const slot = slotOf(rule, byKey.get(key) ?? [], resolved.get(key) ?? null);
        if (slot.flagOpen) openFlags += 1;
        if (slot.complete && !slot.flagOpen) completeSlots += 1;
        else all = false;
      }
      if (all && (!i.is_timed || timed.has(c.id))) completeContestants += 1;
    }
    return {
      id: i.id, code: i.code, name: i.name, parentName: i.parent_name, isTimed: i.is_timed, lockState: i.lock_state,
      lockedAt: i.locked_at?.toISOString() ?? null, lockCount: i.lock_count, aspects: rules.length, slots: rules.length * finalists.length,
      completeSlots, completeContestants, openFlags, timesMissing: i.is_timed ? finalists.filter((c) => !timed.has(c.id)).length : 0,
    };
  }));
  return {
    contest: { id: access.id, name: access.name, lotsDrawn: access.lotsDrawn, revealed: access.revealed },
    me: { isChiefJudge: isChiefJudge(actor, access), canLock: canLock(actor, access), canManage: manage },
    finalists: finalists.length,
    items: rows,
  };
}

/** The contests a judge or chief judge works in, with his sub-items and his progress in each. */
export async function listJudgeContests(ctx: AppContext, actor: Actor): Promise<JudgeContests> {
  const contests = await repo.listJudgeContests(ctx.db, actor.id);
  const progress = await repo.judgeProgress(ctx.db, contests.map((c) => c.id), actor.id);
  return {
    items: contests.map((c) => ({
      id: c.id, name: c.name, venue: c.venue, startsOn: String(c.starts_on), endsOn: String(c.ends_on), lotsDrawn: c.lots_drawn_at !== null,
      revealed: c.revealed_at !== null, isChiefJudge: c.chief_judge_id === actor.id,
      items: progress.filter((p) => p.contest_id === c.id).map((p) => ({
        id: p.item_id, code: p.code, name: p.name, lockState: p.lock_state as 'open' | 'locked' | 'reopened', isTimed: p.is_timed,
        done: c.lots_drawn_at ? p.done : 0, total: c.lots_drawn_at ? p.total : 0,
      })),
    })),
  };
}
