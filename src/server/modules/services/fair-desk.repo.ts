import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// SQL of the fair desks (issue 8 §4): the fair, its visitor by ticket or id, and what was recorded
// for him at this fair — his check-in, the consultations and the membership application.

/** Fairs that have desks: on-site fairs that happen or happened (open or held), newest first. */
export function listDeskFairs(db: Executor) {
  return db.selectFrom('events as e').innerJoin('seasons as s', 's.id', 'e.season_id')
    .select(['e.id', 'e.name', 'e.venue', 'e.starts_at', 'e.ends_at', 'e.status', 's.name as season'])
    .where('e.kind', '=', 'fair').where('e.status', 'in', ['open', 'held'])
    .orderBy(sql`(e.status = 'open')`, 'desc').orderBy('e.starts_at', 'desc').limit(100).execute();
}

export function findDeskFair(db: Executor, eventId: number) {
  return db.selectFrom('events as e').innerJoin('unions as u', 'u.id', 'e.host_union_id')
    .select(['e.id', 'e.name', 'e.kind', 'e.status', 'u.scope_prefix as host_scope'])
    .where('e.id', '=', eventId).where('e.kind', '=', 'fair').where('e.status', 'in', ['open', 'held']).executeTakeFirst();
}

const VISITOR = ['id', 'event_id', 'user_id', 'name', 'phone_enc', 'phone_masked', 'ticket_code', 'source', 'checked_in_at', 'created_at', 'services_shared_at'] as const;

export function findVisitorByCode(db: Executor, eventId: number, code: string) {
  return db.selectFrom('event_visitors').select(VISITOR).where('event_id', '=', eventId).where('ticket_code', '=', code).executeTakeFirst();
}

export function findVisitor(db: Executor, eventId: number, visitorId: number) {
  return db.selectFrom('event_visitors').select(VISITOR).where('event_id', '=', eventId).where('id', '=', visitorId).executeTakeFirst();
}

export type DeskVisitor = NonNullable<Awaited<ReturnType<typeof findVisitor>>>;

/** Requests recorded for the visitor at this fair (consultations and claims), oldest first. */
export function listVisitorRequests(db: Executor, eventId: number, visitorId: number) {
  return db.selectFrom('service_requests as r').innerJoin('unions as u', 'u.id', 'r.owner_union_id')
    .select(['r.id', 'r.ref_no', 'r.kind', 'r.category', 'r.status', 'r.subject', 'r.user_id', 'r.owner_union_id', 'u.name as union_name', 'u.scope_prefix as union_scope', 'r.created_at'])
    .where('r.event_id', '=', eventId).where('r.visitor_id', '=', visitorId).orderBy('r.created_at').execute();
}

/** Membership applications made by the visitor at this fair. */
export function listVisitorMemberships(db: Executor, eventId: number, visitorId: number) {
  return db.selectFrom('membership_applications as m').innerJoin('unions as u', 'u.id', 'm.owner_union_id')
    .select(['m.id', 'm.ref_no', 'm.status', 'm.member_no', 'm.owner_union_id', 'u.name as union_name', 'm.created_at'])
    .where('m.event_id', '=', eventId).where('m.visitor_id', '=', visitorId).orderBy('m.created_at').execute();
}

export async function setShared(db: Executor, visitorId: number, at: Date | null): Promise<void> {
  await db.updateTable('event_visitors').set({ services_shared_at: at }).where('id', '=', visitorId).execute();
}

/** Withdraw the visitor's sharing consents (the rows stay, dated). */
export async function withdrawShareConsents(db: Executor, visitorId: number): Promise<number> {
  const rows = await db.updateTable('consents').set({ withdrawn_at: sql`now()` })
    .where('purpose', '=', 'visitor_share').where('record_type', '=', 'event_visitor').where('record_id', '=', String(visitorId)).where('withdrawn_at', 'is', null)
    .returning('id').execute();
  return rows.length;
}
