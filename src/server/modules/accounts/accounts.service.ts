import { createHash, randomBytes } from 'node:crypto';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { isStaffRole, type Role } from '../../../shared/roles.js';
import { isMainlandMobile, maskPhone, normalizePhone } from '../../../shared/validators.js';
import { findUnion } from '../orgs/orgs.repo.js';
import * as repo from './accounts.repo.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  canManageUsers, grantableRoles, isAdmin, isWithinScope, permissionsOf, roleFitsUnion,
} from './accounts.policy.js';
import type { AdminUser, CreateUserBody, Me, UpdateUserBody, UserListQuery } from './accounts.schemas.js';

export const SESSION_COOKIE = 'chuanyu_session';
/** Lock an account for 15 minutes after 5 failed logins in a row (common bank/government practice). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
const PHONE_INDEX = 'user.phone';

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

function scopeOf(roles: Role[], unionScopePrefix: string | null): string | null {
  if (roles.includes('admin')) return '';
  if (roles.some(isStaffRole)) return unionScopePrefix;
  return null;
}

export function phoneIndex(ctx: AppContext, phone: string): Buffer {
  return ctx.crypto.blindIndex(PHONE_INDEX, normalizePhone(phone));
}

// ---------------------------------------------------------------- sessions

/** Check the password and open a session; failures count towards a temporary lock. */
export async function login(ctx: AppContext, input: { login: string; password: string }, meta: RequestMeta) {
  const login = input.login.trim();
  const asPhone = normalizePhone(login);
  const by = isMainlandMobile(asPhone) ? { phoneHash: phoneIndex(ctx, asPhone) } : { username: login };
  const user = await repo.findLoginCandidate(ctx.db, by);
  const loginLabel = 'phoneHash' in by ? maskPhone(asPhone) : login.slice(0, 40);

  if (user?.locked_until && user.locked_until > new Date()) {
    throw tooManyAttempts(user.locked_until);
  }
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    let lockedUntil: Date | null = null;
    await ctx.db.transaction().execute(async (trx) => {
      if (user) lockedUntil = (await repo.recordFailedLogin(trx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES)).locked_until;
      await recordAudit(trx, {
        actorId: null, actorLabel: loginLabel, action: 'auth.login_failed', subjectType: 'user',
        subjectId: user?.id ?? null, subjectLabel: user ? user.name : null, ...metaOf(meta),
      });
    });
    if (lockedUntil && (lockedUntil as Date) > new Date()) throw tooManyAttempts(lockedUntil);
    throw new AppError('auth.invalid_credentials', 401);
  }
  if (user.is_disabled) throw new AppError('auth.account_disabled', 403);

  const token = randomBytes(32).toString('base64url');
  const session = await ctx.db.transaction().execute(async (trx) => {
    await repo.recordSuccessfulLogin(trx, user.id);
    const created = await repo.insertSession(trx, {
      tokenHash: hashToken(token), userId: user.id, hours: ctx.config.sessionHours, ip: meta.ip, userAgent: meta.userAgent,
    });
    await recordAudit(trx, {
      actorId: user.id, actorLabel: `${user.name}${user.username ? ` (${user.username})` : ''}`,
      action: 'auth.login', subjectType: 'user', subjectId: user.id, subjectLabel: user.name, ...metaOf(meta),
    });
    return created;
  });
  void repo.purgeExpiredSessions(ctx.db).catch(() => undefined);
  return { token, expiresAt: new Date(session.expires_at), me: await getMe(ctx, user.id) };
}

function tooManyAttempts(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError('auth.too_many_attempts', 429, { minutes: Math.ceil(seconds / 60) }, [], {
    'retry-after': String(seconds),
  });
}

const metaOf = (meta: RequestMeta) => ({ ip: meta.ip, requestId: meta.requestId });

export type SessionLookup = { actor: Actor } | { expired: true } | null;

