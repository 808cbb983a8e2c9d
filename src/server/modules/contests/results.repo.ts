import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { ContestRulesSchema, DEFAULT_RULES } from './contests.rules.js';
import type { ResultRows } from './results.board.js';

// All SQL of the results slice (issue 6 §5): the rows the board is computed from, the frozen copy,
// and the certificates. Marks are read only for locked sub-items: a reopened or open item does not count.

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** The contest facts the results pages, certificates and files print. */
export async function findContestFacts(db: Executor, contestId: number) {
  return db.selectFrom('contests').select(['id', 'name', 'organisers', 'venue', 'starts_on', 'ends_on', 'revealed_at', 'status', 'rules'])
    .where('id', '=', contestId).executeTakeFirstOrThrow();
}

/** Everything computeBoard needs: rules, sub-items (with their major item), aspects, finalists, marks and times of locked sub-items. */
export async function loadResultRows(db: Executor, contestId: number): Promise<ResultRows> {
  const contest = await db.selectFrom('contests').select('rules').where('id', '=', contestId).executeTakeFirstOrThrow();
  const parsed = ContestRulesSchema.safeParse(contest.rules);
  const [subItems, aspects, finalists, marks, times] = await Promise.all([
    db.selectFrom('contest_items as i').leftJoin('contest_items as p', 'p.id', 'i.parent_id')
      .select(['i.id', 'i.code', 'i.name', 'p.name as major', 'i.max', 'i.is_timed', 'i.lock_state'])
      .where('i.contest_id', '=', contestId).where('i.parent_id', 'is not', null)
      .orderBy('p.seq').orderBy('i.seq').orderBy('i.id').execute(),
    db.selectFrom('contest_aspects').select(['id', 'code', 'item_id', 'type', 'max']).where('contest_id', '=', contestId).orderBy('item_id').orderBy('seq').execute(),
    db.selectFrom('contest_contestants as c').innerJoin('contest_teams as t', 't.id', 'c.team_id')
      .select(['c.id', 'c.name', 'c.work_number', 'c.written', 'c.team_id', 't.name as team'])
      .where('c.contest_id', '=', contestId).where('c.stage', '=', 'finalist').orderBy('c.id').execute(),
    db.selectFrom('contest_marks as m').innerJoin('contest_items as i', 'i.id', 'm.item_id')
      .select(['m.aspect_id', 'm.contestant_id', 'm.value'])
      .where('m.contest_id', '=', contestId).where('i.lock_state', '=', 'locked').orderBy('m.id').execute(),
    db.selectFrom('contest_item_times as t').innerJoin('contest_items as i', 'i.id', 't.item_id')
      .select(['t.item_id', 't.contestant_id', 't.seconds'])
      .where('i.contest_id', '=', contestId).where('i.lock_state', '=', 'locked').where('i.is_timed', '=', true).execute(),
  ]);
  return {
    rules: parsed.success ? parsed.data : DEFAULT_RULES,
    subItems: subItems.map((i) => ({ id: i.id, code: i.code, name: i.name, major: i.major, max: num(i.max) ?? 0, isTimed: i.is_timed, lockState: i.lock_state })),
    aspects: aspects.map((a) => ({ id: a.id, code: a.code, itemId: a.item_id, type: a.type, max: Number(a.max) })),
    finalists: finalists.map((f) => ({ id: f.id, name: f.name, workNumber: f.work_number, written: num(f.written), teamId: f.team_id, team: f.team })),
    marks: marks.map((m) => ({ aspectId: m.aspect_id, contestantId: m.contestant_id, value: Number(m.value) })),
    times: times.map((t) => ({ itemId: t.item_id, contestantId: t.contestant_id, seconds: t.seconds })),
  };
}

export async function findFreeze(db: Executor, contestId: number) {
  return db.selectFrom('contest_result_freezes').selectAll().where('contest_id', '=', contestId).executeTakeFirst();
}

/** Freeze (or re-freeze) the public copy. */
export async function saveFreeze(db: Executor, contestId: number, results: unknown, actorId: string) {
  return db.insertInto('contest_result_freezes').values({ contest_id: contestId, results: JSON.stringify(results), frozen_by: actorId })
    .onConflict((oc) => oc.column('contest_id').doUpdateSet({ results: JSON.stringify(results), frozen_by: actorId, frozen_at: sql<Date>`now()` }))
    .returning(['frozen_at']).executeTakeFirstOrThrow();
}

