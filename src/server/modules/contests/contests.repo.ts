import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { RoundInput } from './contests.schemas.js';

// All SQL of the setup slice: contests, rounds, teams (contestants are in contestants.repo.ts).

const CONTEST_COLUMNS = ['c.id', 'c.name', 'c.theme', 'c.description', 'c.organisers', 'c.owner_union_id', 'c.venue', 'c.starts_on', 'c.ends_on',
  'c.rules', 'c.status', 'c.chief_judge_id', 'c.lots_seed', 'c.lots_drawn_at', 'c.revealed_at', 'c.version', 'u.name as owner_union_name', 'u.scope_prefix as owner_scope'] as const;

export function findContest(db: Executor, id: number) {
  return db.selectFrom('contests as c').innerJoin('unions as u', 'u.id', 'c.owner_union_id')
    .leftJoin('users as j', 'j.id', 'c.chief_judge_id')
    .select([...CONTEST_COLUMNS, 'j.name as chief_judge_name']).where('c.id', '=', id).executeTakeFirst();
}
export type ContestRow = NonNullable<Awaited<ReturnType<typeof findContest>>>;

/**
 * Contests the caller may see: published ones; staff also every contest owned in their scope; judges
 * and chief judges the contests they judge.
 */
export async function listContests(db: Executor, input: { scopePrefix: string | null; userId: string | null; status?: 'draft' | 'published' | undefined; offset: number; limit: number }) {
  let q = db.selectFrom('contests as c').innerJoin('unions as u', 'u.id', 'c.owner_union_id');
  const { scopePrefix, userId } = input;
  q = q.where((eb) => eb.or([
    eb('c.status', '=', 'published'),
    ...(scopePrefix !== null ? [eb('u.scope_prefix', 'like', `${scopePrefix}%`)] : []),
    ...(userId ? [
      eb('c.chief_judge_id', '=', userId),
      eb.exists(eb.selectFrom('contest_judges as cj').select('cj.item_id').whereRef('cj.contest_id', '=', 'c.id').where('cj.user_id', '=', userId)),
    ] : []),
  ]));
  if (input.status) q = q.where('c.status', '=', input.status);
  const [rows, total] = await Promise.all([
    q.select(['c.id', 'c.name', 'c.starts_on', 'c.ends_on', 'c.status', 'c.venue', 'c.owner_union_id', 'u.name as owner_union_name'])
      .orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function countContest(db: Executor, contestId: number) {
  const row = await db.selectFrom('contests as c').where('c.id', '=', contestId).select([
    (eb) => eb.selectFrom('contest_teams').select(eb.fn.countAll<string>().as('n')).where('contest_id', '=', contestId).as('teams'),
    (eb) => eb.selectFrom('contest_contestants').select(eb.fn.countAll<string>().as('n')).where('contest_id', '=', contestId).where('stage', '<>', 'withdrawn').as('contestants'),
    (eb) => eb.selectFrom('contest_contestants').select(eb.fn.countAll<string>().as('n')).where('contest_id', '=', contestId).where('stage', '=', 'finalist').as('finalists'),
  ]).executeTakeFirstOrThrow();
  return { teams: Number(row.teams), contestants: Number(row.contestants), finalists: Number(row.finalists) };
}

export function listRounds(db: Executor, contestId: number) {
  return db.selectFrom('contest_rounds').select(['id', 'seq', 'name', 'kind', 'starts_on', 'ends_on', 'qualification', 'qualified_at'])
    .where('contest_id', '=', contestId).orderBy('seq').execute();
}
export type RoundRow = Awaited<ReturnType<typeof listRounds>>[number];

export async function insertRounds(db: Executor, contestId: number, rounds: RoundInput[], firstSeq = 1) {
  if (!rounds.length) return;
  await db.insertInto('contest_rounds').values(rounds.map((r, i) => ({
    contest_id: contestId, seq: firstSeq + i, name: r.name, kind: r.kind, starts_on: r.startsOn, ends_on: r.endsOn,
    qualification: r.qualification ? JSON.stringify(r.qualification) : null,
  }))).execute();
}

export function insertContest(db: Executor, values: {
  name: string; theme: string; description: string; organisers: string[]; ownerUnionId: string; venue: string; startsOn: string; endsOn: string;
  rules: unknown; status: 'draft' | 'published'; chiefJudgeId: string | null; createdBy: string;
}) {
  return db.insertInto('contests').values({
    name: values.name, theme: values.theme, description: values.description, organisers: JSON.stringify(values.organisers), owner_union_id: values.ownerUnionId,
    venue: values.venue, starts_on: values.startsOn, ends_on: values.endsOn, rules: JSON.stringify(values.rules), status: values.status,
    chief_judge_id: values.chiefJudgeId, created_by: values.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

/** Apply a change when the version still matches; undefined when another change came first. */
export function updateContest(db: Executor, id: number, version: number, set: Record<string, unknown>) {
  return db.updateTable('contests').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).where('version', '=', version).returning(['id', 'version']).executeTakeFirst();
}

/** Bump the version of a contest after a change to its parts (teams, rounds, lots …). */
export async function touchContest(db: Executor, id: number) {
  await db.updateTable('contests').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Users holding the chief judge role (the chief judge picker); `id` to check one. */
export function listChiefJudgeCandidates(db: Executor, options: { id?: string; q?: string } = {}) {
  let q = db.selectFrom('users').select(['id', 'name', 'username']).where('is_disabled', '=', false).where(sql<boolean>`'chief_judge' = ANY(roles)`);
  if (options.id) q = q.where('id', '=', options.id);
  if (options.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${options.q}%`), eb('username', 'like', `%${options.q}%`)]));
  return q.orderBy('name').limit(100).execute();
}

/** Whether any mark has been entered in the contest (lots and the scheme are fixed from then on). */
export async function hasMarks(db: Executor, contestId: number): Promise<boolean> {
  const row = await db.selectFrom('contest_marks').select('id').where('contest_id', '=', contestId).limit(1).executeTakeFirst();
  return !!row;
}

export async function announceContest(db: Executor, contestId: number): Promise<void> {
  await sql`SELECT pg_notify('chuanyu_live', ${`contest:${contestId}`})`.execute(db);
}

// ---- teams ----

const TEAM_COLUMNS = ['t.id', 't.name', 't.union_id', 't.leader', 't.seq', 'un.name as union_name', 'un.scope_prefix as union_scope'] as const;

export function listTeams(db: Executor, contestId: number) {
  return db.selectFrom('contest_teams as t').innerJoin('unions as un', 'un.id', 't.union_id')
    .select([...TEAM_COLUMNS,
      (eb) => eb.selectFrom('contest_contestants as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.team_id', '=', 't.id').where('p.stage', '<>', 'withdrawn').as('contestants'),
      (eb) => eb.selectFrom('contest_contestants as p').select(eb.fn.countAll<string>().as('n')).whereRef('p.team_id', '=', 't.id').where('p.stage', '=', 'finalist').as('finalists'),
    ])
    .where('t.contest_id', '=', contestId).orderBy('t.seq').orderBy('t.id').execute();
}

export function findTeam(db: Executor, contestId: number, teamId: number) {
  return db.selectFrom('contest_teams as t').innerJoin('unions as un', 'un.id', 't.union_id').select(TEAM_COLUMNS)
    .where('t.contest_id', '=', contestId).where('t.id', '=', teamId).executeTakeFirst();
}
export type TeamRow = NonNullable<Awaited<ReturnType<typeof findTeam>>>;

export function findTeamByName(db: Executor, contestId: number, name: string) {
  return db.selectFrom('contest_teams').select('id').where('contest_id', '=', contestId).where('name', '=', name).executeTakeFirst();
}

export async function insertTeam(db: Executor, contestId: number, values: { name: string; unionId: string; leader: string }) {
  const seq = await db.selectFrom('contest_teams').select((eb) => eb.fn.coalesce(eb.fn.max('seq'), sql<number>`0`).as('m')).where('contest_id', '=', contestId).executeTakeFirstOrThrow();
  return db.insertInto('contest_teams').values({ contest_id: contestId, name: values.name, union_id: values.unionId, leader: values.leader, seq: Number(seq.m) + 1 })
    .returning('id').executeTakeFirstOrThrow();
}

export async function updateTeam(db: Executor, teamId: number, set: { name?: string; union_id?: string; leader?: string }) {
  if (Object.keys(set).length) await db.updateTable('contest_teams').set(set).where('id', '=', teamId).execute();
}

export async function deleteTeam(db: Executor, teamId: number) {
  await db.deleteFrom('contest_teams').where('id', '=', teamId).execute();
}

export async function teamHasContestants(db: Executor, teamId: number): Promise<boolean> {
  return !!(await db.selectFrom('contest_contestants').select('id').where('team_id', '=', teamId).limit(1).executeTakeFirst());
}

// ---- rounds ----

export function findRound(db: Executor, contestId: number, roundId: number) {
  return db.selectFrom('contest_rounds').selectAll().where('contest_id', '=', contestId).where('id', '=', roundId).executeTakeFirst();
}

export async function updateRound(db: Executor, roundId: number, set: Record<string, unknown>) {
  if (Object.keys(set).length) await db.updateTable('contest_rounds').set(set).where('id', '=', roundId).execute();
}

/** Insert a preliminary round just before the final (the final moves one place on). */
export async function insertPreliminary(db: Executor, contestId: number, round: RoundInput) {
  const final = await db.selectFrom('contest_rounds').select(['id', 'seq']).where('contest_id', '=', contestId).where('kind', '=', 'final').executeTakeFirst();
  const seq = final ? final.seq : ((await listRounds(db, contestId)).at(-1)?.seq ?? 0) + 1;
  if (final) await db.updateTable('contest_rounds').set({ seq: final.seq + 1 }).where('id', '=', final.id).execute();
  await insertRounds(db, contestId, [{ ...round, kind: 'preliminary' }], seq);
}

export async function deleteRound(db: Executor, roundId: number) {
  await db.deleteFrom('contest_rounds').where('id', '=', roundId).execute();
}

export function listRoundScores(db: Executor, roundId: number) {
  return db.selectFrom('contest_round_scores').select(['contestant_id', 'score']).where('round_id', '=', roundId).orderBy('contestant_id').execute();
}

export async function setRoundScores(db: Executor, roundId: number, scores: { contestantId: number; score: number | null }[], actorId: string) {
  const clear = scores.filter((s) => s.score === null).map((s) => s.contestantId);
  const put = scores.filter((s) => s.score !== null);
  if (clear.length) await db.deleteFrom('contest_round_scores').where('round_id', '=', roundId).where('contestant_id', 'in', clear).execute();
  if (put.length) {
    await db.insertInto('contest_round_scores').values(put.map((s) => ({ round_id: roundId, contestant_id: s.contestantId, score: String(s.score), entered_by: actorId })))
      .onConflict((oc) => oc.columns(['round_id', 'contestant_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), entered_by: eb.ref('excluded.entered_by'), entered_at: sql`now()` })))
      .execute();
  }
}
