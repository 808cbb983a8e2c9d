import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { canViewContest, type ContestRelation } from './contests.policy.js';

/** A contest row with what every use case needs to authorise. */
export interface ContestAccess extends ContestRelation {
  id: number;
  name: string;
  ownerUnionId: string;
  lotsDrawn: boolean;
  version: number;
}

/**
 * Loads a contest and the actor's relation to it (owner scope, chief judge, assigned sub-items);
 * 404 contest.not_found when it does not exist or the actor may not see it (drafts are private).
 */
export async function loadContestAccess(db: Executor, contestId: number, actor: Actor | null, options: { forUpdate?: boolean } = {}): Promise<ContestAccess> {
  let query = db
    .selectFrom('contests as c')
    .innerJoin('unions as u', 'u.id', 'c.owner_union_id')
    .select(['c.id', 'c.name', 'c.owner_union_id', 'c.status', 'c.chief_judge_id', 'c.revealed_at', 'c.lots_drawn_at', 'c.version', 'u.scope_prefix'])
    .where('c.id', '=', contestId);
  if (options.forUpdate) query = query.forUpdate('c');
  const row = Number.isSafeInteger(contestId) ? await query.executeTakeFirst() : undefined;
  if (!row) throw new AppError('contest.not_found', 404);
  const judgeItems = actor
    ? await db.selectFrom('contest_judges').select('item_id').where('contest_id', '=', contestId).where('user_id', '=', actor.id).execute()
    : [];
  const access: ContestAccess = {
    id: row.id, name: row.name, ownerUnionId: row.owner_union_id, ownerScope: row.scope_prefix, status: row.status,
    chiefJudgeId: row.chief_judge_id, revealed: row.revealed_at !== null, lotsDrawn: row.lots_drawn_at !== null,
    version: row.version, judgeItemIds: judgeItems.map((j) => j.item_id),
  };
  if (!canViewContest(actor, access)) throw new AppError('contest.not_found', 404);
  return access;
}
