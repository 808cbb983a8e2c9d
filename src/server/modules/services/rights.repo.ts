import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db.js';

// SQL of a worker's data rights (issue 8 §5): everything the services hold about him — found by his
// account and by the blind indexes of his phone and 身份证号 — and its erasure.

export interface Subject {
  userId: string;
  /** services.* blind indexes of his phone and 身份证号s. */
  hashes: Buffer[];
  idCardHashes: Buffer[];
}

export function findAccount(db: Executor, userId: string) {
  return db.selectFrom('users as u').leftJoin('seeker_profiles as s', 's.user_id', 'u.id')
    .select(['u.name', 'u.phone_enc', 'u.password_hash', 's.id_card_enc']).where('u.id', '=', userId).executeTakeFirst();
}

export function membershipIdCards(db: Executor, userId: string) {
  return db.selectFrom('membership_applications').select('id_card_hash').where('user_id', '=', userId).where('id_card_hash', 'is not', null).execute();
}

const mine = (s: Subject) => (eb: ExpressionBuilder<Database, 'consents'>) => s.hashes.length ? eb.or([eb('user_id', '=', s.userId), eb('subject_hash', 'in', s.hashes)]) : eb('user_id', '=', s.userId);

export function listConsents(db: Executor, s: Subject) {
  return db.selectFrom('consents').select(['id', 'purpose', 'record_type', 'record_id', 'text_key', 'channel', 'given_at', 'withdrawn_at'])
    .where(mine(s)).orderBy('given_at').orderBy('id').execute();
}

export function listRequests(db: Executor, userId: string) {
  return db.selectFrom('service_requests as r').innerJoin('unions as u', 'u.id', 'r.owner_union_id').innerJoin('regions as g', 'g.code', 'r.region_code')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id').leftJoin('events as ev', 'ev.id', 'r.event_id').leftJoin('aid_plans as p', 'p.id', 'r.aid_plan_id')
    .select(['r.id', 'r.ref_no', 'r.kind', 'r.category', 'r.channel', 'r.status', 'r.name', 'r.phone_enc', 'r.region_code', 'g.name as region_name', 'e.name as enterprise_name',
      'r.employer_name', 'r.subject', 'r.body_enc', 'u.name as union_name', 'ev.name as event_name', 'p.name as plan_name', 'r.claim_amount', 'r.incident_on',
      'r.created_at', 'r.first_answered_at', 'r.answered_at', 'r.closed_at', 'r.consented_at'])
    .where('r.user_id', '=', userId).orderBy('r.created_at').execute();
}

/** The thread without staff-internal notes. */
export function listMessages(db: Executor, requestIds: string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return db.selectFrom('service_request_messages as m').leftJoin('unions as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.request_id', 'm.author_role', 'u.name as union_name', 'm.body_enc', 'm.created_at'])
    .where('m.request_id', 'in', requestIds).where('m.is_internal', '=', false).orderBy('m.id').execute();
}

export function listFiles(db: Executor, requestIds: string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return db.selectFrom('service_request_files as f').innerJoin('stored_files as s', 's.id', 'f.file_id')
    .leftJoin('service_request_messages as m', 'm.id', 'f.message_id')
    .select(['f.request_id', 'f.message_id', 's.name', 's.mime', 's.size', 's.created_at'])
    .where('f.request_id', 'in', requestIds).where((eb) => eb.or([eb('f.message_id', 'is', null), eb('m.is_internal', '=', false)]))
    .orderBy('s.created_at').execute();
}

export function listMemberships(db: Executor, s: Subject) {
  return db.selectFrom('membership_applications as m').innerJoin('unions as u', 'u.id', 'm.owner_union_id').innerJoin('regions as g', 'g.code', 'm.region_code')
    .select(['m.id', 'm.ref_no', 'm.channel', 'm.status', 'm.name', 'm.id_card_enc', 'm.phone_enc', 'm.region_code', 'g.name as region_name', 'm.employer_name',
      'u.name as union_name', 'm.review_due_on', 'm.reviewed_at', 'm.reject_reason', 'm.member_no', 'm.card_code', 'm.joined_on', 'm.created_at', 'm.consented_at'])
    .where((eb) => s.idCardHashes.length ? eb.or([eb('m.user_id', '=', s.userId), eb('m.id_card_hash', 'in', s.idCardHashes)]) : eb('m.user_id', '=', s.userId))
    .orderBy('m.created_at').execute();
}

export function listAidMembers(db: Executor, idCardHashes: Buffer[]) {
  if (!idCardHashes.length) return Promise.resolve([]);
  return db.selectFrom('aid_enrolment_members as a').innerJoin('aid_enrolments as n', 'n.id', 'a.enrolment_id').innerJoin('aid_plans as p', 'p.id', 'a.plan_id')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select(['a.id', 'a.name', 'a.id_card_enc', 'a.phone_enc', 'p.name as plan_name', 'p.starts_on', 'p.ends_on', 'e.name as enterprise_name', 'n.status', 'n.confirmed_at'])
    .where('a.id_card_hash', 'in', idCardHashes).orderBy('a.id').execute();
}

