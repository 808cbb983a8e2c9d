import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// SQL of the scores slice (issue 6 §3): marks, times, flag resolutions, locks and the append-only
// history. Entries and locks of one sub-item take turns on the sub-item's row (lockItem).

export type ItemRow = {
  id: number; contest_id: number; parent_id: number | null; code: string; name: string; max: string | null; is_timed: boolean;
  time_limit_seconds: number | null; lock_state: 'open' | 'locked' | 'reopened'; locked_at: Date | null; lock_count: number; seq: number;
};

const itemColumns = ['id', 'contest_id', 'parent_id', 'code', 'name', 'max', 'is_timed', 'time_limit_seconds', 'lock_state', 'locked_at', 'lock_count', 'seq'] as const;

/** A sub-item of the contest (items with a parent), or undefined. */
export async function findSubItem(db: Executor, contestId: number, itemId: number): Promise<ItemRow | undefined> {
  if (!Number.isSafeInteger(itemId)) return undefined;
  return db.selectFrom('contest_items').select(itemColumns).where('contest_id', '=', contestId).where('id', '=', itemId)
    .where('parent_id', 'is not', null).executeTakeFirst();
}

/** The sub-item's row, locked for this transaction: entries, changes and the lock of one sub-item take turns. */
export async function lockItem(trx: Executor, itemId: number): Promise<ItemRow> {
  return trx.selectFrom('contest_items').select(itemColumns).where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * A new entry holds the sub-item's row in share mode (entries go side by side; a lock, which takes
 * the row for update, waits for them and then holds them off) and takes turns only with entries
 * for the same aspect and contestant (a transaction-scoped advisory lock on that pair), so that
 * two judges entering one double entry at once cannot both take the second slot.
 */
