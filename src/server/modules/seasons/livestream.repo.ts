import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of the livestream rooms (issue 5 §6). A room's featured postings are event_postings rows
// without a sign-up; the room row (livestream_rooms, made with the event by 0008's trigger) holds
// the pin and the counters, which change only together with the records they count.

/** A livestream event with its season, host union and room, in one round trip. */
export function findRoomEvent(db: Executor, eventId: number) {
  return db.selectFrom('events as e')
    .innerJoin('unions as u', 'u.id', 'e.host_union_id')
    .innerJoin('seasons as s', 's.id', 'e.season_id')
    .innerJoin('unions as o', 'o.id', 's.owner_union_id')
    .leftJoin('livestream_rooms as r', 'r.event_id', 'e.id')
    .select([
      'e.id', 'e.season_id', 'e.kind', 'e.name', 'e.description', 'e.status', 'e.starts_at', 'e.ends_at', 'e.details', 'e.region_code',
      'e.host_union_id', 'u.name as host_union_name', 'u.scope_prefix as host_scope',
      's.name as season_name', 's.status as season_status', 'o.scope_prefix as season_owner_scope',
      'r.pinned_posting_id', 'r.pinned_at', 'r.viewers', 'r.applications', 'r.intents', 'r.viewers_version', 'r.updated_at',
    ])
    .where('e.id', '=', eventId).executeTakeFirst();
}
export type RoomEventRow = NonNullable<Awaited<ReturnType<typeof findRoomEvent>>>;

/** The room's featured postings with what a job card shows; `open` when one may still apply. */
export function listFeatured(db: Executor, eventId: number) {
  return db.selectFrom('event_postings as ep')
    .innerJoin('postings as p', 'p.id', 'ep.posting_id')
    .innerJoin('enterprises as x', 'x.id', 'p.enterprise_id')
    .innerJoin('job_types as j', 'j.code', 'p.job_type_code')
    .select([
      'p.id', 'ep.position', 'p.title', 'p.enterprise_id', 'x.name as enterprise_name', 'p.region_code', 'p.job_type_code', 'j.name as job_type_name',
      'p.salary_negotiable', 'p.salary_min', 'p.salary_max', 'p.headcount', 'p.benefits',
      sql<boolean>`p.status = 'published' AND x.status = 'verified' AND p.valid_from <= current_date AND p.valid_until >= current_date`.as('open'),
    ])
    .where('ep.event_id', '=', eventId).where('ep.signup_id', 'is', null)
    .orderBy('ep.position').orderBy('p.id').execute();
}

/** Lock the room for one console write at a time; returns the featured ids and positions as they are now. */
export async function lockRoom(trx: Executor, eventId: number) {
  await trx.selectFrom('livestream_rooms').select('event_id').where('event_id', '=', eventId).forUpdate().executeTakeFirstOrThrow();
  return trx.selectFrom('event_postings').select(['posting_id', 'position'])
    .where('event_id', '=', eventId).where('signup_id', 'is', null).execute();
}

export async function addFeatured(trx: Executor, eventId: number, postingId: number, position: number): Promise<void> {
  await trx.insertInto('event_postings').values({ event_id: eventId, posting_id: postingId, signup_id: null, position }).execute();
}

/** Take a posting off the room; if it was on air, nothing is (the room's second key would refuse a dangling pin). */
export async function removeFeatured(trx: Executor, eventId: number, postingId: number): Promise<void> {
  await trx.updateTable('livestream_rooms').set({ pinned_posting_id: null, pinned_at: null })
    .where('event_id', '=', eventId).where('pinned_posting_id', '=', postingId).execute();
  await trx.deleteFrom('event_postings').where('event_id', '=', eventId).where('posting_id', '=', postingId).where('signup_id', 'is', null).execute();
}

/** Positions 0, 1, 2 … in the given order. */
export async function setOrder(trx: Executor, eventId: number, postingIds: number[]): Promise<void> {
  if (!postingIds.length) return;
  await sql`
    UPDATE event_postings ep SET position = o.n - 1
    FROM unnest(${postingIds}::bigint[]) WITH ORDINALITY AS o(posting_id, n)
    WHERE ep.event_id = ${eventId} AND ep.posting_id = o.posting_id AND ep.signup_id IS NULL`.execute(trx);
}