/** The actor behind a session cookie, extending the session as it is used. */
export async function resolveSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const row = await repo.findSession(ctx.db, tokenHash);
  if (!row) return null;
  if (row.expired || row.is_disabled) {
    await repo.deleteSession(ctx.db, tokenHash);
    return row.expired ? { expired: true } : null;
  }
  if (Date.now() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await repo.touchSession(ctx.db, tokenHash, ctx.config.sessionHours);
  }
  const roles = row.roles as Role[];
  return {
    actor: {
      id: row.user_id, username: row.username, name: row.name, roles, unionId: row.union_id,
      scopePrefix: scopeOf(roles, row.union_scope_prefix),
    },
  };
}

export async function logout(ctx: AppContext, token: string, actor: Actor | null, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashToken(token));
    if (actor) {
      await recordAudit(trx, {
        actorId: actor.id, actorLabel: actorLabel(actor), action: 'auth.logout', subjectType: 'user',
        subjectId: actor.id, subjectLabel: actor.name, ...metaOf(meta),
      });
    }
  });
}

export async function getMe(ctx: AppContext, userId: string): Promise<Me> {
  const row = await repo.findUserById(ctx.db, userId);
  if (!row) throw notFound('accounts.user_not_found');
  const roles = row.roles as Role[];
  const actor: Actor = {
    id: row.id, username: row.username, name: row.name, roles, unionId: row.union_id,
    scopePrefix: scopeOf(roles, row.union_scope_prefix),
  };
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    phoneMasked: row.phone_masked,
    roles,
    union: row.union_id && row.union_name && row.union_region_code && row.union_level && row.union_federation
      ? { id: row.union_id, name: row.union_name, regionCode: row.union_region_code, level: row.union_level, federation: row.union_federation }
      : null,
    scopePrefix: actor.scopePrefix,
    permissions: permissionsOf(actor),
  };
}

// ---------------------------------------------------------------- user administration

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    phoneMasked: row.phone_masked,
    roles: row.roles as Role[],
    union: row.union_id && row.union_name ? { id: row.union_id, name: row.union_name } : null,
    isDisabled: row.is_disabled,
    isDemo: row.is_demo,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function requireManager(actor: Actor): string {
  if (!canManageUsers(actor) || actor.scopePrefix === null) throw forbidden();
  return actor.scopePrefix;
}

/** Users in the actor's scope, searchable by name, username or exact phone. */
export async function listUsers(ctx: AppContext, actor: Actor, query: UserListQuery) {
  const scopePrefix = requireManager(actor);
  let unionScopePrefix: string | undefined;
  if (query.unionId) {
    const union = await findUnion(ctx.db, query.unionId);
    // An unknown or out-of-scope union filter simply matches nobody.
    unionScopePrefix = union && isWithinScope(actor, union.scope_prefix) ? union.scope_prefix : 'none';
  }
  const phone = query.q ? normalizePhone(query.q) : '';
  const result = await repo.listUsers(ctx.db, {
    scopePrefix,
    q: query.q || undefined,
    phoneHash: isMainlandMobile(phone) ? phoneIndex(ctx, phone) : undefined,
    role: query.role,
    unionScopePrefix,
    status: query.status,
  }, query);
  return { total: result.total, items: result.items.map(toAdminUser) };
}

/** A user the actor may manage, or 404 (out-of-scope users are indistinguishable from missing ones). */
async function loadManagedUser(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db): Promise<UserRow> {
  requireManager(actor);
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('accounts.user_not_found');
  const visible = isAdmin(actor) || (row.union_scope_prefix !== null && isWithinScope(actor, row.union_scope_prefix));
  if (!visible) throw notFound('accounts.user_not_found');
  return row;
}

