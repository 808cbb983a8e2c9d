import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { loadContestAccess, type ContestAccess } from './contests.access.js';
import { centsOf, flagOf, entriesNeeded, isComplete, isFlagOpen, toCents, type AspectRule, type Entry } from './flags.js';
import * as repo from './scores.repo.js';
import type { Mark, Slot } from './scores.schemas.js';

// Helpers shared by the scores slice's reads (scores.sheet.ts) and writes (scores.service.ts).

/** The contest (404 when not visible) and one of its sub-items (404 contest.item_not_found). */
export async function loadItem(ctx: AppContext, actor: Actor | null, contestId: number, itemId: number): Promise<{ access: ContestAccess; item: repo.ItemRow }> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const item = await repo.findSubItem(ctx.db, contestId, itemId);
  if (!item) throw notFound('contest.item_not_found');
  return { access, item };
}

export const notItemJudge = () => new AppError('contest.scores.not_item_judge', 403);

export function aspectRule(a: repo.AspectRow): AspectRule {
  return {
    id: a.id, code: a.code, type: a.type, maxCents: centsOf(a.max), judges: a.judges,
    deductions: (a.deductions ?? []).map((d) => ({ code: d.code, pointsCents: toCents(d.points) ?? 0 })),
  };
}

export const entryOf = (m: repo.MarkRow): Entry => ({ judgeId: m.judge_id, cents: centsOf(m.value), at: m.updated_at });

/** A decimal column as the API shows it: "4.50" → "4.5", "3.00" → "3". */
export const plain = (text: string): string => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

export function toMark(m: repo.MarkRow, workNumber: string): Mark {
  return {
    id: m.id, aspectId: m.aspect_id, contestantId: m.contestant_id, workNumber, judge: { id: m.judge_id, name: m.judge_name },
    value: plain(m.value), deductions: m.deductions ? m.deductions.map((d) => ({ code: d.code, count: d.count ?? 1, points: d.points })) : null,
    version: m.version, enteredAt: m.entered_at.toISOString(), updatedAt: m.updated_at.toISOString(),
  };
}

/** One aspect of one contestant: entries, completeness, its computed flag and whether that is still open. */
export function slotOf(rule: AspectRule, marks: readonly repo.MarkRow[], resolvedAt: Date | null): Slot {
  const entries = marks.map(entryOf);
  const flag = flagOf(rule, entries);
  return { entries: entries.length, needed: entriesNeeded(rule), complete: isComplete(rule, entries), flag, flagOpen: isFlagOpen(flag, entries, resolvedAt) };
}
