import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { buildApp, type App } from './app.js';
import { demoBanner, hasDemoAccounts, isDatabaseEmpty, loadDemo } from './demo/demo.js';
import { syncJobTypes } from './modules/jobs/job-types.repo.js';
import { backfillSearchTokens, JobSearch } from './modules/jobs/search/search.service.js';
import { LiveHub } from './platform/live.js';
import { expirePostings } from './modules/jobs/postings.service.js';
import { startReminderJob } from './modules/cooperation/reminders.js';
import { startServicesSweepJob } from './modules/services/sweep.js';
import { syncDivisions } from './modules/orgs/orgs.repo.js';
import type { Config } from './platform/config.js';
import { isLoopbackHost } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { createFieldCrypto, resolveSecret, type FieldCrypto } from './platform/crypto.js';
import { openDatabase, type OpenDatabase } from './platform/database.js';
import type { Db } from './platform/db.js';
import { runMigrations } from './platform/migrate.js';
import type { WebOptions } from './web.js';

const EXPIRY_INTERVAL_MS = 10 * 60_000;

export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'dist', 'web');

export function readVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

/** Migrations, then the reference data kept outside SQL: regions and unions, job types. */
export async function prepareSchema(db: Db, log?: Logger): Promise<void> {
  const applied = await runMigrations(db);
  if (applied.length) log?.info(`migrations applied: ${applied.join(', ')}`);
  const synced = await syncDivisions(db);
  log?.debug(`regions synced: ${synced.regions}, unions: ${synced.unions}`);
  await syncJobTypes(db);
  // Postings from before search existed get their tokens once; later starts skip the scan.
  const done = await db.selectFrom('app_settings').select('key').where('key', '=', 'search.tokens_backfilled').executeTakeFirst();
  if (!done) {
    const tokenized = await backfillSearchTokens(db);
    if (tokenized) log?.info(`search tokens written for ${tokenized} postings`);
    await db.insertInto('app_settings').values({ key: 'search.tokens_backfilled', value: JSON.stringify(true) })
      .onConflict((oc) => oc.column('key').doNothing()).execute();
  }
}

/**
 * The key that encrypts personal data must be the same for every server of one database: its
 * fingerprint is stored on first use and a server with another key refuses to start.
 */
export async function checkSecret(db: Db, crypto: FieldCrypto): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key: 'crypto.fingerprint', value: JSON.stringify(crypto.fingerprint) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'crypto.fingerprint').executeTakeFirstOrThrow();
  if (row.value !== crypto.fingerprint) {
    throw new StartupError(
      'CHUANYU_SECRET 与该数据库使用的密钥不一致，无法解密个人信息；请使用原来的密钥。\n' +
        'CHUANYU_SECRET differs from the key this database was encrypted with; start with the original secret.',
    );
  }
}

export interface Platform {
  ctx: AppContext;
  database: OpenDatabase;
}

/** Open the database, migrate, check the secret and (on an empty loopback install) load the demo. */
export async function openPlatform(config: Config, log: Logger, options: { demo: 'auto' | 'never' }): Promise<Platform> {
  const database = await openDatabase(config, log);
  try {
    await prepareSchema(database.db, log);
    const crypto = createFieldCrypto(resolveSecret(config.secret, config.dataDir));
    await checkSecret(database.db, crypto);
    const ctx: AppContext = {
      db: database.db, crypto, config, version: readVersion(), demo: false,
      search: new JobSearch(database.db, database.pool, (message, error) => log.warn({ err: error }, message)),
      live: new LiveHub(database.pool, (message, error) => log.warn({ err: error }, message)),
    };

    const loopback = isLoopbackHost(config.host);
    if (options.demo === 'auto' && (await isDatabaseEmpty(ctx))) {
      if (loopback || config.demoForced) {
        const { created } = await loadDemo(ctx);
        log.info(`demo data loaded (${created.length} accounts)`);
      } else {
        log.warn('empty database on a public address: no demo loaded. Create the first admin with `chuanyu user create --admin`.');
      }
    }
    ctx.demo = await hasDemoAccounts(ctx);
    if (ctx.demo && !loopback && !config.demoForced) {
      throw new StartupError(
        `数据库中有演示账号（公开密码），拒绝在非本机地址 ${config.host} 上运行；如确需演示请设置 CHUANYU_DEMO=1。\n` +
          `The database holds demo accounts with a public password: refusing to listen on ${config.host}. ` +
          'Set CHUANYU_DEMO=1 to run the demo there anyway.',
      );
    }
    return { ctx, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface RunningServer {
  app: App;
  platform: Platform;
  url: string;
  close(): Promise<void>;
}

/** Start everything and listen; `close()` stops the app, the pool and the embedded PostgreSQL. */
export async function startServer(config: Config, log: Logger, web: WebOptions): Promise<RunningServer> {
  const platform = await openPlatform(config, log, { demo: 'auto' });
  let app: App;
  try {
    app = await buildApp(platform.ctx, { logger: log, web });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await platform.database.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `端口 ${config.port} 已被占用（是否已有一个 chuanyu 在运行？）；请设置 PORT 换一个端口。\n` +
          `Port ${config.port} is already in use (is chuanyu already running?); set PORT to another port.`,
      );
    }
    throw error;
  }
  // Postings past their end date are also hidden by every query; this keeps their status true.
  const expire = () => expirePostings(platform.ctx)
    .then((n) => { if (n) log.info(`${n} postings expired`); })
    .catch((error: unknown) => log.warn({ err: error }, 'posting expiry failed'));
  void expire();
  // The job-search index builds in the background; until it is ready PostgreSQL answers.
  const searchStarted = performance.now();
  void platform.ctx.search.ready()
    .then(() => log.info(`job search index ready: ${platform.ctx.search.stats.postings} postings in ${Math.round(performance.now() - searchStarted)} ms`))
    .catch((error: unknown) => log.warn({ err: error }, 'job search index failed to build; PostgreSQL answers searches'));
  const expiryTimer = setInterval(expire, EXPIRY_INTERVAL_MS).unref();
  // Reminders of the agreement's due dates and reports, and their e-mail/SMS deliveries (CHUANYU_SENDER).
  const stopReminders = startReminderJob(platform.ctx, log);
  // Worker requests: escalation past the answer time, auto-close 7 days after an answer (hourly).
  const stopServicesSweep = startServicesSweepJob(platform.ctx, log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    platform,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        clearInterval(expiryTimer);
        await stopReminders();
        await stopServicesSweep();
        await app.close();
        await platform.ctx.search.close();
        await platform.ctx.live.close();
        await platform.database.close();
      })();
      return closing;
    },
  };
}

export function startBanner(server: RunningServer): string {
  const lines = [
    '',
    `  川渝工会协作平台 chuanyu ${server.platform.ctx.version}`,
    `  ➜ ${server.url}`,
    `  ➜ ${server.url}/m          (手机端 / mobile)`,
    `  ➜ ${server.url}/api/docs   (API)`,
    `  数据库 / database: ${server.platform.database.description}`,
  ];
  if (server.platform.ctx.demo) lines.push(demoBanner());
  return `${lines.join('\n')}\n`;
}

export async function databaseHasUsers(db: Db): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}
