import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database, Executor, ServiceRequestStatus, ServiceRequestTable } from '../../platform/db.js';
import { likeEscape } from '../../platform/pagination.js';
import type { SlaState } from './services.rules.js';

// SQL of consultations, rights requests and claims (requests.service.ts, requests.thread.ts, requests.files.ts).

const STAFF_ROLES = ['federation_staff', 'union_staff'];

const requestColumns = [
  'r.id', 'r.ref_no', 'r.kind', 'r.category', 'r.channel', 'r.status', 'r.subject', 'r.body_enc', 'r.region_code', 'r.owner_union_id', 'r.assignee_id',
  'r.employer_name', 'r.enterprise_id', 'r.event_id', 'r.visitor_id', 'r.user_id', 'r.name', 'r.phone_masked', 'r.created_at', 'r.answer_due_at',
  'r.first_answered_at', 'r.answered_at', 'r.closed_at', 'r.escalated_at', 'r.routed_by', 'r.close_reason', 'r.reopen_count', 'r.aid_plan_id',
  'r.aid_member_id', 'r.claim_amount', 'r.incident_on', 'r.version', 'r.erased_at', 'r.created_by',
  'u.name as owner_union_name', 'u.scope_prefix as owner_scope', 'u.federation as owner_federation', 'rg.name as region_name',
  'a.name as assignee_name', 'e.name as enterprise_name', 'ev.name as event_name', 'p.name as plan_name',
] as const;

function baseQuery(db: Executor) {
  return db.selectFrom('service_requests as r')
    .innerJoin('unions as u', 'u.id', 'r.owner_union_id')
    .innerJoin('regions as rg', 'rg.code', 'r.region_code')
    .leftJoin('users as a', 'a.id', 'r.assignee_id')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('events as ev', 'ev.id', 'r.event_id')
    .leftJoin('aid_plans as p', 'p.id', 'r.aid_plan_id');
}

export type RequestRow = Awaited<ReturnType<typeof findRequest>> & {};

export function findRequest(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  let query = baseQuery(db).select([...requestColumns]).where('r.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('r');
  return query.executeTakeFirst();
}

export interface RequestFilter {
  /** Only this worker's own requests. */
  userId?: string;
  /** Only owner unions within this scope prefix ('' = all). */
  scopePrefix?: string;
  /** The caller's union: subject words are searched only among its own rows. */
  viewerUnionId?: string | null;
  status?: string;
  category?: string;
  kind?: string;
  sla?: SlaState;
  unionId?: string;
  eventId?: number;
  assigneeId?: string;
  q?: string;
  now: Date;
  offset: number;
  limit: number;
}

/** The service-level state (services.rules.ts slaState) in SQL, for the queue's filter. */
function slaCondition(sla: SlaState, now: Date) {
  const at = sql`${now}::timestamptz`;
  // due_soon: at most a quarter of the window (or 4 hours, whichever is longer) left.
  const soon = sql`greatest((r.answer_due_at - r.created_at) / 4, interval '4 hours')`;
  // Settled: the first answer, or a close without one (services.rules.ts slaState).
  const settled = sql`coalesce(r.first_answered_at, r.closed_at)`;
  switch (sla) {
    case 'met': return sql<boolean>`${settled} IS NOT NULL AND ${settled} <= r.answer_due_at`;
    case 'missed': return sql<boolean>`${settled} IS NOT NULL AND ${settled} > r.answer_due_at`;
    case 'overdue': return sql<boolean>`${settled} IS NULL AND r.answer_due_at < ${at}`;
    case 'due_soon': return sql<boolean>`${settled} IS NULL AND r.answer_due_at >= ${at} AND r.answer_due_at - ${at} <= ${soon}`;
    case 'on_time': return sql<boolean>`${settled} IS NULL AND r.answer_due_at - ${at} > ${soon}`;
  }
}

export async function listRequests(db: Executor, filter: RequestFilter): Promise<{ total: number; rows: RequestRow[] }> {
  let query = baseQuery(db);
  if (filter.userId) query = query.where('r.user_id', '=', filter.userId);
  if (filter.scopePrefix) query = query.where('u.scope_prefix', 'like', `${likeEscape(filter.scopePrefix)}%`);
  if (filter.status) query = query.where('r.status', '=', filter.status as ServiceRequestStatus);
  if (filter.category) query = query.where('r.category', '=', filter.category as ServiceRequestTable['category']);
  if (filter.kind) query = query.where('r.kind', '=', filter.kind as ServiceRequestTable['kind']);
  if (filter.unionId) query = query.where('r.owner_union_id', '=', filter.unionId);
  if (filter.eventId) query = query.where('r.event_id', '=', filter.eventId);
  if (filter.assigneeId) query = query.where('r.assignee_id', '=', filter.assigneeId);
  if (filter.sla) query = query.where(slaCondition(filter.sla, filter.now));
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    const viewer = filter.viewerUnionId ?? null;
    query = query.where((eb) => eb.or([
      eb('r.ref_no', 'ilike', pattern),
      ...(viewer ? [eb.and([eb('r.owner_union_id', '=', viewer), eb('r.subject', 'ilike', pattern)])] : []),
    ]));
  }
  const counted = await query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await query.select([...requestColumns])
    .orderBy('r.created_at', 'desc').orderBy('r.id').offset(filter.offset).limit(filter.limit).execute();
  return { total: counted.n, rows };
}