export interface Erased { requests: number; files: number; messages: number; memberships: number; aidMembers: number; consents: number }

/**
 * Erase a worker's personal data from every services table (PIPL art. 47) inside the caller's
 * transaction. What stays: each record's facts the figures need (kind, category, region, employer,
 * union, times, status) and an approved membership's number in the union's register, anonymised.
 */
export async function erase(db: Executor, s: Subject, actorId: string): Promise<Erased> {
  const requests = await db.selectFrom('service_requests').select(['id', 'status']).where('user_id', '=', s.userId).forUpdate().execute();
  const ids = requests.map((r) => r.id);
  let files = 0;
  let messages = 0;
  if (ids.length) {
    const gone = await db.deleteFrom('stored_files').where('id', 'in', db.selectFrom('service_request_files').select('file_id').where('request_id', 'in', ids)).returning('id').execute();
    files = gone.length;
    messages = (await db.deleteFrom('service_request_messages').where('request_id', 'in', ids).returning('id').execute()).length;
    await db.updateTable('service_request_events').set({ actor_id: null }).where('request_id', 'in', ids).where('actor_id', '=', actorId).execute();
    await db.insertInto('service_request_events').values(requests.map((r) => ({
      request_id: r.id, actor_id: null, action: 'erased' as const, from_status: r.status, to_status: 'closed', note: null,
    }))).execute();
    // An unanswered request of nobody cannot be answered: it closes (no reason of the worker's or staff's).
    await db.updateTable('service_requests').set({
      name: null, phone_enc: null, phone_hash: null, phone_masked: null, subject: null, body_enc: null, user_id: null, visitor_id: null,
      created_by: sql`CASE WHEN created_by = ${actorId} THEN NULL ELSE created_by END`,
      status: 'closed', closed_at: sql`coalesce(closed_at, now())`, close_reason: sql`CASE WHEN status = 'closed' THEN close_reason ELSE NULL END`,
      erased_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1`,
    }).where('id', 'in', ids).execute();
  }
  // Membership: the person goes; an approved one keeps its number and union (the register), one under review is withdrawn.
  const memberships = await db.updateTable('membership_applications').set({
    name: null, id_card_enc: null, id_card_hash: null, id_card_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, user_id: null, visitor_id: null,
    created_by: sql`CASE WHEN created_by = ${actorId} THEN NULL ELSE created_by END`,
    status: sql`CASE WHEN status = 'submitted' THEN 'withdrawn' ELSE status END`,
    erased_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1`,
  }).where((eb) => s.idCardHashes.length ? eb.or([eb('user_id', '=', s.userId), eb('id_card_hash', 'in', s.idCardHashes)]) : eb('user_id', '=', s.userId)).returning('id').execute();
  const aidMembers = s.idCardHashes.length ? await db.updateTable('aid_enrolment_members').set({
    name: null, id_card_enc: null, id_card_hash: null, id_card_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, erased_at: sql`now()`,
  }).where('id_card_hash', 'in', s.idCardHashes).returning('id').execute() : [];
  const consents = await db.updateTable('consents').set({ user_id: null, subject_hash: null, withdrawn_at: sql`coalesce(withdrawn_at, now())` })
    .where(mine(s)).returning(['id', 'purpose', 'record_id']).execute();
  const visitors = consents.filter((c) => c.purpose === 'visitor_share').map((c) => Number(c.record_id));
  await db.updateTable('event_visitors').set({ services_shared_at: null })
    .where((eb) => visitors.length ? eb.or([eb('user_id', '=', s.userId), eb('id', 'in', visitors)]) : eb('user_id', '=', s.userId)).execute();
  return { requests: ids.length, files, messages, memberships: memberships.length, aidMembers: aidMembers.length, consents: consents.length };
}

/** A consent of his own, to withdraw. */
export function findOwnConsent(db: Executor, s: Subject, id: number) {
  return db.selectFrom('consents').select(['id', 'purpose', 'record_type', 'record_id', 'withdrawn_at']).where('id', '=', id).where(mine(s)).executeTakeFirst();
}

export async function withdrawConsent(db: Executor, id: number): Promise<void> {
  await db.updateTable('consents').set({ withdrawn_at: sql`coalesce(withdrawn_at, now())` }).where('id', '=', id).execute();
}

export async function unshareVisitor(db: Executor, visitorId: number): Promise<void> {
  await db.updateTable('event_visitors').set({ services_shared_at: null }).where('id', '=', visitorId).execute();
}
