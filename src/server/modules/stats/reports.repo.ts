import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of the reports. A report is asked for now and then, not thousands of times a minute, so
// it reads the records themselves (grouped in PostgreSQL); the live figures come from counters.

/** The events a report covers: a whole season, or one event of it. */
export interface ReportScope { seasonId: number; eventId?: number | undefined }

const eventsOf = (scope: ReportScope): RawBuilder<unknown> =>
  scope.eventId ? sql`SELECT id FROM events WHERE season_id = ${scope.seasonId} AND id = ${scope.eventId}` : sql`SELECT id FROM events WHERE season_id = ${scope.seasonId}`;

const n = (v: string | number | null) => Number(v ?? 0);

/**
 * Per employer: approved sign-ups and their booths, the postings they bring (each once), the
 * consultations, interviews and intents at their booths. Employers with an approved sign-up or any
 * booth record, so that the columns add up to the season's figures.
 */
export async function listEmployerFigures(db: Executor, scope: ReportScope) {
  const { rows } = await sql<{
    id: string; name: string; credit_code: string; region_code: string; industry_section: string; signups: string; booths: { eventId: number; number: string }[] | null;
    postings: string; openings: string; consultations: string; interviews: string; proposed: string; confirmed: string;
  }>`
    WITH ev AS (${eventsOf(scope)}),
    su AS (
      SELECT s.enterprise_id, count(*) AS signups,
        coalesce(json_agg(json_build_object('eventId', s.event_id, 'number', b.number) ORDER BY s.event_id, b.number) FILTER (WHERE b.id IS NOT NULL), '[]') AS booths
      FROM event_signups s LEFT JOIN booths b ON b.id = s.booth_id
      WHERE s.event_id IN (SELECT id FROM ev) AND s.status = 'approved' GROUP BY s.enterprise_id),
    po AS (
      SELECT enterprise_id, count(*) AS postings, sum(headcount) AS openings FROM (
        SELECT DISTINCT s.enterprise_id, p.id, p.headcount FROM event_postings ep
        JOIN event_signups s ON s.id = ep.signup_id JOIN postings p ON p.id = ep.posting_id
        WHERE s.event_id IN (SELECT id FROM ev) AND s.status = 'approved') d
      GROUP BY enterprise_id),
    br AS (
      SELECT enterprise_id, count(*) FILTER (WHERE kind = 'consultation') AS consultations, count(*) FILTER (WHERE kind = 'interview') AS interviews
      FROM booth_records WHERE event_id IN (SELECT id FROM ev) GROUP BY enterprise_id),
    hi AS (
      SELECT enterprise_id, count(*) AS proposed, count(*) FILTER (WHERE status = 'confirmed') AS confirmed
      FROM hiring_intents WHERE event_id IN (SELECT id FROM ev) GROUP BY enterprise_id),
    ids AS (SELECT enterprise_id FROM su UNION SELECT enterprise_id FROM br UNION SELECT enterprise_id FROM hi)
    SELECT x.id, x.name, x.credit_code, x.region_code, x.industry_section, coalesce(su.signups, 0) AS signups, su.booths,
      coalesce(po.postings, 0) AS postings, coalesce(po.openings, 0) AS openings, coalesce(br.consultations, 0) AS consultations,
      coalesce(br.interviews, 0) AS interviews, coalesce(hi.proposed, 0) AS proposed, coalesce(hi.confirmed, 0) AS confirmed
    FROM ids JOIN enterprises x ON x.id = ids.enterprise_id
    LEFT JOIN su ON su.enterprise_id = x.id LEFT JOIN po ON po.enterprise_id = x.id
    LEFT JOIN br ON br.enterprise_id = x.id LEFT JOIN hi ON hi.enterprise_id = x.id
    ORDER BY su.booths->0->>'number' NULLS LAST, left(x.region_code, 2), x.region_code, x.name`.execute(db);
  return rows.map((r) => ({
    id: r.id, name: r.name, creditCode: r.credit_code, regionCode: r.region_code, industrySection: r.industry_section, signups: n(r.signups), boothList: r.booths ?? [],
    postings: n(r.postings), openings: n(r.openings), consultations: n(r.consultations), interviews: n(r.interviews), intentsProposed: n(r.proposed), intents: n(r.confirmed),
  }));
}