/** Check roles against what the actor may grant and the union level; collects every issue. */
async function checkRolesAndUnion(
  ctx: AppContext, actor: Actor | null, roles: Role[], unionId: string | null, issues: FieldIssue[],
): Promise<void> {
  const union = unionId ? await findUnion(ctx.db, unionId) : undefined;
  if (unionId && !union) issues.push({ path: 'unionId', code: 'orgs.union_not_found' });
  if (actor) {
    const allowed = grantableRoles(actor);
    for (const role of roles) if (!allowed.includes(role)) issues.push({ path: 'roles', code: 'accounts.role_not_allowed', params: { role: `role.${role}` } });
    if (!isAdmin(actor) && !unionId) issues.push({ path: 'unionId', code: 'accounts.scope_required' });
    if (union && !isWithinScope(actor, union.scope_prefix)) issues.push({ path: 'unionId', code: 'accounts.scope_outside' });
  }
  if (roles.some(isStaffRole) && !unionId) {
    if (!issues.some((i) => i.path === 'unionId')) issues.push({ path: 'unionId', code: 'accounts.scope_required' });
  }
  for (const role of roles) {
    if (union && !roleFitsUnion(role, union.level)) issues.push({ path: 'roles', code: 'accounts.role_union_mismatch', params: { role: `role.${role}` } });
  }
}

/**
 * Create a user. `actor` null means the operator at the command line (`chuanyu user create`)
 * or the demo loader, who are not limited by a scope.
 */
export interface CreateUserOptions {
  isDemo?: boolean;
  /** Who made the account when no logged-in actor did (CLI, demo loader, self-registration). */
  operator?: string;
}

export async function createUser(
  ctx: AppContext, actor: Actor | null, input: CreateUserBody, meta: RequestMeta | null, options: CreateUserOptions = {},
): Promise<AdminUser> {
  const prepared = await prepareUser(ctx, actor, input);
  const id = await ctx.db.transaction().execute((trx) => insertPreparedUser(ctx, trx, prepared, actor, meta, options));
  const row = await repo.findUserById(ctx.db, id);
  return toAdminUser(row!);
}

export type PreparedUser = Awaited<ReturnType<typeof prepareUser>>;

/** Validate a new account and hash its password: everything but the write. */
export async function prepareUser(ctx: AppContext, actor: Actor | null, input: CreateUserBody) {
  if (actor) requireManager(actor);
  const roles = [...new Set(input.roles)];
  const username = input.username || null;
  const phone = input.phone || null;
  const issues: FieldIssue[] = [];
  if (!username && !phone) issues.push({ path: 'username', code: 'accounts.login_required' });
  await checkRolesAndUnion(ctx, actor, roles, input.unionId ?? null, issues);
  if (issues.length) throw invalid(issues);
  const phoneHash = phone ? phoneIndex(ctx, phone) : null;
  await assertLoginsFree(ctx.db, username, phoneHash, null);
  return { input, roles, username, phone, phoneHash, passwordHash: await hashPassword(input.password) };
}

/** Write a prepared account and its audit entry inside the caller's transaction. */
export async function insertPreparedUser(
  ctx: AppContext, trx: Executor, p: PreparedUser, actor: Actor | null, meta: RequestMeta | null, options: CreateUserOptions = {},
): Promise<string> {
  const created = await repo.insertUser(trx, {
    username: p.username, phoneEnc: p.phone ? ctx.crypto.encrypt(p.phone) : null, phoneHash: p.phoneHash,
    phoneMasked: p.phone ? maskPhone(p.phone) : null, name: p.input.name, passwordHash: p.passwordHash, roles: p.roles,
    unionId: p.input.unionId ?? null, isDemo: options.isDemo, createdBy: actor?.id ?? null,
  }).catch(rethrowUnique);
  const union = p.input.unionId ? await findUnion(trx, p.input.unionId) : undefined;
  await recordAudit(trx, {
    actorId: actor?.id ?? null, actorLabel: actor ? actorLabel(actor) : (options.operator ?? 'chuanyu CLI'), action: 'user.create',
    subjectType: 'user', subjectId: created.id, subjectLabel: p.input.name, scopePrefix: union?.scope_prefix ?? null,
    fields: p.phone ? ['phone'] : [], ip: meta?.ip ?? null, requestId: meta?.requestId ?? null,
  });
  return created.id;
}

