import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { bumpFigure, type Federation } from './seasons.repo.js';

// Employers' sign-ups to events and what their approval adds to the season's figures: an
// enterprise and a posting count once per season however many events they join (season_enterprises,
// season_postings keep how many approved sign-ups carry them).

export function findSignup(db: Executor, id: number) {
  return db.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id').innerJoin('unions as u', 'u.id', 'e.owner_union_id')
    .select(['s.id', 's.event_id', 's.enterprise_id', 's.status', 's.status_reason', 's.booth_id', 's.note', 's.created_at', 's.reviewed_at',
      'e.name as enterprise_name', 'e.region_code as enterprise_region', 'e.industry_section', 'u.scope_prefix as enterprise_scope'])
    .where('s.id', '=', id).executeTakeFirst();
}
export type SignupRow = NonNullable<Awaited<ReturnType<typeof findSignup>>>;

export async function listSignups(db: Executor, input: { eventId: number; enterpriseIds?: string[]; status?: string | undefined; offset: number; limit: number }) {
  let q = db.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id').leftJoin('booths as b', 'b.id', 's.booth_id')
    .where('s.event_id', '=', input.eventId);
  if (input.enterpriseIds) q = q.where('s.enterprise_id', 'in', input.enterpriseIds.length ? input.enterpriseIds : ['00000000-0000-0000-0000-000000000000']);
  if (input.status) q = q.where('s.status', '=', input.status as 'pending');
  const [rows, total] = await Promise.all([
    q.select(['s.id', 's.enterprise_id', 's.status', 's.status_reason', 's.note', 's.created_at', 's.reviewed_at', 'e.name as enterprise_name', 'e.region_code as enterprise_region',
      'e.industry_section', 'b.number as booth_number', 's.booth_id',
      (eb) => eb.selectFrom('event_postings as p').whereRef('p.signup_id', '=', 's.id').select(eb.fn.countAll<number>().as('n')).as('postings'),
      (eb) => eb.selectFrom('event_postings as p').innerJoin('postings as x', 'x.id', 'p.posting_id').whereRef('p.signup_id', '=', 's.id')
        .select(sql<number>`coalesce(sum(x.headcount), 0)::int`.as('n')).as('positions')])
      .orderBy('s.created_at').orderBy('s.id').offset(input.offset).limit(input.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The postings a sign-up brings, with what the figures need. */
export function signupPostings(db: Executor, signupId: number) {
  return db.selectFrom('event_postings as p').innerJoin('postings as x', 'x.id', 'p.posting_id')
    .select(['x.id', 'x.title', 'x.job_type_code', 'x.headcount', 'x.status']).where('p.signup_id', '=', signupId).orderBy('p.position').execute();
}

/** Advisory lock class (first key) for counting sign-ups into a season; the season id is the second. */
const SIGNUP_COUNT_LOCK = 0x5ea5;

/**
 * Count an approved sign-up into its season (delta +1), or take it out again (−1, on withdrawal or
 * a reversed decision). Runs in the approving transaction.
 */
export async function countSignup(db: Executor, input: { seasonId: number; signup: SignupRow; delta: 1 | -1 }): Promise<void> {
  const { seasonId, signup, delta } = input;
  const federation = signup.enterprise_region.slice(0, 2) as Federation;
  // One approval of a season at a time: each touches many counter rows (random shards, its
  // postings' job types) in no fixed order, and two at once deadlocked (found by simulate fair).
  await sql`SELECT pg_advisory_xact_lock(${SIGNUP_COUNT_LOCK}, ${seasonId})`.execute(db);
  // Taking out is a plain UPDATE: an upsert would check its never-inserted row (events −1) against the CHECK.
  const ent = delta === 1
    ? await sql<{ events: number }>`
      INSERT INTO season_enterprises (season_id, enterprise_id, federation, industry_section, events) VALUES (${seasonId}, ${signup.enterprise_id}, ${federation}, ${signup.industry_section}, 1)
      ON CONFLICT (season_id, enterprise_id) DO UPDATE SET events = season_enterprises.events + 1
      RETURNING events`.execute(db)
    : await sql<{ events: number }>`
      UPDATE season_enterprises SET events = events - 1 WHERE season_id = ${seasonId} AND enterprise_id = ${signup.enterprise_id} RETURNING events`.execute(db);
  const events = ent.rows[0]!.events;
  // First approved sign-up of this enterprise in the season (0 → 1), or its last one gone (1 → 0).
  if ((delta === 1 && events === 1) || (delta === -1 && events === 0)) {
    await bumpFigure(db, seasonId, federation, 'enterprises', delta);
    await (delta === 1
      ? sql`
        INSERT INTO season_industries (season_id, federation, industry_section, enterprises) VALUES (${seasonId}, ${federation}, ${signup.industry_section}, 1)
        ON CONFLICT (season_id, federation, industry_section) DO UPDATE SET enterprises = season_industries.enterprises + 1`
      : sql`UPDATE season_industries SET enterprises = enterprises - 1 WHERE season_id = ${seasonId} AND federation = ${federation} AND industry_section = ${signup.industry_section}`
    ).execute(db);
  }
  for (const p of await signupPostings(db, signup.id)) {
    // Headcount and job type as counted when the posting entered the season (kept in its row), so a
    // later edit of the posting cannot make the figures drift.
    const row = delta === 1
      ? await sql<{ events: number; headcount: number; job_type_code: string }>`
        INSERT INTO season_postings (season_id, posting_id, federation, job_type_code, headcount, events) VALUES (${seasonId}, ${p.id}, ${federation}, ${p.job_type_code}, ${p.headcount}, 1)
        ON CONFLICT (season_id, posting_id) DO UPDATE SET events = season_postings.events + 1
        RETURNING events, headcount, job_type_code`.execute(db)
      : await sql<{ events: number; headcount: number; job_type_code: string }>`
        UPDATE season_postings SET events = events - 1 WHERE season_id = ${seasonId} AND posting_id = ${p.id} RETURNING events, headcount, job_type_code`.execute(db);
    const { events: n, headcount, job_type_code: jobType } = row.rows[0]!;
    if (!((delta === 1 && n === 1) || (delta === -1 && n === 0))) continue;
    await bumpFigure(db, seasonId, federation, 'postings', delta);
    await bumpFigure(db, seasonId, federation, 'positions', delta * headcount);
    await (delta === 1
      ? sql`
        INSERT INTO season_job_types (season_id, federation, job_type_code, postings, positions) VALUES (${seasonId}, ${federation}, ${jobType}, 1, ${headcount})
        ON CONFLICT (season_id, federation, job_type_code) DO UPDATE SET postings = season_job_types.postings + 1, positions = season_job_types.positions + ${headcount}`
      : sql`UPDATE season_job_types SET postings = postings - 1, positions = positions - ${headcount}
        WHERE season_id = ${seasonId} AND federation = ${federation} AND job_type_code = ${jobType}`
    ).execute(db);
  }
}

/** Booths of an event with the sign-up holding each (for the floor plan). */
export function listBooths(db: Executor, eventId: number) {
  return db.selectFrom('booths as b').innerJoin('event_zones as z', 'z.id', 'b.zone_id')
    .leftJoin('event_signups as s', 's.booth_id', 'b.id').leftJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['b.id', 'b.number', 'b.row', 'b.col', 'b.zone_id', 'z.name as zone_name', 'z.position as zone_position', 's.id as signup_id', 'e.name as enterprise_name', 'e.industry_section'])
    .where('b.event_id', '=', eventId).orderBy('z.position').orderBy('b.row').orderBy('b.col').execute();
}

/** A booth by its number with the approved sign-up in it and the published postings it brings (the booth card's QR). */
export async function findPublicBooth(db: Executor, eventId: number, number: string) {
  const booth = await db.selectFrom('booths as b').innerJoin('event_zones as z', 'z.id', 'b.zone_id')
    .leftJoin('event_signups as s', (j) => j.onRef('s.booth_id', '=', 'b.id').on('s.status', '=', 'approved'))
    .leftJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['b.number', 'z.name as zone_name', 's.id as signup_id', 'e.name as enterprise_name', 'e.industry_section', 'e.region_code'])
    .where('b.event_id', '=', eventId).where('b.number', '=', number).executeTakeFirst();
  if (!booth) return null;
  const postings = booth.signup_id === null ? [] : await db.selectFrom('event_postings as p').innerJoin('postings as x', 'x.id', 'p.posting_id')
    .select(['x.id', 'x.title', 'x.salary_min', 'x.salary_max', 'x.salary_negotiable', 'x.headcount'])
    .where('p.signup_id', '=', booth.signup_id).where('x.status', '=', 'published').orderBy('p.position').execute();
  return { ...booth, postings };
}