/** Postings (each once) and confirmed intents per job type and the employer's province. */
export async function listJobTypeFigures(db: Executor, scope: ReportScope) {
  const { rows } = await sql<{ code: string; name: string | null; federation: '50' | '51'; postings: string; openings: string; intents: string }>`
    WITH ev AS (${eventsOf(scope)}),
    po AS (
      SELECT left(x.region_code, 2) AS federation, p.job_type_code AS code, count(*) AS postings, sum(p.headcount) AS openings FROM (
        SELECT DISTINCT ep.posting_id, s.enterprise_id FROM event_postings ep JOIN event_signups s ON s.id = ep.signup_id
        WHERE s.event_id IN (SELECT id FROM ev) AND s.status = 'approved') d
      JOIN postings p ON p.id = d.posting_id JOIN enterprises x ON x.id = d.enterprise_id GROUP BY 1, 2),
    hi AS (
      SELECT left(x.region_code, 2) AS federation, p.job_type_code AS code, count(*) AS intents
      FROM hiring_intents i JOIN postings p ON p.id = i.posting_id JOIN enterprises x ON x.id = i.enterprise_id
      WHERE i.event_id IN (SELECT id FROM ev) AND i.status = 'confirmed' GROUP BY 1, 2)
    SELECT coalesce(po.code, hi.code) AS code, t.name, coalesce(po.federation, hi.federation) AS federation,
      coalesce(po.postings, 0) AS postings, coalesce(po.openings, 0) AS openings, coalesce(hi.intents, 0) AS intents
    FROM po FULL JOIN hi ON hi.code = po.code AND hi.federation = po.federation
    LEFT JOIN job_types t ON t.code = coalesce(po.code, hi.code)`.execute(db);
  return rows.map((r) => ({ code: r.code, name: r.name ?? r.code, federation: r.federation, postings: n(r.postings), openings: n(r.openings), intents: n(r.intents) }));
}

/** The season's events (or the one event) with what happened at each; drafts are plans, not events. */
export async function listEventFigures(db: Executor, scope: ReportScope) {
  const { rows } = await sql<{
    id: number; kind: string; name: string; starts_at: Date; ends_at: Date; venue: string; region_code: string; status: string; host: string; federation: '50' | '51';
    enterprises: string; booths: string; registered: string; checkins: string; consultations: string; interviews: string; intents: string;
  }>`
    WITH ev AS (${eventsOf(scope)}),
    su AS (SELECT event_id, count(*) AS enterprises, count(booth_id) AS booths FROM event_signups WHERE event_id IN (SELECT id FROM ev) AND status = 'approved' GROUP BY 1),
    vi AS (SELECT event_id, count(*) AS registered, count(checked_in_at) AS checkins FROM event_visitors WHERE event_id IN (SELECT id FROM ev) GROUP BY 1),
    br AS (SELECT event_id, count(*) FILTER (WHERE kind = 'consultation') AS consultations, count(*) FILTER (WHERE kind = 'interview') AS interviews
      FROM booth_records WHERE event_id IN (SELECT id FROM ev) GROUP BY 1),
    hi AS (SELECT event_id, count(*) AS intents FROM hiring_intents WHERE event_id IN (SELECT id FROM ev) AND status = 'confirmed' GROUP BY 1)
    SELECT e.id, e.kind, e.name, e.starts_at, e.ends_at, e.venue, e.region_code, e.status, u.name AS host, u.federation,
      coalesce(su.enterprises, 0) AS enterprises, coalesce(su.booths, 0) AS booths, coalesce(vi.registered, 0) AS registered, coalesce(vi.checkins, 0) AS checkins,
      coalesce(br.consultations, 0) AS consultations, coalesce(br.interviews, 0) AS interviews, coalesce(hi.intents, 0) AS intents
    FROM events e JOIN unions u ON u.id = e.host_union_id
    LEFT JOIN su ON su.event_id = e.id LEFT JOIN vi ON vi.event_id = e.id LEFT JOIN br ON br.event_id = e.id LEFT JOIN hi ON hi.event_id = e.id
    WHERE e.id IN (SELECT id FROM ev) AND e.status <> 'draft' ORDER BY e.starts_at, e.id`.execute(db);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, name: r.name, startsAt: r.starts_at, endsAt: r.ends_at, venue: r.venue, regionCode: r.region_code, status: r.status, host: r.host, federation: r.federation,
    enterprises: n(r.enterprises), booths: n(r.booths), registered: n(r.registered), checkins: n(r.checkins), consultations: n(r.consultations), interviews: n(r.interviews), intents: n(r.intents),
  }));
}

/** Livestream sessions with their rooms' counters (migration 0008) and how many postings they featured. */
export async function listLivestreams(db: Executor, scope: ReportScope) {
  const { rows } = await sql<{
    id: number; name: string; starts_at: Date; host: string; platform: string | null; featured: string; viewers: number | null; applications: number | null; intents: number | null;
  }>`
    SELECT e.id, e.name, e.starts_at, u.name AS host, e.details #>> '{livestream,platform}' AS platform,
      (SELECT count(*) FROM event_postings ep WHERE ep.event_id = e.id AND ep.signup_id IS NULL) AS featured,
      r.viewers, r.applications, r.intents
    FROM events e JOIN unions u ON u.id = e.host_union_id LEFT JOIN livestream_rooms r ON r.event_id = e.id
    WHERE e.kind = 'livestream' AND e.status <> 'draft' AND e.id IN (${eventsOf(scope)}) ORDER BY e.starts_at, e.id`.execute(db);
  return rows.map((r) => ({
    id: r.id, name: r.name, startsAt: r.starts_at, host: r.host, platform: r.platform ?? '', featured: n(r.featured),
    viewers: n(r.viewers), applications: n(r.applications), intents: n(r.intents),
  }));
}