/** Open a session for a user (login, or right after self-registration). */
export async function openSession(ctx: AppContext, trx: Executor, userId: string, meta: RequestMeta): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(trx, { tokenHash: hashToken(token), userId, hours: ctx.config.sessionHours, ip: meta.ip, userAgent: meta.userAgent });
  return token;
}

async function assertLoginsFree(db: Executor, username: string | null, phoneHash: Buffer | null, exceptId: string | null) {
  const clashes = (await repo.existingLogins(db, username, phoneHash)).filter((r) => r.id !== exceptId);
  if (clashes.some((r) => username && r.username?.toLowerCase() === username.toLowerCase())) {
    throw conflict('accounts.username_taken', { username: username ?? '' });
  }
  if (clashes.length) throw conflict('accounts.phone_taken');
}

function rethrowUnique(error: unknown): never {
  const pgError = error as { code?: string; constraint?: string };
  if (pgError.code === '23505') {
    throw pgError.constraint === 'users_phone_hash_key' ? conflict('accounts.phone_taken') : conflict('accounts.username_taken', { username: '' });
  }
  throw error;
}

/** Change name, roles, scope, password or the disabled flag; disabling ends the user's sessions. */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserBody, meta: RequestMeta): Promise<AdminUser> {
  const row = await loadManagedUser(ctx, actor, id);
  const issues: FieldIssue[] = [];
  if (input.isDisabled === true && id === actor.id) issues.push({ path: 'isDisabled', code: 'accounts.cannot_disable_self' });
  // Only an admin may change an admin account.
  if ((row.roles as Role[]).includes('admin') && !isAdmin(actor)) throw forbidden();
  const roles = input.roles ? [...new Set(input.roles)] : (row.roles as Role[]);
  const unionId = input.unionId !== undefined ? input.unionId : row.union_id;
  if (input.roles || input.unionId !== undefined) await checkRolesAndUnion(ctx, actor, roles, unionId, issues);
  if (issues.length) throw invalid(issues);

  const set: Parameters<typeof repo.updateUser>[2] = {};
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== row.name) { set.name = input.name; changed.push('name'); }
  if (input.roles && [...roles].sort().join() !== [...(row.roles as Role[])].sort().join()) { set.roles = roles; changed.push('roles'); }
  if (input.unionId !== undefined && input.unionId !== row.union_id) { set.union_id = input.unionId; changed.push('union'); }
  if (input.password) {
    set.password_hash = await hashPassword(input.password);
    set.failed_logins = 0;
    set.locked_until = null;
    changed.push('password');
  }
  const toggled = input.isDisabled !== undefined && input.isDisabled !== row.is_disabled;
  if (toggled) set.is_disabled = input.isDisabled;

  if (changed.length || toggled) {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, set);
      if (input.isDisabled || input.password) await repo.deleteUserSessions(trx, id);
      const base = {
        actorId: actor.id, actorLabel: actorLabel(actor), subjectType: 'user', subjectId: id, subjectLabel: row.name,
        scopePrefix: row.union_scope_prefix, ...metaOf(meta),
      };
      if (changed.length) await recordAudit(trx, { ...base, action: 'user.update', fields: changed });
      if (toggled) await recordAudit(trx, { ...base, action: input.isDisabled ? 'user.disable' : 'user.enable' });
    });
  }
  return toAdminUser((await repo.findUserById(ctx.db, id))!);
}

/** Show a user's full phone number to staff, with the reason written to the audit log. */
export async function revealUserPhone(ctx: AppContext, actor: Actor, id: string, reason: string, meta: RequestMeta) {
  const row = await loadManagedUser(ctx, actor, id);
  const cipher = await repo.findPhoneCipher(ctx.db, id);
  const value = cipher?.phone_enc ? ctx.crypto.decrypt(cipher.phone_enc) : null;
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'pii.reveal', subjectType: 'user', subjectId: id,
    subjectLabel: row.name, scopePrefix: row.union_scope_prefix, fields: ['phone'], reason, ...metaOf(meta),
  });
  return { value };
}
