import { sql, type Insertable, type Updateable } from 'kysely';
import type { EnterpriseStatus, EnterpriseTable, Executor } from '../../platform/db.js';
import { likeEscape, pageOffset, type PageQuery } from '../../platform/pagination.js';

const columns = [
  'e.id', 'e.credit_code', 'e.name', 'e.region_code', 'e.address', 'e.industry_section', 'e.industry_division', 'e.size',
  'e.ownership', 'e.contact_name', 'e.contact_phone_masked', 'e.owner_union_id', 'e.status', 'e.status_reason',
  'e.reviewed_at', 'e.created_at', 'n.name as owner_union_name', 'n.scope_prefix as owner_scope',
] as const;

function withUnion(db: Executor) {
  return db.selectFrom('enterprises as e').innerJoin('unions as n', 'n.id', 'e.owner_union_id');
}

/** SQL condition: `userId` is an active employer account of the enterprise in `enterpriseColumn`. */
export const isActiveMemberOf = (enterpriseColumn: string, userId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM enterprise_members m WHERE m.enterprise_id = ${sql.ref(enterpriseColumn)} AND m.user_id = ${userId} AND m.status = 'active')`;

export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

export function findEnterprise(db: Executor, id: string) {
  return withUnion(db).select(columns).where('e.id', '=', id).executeTakeFirst();
}

export function findEnterpriseByCreditCode(db: Executor, creditCode: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'credit_code']).where('credit_code', '=', creditCode).executeTakeFirst();
}

export interface EnterpriseFilter {
  /** Owning-union scope prefix ('' = all); null means "only these ids". */
  scopePrefix: string | null;
  memberUserId?: string;
  q?: string;
  regionPrefix?: string;
  industry?: string;
  status?: EnterpriseStatus;
}

export async function listEnterprises(db: Executor, filter: EnterpriseFilter, page: PageQuery) {
  let q = withUnion(db);
  if (filter.memberUserId) {
    q = q.where(isActiveMemberOf('e.id', filter.memberUserId));
  } else if (filter.scopePrefix !== null && filter.scopePrefix !== '') {
    q = q.where('n.scope_prefix', 'like', `${likeEscape(filter.scopePrefix)}%`);
  }
  if (filter.q) {
    const text = filter.q;
    const code = text.toUpperCase().replace(/\s/g, '');
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${likeEscape(text)}%`), eb('e.credit_code', '=', code)]));
  }
  if (filter.regionPrefix) q = q.where('e.region_code', 'like', `${likeEscape(filter.regionPrefix)}%`);
  if (filter.industry) q = q.where('e.industry_section', '=', filter.industry);
  if (filter.status) q = q.where('e.status', '=', filter.status);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  // Staff work the queue oldest-first when filtering for submitted ones.
  const order = filter.status === 'submitted' ? 'asc' : 'desc';
  const items = await q.select(columns).orderBy('e.created_at', order).orderBy('e.id').limit(page.pageSize).offset(pageOffset(page)).execute();
  return { total: Number(total), items };
}

export async function postingCounts(db: Executor, enterpriseIds: string[]) {
  if (!enterpriseIds.length) return new Map<string, { published: number; pending: number; total: number }>();
  const rows = await db
    .selectFrom('postings')
    .select([
      'enterprise_id',
      sql<number>`count(*) FILTER (WHERE status = 'published')::int`.as('published'),
      sql<number>`count(*) FILTER (WHERE status = 'pending')::int`.as('pending'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .where('enterprise_id', 'in', enterpriseIds)
    .groupBy('enterprise_id')
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, { published: r.published, pending: r.pending, total: r.total }]));
}

export function insertEnterprise(db: Executor, row: Insertable<EnterpriseTable>) {
  return db.insertInto('enterprises').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateEnterprise(db: Executor, id: string, set: Updateable<EnterpriseTable>) {
  return db.updateTable('enterprises').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export function findMembership(db: Executor, enterpriseId: string, userId: string) {
  return db.selectFrom('enterprise_members').selectAll().where('enterprise_id', '=', enterpriseId).where('user_id', '=', userId).executeTakeFirst();
}

export function insertMembership(db: Executor, enterpriseId: string, userId: string, status: 'pending' | 'active') {
  return db.insertInto('enterprise_members').values({ enterprise_id: enterpriseId, user_id: userId, status })
    .onConflict((oc) => oc.columns(['enterprise_id', 'user_id']).doNothing()).execute();
}

export function listMembers(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('enterprise_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.status', 'm.created_at', 'u.name', 'u.phone_masked', 'u.username'])
    .where('m.enterprise_id', '=', enterpriseId)
    .orderBy('m.created_at')
    .execute();
}

export function activateMembership(db: Executor, enterpriseId: string, userId: string) {
  return db.updateTable('enterprise_members').set({ status: 'active' })
    .where('enterprise_id', '=', enterpriseId).where('user_id', '=', userId).where('status', '=', 'pending')
    .executeTakeFirst();
}

export function findContactCipher(db: Executor, id: string) {
  return db.selectFrom('enterprises').select('contact_phone_enc').where('id', '=', id).executeTakeFirst();
}
