import { sql } from 'kysely';
import type { AidEnrolmentStatus, Executor } from '../../platform/db.js';

// All SQL of mutual-aid enrolments (issue 8 §3): an employer's list of workers for a plan.

/** The employer's enterprises the actor is an active agent of, with the union that confirms their lists. */
export function agentEnterprises(db: Executor, userId: string) {
  return db.selectFrom('enterprise_members as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id').innerJoin('unions as u', 'u.id', 'e.owner_union_id')
    .select(['e.id', 'e.name', 'e.status', 'u.id as union_id', 'u.name as union_name', 'u.scope_prefix as union_scope', 'u.federation as union_federation'])
    .where('m.user_id', '=', userId).where('m.status', '=', 'active').orderBy('e.name').execute();
}

export async function isActiveAgent(db: Executor, userId: string, enterpriseId: string): Promise<boolean> {
  return !!(await db.selectFrom('enterprise_members').select('user_id').where('user_id', '=', userId).where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').executeTakeFirst());
}

const enrolmentSelect = (db: Executor) => db.selectFrom('aid_enrolments as e')
  .innerJoin('aid_plans as p', 'p.id', 'e.plan_id')
  .innerJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
  .innerJoin('unions as u', 'u.id', 'e.owner_union_id')
  .leftJoin('users as sb', 'sb.id', 'e.submitted_by')
  .leftJoin('users as cb', 'cb.id', 'e.confirmed_by')
  .select([
    'e.id', 'e.plan_id', 'e.enterprise_id', 'e.owner_union_id', 'e.status', 'e.people', 'e.amount', 'e.return_note', 'e.submitted_by', 'e.submitted_at',
    'e.confirmed_by', 'e.confirmed_at', 'e.version', 'e.created_by', 'e.created_at', 'e.updated_at',
    'p.name as plan_name', 'p.price as plan_price', 'p.federation as plan_federation', 'p.status as plan_status',
    'ent.name as enterprise_name', 'u.name as union_name', 'u.scope_prefix as union_scope', 'sb.name as submitted_by_name', 'cb.name as confirmed_by_name',
  ]);

export type EnrolmentRow = NonNullable<Awaited<ReturnType<typeof findEnrolment>>>;

export async function findEnrolment(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let q = enrolmentSelect(db).where('e.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('e');
  return q.executeTakeFirst();
}

/** The live enrolment made from this very file (the same list uploaded twice). */
export async function findByFile(db: Executor, planId: number, enterpriseId: string, sha256: Buffer) {
  return db.selectFrom('aid_enrolments').select('id').where('plan_id', '=', planId).where('enterprise_id', '=', enterpriseId)
    .where('file_sha256', '=', sha256).where('status', '<>', 'cancelled').executeTakeFirst();
}

export interface EnrolmentFilter {
  /** An agent: his enterprises. */
  enterpriseIds?: string[] | undefined;
  /** Staff: enrolments whose owner union is within this scope prefix ('' = all), drafts excluded. */
  scopePrefix?: string | undefined;
  status?: AidEnrolmentStatus | undefined;
  planId?: number | undefined;
  offset: number;
  limit: number;
}

export async function listEnrolments(db: Executor, f: EnrolmentFilter) {
  let q = enrolmentSelect(db);
  if (f.enterpriseIds) {
    if (!f.enterpriseIds.length) return { rows: [], total: 0 };
    q = q.where('e.enterprise_id', 'in', f.enterpriseIds);
  }
  if (f.scopePrefix !== undefined) {
    q = q.where('e.status', 'not in', ['draft', 'cancelled']);
    if (f.scopePrefix) q = q.where('u.scope_prefix', 'like', `${f.scopePrefix}%`);
  }
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.planId) q = q.where('e.plan_id', '=', f.planId);
  const rows = await q.select(sql<number>`count(*) OVER ()::int`.as('total'))
    // Waiting ones first, oldest submission first (the queue); then the rest, newest first.
    .orderBy(sql`CASE e.status WHEN 'submitted' THEN 0 ELSE 1 END`).orderBy(sql`CASE WHEN e.status = 'submitted' THEN e.submitted_at END`, 'asc')
    .orderBy('e.updated_at', 'desc').orderBy('e.id', 'desc')
    .offset(f.offset).limit(f.limit).execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Which of these 身份证号 blind indexes are already on a list of the plan (any enrolment not cancelled or returned). */
export async function enrolledHashes(db: Executor, planId: number, hashes: Buffer[]) {
  if (!hashes.length) return [];
  return db.selectFrom('aid_enrolment_members as m').innerJoin('aid_enrolments as e', 'e.id', 'm.enrolment_id')
    .select(['m.id_card_hash', 'm.enrolment_id', 'e.enterprise_id', 'e.status']).where('m.plan_id', '=', planId).where('m.id_card_hash', 'in', hashes).execute();
}

export async function insertEnrolment(db: Executor, v: { planId: number; enterpriseId: string; ownerUnionId: string; people: number; amount: number; sha256: Buffer; createdBy: string }): Promise<number> {
  const row = await db.insertInto('aid_enrolments').values({
    plan_id: v.planId, enterprise_id: v.enterpriseId, owner_union_id: v.ownerUnionId, people: v.people, amount: v.amount, file_sha256: v.sha256, created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface MemberValues {
  row_no: number;
  name: string;
  id_card_enc: Buffer;
  id_card_hash: Buffer;
  id_card_masked: string;
  phone_enc: Buffer;
  phone_hash: Buffer;
  phone_masked: string;
}

const CHUNK = 1_000;

/**
 * Insert a list's members and, with each, the consent the employer recorded for him (purpose
 * aid_enrolment, channel employer, subject = his 身份证号's blind index): the rows recordConsent
 * writes, in bulk for a list of thousands.
 */
export async function insertMembers(db: Executor, enrolmentId: number, planId: number, members: MemberValues[], recordedBy: string): Promise<void> {
  for (let i = 0; i < members.length; i += CHUNK) {
    const chunk = members.slice(i, i + CHUNK);
    const rows = await db.insertInto('aid_enrolment_members').values(chunk.map((m) => ({ ...m, enrolment_id: enrolmentId, plan_id: planId })))
      .returning(['id', 'id_card_hash']).execute();
    await db.insertInto('consents').values(rows.map((r) => ({
      user_id: null, subject_hash: r.id_card_hash, purpose: 'aid_enrolment' as const, record_type: 'aid_enrolment_member' as const, record_id: String(r.id),
      text_key: 'services.consent.aid_enrolment', channel: 'employer' as const, recorded_by: recordedBy,
    }))).execute();
  }
}

/** Delete a list's members (returned or cancelled: they may be listed again); their consents are marked withdrawn. */
export async function deleteMembers(db: Executor, enrolmentId: number): Promise<number> {
  const gone = await db.deleteFrom('aid_enrolment_members').where('enrolment_id', '=', enrolmentId).returning('id').execute();
  if (gone.length) {
    await db.updateTable('consents').set({ withdrawn_at: sql`now()` })
      .where('record_type', '=', 'aid_enrolment_member').where('record_id', 'in', gone.map((g) => String(g.id))).where('withdrawn_at', 'is', null).execute();
  }
  return gone.length;
}

export async function listMembers(db: Executor, enrolmentId: number) {
  return db.selectFrom('aid_enrolment_members').select(['row_no', 'name', 'id_card_masked', 'phone_masked'])
    .where('enrolment_id', '=', enrolmentId).orderBy('row_no').execute();
}

export interface EnrolmentChange {
  status?: AidEnrolmentStatus;
  return_note?: string | null;
  submitted_by?: string;
  submitted_at?: Date;
  confirmed_by?: string;
  confirmed_at?: Date;
  file_sha256?: null;
}

/** Change an enrolment and bump its version. */
export async function updateEnrolment(db: Executor, id: number, change: EnrolmentChange): Promise<void> {
  await db.updateTable('aid_enrolments').set({ ...change, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', id).execute();
}
