import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of the yearly report and the leaders' dashboard (issue 7 §5, §6): one year's areas and
// items with their unions and sign-offs, the reports on them, the meetings held that year.

export function findAgreement(db: Executor, id: number) {
  return db.selectFrom('agreements').select(['id', 'title', 'parties', sql<string>`signed_on::text`.as('signed_on'), 'status']).where('id', '=', id).executeTakeFirst();
}

/** Agreements with the years that have lines of work, newest first (the dashboard's picker). */
export async function listAgreementYears(db: Executor) {
  return db.selectFrom('agreements as a')
    .select(['a.id', 'a.title', sql<string>`a.signed_on::text`.as('signed_on'), 'a.status',
      sql<number[]>`coalesce((SELECT array_agg(DISTINCT ar.year::int ORDER BY ar.year::int) FROM agreement_areas ar WHERE ar.agreement_id = a.id), '{}')`.as('years')])
    .orderBy(sql`a.status = 'active'`, 'desc').orderBy('a.signed_on', 'desc').orderBy('a.id', 'desc').limit(100).execute();
}

/** The year's areas in order. */
export function listAreas(db: Executor, agreementId: number, year: number) {
  return db.selectFrom('agreement_areas').select(['id', 'seq', 'name', 'description'])
    .where('agreement_id', '=', agreementId).where('year', '=', year).orderBy('seq').orderBy('id').execute();
}

/** The year's items (by area, then code) with the lead's name. */
export function listItems(db: Executor, agreementId: number, year: number) {
  return db.selectFrom('work_items as w').innerJoin('agreement_areas as ar', 'ar.id', 'w.area_id').innerJoin('unions as l', 'l.id', 'w.lead_union_id')
    .select(['w.id', 'w.area_id', 'w.code', 'w.title', 'w.lead_union_id', 'l.name as lead_name', sql<string>`w.starts_on::text`.as('starts_on'),
      sql<string>`w.due_on::text`.as('due_on'), 'w.progress_kind', 'w.indicator', 'w.done_at'])
    .where('w.agreement_id', '=', agreementId).where('ar.year', '=', year)
    .orderBy('ar.seq').orderBy('ar.id').orderBy('w.code').execute();
}

/** Responsible unions of the items, lead first then by federation and name. */
export function listItemUnions(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db.selectFrom('work_item_unions as wu').innerJoin('unions as u', 'u.id', 'wu.union_id').innerJoin('work_items as w', 'w.id', 'wu.item_id')
    .select(['wu.item_id', 'u.id', 'u.name', 'u.federation', 'u.level'])
    .where('wu.item_id', 'in', itemIds)
    .orderBy('wu.item_id').orderBy(sql`u.id = w.lead_union_id`, 'desc').orderBy('u.federation').orderBy(sql`u.level = 'federation'`, 'desc').orderBy('u.region_code').execute();
}

/** Who signed the items off, and when. */
export function listSignoffs(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db.selectFrom('work_item_signoffs as s').innerJoin('users as us', 'us.id', 's.user_id')
    .select(['s.item_id', 's.federation', 'us.name as user_name', 's.signed_at', 's.note'])
    .where('s.item_id', 'in', itemIds).orderBy('s.signed_at').execute();
}

/** Reports on the items that left their union (submitted, accepted or returned), by item and period. */
export function listReports(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db.selectFrom('progress_reports as r').innerJoin('work_items as w', 'w.id', 'r.item_id').innerJoin('unions as u', 'u.id', 'r.union_id')
    .leftJoin('users as rb', 'rb.id', 'r.reviewed_by')
    .select(['r.id', 'r.item_id', 'w.code as item_code', 'w.title as item_title', 'r.union_id', 'u.name as union_name', 'u.federation', 'r.period', 'r.body',
      'r.figures', 'r.is_highlight', 'r.status', 'r.submitted_at', 'r.reviewed_at', 'rb.name as reviewed_by_name', 'r.review_note'])
    .where('r.item_id', 'in', itemIds).where('r.status', '!=', 'draft')
    .orderBy('w.code').orderBy('r.period').orderBy('u.region_code').execute();
}

/** Every report's state on the items (drafts too), for the reports still owed. */
export function reportStates(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db.selectFrom('progress_reports').select(['id', 'item_id', 'union_id', 'period', 'status']).where('item_id', 'in', itemIds).execute();
}

/** The agreement's meetings held on a date in the year (or all, newest first, when year is null) with their decisions. */
export async function listMeetings(db: Executor, agreementId: number, options: { year: number | null; limit?: number }) {
  let q = db.selectFrom('joint_meetings as m').innerJoin('unions as h', 'h.id', 'm.host_union_id')
    .select(['m.id', 'm.title', sql<string>`m.held_on::text`.as('held_on'), 'm.place', 'h.name as host_name', 'm.status',
      sql<string>`(SELECT count(*) FROM meeting_speeches s WHERE s.meeting_id = m.id)`.as('speeches')])
    .where('m.agreement_id', '=', agreementId);
  if (options.year !== null) q = q.where(sql<number>`extract(year FROM m.held_on)::int`, '=', options.year);
  const meetings = await q.orderBy('m.held_on', options.year === null ? 'desc' : 'asc').orderBy('m.id').limit(options.limit ?? 100).execute();
  if (!meetings.length) return [];
  const decisions = await db.selectFrom('meeting_decisions as d').leftJoin('work_items as w', 'w.id', 'd.work_item_id').leftJoin('unions as u', 'u.id', 'd.owner_union_id')
    .select(['d.meeting_id', 'd.text', 'w.code as item_code', 'w.title as item_title', 'u.name as owner_name', sql<string | null>`d.due_on::text`.as('due_on')])
    .where('d.meeting_id', 'in', meetings.map((m) => m.id)).orderBy('d.meeting_id').orderBy('d.seq').execute();
  return meetings.map((m) => ({ ...m, speeches: Number(m.speeches), decisions: decisions.filter((d) => d.meeting_id === m.id) }));
}

/** The names of the seasons and contests indicators name. */
export async function sourceNames(db: Executor, seasonIds: number[], contestIds: number[]) {
  const [seasons, contests] = await Promise.all([
    seasonIds.length ? db.selectFrom('seasons').select(['id', 'name']).where('id', 'in', seasonIds).execute() : [],
    contestIds.length ? db.selectFrom('contests').select(['id', 'name']).where('id', 'in', contestIds).execute() : [],
  ]);
  return { seasons: new Map(seasons.map((s) => [s.id, s.name])), contests: new Map(contests.map((c) => [c.id, c.name])) };
}

/** The two federations' unions (重庆市总工会, 四川省总工会) by federation code. */
export async function federationNames(db: Executor): Promise<Map<'50' | '51', string>> {
  const rows = await db.selectFrom('unions').select(['federation', 'name']).where('level', '=', 'federation').execute();
  return new Map(rows.map((r) => [r.federation, r.name]));
}
