import { sql } from 'kysely';
import type { Executor, MembershipStatus } from '../../platform/db.js';
import { likeEscape } from '../../platform/pagination.js';

// All SQL of union membership applications (issue 8 §2).

const select = (db: Executor) => db.selectFrom('membership_applications as m')
  .innerJoin('unions as u', 'u.id', 'm.owner_union_id')
  .leftJoin('regions as rg', 'rg.code', 'm.region_code')
  .leftJoin('enterprises as e', 'e.id', 'm.enterprise_id')
  .leftJoin('events as ev', 'ev.id', 'm.event_id')
  .leftJoin('users as rb', 'rb.id', 'm.reviewed_by')
  .select([
    'm.id', 'm.ref_no', 'm.channel', 'm.event_id', 'm.visitor_id', 'm.user_id', 'm.name', 'm.id_card_masked', 'm.phone_masked', 'm.region_code',
    'm.enterprise_id', 'm.employer_name', 'm.owner_union_id', 'm.routed_by', 'm.status', sql<string>`m.review_due_on::text`.as('review_due_on'),
    'm.reviewed_by', 'm.reviewed_at', 'm.reject_reason', 'm.member_no', 'm.card_code', sql<string | null>`m.joined_on::text`.as('joined_on'),
    'm.consented_at', 'm.erased_at', 'm.created_at', 'm.version',
    'u.name as union_name', 'u.scope_prefix as union_scope', 'u.federation as union_federation',
    'rg.name as region_name', 'e.name as enterprise_name', 'ev.name as event_name', 'rb.name as reviewer_name',
  ]);

export type MembershipRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function findApplication(db: Executor, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) return undefined;
  let q = select(db).where('m.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('m');
  return q.executeTakeFirst();
}

/** The open or approved application of a person (his 身份证号's blind index), if any. */
export async function findLiveByIdCard(db: Executor, idCardHash: Buffer) {
  return select(db).where('m.id_card_hash', '=', idCardHash).where('m.status', 'in', ['submitted', 'approved']).executeTakeFirst();
}

/** A worker's latest application and his approved one (the card), newest first. */
export async function latestOfUser(db: Executor, userId: string) {
  return select(db).where('m.user_id', '=', userId).orderBy('m.created_at', 'desc').limit(1).executeTakeFirst();
}
export async function approvedOfUser(db: Executor, userId: string) {
  return select(db).where('m.user_id', '=', userId).where('m.status', '=', 'approved').orderBy('m.reviewed_at', 'desc').limit(1).executeTakeFirst();
}
export async function findByCardCode(db: Executor, code: string) {
  return select(db).where('m.card_code', '=', code).executeTakeFirst();
}

export async function insertApplication(db: Executor, v: {
  refNo: string; channel: 'online' | 'desk'; eventId: number | null; visitorId: number | null; userId: string | null; name: string;
  sealed: { id_card_enc: Buffer; id_card_hash: Buffer; id_card_masked: string; phone_enc: Buffer; phone_hash: Buffer; phone_masked: string };
  regionCode: string; enterpriseId: string | null; employerName: string; ownerUnionId: string; routedBy: 'region' | 'employer';
  reviewDueOn: string; consentedAt: Date; createdBy: string;
}): Promise<string> {
  const row = await db.insertInto('membership_applications').values({
    ref_no: v.refNo, channel: v.channel, event_id: v.eventId, visitor_id: v.visitorId, user_id: v.userId, name: v.name, ...v.sealed,
    region_code: v.regionCode, enterprise_id: v.enterpriseId, employer_name: v.employerName, owner_union_id: v.ownerUnionId, routed_by: v.routedBy,
    review_due_on: v.reviewDueOn, reviewed_by: null, reviewed_at: null, reject_reason: null, member_no: null, card_code: null, joined_on: null,
    consented_at: v.consentedAt, erased_at: null, created_by: v.createdBy, updated_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateApplication(db: Executor, id: string, change: {
  status: MembershipStatus; reviewed_by?: string | null; reviewed_at?: Date | null; reject_reason?: string | null;
  member_no?: string | null; card_code?: string | null; joined_on?: string | null;
}): Promise<void> {
  await db.updateTable('membership_applications').set({ ...change, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** The next number of membership_no_seq (the 7 digits of a member number). */
export async function nextMemberSeq(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT nextval('membership_no_seq')::int AS n`.execute(db);
  return rows[0]!.n;
}

/** A sealed value of an application, for the audited reveal. */
export async function findCipher(db: Executor, id: string, field: 'idCard' | 'phone'): Promise<Buffer | null> {
  const row = await db.selectFrom('membership_applications').select(['id_card_enc', 'phone_enc']).where('id', '=', id).executeTakeFirst();
  return (field === 'idCard' ? row?.id_card_enc : row?.phone_enc) ?? null;
}

/** The account whose phone this is (users.phone_hash with the accounts' index), for desk records. */
export async function userIdByPhoneHash(db: Executor, hash: Buffer): Promise<string | null> {
  return (await db.selectFrom('users').select('id').where('phone_hash', '=', hash).executeTakeFirst())?.id ?? null;
}

/** An account's name and sealed phone (the worker's application defaults). */
export async function findAccount(db: Executor, userId: string) {
  return db.selectFrom('users').select(['name', 'phone_enc']).where('id', '=', userId).executeTakeFirst();
}

/** Whether the visitor is one of the event's. */
export async function isVisitorOf(db: Executor, eventId: number, visitorId: number): Promise<boolean> {
  return !!(await db.selectFrom('event_visitors').select('id').where('id', '=', visitorId).where('event_id', '=', eventId).executeTakeFirst());
}
export async function eventExists(db: Executor, eventId: number): Promise<boolean> {
  return !!(await db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst());
}

export interface MembershipFilter {
  /** The caller's staff scope ('' = everything). */
  scopePrefix: string;
  status?: MembershipStatus | undefined;
  overdueBefore?: string | undefined;
  unionId?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

/** The review queue within a scope: waiting ones first (oldest due first), then the rest newest first. */
export async function listApplications(db: Executor, f: MembershipFilter) {
  let q = select(db);
  if (f.scopePrefix) q = q.where('u.scope_prefix', 'like', `${likeEscape(f.scopePrefix)}%`);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.overdueBefore) q = q.where('m.status', '=', 'submitted').where('m.review_due_on', '<', f.overdueBefore);
  if (f.unionId) q = q.where('m.owner_union_id', '=', f.unionId);
  if (f.q) {
    const term = f.q.toUpperCase();
    q = q.where((eb) => eb.or([eb('m.ref_no', '=', term), eb('m.member_no', '=', term)]));
  }
  const rows = await q.select(sql<number>`count(*) OVER ()::int`.as('total'))
    .orderBy(sql`(m.status = 'submitted')`, 'desc').orderBy(sql`CASE WHEN m.status = 'submitted' THEN m.review_due_on END`, 'asc')
    .orderBy('m.created_at', 'desc').orderBy('m.id')
    .offset(f.offset).limit(f.limit).execute();
  let total = rows[0]?.total ?? 0;
  if (!rows.length && f.offset) total = (await listApplications(db, { ...f, offset: 0, limit: 1 })).total;
  return { rows, total };
}

export async function enterpriseName(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('enterprises').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** Whether a twin request already stored its result under this Idempotency-Key. */
export async function hasIdempotencyKey(db: Executor, actor: string, key: string): Promise<boolean> {
  return !!(await db.selectFrom('idempotency_keys').select('key').where('actor', '=', actor).where('key', '=', key).executeTakeFirst());
}