export async function deleteFreeze(db: Executor, contestId: number): Promise<boolean> {
  const r = await db.deleteFrom('contest_result_freezes').where('contest_id', '=', contestId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Announce a change of the board to every live page (delivered at commit). */
export async function notifyContest(db: Executor, contestId: number): Promise<void> {
  await sql`SELECT pg_notify('chuanyu_live', ${`contest:${contestId}`})`.execute(db);
}

export interface CertificateWant { kind: 'individual' | 'team' | 'item'; contestantId: number | null; teamId: number | null; itemId: number | null; rank: number; award: string }

/** The certificates in force (not revoked), in print order. */
export async function listCertificates(db: Executor, contestId: number, options: { id?: number } = {}) {
  let q = db.selectFrom('contest_certificates as c')
    .leftJoin('contest_contestants as p', 'p.id', 'c.contestant_id')
    .leftJoin('contest_teams as t', (j) => j.on(sql<boolean>`t.id = coalesce(c.team_id, p.team_id)`))
    .leftJoin('contest_items as i', 'i.id', 'c.item_id')
    .select(['c.id', 'c.code', 'c.kind', 'c.contestant_id', 'c.team_id', 'c.item_id', 'c.rank', 'c.award', 'c.issued_at', 'c.revoked_at',
      'p.name as contestant', 'p.work_number', 'p.employer', 't.name as team', 'i.name as item'])
    .where('c.contest_id', '=', contestId).where('c.revoked_at', 'is', null);
  if (options.id !== undefined) q = q.where('c.id', '=', options.id);
  return q.orderBy(sql`CASE c.kind WHEN 'team' THEN 0 WHEN 'individual' THEN 1 ELSE 2 END`).orderBy('c.item_id').orderBy('c.rank').orderBy('c.id').execute();
}

/** Revoke certificates in force that the results no longer give (their award or rank changed). */
export async function revokeCertificates(db: Executor, ids: number[]): Promise<void> {
  if (ids.length) await db.updateTable('contest_certificates').set({ revoked_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

/** Insert the wanted certificates; one already in force for the same award is kept (unique index of 0009). */
export async function insertCertificates(db: Executor, contestId: number, wants: (CertificateWant & { code: string })[], actorId: string): Promise<number> {
  if (!wants.length) return 0;
  const r = await db.insertInto('contest_certificates').values(wants.map((w) => ({
    contest_id: contestId, code: w.code, kind: w.kind, contestant_id: w.contestantId, team_id: w.teamId, item_id: w.itemId, rank: w.rank, award: w.award, issued_by: actorId,
  }))).onConflict((oc) => oc.expression(sql`contest_id, kind, coalesce(contestant_id, 0), coalesce(team_id, 0), coalesce(item_id, 0)`).where('revoked_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** One certificate by its public code, revoked or not, with what the check page shows. */
export async function findCertificateByCode(db: Executor, code: string) {
  return db.selectFrom('contest_certificates as c')
    .innerJoin('contests as k', 'k.id', 'c.contest_id')
    .leftJoin('contest_contestants as p', 'p.id', 'c.contestant_id')
    .leftJoin('contest_teams as t', (j) => j.on(sql<boolean>`t.id = coalesce(c.team_id, p.team_id)`))
    .leftJoin('contest_items as i', 'i.id', 'c.item_id')
    .select(['c.code', 'c.kind', 'c.rank', 'c.award', 'c.issued_at', 'c.revoked_at', 'k.id as contest_id', 'k.name as contest', 'k.organisers',
      'k.starts_on', 'k.ends_on', 'k.status', 'p.name as contestant', 't.name as team', 'i.name as item'])
    .where('c.code', '=', code).executeTakeFirst();
}

/**
 * A digest of everything the board is computed from (rules, sub-items and their locks, aspects,
 * finalists, teams, marks and times): equal digests, equal boards. One statement that reads the
 * rows inside PostgreSQL and returns 32 characters, so a cached board can be checked cheaply.
 */
export async function boardDigest(db: Executor, contestId: number): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT md5(concat_ws('|',
      (SELECT rules::text FROM contests WHERE id = ${contestId}),
      (SELECT string_agg(concat_ws(':', id, parent_id, code, name, seq, max, is_timed, lock_state, lock_count), ',' ORDER BY id) FROM contest_items WHERE contest_id = ${contestId}),
      (SELECT string_agg(concat_ws(':', id, item_id, code, seq, type, max), ',' ORDER BY id) FROM contest_aspects WHERE contest_id = ${contestId}),
      (SELECT string_agg(concat_ws(':', c.id, c.name, c.stage, c.work_number, c.written, c.team_id, t.name), ',' ORDER BY c.id)
         FROM contest_contestants c JOIN contest_teams t ON t.id = c.team_id WHERE c.contest_id = ${contestId}),
      (SELECT string_agg(concat_ws(':', id, aspect_id, contestant_id, value), ',' ORDER BY id) FROM contest_marks WHERE contest_id = ${contestId}),
      (SELECT string_agg(concat_ws(':', t.item_id, t.contestant_id, t.seconds), ',' ORDER BY t.item_id, t.contestant_id)
         FROM contest_item_times t JOIN contest_items i ON i.id = t.item_id WHERE i.contest_id = ${contestId})
    )) AS digest`.execute(db);
  return rows[0]!.digest;
}
