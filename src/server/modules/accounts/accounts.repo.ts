import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { likeEscape, pageOffset, type PageQuery } from '../../platform/pagination.js';

const userColumns = [
  'u.id', 'u.username', 'u.name', 'u.phone_masked', 'u.roles', 'u.union_id', 'u.is_disabled', 'u.is_demo',
  'u.last_login_at', 'u.created_at', 'n.name as union_name', 'n.scope_prefix as union_scope_prefix',
  'n.region_code as union_region_code', 'n.level as union_level', 'n.federation as union_federation',
] as const;

function usersWithUnion(db: Executor) {
  return db.selectFrom('users as u').leftJoin('unions as n', 'n.id', 'u.union_id');
}

export type UserRow = Awaited<ReturnType<typeof findUserById>> & {};

export function findUserById(db: Executor, id: string) {
  return usersWithUnion(db).select(userColumns).where('u.id', '=', id).executeTakeFirst();
}

/** The row needed to check a password. */
export function findLoginCandidate(db: Executor, by: { username: string } | { phoneHash: Buffer }) {
  let q = db.selectFrom('users').select(['id', 'password_hash', 'is_disabled', 'failed_logins', 'locked_until', 'name', 'username', 'phone_masked']);
  q = 'username' in by ? q.where(sql`lower(username)`, '=', by.username.toLowerCase()) : q.where('phone_hash', '=', by.phoneHash);
  return q.executeTakeFirst();
}

export function recordFailedLogin(db: Executor, userId: string, lockAfter: number, lockMinutes: number) {
  return db
    .updateTable('users')
    .set({
      failed_logins: sql`CASE WHEN failed_logins + 1 >= ${lockAfter} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${lockAfter} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export function recordSuccessfulLogin(db: Executor, userId: string) {
  return db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export function insertSession(db: Executor, row: { tokenHash: Buffer; userId: string; hours: number; ip: string | null; userAgent: string | null }) {
  return db
    .insertInto('sessions')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      expires_at: sql`now() + make_interval(hours => ${row.hours})`,
      ip: row.ip,
      user_agent: row.userAgent?.slice(0, 300) ?? null,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
}

/** The session and its user; `expired` tells an expired session apart from an unknown one. */
export function findSession(db: Executor, tokenHash: Buffer) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('unions as n', 'n.id', 'u.union_id')
    .select([
      's.user_id', 's.last_seen_at', sql<boolean>`s.expires_at <= now()`.as('expired'),
      'u.username', 'u.name', 'u.roles', 'u.union_id', 'u.is_disabled', 'n.scope_prefix as union_scope_prefix',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sliding expiry, written at most every few minutes per session. */
export function touchSession(db: Executor, tokenHash: Buffer, hours: number) {
  return db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(hours => ${hours})` })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export function deleteSession(db: Executor, tokenHash: Buffer) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export function deleteUserSessions(db: Executor, userId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function purgeExpiredSessions(db: Executor) {
  return db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}

export interface UserFilter {
  /** '' for everything, else users whose union lies in this region subtree. */
  scopePrefix: string;
  q?: string;
  phoneHash?: Buffer;
  role?: string;
  unionScopePrefix?: string;
  status?: 'active' | 'disabled';
}

export async function listUsers(db: Executor, filter: UserFilter, page: PageQuery) {
  let q = usersWithUnion(db);
  if (filter.scopePrefix !== '') q = q.where('n.scope_prefix', 'like', `${likeEscape(filter.scopePrefix)}%`);
  if (filter.unionScopePrefix !== undefined) q = q.where('n.scope_prefix', 'like', `${likeEscape(filter.unionScopePrefix)}%`);
  if (filter.role) q = q.where(sql<boolean>`${filter.role} = ANY(u.roles)`);
  if (filter.status) q = q.where('u.is_disabled', '=', filter.status === 'disabled');
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    const phoneHash = filter.phoneHash;
    q = q.where((eb) => eb.or([
      eb('u.name', 'ilike', pattern),
      eb('u.username', 'ilike', pattern),
      ...(phoneHash ? [eb('u.phone_hash', '=', phoneHash)] : []),
    ]));
  }
  const [{ total } = { total: 0 }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const items = await q
    .select(userColumns)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id')
    .limit(page.pageSize)
    .offset(pageOffset(page))
    .execute();
  return { total: Number(total), items };
}

export function insertUser(db: Executor, row: {
  username: string | null; phoneEnc: Buffer | null; phoneHash: Buffer | null; phoneMasked: string | null;
  name: string; passwordHash: string; roles: string[]; unionId: string | null; isDemo?: boolean; createdBy: string | null;
}) {
  return db
    .insertInto('users')
    .values({
      username: row.username, phone_enc: row.phoneEnc, phone_hash: row.phoneHash, phone_masked: row.phoneMasked,
      name: row.name, password_hash: row.passwordHash, roles: row.roles, union_id: row.unionId,
      is_demo: row.isDemo ?? false, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateUser(db: Executor, id: string, set: {
  name?: string; roles?: string[]; union_id?: string | null; is_disabled?: boolean; password_hash?: string;
  failed_logins?: number; locked_until?: null;
}) {
  return db.updateTable('users').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export function findPhoneCipher(db: Executor, id: string) {
  return db.selectFrom('users').select(['phone_enc']).where('id', '=', id).executeTakeFirst();
}

export function existingLogins(db: Executor, username: string | null, phoneHash: Buffer | null) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'phone_hash'])
    .where((eb) => eb.or([
      ...(username ? [eb(sql`lower(username)`, '=', username.toLowerCase())] : []),
      ...(phoneHash ? [eb('phone_hash', '=', phoneHash)] : []),
    ]))
    .execute();
}
