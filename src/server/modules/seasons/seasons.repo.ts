import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of seasons and events, and of the season's live figures (counters kept in the writing
// transaction: see migration 0006).

export type Federation = '50' | '51';
export type Figure = 'enterprises' | 'positions' | 'checkins' | 'consultations' | 'interviews' | 'intents' | 'postings';

const SEASON_COLUMNS = ['s.id', 's.name', 's.theme', 's.description', 's.starts_on', 's.ends_on', 's.owner_union_id', 's.goals', 's.status', 's.version',
  'u.name as owner_union_name', 'u.scope_prefix as owner_scope'] as const;

export function findSeason(db: Executor, id: number) {
  return db.selectFrom('seasons as s').innerJoin('unions as u', 'u.id', 's.owner_union_id').select(SEASON_COLUMNS).where('s.id', '=', id).executeTakeFirst();
}
export type SeasonRow = NonNullable<Awaited<ReturnType<typeof findSeason>>>;

/** Seasons visible to the caller: published ones, and (staff) every season whose owner is in scope. */
export async function listSeasons(db: Executor, input: { scopePrefix: string | null; offset: number; limit: number }) {
  let q = db.selectFrom('seasons as s').innerJoin('unions as u', 'u.id', 's.owner_union_id');
  q = input.scopePrefix === null
    ? q.where('s.status', '<>', 'draft')
    : q.where((eb) => eb.or([eb('s.status', '<>', 'draft'), eb('u.scope_prefix', 'like', `${input.scopePrefix}%`)]));
  const [rows, total] = await Promise.all([
    q.select(SEASON_COLUMNS).orderBy('s.starts_on', 'desc').orderBy('s.id', 'desc').offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function listHosts(db: Executor, seasonId: number) {
  return db.selectFrom('season_hosts').select(['name', 'union_id', 'role']).where('season_id', '=', seasonId).orderBy('position').execute();
}

export async function replaceHosts(db: Executor, seasonId: number, hosts: { name: string; unionId?: string | null | undefined; role: 'guide' | 'host' | 'co_host' | 'organiser' }[]) {
  await db.deleteFrom('season_hosts').where('season_id', '=', seasonId).execute();
  if (hosts.length) {
    await db.insertInto('season_hosts').values(hosts.map((h, i) => ({ season_id: seasonId, position: i, name: h.name, union_id: h.unionId ?? null, role: h.role }))).execute();
  }
}

const EVENT_COLUMNS = ['e.id', 'e.season_id', 'e.kind', 'e.name', 'e.description', 'e.host_union_id', 'e.region_code', 'e.venue', 'e.starts_at', 'e.ends_at',
  'e.capacity', 'e.details', 'e.status', 'e.version', 'u.name as host_union_name', 'u.scope_prefix as host_scope', 'u.federation as host_federation'] as const;

/** An event with what every write at it needs of its season, in one round trip (the check-in path). */
export function findEventWithSeason(db: Executor, id: number) {
  return db.selectFrom('events as e').innerJoin('unions as u', 'u.id', 'e.host_union_id')
    .innerJoin('seasons as s', 's.id', 'e.season_id').innerJoin('unions as o', 'o.id', 's.owner_union_id')
    .select([...EVENT_COLUMNS, 's.status as season_status', 'o.scope_prefix as season_owner_scope']).where('e.id', '=', id).executeTakeFirst();
}

export function findEvent(db: Executor, id: number) {
  return db.selectFrom('events as e').innerJoin('unions as u', 'u.id', 'e.host_union_id').select(EVENT_COLUMNS).where('e.id', '=', id).executeTakeFirst();
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** A season's events in time order; drafts for the season's managers, or those hosted in a scope. */
export async function listEvents(db: Executor, input: { seasonId: number; drafts: 'all' | 'none' | { scopePrefix: string }; kind?: string | undefined; offset: number; limit: number }) {
  let q = db.selectFrom('events as e').innerJoin('unions as u', 'u.id', 'e.host_union_id').where('e.season_id', '=', input.seasonId);
  const drafts = input.drafts;
  if (drafts === 'none') q = q.where('e.status', '<>', 'draft');
  else if (drafts !== 'all') q = q.where((eb) => eb.or([eb('e.status', '<>', 'draft'), eb('u.scope_prefix', 'like', `${drafts.scopePrefix}%`)]));
  if (input.kind) q = q.where('e.kind', '=', input.kind as 'fair');
  const [rows, total] = await Promise.all([
    q.select(EVENT_COLUMNS).orderBy('e.starts_at').orderBy('e.id').offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function listZones(db: Executor, eventId: number) {
  return db.selectFrom('event_zones as z')
    .select(['z.id', 'z.kind', 'z.name', 'z.position', 'z.rows', 'z.cols', (eb) => eb.selectFrom('booths as b').whereRef('b.zone_id', '=', 'z.id').select(eb.fn.countAll<string>().as('n')).as('booths')])
    .where('z.event_id', '=', eventId).orderBy('z.position').execute();
}

/**
 * Lay out a fair's zones and number the booths of its booth zones: zone letters A, B, … in order,
 * booths A01…, row by row. Only while no booth is assigned (the service checks).
 */
export async function replaceZones(db: Executor, eventId: number, zones: { kind: string; name: string; rows: number; cols: number }[]) {
  await db.deleteFrom('event_zones').where('event_id', '=', eventId).execute();
  let letter = 0;
  for (const [position, z] of zones.entries()) {
    const zone = await db.insertInto('event_zones').values({ event_id: eventId, kind: z.kind as 'booths', name: z.name, position, rows: z.rows, cols: z.cols })
      .returning('id').executeTakeFirstOrThrow();
    if (z.kind !== 'booths') continue;
    const prefix = String.fromCharCode(65 + letter++);
    const booths = [];
    for (let row = 0; row < z.rows; row++) {
      for (let col = 0; col < z.cols; col++) booths.push({ event_id: eventId, zone_id: zone.id, number: `${prefix}${String(row * z.cols + col + 1).padStart(2, '0')}`, row, col });
    }
    await db.insertInto('booths').values(booths).execute();
  }
}

export async function assignedBooths(db: Executor, eventId: number): Promise<number> {
  const r = await db.selectFrom('event_signups').select((eb) => eb.fn.countAll<string>().as('n')).where('event_id', '=', eventId).where('booth_id', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- live figures ----

/** Add to a figure in the caller's transaction (one of 16 shards, so concurrent writers seldom wait on one row). */
export async function bumpFigure(db: Executor, seasonId: number, federation: Federation, figure: Figure, delta: number): Promise<void> {
  if (!delta) return;
  const shard = Math.floor(Math.random() * 16);
  await sql`
    INSERT INTO season_counters (season_id, federation, figure, shard, value) VALUES (${seasonId}, ${federation}, ${figure}, ${shard}, ${delta})
    ON CONFLICT (season_id, federation, figure, shard) DO UPDATE SET value = season_counters.value + EXCLUDED.value`.execute(db);
}

/** Tell every app server that a season's figures changed (delivered at commit). */
export async function announceSeason(db: Executor, seasonId: number): Promise<void> {
  await sql`SELECT pg_notify('chuanyu_live', ${`season:${seasonId}`})`.execute(db);
}

export async function readFigures(db: Executor, seasonId: number) {
  const [counters, jobTypes, events] = await Promise.all([
    db.selectFrom('season_counters').select(['federation', 'figure', (eb) => eb.fn.sum<string>('value').as('value')])
      .where('season_id', '=', seasonId).groupBy(['federation', 'figure']).execute(),
    // A handful of rows per federation (one per job type in use), never the postings themselves.
    db.selectFrom('season_job_types').select(['federation', 'job_type_code']).where('season_id', '=', seasonId).where('postings', '>', 0).execute(),
    db.selectFrom('events').select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')]).where('season_id', '=', seasonId)
      .where('status', '<>', 'cancelled').where('status', '<>', 'draft').groupBy(['kind', 'status']).execute(),
  ]);
  return {
    counters: counters.map((c) => ({ federation: c.federation as Federation, figure: c.figure as Figure, value: Number(c.value) })),
    jobTypes: jobTypes.map((j) => ({ federation: j.federation as Federation, code: j.job_type_code })),
    events: events.map((e) => ({ kind: e.kind, status: e.status, count: Number(e.n) })),
  };
}

/**
 * Rebuild a season's counters from its records (the demo's bulk load, and a repair tool): the same
 * numbers the writes keep, computed by scanning. After it, every figure equals a count of records.
 */
export async function recountSeason(db: Executor, seasonId: number): Promise<void> {
  for (const table of ['season_counters', 'season_enterprises', 'season_postings', 'season_job_types', 'season_industries'] as const) {
    await db.deleteFrom(table).where('season_id', '=', seasonId).execute();
  }
  await sql`
    INSERT INTO season_enterprises (season_id, enterprise_id, federation, industry_section, events)
    SELECT ${seasonId}, s.enterprise_id, left(x.region_code, 2), x.industry_section, count(*)
    FROM event_signups s JOIN events e ON e.id = s.event_id JOIN enterprises x ON x.id = s.enterprise_id
    WHERE e.season_id = ${seasonId} AND s.status = 'approved' GROUP BY s.enterprise_id, x.region_code, x.industry_section`.execute(db);
  await sql`
    INSERT INTO season_industries (season_id, federation, industry_section, enterprises)
    SELECT ${seasonId}, federation, industry_section, count(*) FROM season_enterprises WHERE season_id = ${seasonId} GROUP BY federation, industry_section`.execute(db);
  await sql`
    INSERT INTO season_postings (season_id, posting_id, federation, job_type_code, headcount, events)
    SELECT ${seasonId}, p.id, left(x.region_code, 2), p.job_type_code, p.headcount, count(*)
    FROM event_postings ep JOIN event_signups s ON s.id = ep.signup_id JOIN events e ON e.id = s.event_id
    JOIN postings p ON p.id = ep.posting_id JOIN enterprises x ON x.id = s.enterprise_id
    WHERE e.season_id = ${seasonId} AND s.status = 'approved' GROUP BY p.id, x.region_code, p.job_type_code, p.headcount`.execute(db);
  await sql`
    INSERT INTO season_job_types (season_id, federation, job_type_code, postings, positions)
    SELECT ${seasonId}, federation, job_type_code, count(*), sum(headcount) FROM season_postings WHERE season_id = ${seasonId} GROUP BY federation, job_type_code`.execute(db);
  await sql`
    INSERT INTO season_counters (season_id, federation, figure, shard, value)
    SELECT ${seasonId}, federation, figure, 0, value FROM (
      SELECT federation, 'enterprises' AS figure, count(*) AS value FROM season_enterprises WHERE season_id = ${seasonId} GROUP BY federation
      UNION ALL SELECT federation, 'postings', count(*) FROM season_postings WHERE season_id = ${seasonId} GROUP BY federation
      UNION ALL SELECT federation, 'positions', sum(headcount) FROM season_postings WHERE season_id = ${seasonId} GROUP BY federation
      UNION ALL SELECT u.federation, 'checkins', count(*) FROM event_visitors v JOIN events e ON e.id = v.event_id JOIN unions u ON u.id = e.host_union_id
        WHERE e.season_id = ${seasonId} AND v.checked_in_at IS NOT NULL GROUP BY u.federation
      UNION ALL SELECT left(x.region_code, 2), CASE r.kind WHEN 'consultation' THEN 'consultations' ELSE 'interviews' END, count(*)
        FROM booth_records r JOIN events e ON e.id = r.event_id JOIN enterprises x ON x.id = r.enterprise_id WHERE e.season_id = ${seasonId} GROUP BY 1, 2
      UNION ALL SELECT left(x.region_code, 2), 'intents', count(*) FROM hiring_intents i JOIN events e ON e.id = i.event_id JOIN enterprises x ON x.id = i.enterprise_id
        WHERE e.season_id = ${seasonId} AND i.status = 'confirmed' GROUP BY 1
    ) f WHERE value > 0`.execute(db);
  await sql`DELETE FROM event_hourly_checkins h USING events e WHERE e.id = h.event_id AND e.season_id = ${seasonId}`.execute(db);
  await sql`
    INSERT INTO event_hourly_checkins (event_id, hour, shard, value)
    SELECT v.event_id, date_trunc('hour', v.checked_in_at), 0, count(*) FROM event_visitors v JOIN events e ON e.id = v.event_id
    WHERE e.season_id = ${seasonId} AND v.checked_in_at IS NOT NULL GROUP BY 1, 2`.execute(db);
}

/** What the big screen draws besides the totals: the season's check-ins by hour and its top lists. */
export async function readScreen(db: Executor, seasonId: number) {
  const [hourly, jobTypes, industries] = await Promise.all([
    db.selectFrom('event_hourly_checkins as h').innerJoin('events as e', 'e.id', 'h.event_id').select(['h.hour', (eb) => eb.fn.sum<number>('h.value').as('n')])
      .where('e.season_id', '=', seasonId).groupBy('h.hour').orderBy('h.hour').execute(),
    db.selectFrom('season_job_types as j').innerJoin('job_types as t', 't.code', 'j.job_type_code')
      .select(['j.job_type_code', 't.name', (eb) => eb.fn.sum<number>('j.postings').as('postings'), (eb) => eb.fn.sum<number>('j.positions').as('positions')])
      .where('j.season_id', '=', seasonId).groupBy(['j.job_type_code', 't.name']).orderBy('postings', 'desc').orderBy('j.job_type_code').limit(10).execute(),
    db.selectFrom('season_industries').select(['industry_section', (eb) => eb.fn.sum<number>('enterprises').as('enterprises')])
      .where('season_id', '=', seasonId).groupBy('industry_section').orderBy('enterprises', 'desc').orderBy('industry_section').limit(10).execute(),
  ]);
  return {
    hourly: hourly.map((h) => ({ hour: h.hour.toISOString(), count: Number(h.n) })),
    jobTypes: jobTypes.filter((j) => Number(j.postings) > 0).map((j) => ({ code: j.job_type_code, name: j.name, postings: Number(j.postings), positions: Number(j.positions) })),
    industries: industries.filter((i) => Number(i.enterprises) > 0).map((i) => ({ section: i.industry_section, enterprises: Number(i.enterprises) })),
  };
}

/** A fair's visitors: registered (online and onsite) and checked in, from the records (the event console). */
export async function countVisitors(db: Executor, eventId: number) {
  const row = await db.selectFrom('event_visitors').where('event_id', '=', eventId).select([
    (eb) => eb.fn.countAll<string>().as('registered'),
    (eb) => eb.fn.count<string>('checked_in_at').as('checked_in'),
    sql<string>`count(*) FILTER (WHERE source = 'online')`.as('online'),
  ]).executeTakeFirstOrThrow();
  const registered = Number(row.registered);
  return { registered, checkedIn: Number(row.checked_in), online: Number(row.online), onsite: registered - Number(row.online) };
}
