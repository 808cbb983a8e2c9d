import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor, PostingStatus, PostingTable } from '../../platform/db.js';
import { likeEscape, pageOffset, type PageQuery } from '../../platform/pagination.js';
import { isActiveMemberOf } from '../orgs/enterprises.repo.js';

const columns = [
  'p.id', 'p.enterprise_id', 'p.owner_union_id', 'p.title', 'p.job_type_code', 'p.industry_section', 'p.industry_division',
  'p.region_code', 'p.salary_negotiable', 'p.salary_min', 'p.salary_max', 'p.headcount', 'p.education', 'p.experience',
  'p.description_html', 'p.benefits', 'p.contact_name', 'p.contact_phone_masked', 'p.valid_from', 'p.valid_until', 'p.status',
  'p.status_reason', 'p.published_at', 'p.updated_at', 'p.version',
  'e.name as enterprise_name', 'e.status as enterprise_status', 'n.name as owner_union_name', 'n.scope_prefix as owner_scope',
  'j.name as job_type_name',
] as const;

function joined(db: Executor) {
  return db
    .selectFrom('postings as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .innerJoin('unions as n', 'n.id', 'p.owner_union_id')
    .innerJoin('job_types as j', 'j.code', 'p.job_type_code');
}

export type PostingRow = NonNullable<Awaited<ReturnType<typeof findPosting>>>;

export function findPosting(db: Executor, id: number) {
  return joined(db).select(columns).where('p.id', '=', id).executeTakeFirst();
}

/** A published posting of a verified enterprise, valid today: what the public may see. */
export function findPublicPosting(db: Executor, id: number) {
  return joined(db)
    .select(columns)
    .where('p.id', '=', id)
    .where('p.status', '=', 'published')
    .where('e.status', '=', 'verified')
    .where('p.valid_from', '<=', sql<string>`current_date`)
    .where('p.valid_until', '>=', sql<string>`current_date`)
    .executeTakeFirst();
}

export interface PostingFilter {
  scopePrefix: string | null;
  memberUserId?: string;
  enterpriseId?: string;
  status?: PostingStatus;
  jobType?: string;
  regionPrefix?: string;
  q?: string;
}

export async function listPostings(db: Executor, filter: PostingFilter, page: PageQuery) {
  let q = joined(db);
  if (filter.memberUserId) {
    q = q.where(isActiveMemberOf('p.enterprise_id', filter.memberUserId));
  } else if (filter.scopePrefix) {
    q = q.where('n.scope_prefix', 'like', `${likeEscape(filter.scopePrefix)}%`);
  }
  if (filter.enterpriseId) q = q.where('p.enterprise_id', '=', filter.enterpriseId);
  if (filter.status) q = q.where('p.status', '=', filter.status);
  if (filter.jobType) q = q.where('p.job_type_code', '=', filter.jobType);
  if (filter.regionPrefix) q = q.where('p.region_code', 'like', `${likeEscape(filter.regionPrefix)}%`);
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('p.title', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const order = filter.status === 'pending' ? 'asc' : 'desc';
  const items = await q.select(columns).orderBy('p.updated_at', order).orderBy('p.id', 'desc')
    .limit(page.pageSize).offset(pageOffset(page)).execute();
  return { total: Number(total), items };
}

export function insertPosting(db: Executor, row: Insertable<PostingTable>) {
  return db.insertInto('postings').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Update with an optimistic lock on `version`; returns false when someone else changed it first. */
export async function updatePosting(db: Executor, id: number, set: Updateable<PostingTable>, expectedVersion?: number): Promise<boolean> {
  let q = db.updateTable('postings').set({ ...set, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function insertHistory(db: Executor, entry: { postingId: number; actorId: string | null; action: string; changes: Record<string, [unknown, unknown]>; reason?: string | null }) {
  return db.insertInto('posting_history').values({
    posting_id: entry.postingId, actor_id: entry.actorId, action: entry.action, changes: JSON.stringify(entry.changes), reason: entry.reason ?? null,
  }).execute();
}

export function listHistory(db: Executor, postingId: number) {
  return db
    .selectFrom('posting_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.at', 'h.actor_id', 'u.name as actor_name', 'h.action', 'h.changes', 'h.reason'])
    .where('h.posting_id', '=', postingId)
    .orderBy('h.id')
    .execute();
}

export function findOpenPostingByTitle(db: Executor, enterpriseId: string, title: string) {
  return db.selectFrom('postings').select(['id', 'status', 'version']).where('enterprise_id', '=', enterpriseId).where('title', '=', title)
    .where('status', 'in', ['draft', 'pending', 'published', 'rejected']).executeTakeFirst();
}

/** Published postings past their end date become expired; returns the ids. */
export async function expireDuePostings(db: Executor): Promise<number[]> {
  const rows = await db.updateTable('postings')
    .set({ status: 'expired', updated_at: sql`now()`, version: sql`version + 1` })
    .where('status', '=', 'published')
    .where('valid_until', '<', sql<string>`current_date`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