/** The postings a livestream features (event postings without a sign-up, migration 0008), in the host's order. */
export function listFeaturedPostings(db: Executor, eventId: number) {
  return db.selectFrom('event_postings as ep').innerJoin('postings as p', 'p.id', 'ep.posting_id').innerJoin('enterprises as x', 'x.id', 'p.enterprise_id')
    .select(['p.title', 'x.name as enterprise_name', 'x.region_code', 'p.salary_negotiable', 'p.salary_min', 'p.salary_max', 'p.headcount'])
    .where('ep.event_id', '=', eventId).where('ep.signup_id', 'is', null).orderBy('ep.position').orderBy('p.id').execute();
}

/** Every hiring intent of the season (or event) with its visitor (masked phone only) and follow-ups, for the unions' follow-up work. */
export function listIntents(db: Executor, scope: ReportScope) {
  let q = db.selectFrom('hiring_intents as i').innerJoin('events as e', 'e.id', 'i.event_id').innerJoin('enterprises as x', 'x.id', 'i.enterprise_id')
    .innerJoin('postings as p', 'p.id', 'i.posting_id').innerJoin('event_visitors as v', 'v.id', 'i.visitor_id').innerJoin('unions as u', 'u.id', 'i.owner_union_id')
    .leftJoin('intent_follow_ups as f30', (j) => j.onRef('f30.intent_id', '=', 'i.id').on('f30.day', '=', 30))
    .leftJoin('intent_follow_ups as f90', (j) => j.onRef('f90.intent_id', '=', 'i.id').on('f90.day', '=', 90))
    .select([
      'i.id', 'e.name as event_name', 'x.name as enterprise_name', 'x.credit_code', 'p.title', 'i.salary', 'i.start_date', 'i.status', 'i.visitor_confirmed_at',
      'v.name as visitor_name', 'v.phone_masked', 'u.name as union_name',
      'f30.due_on as f30_due', 'f30.done_at as f30_done', 'f30.contract_signed as f30_signed', 'f30.started_work as f30_started',
      'f90.due_on as f90_due', 'f90.done_at as f90_done', 'f90.contract_signed as f90_signed', 'f90.started_work as f90_started',
    ])
    .where('e.season_id', '=', scope.seasonId);
  if (scope.eventId) q = q.where('e.id', '=', scope.eventId);
  return q.orderBy('e.starts_at').orderBy('e.id').orderBy('i.id').execute();
}
export type IntentRow = Awaited<ReturnType<typeof listIntents>>[number];

export async function isActiveMember(db: Executor, userId: string, enterpriseId: string): Promise<boolean> {
  const m = await db.selectFrom('enterprise_members').select('status').where('enterprise_id', '=', enterpriseId).where('user_id', '=', userId).executeTakeFirst();
  return m?.status === 'active';
}

/** Booth cards: the approved sign-ups with a booth (one, or all of an event's), with booth, zone and enterprise. */
export function listBoothHolders(db: Executor, by: { signupId: number } | { eventId: number }) {
  let q = db.selectFrom('event_signups as s').innerJoin('enterprises as x', 'x.id', 's.enterprise_id')
    .leftJoin('booths as b', 'b.id', 's.booth_id').leftJoin('event_zones as z', 'z.id', 'b.zone_id')
    .select(['s.id', 's.event_id', 's.enterprise_id', 's.status', 'x.name as enterprise_name', 'b.number as booth', 'z.name as zone']);
  q = 'signupId' in by ? q.where('s.id', '=', by.signupId) : q.where('s.event_id', '=', by.eventId).where('s.status', '=', 'approved').where('s.booth_id', 'is not', null);
  return q.orderBy('z.position').orderBy('b.row').orderBy('b.col').execute();
}

/** The postings each sign-up brings, in its order, with salary and headcount. */
export async function listSignupPostings(db: Executor, signupIds: number[]) {
  if (!signupIds.length) return [];
  return db.selectFrom('event_postings as ep').innerJoin('postings as p', 'p.id', 'ep.posting_id')
    .select(['ep.signup_id', 'p.id', 'p.title', 'p.salary_negotiable', 'p.salary_min', 'p.salary_max', 'p.headcount', 'p.status'])
    .where('ep.signup_id', 'in', signupIds).orderBy('ep.signup_id').orderBy('ep.position').execute();
}