export async function setPin(trx: Executor, eventId: number, postingId: number | null): Promise<void> {
  await trx.updateTable('livestream_rooms').set({ pinned_posting_id: postingId, pinned_at: postingId === null ? null : sql<Date>`now()` })
    .where('event_id', '=', eventId).execute();
}

/** Enter a viewer count if the room is still at `version`; the new version, or undefined when stale. */
export async function setViewers(trx: Executor, eventId: number, viewers: number, version: number, userId: string): Promise<number | undefined> {
  const row = await trx.updateTable('livestream_rooms').set({ viewers, viewers_version: sql`viewers_version + 1`, updated_at: sql`now()` })
    .where('event_id', '=', eventId).where('viewers_version', '=', version).returning('viewers_version').executeTakeFirst();
  if (!row) return undefined;
  await trx.insertInto('livestream_viewer_counts').values({ event_id: eventId, viewers, entered_by: userId }).execute();
  return row.viewers_version;
}

/** Mark the room changed and tell every app server's subscribers (delivered at commit). */
export async function announceRoom(trx: Executor, eventId: number): Promise<void> {
  await sql`
    WITH touched AS (UPDATE livestream_rooms SET updated_at = now() WHERE event_id = ${eventId})
    SELECT pg_notify('chuanyu_live', ${`live:${eventId}`})`.execute(trx);
}

/** An application made in the room: attributed to the session and counted, in the application's own transaction. */
export async function attributeApplication(trx: Executor, input: { applicationId: number; eventId: number; postingId: number }): Promise<void> {
  await sql`
    WITH a AS (
      INSERT INTO livestream_applications (application_id, event_id, posting_id) VALUES (${input.applicationId}, ${input.eventId}, ${input.postingId})
    ), counted AS (
      UPDATE livestream_rooms SET applications = applications + 1, updated_at = now() WHERE event_id = ${input.eventId}
    )
    SELECT pg_notify('chuanyu_live', ${`live:${input.eventId}`})`.execute(trx);
}

/**
 * The employer moved an application to the intent or hired stage: if it was made in a livestream
 * room and has not reached an intent before, it now counts as the session's intent (once).
 */
export async function markLivestreamIntent(trx: Executor, applicationId: number): Promise<void> {
  await sql`
    WITH reached AS (
      UPDATE livestream_applications SET intent_at = now() WHERE application_id = ${applicationId} AND intent_at IS NULL RETURNING event_id
    ), counted AS (
      UPDATE livestream_rooms r SET intents = intents + 1, updated_at = now() FROM reached WHERE r.event_id = reached.event_id
    )
    SELECT pg_notify('chuanyu_live', 'live:' || event_id) FROM reached`.execute(trx);
}

/** The room's records, counted (what the counters must equal). */
export async function countRecords(db: Executor, eventId: number): Promise<{ applications: number; intents: number }> {
  const r = await db.selectFrom('livestream_applications')
    .select([(eb) => eb.fn.countAll<string>().as('applications'), sql<string>`count(intent_at)`.as('intents')])
    .where('event_id', '=', eventId).executeTakeFirstOrThrow();
  return { applications: Number(r.applications), intents: Number(r.intents) };
}

/**
 * Rebuild the rooms' application and intent counters from their records (the demo's bulk load, and
 * a repair tool), like seasons.repo recountSeason.
 */
export async function recountRooms(db: Executor, eventIds: number[]): Promise<void> {
  if (!eventIds.length) return;
  await sql`
    UPDATE livestream_rooms r SET applications = coalesce(c.applications, 0), intents = coalesce(c.intents, 0)
    FROM unnest(${eventIds}::bigint[]) AS e(id)
    LEFT JOIN (SELECT event_id, count(*)::int AS applications, count(intent_at)::int AS intents FROM livestream_applications GROUP BY event_id) c ON c.event_id = e.id
    WHERE r.event_id = e.id`.execute(db);
}

export async function isFeatured(db: Executor, eventId: number, postingId: number): Promise<boolean> {
  const row = await db.selectFrom('event_postings').select('posting_id')
    .where('event_id', '=', eventId).where('posting_id', '=', postingId).where('signup_id', 'is', null).executeTakeFirst();
  return !!row;
}

export async function postingTitle(db: Executor, postingId: number): Promise<string | undefined> {
  return (await db.selectFrom('postings').select('title').where('id', '=', postingId).executeTakeFirst())?.title;
}
