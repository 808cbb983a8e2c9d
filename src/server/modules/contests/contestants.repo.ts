import { sql } from 'kysely';
import type { ContestStage, Executor } from '../../platform/db.js';
import { likeEscape } from '../../platform/pagination.js';

// All SQL about a contest's contestants: registration, written scores, stages and work numbers.

const COLUMNS = ['p.id', 'p.contest_id', 'p.team_id', 'p.name', 'p.gender', 'p.employer', 'p.id_number_masked', 'p.phone_masked', 'p.is_union_member',
  'p.member_no', 'p.stage', 'p.work_number', 'p.written', 'p.version', 't.name as team_name', 'un.scope_prefix as team_scope'] as const;

const base = (db: Executor) => db.selectFrom('contest_contestants as p')
  .innerJoin('contest_teams as t', 't.id', 'p.team_id').innerJoin('unions as un', 'un.id', 't.union_id');

export function findContestant(db: Executor, contestId: number, id: number) {
  return base(db).select(COLUMNS).where('p.contest_id', '=', contestId).where('p.id', '=', id).executeTakeFirst();
}
export type ContestantRow = NonNullable<Awaited<ReturnType<typeof findContestant>>>;

/**
 * A page of contestants. `anonymous`: only those holding a work number, in work-number order
 * (what judges see); otherwise by team, then registration.
 */
export async function listContestants(db: Executor, input: {
  contestId: number; teamIds?: number[] | undefined; stage?: ContestStage | undefined; q?: string | undefined; anonymous: boolean; offset: number; limit: number;
}) {
  let q = base(db).where('p.contest_id', '=', input.contestId);
  if (input.teamIds) q = q.where('p.team_id', 'in', input.teamIds.length ? input.teamIds : [0]);
  if (input.stage) q = q.where('p.stage', '=', input.stage);
  if (input.anonymous) q = q.where('p.work_number', 'is not', null);
  else if (input.q) {
    const like = `%${likeEscape(input.q)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'like', like), eb('p.employer', 'like', like), eb('p.work_number', '=', input.q!)]));
  }
  const ordered = input.anonymous ? q.orderBy('p.work_number') : q.orderBy('t.seq').orderBy('t.id').orderBy('p.id');
  const [rows, total] = await Promise.all([
    ordered.select(COLUMNS).offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The team (name) of the contest where this person (by 身份证号 blind index) is registered. */
export function findByIdHash(db: Executor, contestId: number, hash: Buffer) {
  return db.selectFrom('contest_contestants as p').innerJoin('contest_teams as t', 't.id', 'p.team_id')
    .select(['p.id', 'p.name', 't.name as team_name']).where('p.contest_id', '=', contestId).where('p.id_number_hash', '=', hash).executeTakeFirst();
}

/** Every registered person of a contest by blind index (the import checks a whole sheet at once). */
export function listIdHashes(db: Executor, contestId: number) {
  return db.selectFrom('contest_contestants as p').innerJoin('contest_teams as t', 't.id', 'p.team_id')
    .select(['p.id', 'p.id_number_hash', 'p.team_id', 't.name as team_name', 'p.work_number']).where('p.contest_id', '=', contestId).execute();
}

export interface ContestantValues {
  team_id: number; name: string; gender: 'm' | 'f' | null; employer: string; id_number_enc: Buffer; id_number_hash: Buffer; id_number_masked: string;
  phone_enc: Buffer | null; phone_hash: Buffer | null; phone_masked: string | null; is_union_member: boolean; member_no: string | null;
}

export function insertContestants(db: Executor, contestId: number, stage: ContestStage, createdBy: string, rows: ContestantValues[]) {
  return db.insertInto('contest_contestants').values(rows.map((r) => ({ ...r, contest_id: contestId, stage, created_by: createdBy }))).returning('id').execute();
}

/** Apply a change when the version still matches; undefined when another change came first. */
export function updateContestant(db: Executor, id: number, version: number | null, set: Partial<ContestantValues> & { stage?: ContestStage; written?: string | null; written_by?: string | null; written_at?: Date | null }) {
  let q = db.updateTable('contest_contestants').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return q.returning(['id', 'version']).executeTakeFirst();
}

export async function deleteContestant(db: Executor, id: number) {
  await db.deleteFrom('contest_contestants').where('id', '=', id).execute();
}

export function findCiphers(db: Executor, id: number) {
  return db.selectFrom('contest_contestants').select(['id_number_enc', 'phone_enc']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Contestants still in the running (not withdrawn), for qualification and the draw. */
export function listActive(db: Executor, contestId: number) {
  return db.selectFrom('contest_contestants').select(['id', 'team_id', 'name', 'stage', 'work_number']).where('contest_id', '=', contestId)
    .where('stage', '<>', 'withdrawn').orderBy('id').execute();
}

export async function setStages(db: Executor, contestId: number, ids: number[], stage: ContestStage) {
  if (ids.length) await db.updateTable('contest_contestants').set({ stage, version: sql`version + 1`, updated_at: sql`now()` }).where('contest_id', '=', contestId).where('id', 'in', ids).execute();
}

/** Replace the contest's work numbers (all cleared first: numbers are unique per contest). */
export async function setWorkNumbers(db: Executor, contestId: number, numbers: { contestantId: number; workNumber: string }[]) {
  await db.updateTable('contest_contestants').set({ work_number: null }).where('contest_id', '=', contestId).where('work_number', 'is not', null).execute();
  if (!numbers.length) return;
  await sql`
    UPDATE contest_contestants AS p SET work_number = v.work_number, version = p.version + 1, updated_at = now()
    FROM (SELECT unnest(${numbers.map((n) => n.contestantId)}::bigint[]) AS id, unnest(${numbers.map((n) => n.workNumber)}::text[]) AS work_number) AS v
    WHERE p.id = v.id AND p.contest_id = ${contestId}`.execute(db);
}

/** Written scores by contestant, for the import (by work number or 身份证号). */
export async function setWrittenMany(db: Executor, contestId: number, scores: { id: number; written: string }[], actorId: string) {
  if (!scores.length) return;
  await sql`
    UPDATE contest_contestants AS p SET written = v.written, written_by = ${actorId}, written_at = now(), version = p.version + 1, updated_at = now()
    FROM (SELECT unnest(${scores.map((s) => s.id)}::bigint[]) AS id, unnest(${scores.map((s) => s.written)}::numeric[]) AS written) AS v
    WHERE p.id = v.id AND p.contest_id = ${contestId}`.execute(db);
}