export function insertRequest(db: Executor, values: Insertable<ServiceRequestTable>) {
  return db.insertInto('service_requests').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export async function updateRequest(db: Executor, id: string, values: Updateable<ServiceRequestTable>): Promise<void> {
  await db.updateTable('service_requests').set({ ...values, version: sql`version + 1`, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, values: {
  requestId: string; actorId: string | null; action: Database['service_request_events']['action']; fromStatus?: string | null; toStatus?: string | null;
  fromUnionId?: string | null; toUnionId?: string | null; note?: string | null;
}): Promise<void> {
  await db.insertInto('service_request_events').values({
    request_id: values.requestId, actor_id: values.actorId, action: values.action, from_status: values.fromStatus ?? null, to_status: values.toStatus ?? null,
    from_union_id: values.fromUnionId ?? null, to_union_id: values.toUnionId ?? null, note: values.note ?? null,
  }).execute();
}

export function insertMessage(db: Executor, values: { requestId: string; authorId: string | null; authorRole: 'worker' | 'staff'; unionId: string | null; bodyEnc: Buffer; isInternal: boolean }) {
  return db.insertInto('service_request_messages').values({
    request_id: values.requestId, author_id: values.authorId, author_role: values.authorRole, union_id: values.unionId, body_enc: values.bodyEnc, is_internal: values.isInternal,
  }).returning(['id']).executeTakeFirstOrThrow();
}

export function listMessages(db: Executor, requestId: string) {
  return db.selectFrom('service_request_messages as m').leftJoin('users as us', 'us.id', 'm.author_id').leftJoin('unions as un', 'un.id', 'm.union_id')
    .select(['m.id', 'm.author_id', 'm.author_role', 'm.body_enc', 'm.is_internal', 'm.created_at', 'us.name as author_name', 'un.name as union_name'])
    .where('m.request_id', '=', requestId).orderBy('m.id').execute();
}

export function findMessage(db: Executor, requestId: string, messageId: number) {
  return db.selectFrom('service_request_messages').select(['id', 'author_id', 'is_internal']).where('request_id', '=', requestId).where('id', '=', messageId).executeTakeFirst();
}

export function listFiles(db: Executor, requestId: string) {
  return db.selectFrom('service_request_files as f').innerJoin('stored_files as s', 's.id', 'f.file_id')
    .select(['s.id', 's.name', 's.mime', 's.size', 's.created_at', 'f.message_id'])
    .where('f.request_id', '=', requestId).orderBy('s.created_at').orderBy('s.id').execute();
}

export function findFile(db: Executor, requestId: string, fileId: string) {
  return db.selectFrom('service_request_files as f').leftJoin('service_request_messages as m', 'm.id', 'f.message_id')
    .select(['f.file_id', 'f.message_id', 'm.is_internal']).where('f.request_id', '=', requestId).where('f.file_id', '=', fileId).executeTakeFirst();
}

export async function countFiles(db: Executor, requestId: string, messageId: number | null): Promise<number> {
  let query = db.selectFrom('service_request_files').select(sql<number>`count(*)::int`.as('n')).where('request_id', '=', requestId);
  query = messageId === null ? query.where('message_id', 'is', null) : query.where('message_id', '=', messageId);
  return (await query.executeTakeFirstOrThrow()).n;
}

export async function addFile(db: Executor, requestId: string, fileId: string, messageId: number | null): Promise<void> {
  await db.insertInto('service_request_files').values({ request_id: requestId, file_id: fileId, message_id: messageId }).execute();
}

export function listEvents(db: Executor, requestId: string) {
  return db.selectFrom('service_request_events as h').leftJoin('users as us', 'us.id', 'h.actor_id')
    .leftJoin('unions as fu', 'fu.id', 'h.from_union_id').leftJoin('unions as tu', 'tu.id', 'h.to_union_id')
    .select(['h.action', 'h.from_status', 'h.to_status', 'h.from_union_id', 'h.to_union_id', 'h.note', 'h.at', 'us.name as actor_name', 'fu.name as from_union_name', 'tu.name as to_union_name'])
    .where('h.request_id', '=', requestId).orderBy('h.id').execute();
}

/** The worker's name and phone from his account. */
export function findAccount(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'phone_enc']).where('id', '=', userId).executeTakeFirst();
}

/** An account whose phone matches (users.phone_hash), for desk records. */
export function findAccountByPhoneHash(db: Executor, phoneHash: Buffer) {
  return db.selectFrom('users').select(['id']).where('phone_hash', '=', phoneHash).where('is_disabled', '=', false).executeTakeFirst();
}

export function findPlan(db: Executor, id: number) {
  return db.selectFrom('aid_plans').select(['id', 'name', 'status', 'federation']).where('id', '=', id).executeTakeFirst();
}

/** The enrolled member of a plan with this 身份证号 blind index. */
export function findAidMember(db: Executor, planId: number, idCardHash: Buffer) {
  return db.selectFrom('aid_enrolment_members as m').innerJoin('aid_enrolments as en', 'en.id', 'm.enrolment_id')
    .select(['m.id']).where('m.plan_id', '=', planId).where('m.id_card_hash', '=', idCardHash)
    .where('en.status', 'in', ['submitted', 'confirmed']).executeTakeFirst();
}

export function findEvent(db: Executor, id: number) {
  return db.selectFrom('events').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findVisitor(db: Executor, id: number) {
  return db.selectFrom('event_visitors').select(['id', 'event_id']).where('id', '=', id).executeTakeFirst();
}

export function findEnterpriseName(db: Executor, id: string) {
  return db.selectFrom('enterprises').select(['name']).where('id', '=', id).executeTakeFirst();
}

/** Staff of one union (the assignee picker; assignment checks). */
export function listUnionStaff(db: Executor, unionId: string, userId?: string) {
  let query = db.selectFrom('users').select(['id', 'name']).where('union_id', '=', unionId).where('is_disabled', '=', false)
    .where(sql<boolean>`roles && ${sql.val(STAFF_ROLES)}::text[]`);
  if (userId) query = query.where('id', '=', userId);
  return query.orderBy('name').orderBy('id').execute();
}

export function listAllUnions(db: Executor) {
  return db.selectFrom('unions').select(['id', 'name', 'federation', 'level']).orderBy('federation').orderBy('scope_prefix').execute();
}

/** Verified enterprises whose name matches (trigram index on the name), at most 10. */
export function searchEmployers(db: Executor, q: string) {
  const pattern = `%${likeEscape(q)}%`;
  return db.selectFrom('enterprises as e').innerJoin('regions as rg', 'rg.code', 'e.region_code')
    .select(['e.id', 'e.name', 'e.region_code', 'rg.name as region_name'])
    .where('e.status', '=', 'verified').where('e.name', 'ilike', pattern)
    .orderBy(sql`length(e.name)`).orderBy('e.name').limit(10).execute();
}
