import type { Actor } from '../../platform/actor.js';
import { isStaff, isWithinScope } from '../accounts/accounts.policy.js';

// Who may do what in a skills competition (issue 6). Everything is decided from the actor and a
// ContestAccess (contests.access.ts); no rule lives anywhere else.

/** The actor's relation to one contest, loaded once per request by loadContestAccess. */
export interface ContestRelation {
  ownerScope: string;
  status: 'draft' | 'published';
  chiefJudgeId: string | null;
  revealed: boolean;
  /** Sub-items the actor is assigned to as a judge. */
  judgeItemIds: readonly number[];
}

/** Any union's staff may start a contest for a union in their scope (usually a federation's). */
export const canCreateContest = (actor: Actor | null): boolean => !!actor && isStaff(actor) && actor.scopePrefix !== null;

/** A contest is run by its owning union's staff and the unions above it. */
export const canManageContest = (actor: Actor | null, c: ContestRelation): boolean =>
  !!actor && isStaff(actor) && isWithinScope(actor, c.ownerScope);

/** The contest's chief judge (裁判长). */
export const isChiefJudge = (actor: Actor | null, c: ContestRelation): boolean => !!actor && !!c.chiefJudgeId && actor.id === c.chiefJudgeId;

/** A judge assigned to this sub-item. */
export const isItemJudge = (actor: Actor | null, c: ContestRelation, itemId: number): boolean => !!actor && c.judgeItemIds.includes(itemId);

/** Staff of a team's union (and above) register and edit that team's contestants; the contest's managers any team's. */
export const canRegisterForTeam = (actor: Actor | null, c: ContestRelation, teamScope: string): boolean =>
  canManageContest(actor, c) || (!!actor && isStaff(actor) && isWithinScope(actor, teamScope));

/** Seeing the contest at all: the public once published; its managers, chief judge and judges always. */
export const canViewContest = (actor: Actor | null, c: ContestRelation): boolean =>
  c.status === 'published' || canManageContest(actor, c) || isChiefJudge(actor, c) || c.judgeItemIds.length > 0;

/**
 * Names behind work numbers: the organisers always (they register people); judges, the chief judge
 * and the public only after the chief judge reveals — judges mark anonymous work (issue 6 §1).
 */
export const canSeeNames = (actor: Actor | null, c: ContestRelation): boolean => c.revealed || canManageContest(actor, c);

/** A sub-item's marks: its judges, the chief judge and the organisers; not a judge of another item. */
export const canReadItemMarks = (actor: Actor | null, c: ContestRelation, itemId: number): boolean =>
  isItemJudge(actor, c, itemId) || isChiefJudge(actor, c) || canManageContest(actor, c);

/** Entering marks: the sub-item's assigned judges only. */
export const canEnterMarks = (actor: Actor | null, c: ContestRelation, itemId: number): boolean => isItemJudge(actor, c, itemId);

/** Verifying, locking, re-locking, resolving flags and revealing: the chief judge only. */
export const canLock = (actor: Actor | null, c: ContestRelation): boolean => isChiefJudge(actor, c);

/** Live (unfrozen) results: organisers and the chief judge; everyone else sees the frozen board. */
export const canSeeLiveResults = (actor: Actor | null, c: ContestRelation): boolean => canManageContest(actor, c) || isChiefJudge(actor, c);