export async function shareItemForEntry(trx: Executor, itemId: number, aspectId: number, contestantId: number): Promise<ItemRow> {
  const item = await trx.selectFrom('contest_items').select(itemColumns).where('id', '=', itemId).forShare().executeTakeFirstOrThrow();
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`contest-mark:${aspectId}:${contestantId}`}, 0))`.execute(trx);
  return item;
}

/** Every sub-item of a contest, with its major item's name, in scheme order. */
export async function listSubItems(db: Executor, contestId: number) {
  return db.selectFrom('contest_items as i').leftJoin('contest_items as p', 'p.id', 'i.parent_id')
    .select(['i.id', 'i.code', 'i.name', 'i.is_timed', 'i.lock_state', 'i.locked_at', 'i.lock_count', 'p.name as parent_name'])
    .where('i.contest_id', '=', contestId).where('i.parent_id', 'is not', null).orderBy('p.seq').orderBy('i.seq').orderBy('i.id').execute();
}

export type AspectRow = {
  id: number; item_id: number; code: string; seq: number; type: 'measurement' | 'judgement' | 'deduction'; max: string; description: string;
  descriptors: string[] | null; deductions: { code: string; text: string; points: number }[] | null; judges: number;
};

export async function listAspects(db: Executor, itemIds: readonly number[]): Promise<AspectRow[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('contest_aspects').select(['id', 'item_id', 'code', 'seq', 'type', 'max', 'description', 'descriptors', 'deductions', 'judges'])
    .where('item_id', 'in', itemIds).orderBy('item_id').orderBy('seq').orderBy('id').execute();
}

/** The final's contestants with a work number, by work number (names only used when the caller may see them). */
export async function listFinalists(db: Executor, contestId: number) {
  return db.selectFrom('contest_contestants as c').innerJoin('contest_teams as t', 't.id', 'c.team_id')
    .select(['c.id', 'c.work_number', 'c.name', 'c.employer', 't.name as team_name'])
    .where('c.contest_id', '=', contestId).where('c.stage', '=', 'finalist').where('c.work_number', 'is not', null)
    .orderBy(sql`length(c.work_number)`).orderBy('c.work_number').execute() as Promise<{ id: number; work_number: string; name: string; employer: string; team_name: string }[]>;
}

export async function findFinalist(db: Executor, contestId: number, contestantId: number) {
  if (!Number.isSafeInteger(contestantId)) return undefined;
  return db.selectFrom('contest_contestants').select(['id', 'work_number']).where('contest_id', '=', contestId).where('id', '=', contestantId)
    .where('stage', '=', 'finalist').where('work_number', 'is not', null).executeTakeFirst() as Promise<{ id: number; work_number: string } | undefined>;
}

export type MarkRow = {
  id: number; aspect_id: number; contestant_id: number; judge_id: string; judge_name: string; value: string;
  deductions: { code: string; count?: number; points: number }[] | null; version: number; entered_at: Date; updated_at: Date;
};

const markSelect = (db: Executor) => db.selectFrom('contest_marks as m').innerJoin('users as u', 'u.id', 'm.judge_id')
  .select(['m.id', 'm.aspect_id', 'm.contestant_id', 'm.judge_id', 'u.name as judge_name', 'm.value', 'm.deductions', 'm.version', 'm.entered_at', 'm.updated_at']);

export async function listItemMarks(db: Executor, itemId: number): Promise<MarkRow[]> {
  return markSelect(db).where('m.item_id', '=', itemId).orderBy('m.entered_at').orderBy('m.id').execute() as Promise<MarkRow[]>;
}

export async function listEntries(db: Executor, aspectId: number, contestantId: number): Promise<MarkRow[]> {
  return markSelect(db).where('m.aspect_id', '=', aspectId).where('m.contestant_id', '=', contestantId).orderBy('m.entered_at').orderBy('m.id').execute() as Promise<MarkRow[]>;
}

export async function findMark(db: Executor, itemId: number, markId: number, forUpdate = false): Promise<MarkRow | undefined> {
  if (!Number.isSafeInteger(markId)) return undefined;
  let q = markSelect(db).where('m.item_id', '=', itemId).where('m.id', '=', markId);
  if (forUpdate) q = q.forUpdate('m');
  return q.executeTakeFirst() as Promise<MarkRow | undefined>;
}

export async function insertMark(trx: Executor, m: { contestId: number; itemId: number; aspectId: number; contestantId: number; judgeId: string; value: string; deductions: string | null }): Promise<number> {
  const row = await trx.insertInto('contest_marks').values({
    contest_id: m.contestId, item_id: m.itemId, aspect_id: m.aspectId, contestant_id: m.contestantId, judge_id: m.judgeId, value: m.value, deductions: m.deductions, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMark(trx: Executor, markId: number, value: string, deductions: string | null): Promise<void> {
  await trx.updateTable('contest_marks').set({ value, deductions, updated_at: new Date(), version: sql`version + 1` }).where('id', '=', markId).execute();
}

export async function listTimes(db: Executor, itemId: number) {
  return db.selectFrom('contest_item_times').select(['contestant_id', 'seconds', 'entered_at']).where('item_id', '=', itemId).execute();
}

export async function findTime(db: Executor, itemId: number, contestantId: number) {
  return db.selectFrom('contest_item_times').select(['seconds']).where('item_id', '=', itemId).where('contestant_id', '=', contestantId).executeTakeFirst();
}

export async function upsertTime(trx: Executor, itemId: number, contestantId: number, seconds: number, by: string): Promise<void> {
  await trx.insertInto('contest_item_times').values({ item_id: itemId, contestant_id: contestantId, seconds, entered_by: by })
    .onConflict((oc) => oc.columns(['item_id', 'contestant_id']).doUpdateSet({ seconds, entered_by: by, entered_at: new Date() })).execute();
}

export async function listResolutions(db: Executor, itemId: number) {
  return db.selectFrom('contest_flag_resolutions as r').innerJoin('contest_aspects as a', 'a.id', 'r.aspect_id').leftJoin('users as u', 'u.id', 'r.resolved_by')
    .select(['r.aspect_id', 'r.contestant_id', 'r.note', 'r.resolved_at', 'u.name as resolved_by_name']).where('a.item_id', '=', itemId).execute();
}

export async function upsertResolution(trx: Executor, aspectId: number, contestantId: number, note: string, by: string): Promise<void> {
  await trx.insertInto('contest_flag_resolutions').values({ aspect_id: aspectId, contestant_id: contestantId, note, resolved_by: by })
    .onConflict((oc) => oc.columns(['aspect_id', 'contestant_id']).doUpdateSet({ note, resolved_by: by, resolved_at: new Date() })).execute();
}

export async function setLockState(trx: Executor, itemId: number, state: 'locked' | 'reopened', by: string): Promise<void> {
  await trx.updateTable('contest_items').set(state === 'locked'
    ? { lock_state: 'locked', locked_at: new Date(), locked_by: by, lock_count: sql`lock_count + 1` }
    : { lock_state: 'reopened' }).where('id', '=', itemId).execute();
}

export type HistoryAction = 'enter' | 'change' | 'time' | 'lock' | 'reopen' | 'relock' | 'resolve';

export async function appendHistory(trx: Executor, h: {
  contestId: number; itemId: number; action: HistoryAction; actorId: string; aspectId?: number | null; contestantId?: number | null;
  judgeId?: string | null; oldValue?: string | null; newValue?: string | null; reason?: string | null;
}): Promise<void> {
  await trx.insertInto('contest_score_history').values({
    contest_id: h.contestId, item_id: h.itemId, aspect_id: h.aspectId ?? null, contestant_id: h.contestantId ?? null, judge_id: h.judgeId ?? null,
    action: h.action, old_value: h.oldValue ?? null, new_value: h.newValue ?? null, reason: h.reason ?? null, actor_id: h.actorId,
  }).execute();
}

/** Announce at commit that the contest's locked results may have changed (results slice, topic contest:<id>). */
export async function announceContest(trx: Executor, contestId: number): Promise<void> {
  await sql`SELECT pg_notify('chuanyu_live', ${`contest:${contestId}`})`.execute(trx);
}

export async function listHistory(db: Executor, contestId: number, itemId: number | null, limit: number) {
  let q = db.selectFrom('contest_score_history as h')
    .leftJoin('contest_items as i', 'i.id', 'h.item_id').leftJoin('contest_aspects as a', 'a.id', 'h.aspect_id')
    .leftJoin('contest_contestants as c', 'c.id', 'h.contestant_id').leftJoin('users as j', 'j.id', 'h.judge_id').leftJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.action', 'h.item_id', 'i.code as item_code', 'a.code as aspect_code', 'c.work_number', 'j.name as judge_name',
      'h.old_value', 'h.new_value', 'h.reason', 'u.name as actor_name', 'h.at'])
    .where('h.contest_id', '=', contestId);
  if (itemId !== null) q = q.where('h.item_id', '=', itemId);
  return q.orderBy('h.at', 'desc').orderBy('h.id', 'desc').limit(limit).execute();
}

/** Contests where the user judges a sub-item or is the chief judge, newest first. */
export async function listJudgeContests(db: Executor, userId: string) {
  return db.selectFrom('contests as c')
    .select(['c.id', 'c.name', 'c.venue', 'c.starts_on', 'c.ends_on', 'c.lots_drawn_at', 'c.revealed_at', 'c.chief_judge_id'])
    .where((eb) => eb.or([
      eb('c.chief_judge_id', '=', userId),
      eb.exists(eb.selectFrom('contest_judges as j').select('j.item_id').whereRef('j.contest_id', '=', 'c.id').where('j.user_id', '=', userId)),
    ]))
    .orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').limit(50).execute();
}

/**
 * Per sub-item of the given contests where the user judges: how many (finalist, aspect) slots he has
 * done (his entry is there, or the aspect already has all the entries it takes) out of all.
 */
export async function judgeProgress(db: Executor, contestIds: readonly number[], userId: string) {
  if (contestIds.length === 0) return [];
  const { rows } = await sql<{ item_id: number; contest_id: number; code: string; name: string; lock_state: string; is_timed: boolean; seq: number; done: number; total: number }>`
    SELECT i.id::int AS item_id, i.contest_id::int AS contest_id, i.code, i.name, i.lock_state, i.is_timed, i.seq,
      count(c.id) FILTER (WHERE m.mine OR m.n >= CASE WHEN a.type = 'judgement' THEN a.judges ELSE 2 END)::int AS done,
      count(c.id)::int AS total
    FROM contest_judges j
    JOIN contest_items i ON i.id = j.item_id
    LEFT JOIN contest_aspects a ON a.item_id = i.id
    LEFT JOIN contest_contestants c ON c.contest_id = i.contest_id AND c.stage = 'finalist' AND c.work_number IS NOT NULL AND a.id IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, bool_or(mk.judge_id = ${userId}) AS mine FROM contest_marks mk WHERE mk.aspect_id = a.id AND mk.contestant_id = c.id
    ) m ON true
    WHERE j.user_id = ${userId} AND j.contest_id IN (${sql.join(contestIds)})
    GROUP BY i.id ORDER BY i.contest_id, i.seq, i.id`.execute(db);
  return rows;
}
