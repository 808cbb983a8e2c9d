import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App } from '../src/server/app.js';
import { createUser } from '../src/server/modules/accounts/accounts.service.js';
import { findUnionByRegion } from '../src/server/modules/orgs/orgs.repo.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { AppContext } from '../src/server/platform/context.js';
import { JobSearch } from '../src/server/modules/jobs/search/search.service.js';
import { LiveHub } from '../src/server/platform/live.js';
import { createFieldCrypto } from '../src/server/platform/crypto.js';
import { createDb, type DbHandle } from '../src/server/platform/db.js';
import { creditCodeCheckChar } from '../src/shared/credit-code.js';
import type { Role } from '../src/shared/roles.js';
import type { WebOptions } from '../src/server/web.js';
import type { Actor } from '../src/server/platform/actor.js';
import { prepareSchema } from '../src/server/server.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const TEST_PASSWORD = 'Passw0rd-test';

export interface TestApp {
  app: App;
  ctx: AppContext;
  handle: DbHandle;
  close(): Promise<void>;
}

/** The real app on the run's real PostgreSQL (no listen: requests go through `app.inject`). */
export async function createTestApp(options: { databaseUrl?: string; trustProxy?: boolean; extend?: (app: App) => void; web?: WebOptions } = {}): Promise<TestApp> {
  const url = options.databaseUrl ?? inject('databaseUrl');
  const handle = createDb(url, { max: 5 });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, CHUANYU_SECRET: TEST_SECRET, CHUANYU_DB_RETRY_SECONDS: '0',
    CHUANYU_TRUST_PROXY: options.trustProxy ? '1' : '0' });
  const ctx: AppContext = { db: handle.db, crypto: createFieldCrypto(TEST_SECRET), config, version: 'test', demo: false, search: new JobSearch(handle.db, handle.pool), live: new LiveHub(handle.pool) };
  const app = await buildApp(ctx, { web: options.web ?? { mode: 'none' } });
  options.extend?.(app);
  await app.ready();
  return {
    app, ctx, handle,
    async close() {
      await app.close();
      await ctx.search.close();
      await ctx.live.close();
      await handle.close();
    },
  };
}

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** A brand-new empty database on the run's server (for tests that need a corpus of their own). */
export async function createFreshDatabase(): Promise<{ url: string; name: string }> {
  const base = inject('databaseUrl');
  const name = `fresh_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/** A brand-new database with the whole schema and the regions (for demo loaders that expect an empty one). */
export async function createMigratedDatabase(): Promise<string> {
  const fresh = await createFreshDatabase();
  const handle = createDb(fresh.url, { max: 2 });
  await prepareSchema(handle.db);
  await handle.close();
  return fresh.url;
}

/** The Actor services see for a user made by makeUser (roles, union, staff scope). */
export async function actorOf(ctx: AppContext, user: { id: string }): Promise<Actor> {
  const row = await ctx.db.selectFrom('users as us').leftJoin('unions as un', 'un.id', 'us.union_id')
    .select(['us.id', 'us.username', 'us.name', 'us.roles', 'us.union_id', 'un.scope_prefix']).where('us.id', '=', user.id).executeTakeFirstOrThrow();
  const staff = row.roles.some((r) => r === 'federation_staff' || r === 'union_staff' || r === 'admin');
  return { id: row.id, username: row.username, name: row.name, roles: row.roles as Actor['roles'], unionId: row.union_id, scopePrefix: staff ? row.scope_prefix : null };
}

/** Logs users in once per test file and returns their cookie headers. */
export function cookieJar(app: App): (user: { username: string }) => Promise<string> {
  const cookies = new Map<string, string>();
  return async (user) => {
    if (!cookies.has(user.username)) cookies.set(user.username, await loginAs(app, user.username));
    return cookies.get(user.username)!;
  };
}

/** A random valid mainland mobile number, unique enough per test run. */
export const randomPhone = (): string => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

export interface MadeUser {
  id: string;
  username: string;
  password: string;
  phone: string | null;
  unionId: string | null;
}

/** Factory: a fresh user with the given roles, owned by the union of `region` (GB/T 2260). */
export async function makeUser(
  ctx: AppContext,
  options: { roles: Role[]; region?: string | null; name?: string; phone?: string | null; username?: string } = { roles: ['seeker'] },
): Promise<MadeUser> {
  const username = options.username ?? `u-${uniqueSuffix()}`;
  const union = options.region ? await findUnionByRegion(ctx.db, options.region) : undefined;
  if (options.region && !union) throw new Error(`no union for ${options.region}`);
  const phone = options.phone === undefined ? null : options.phone;
  const user = await createUser(ctx, null, {
    username, phone, name: options.name ?? `测试用户${username.slice(-4)}`, password: TEST_PASSWORD,
    roles: options.roles, unionId: union?.id ?? null,
  }, null);
  return { id: user.id, username, password: TEST_PASSWORD, phone, unionId: union?.id ?? null };
}

/** Log in through the API and return the cookie header for later requests. */
export async function loginAs(app: App, login: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'chuanyu_session');
  if (!cookie) throw new Error('no session cookie');
  return `chuanyu_session=${cookie.value}`;
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, random 统一社会信用代码 of a company registered in `region` (GB 32100-2015). */
export function makeCreditCode(region = '500106'): string {
  let body = `91${region}`;
  for (let i = 0; i < 9; i++) body += CREDIT_ALPHABET[Math.floor(Math.random() * CREDIT_ALPHABET.length)];
  return body + creditCodeCheckChar(body);
}

/** Factory: an enterprise (verified unless told otherwise) with its owning union of `region`. */
export async function makeEnterprise(
  ctx: AppContext,
  options: { region?: string; status?: 'submitted' | 'verified' | 'rejected'; name?: string; section?: string } = {},
): Promise<{ id: string; creditCode: string; name: string }> {
  const region = options.region ?? '500106';
  const union = await findUnionByRegion(ctx.db, region);
  const creditCode = makeCreditCode(region);
  const name = options.name ?? `测试企业${uniqueSuffix()}有限公司`;
  const row = await ctx.db.insertInto('enterprises').values({
    credit_code: creditCode, name, region_code: region, industry_section: options.section ?? 'C', owner_union_id: union!.id,
    status: options.status ?? 'verified', address: null, industry_division: null, size: null, ownership: null, contact_name: null,
    contact_phone_enc: null, contact_phone_hash: null, contact_phone_masked: null, created_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, creditCode, name };
}

/** Factory: an employer account that is an active member of the enterprise. */
export async function makeEmployer(ctx: AppContext, enterpriseId: string): Promise<MadeUser> {
  const user = await makeUser(ctx, { roles: ['employer'] });
  await ctx.db.insertInto('enterprise_members').values({ enterprise_id: enterpriseId, user_id: user.id, status: 'active' }).execute();
  return user;
}
