import path from 'node:path';
import readline from 'node:readline/promises';
import { Command, Option } from 'commander';
import { ROLES, type Role } from '../shared/roles.js';
import { loadDemo } from './demo/demo.js';
import { createUser } from './modules/accounts/accounts.service.js';
import { findUnionByRegion } from './modules/orgs/orgs.repo.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { describeSchema } from './platform/migrate.js';
import { AppError } from './platform/errors.js';
import { translate } from '../shared/i18n/index.js';
import { openPlatform, prepareSchema, readVersion, ROOT_DIR, startBanner, startServer, WEB_DIST_DIR } from './server.js';
import { openDatabase } from './platform/database.js';
import { buildWeb } from './web-build.js';
import { FLAG_DEFAULTS, runSimulateFair, type SimulateFairFlags } from './simulate/command.js';
import type { WebOptions } from './web.js';
import fs from 'node:fs';

function configFromEnv(overrides: Partial<Record<string, string>> = {}): Config {
  return loadConfig({ ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) });
}

async function readPassword(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    if (!process.stdin.isTTY) {
      for await (const line of rl) return line.trim();
      return '';
    }
    return (await rl.question(prompt)).trim();
  } finally {
    rl.close();
  }
}

const program = new Command()
  .name('chuanyu')
  .description('川渝工会协作平台 — the Sichuan–Chongqing trade unions\' joint platform')
  .version(readVersion());

program
  .command('serve')
  .description('run the platform (HTTP API and web app); loads the demo on an empty local database')
  .addOption(new Option('--dev', 'serve the web app through Vite with hot reload').conflicts('buildWeb'))
  .option('--build-web', 'build the web app first when it is missing or out of date')
  .option('--port <port>', 'listen on this port (default $PORT or 3000)')
  .option('--host <host>', 'listen on this address (default $HOST or 127.0.0.1)')
  .action(async (opts: { dev?: boolean; buildWeb?: boolean; port?: string; host?: string }) => {
    const config = configFromEnv({ PORT: opts.port, HOST: opts.host, NODE_ENV: opts.dev ? 'development' : process.env.NODE_ENV });
    const log = createLogger(config);
    const started = Date.now();
    let web: WebOptions;
    let vite: import('vite').ViteDevServer | undefined;
    if (opts.dev) {
      const { createServer } = await import('vite');
      vite = await createServer({ configFile: path.join(ROOT_DIR, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'spa' });
      web = { mode: 'dev', vite };
    } else {
      if (opts.buildWeb) await buildWeb({ log: (line) => log.info(line) });
      web = fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')) ? { mode: 'static', dir: WEB_DIST_DIR } : { mode: 'none' };
      if (web.mode === 'none') log.warn('web app not built (npm run build): serving the API only');
    }
    const server = await startServer(config, log, web);
    process.stdout.write(startBanner(server));
    log.info({ ms: Date.now() - started }, 'ready');
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: shutting down`);
      const force = setTimeout(() => process.exit(1), 30_000).unref();
      await server.close();
      await vite?.close();
      clearTimeout(force);
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply pending database migrations and sync regions/unions')
  .option('--print-schema', 'print the resulting schema description (the committed snapshot format)')
  .action(async (opts: { printSchema?: boolean }) => {
    const config = configFromEnv();
    const log = createLogger({ logLevel: 'warn' });
    const database = await openDatabase(config, log);
    try {
      await prepareSchema(database.db, log);
      if (opts.printSchema) process.stdout.write(await describeSchema(database.db));
      else process.stdout.write('数据库已是最新 / database is up to date\n');
    } finally {
      await database.close();
    }
  });

program
  .command('demo')
  .description('load the demo accounts and data into the database (skips what exists)')
  .action(async () => {
    const config = configFromEnv();
    const platform = await openPlatform(config, createLogger({ logLevel: 'warn' }), { demo: 'never' });
    try {
      const { created } = await loadDemo(platform.ctx);
      process.stdout.write(`演示数据已加载 / demo loaded: ${created.length} new accounts\n`);
    } finally {
      await platform.database.close();
    }
  });

program
  .command('import')
  .description('import a spreadsheet of enterprises or postings (.xlsx or .csv), all or nothing')
  .argument('<kind>', 'enterprises | postings')
  .argument('<file>', '.xlsx or .csv (UTF-8 or GB18030)')
  .action(async (kind: string, file: string) => {
    if (kind !== 'enterprises' && kind !== 'postings') throw new CliError('导入类型须为 enterprises 或 postings / kind must be enterprises or postings');
    if (!fs.existsSync(file)) throw new CliError(`找不到文件 / no such file: ${file}`);
    const config = configFromEnv();
    const platform = await openPlatform(config, createLogger({ logLevel: 'warn' }), { demo: 'never' });
    const bar = progressBar();
    const started = Date.now();
    try {
      const { importSpreadsheet } = await import('./modules/imports/imports.service.js');
      const result = await importSpreadsheet(platform.ctx, { operator: 'chuanyu CLI' }, kind, fs.readFileSync(file), path.basename(file), {
        onProgress: (phase, done, total) => bar.update(phase, done, total),
      });
      bar.done();
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `导入完成 / imported in ${seconds.toFixed(1)} s: ${result.rows} rows; ` +
          `enterprises +${result.enterprises.created} ~${result.enterprises.updated}, postings +${result.postings.created} ~${result.postings.updated}, ` +
          `unchanged ${result.unchanged}\n`,
      );
    } catch (error) {
      bar.done();
      if (error instanceof AppError && error.rowIssues.length) {
        const lines = error.rowIssues.slice(0, 200).map((r) => `  ${r.sheet} 第 ${r.row} 行 ${r.column}: ${translate('zh-CN', r.code, r.params)}`);
        const more = error.rowIssues.length > 200 ? [`  … 另有 ${error.rowIssues.length - 200} 处`] : [];
        throw new CliError([`${translate('zh-CN', error.code, error.params)} / ${translate('en', error.code, error.params)}`, ...lines, ...more].join('\n'));
      }
      throw error;
    } finally {
      await platform.database.close();
    }
  });

/** A one-line progress bar on a terminal; plain lines otherwise. */
function progressBar() {
  const tty = process.stderr.isTTY;
  let last = '';
  return {
    update(phase: string, done: number, total: number) {
      // A streamed file's row count is known only at the end: show a count until then.
      const width = 30;
      const line = total
        ? `${phase.padEnd(8)} [${'#'.repeat(Math.round((done / total) * width)).padEnd(width, '.')}] ${Math.round((done / total) * 100)}% ${done}/${total}`
        : `${phase.padEnd(8)} ${done} rows …`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (line !== last && (done === total || done % 10_000 < 2_000)) process.stderr.write(`${line}\n`);
      last = line;
    },
    done() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}

const user = program.command('user').description('manage accounts from the command line');
user
  .command('create')
  .description('create an account (e.g. the first platform admin in production)')
  .option('--username <username>', 'login name')
  .option('--phone <phone>', 'mainland mobile number, also usable to log in')
  .requiredOption('--name <name>', 'display name')
  .option('--admin', 'make a platform admin (same as --role admin)')
  .addOption(new Option('--role <role...>', 'roles').choices([...ROLES]))
  .option('--union <regionCode>', 'GB/T 2260 code of the owning union, e.g. 500105 for 江北区')
  .option('--password-stdin', 'read the password from standard input instead of prompting')
  .action(async (opts: { username?: string; phone?: string; name: string; admin?: boolean; role?: Role[]; union?: string }) => {
    const roles = [...new Set<Role>([...(opts.admin ? (['admin'] as Role[]) : []), ...(opts.role ?? [])])];
    if (!roles.length) throw new CliError('请用 --admin 或 --role 指定角色 / give --admin or --role');
    const password = process.env.CHUANYU_NEW_PASSWORD ?? (await readPassword('密码 / password: '));
    const config = configFromEnv();
    const platform = await openPlatform(config, createLogger({ logLevel: 'warn' }), { demo: 'never' });
    try {
      const union = opts.union ? await findUnionByRegion(platform.ctx.db, opts.union) : undefined;
      if (opts.union && !union) throw new CliError(`没有行政区划代码为 ${opts.union} 的工会 / no union for region ${opts.union}`);
      const { CreateUserBodySchema } = await import('./modules/accounts/accounts.schemas.js');
      const parsed = CreateUserBodySchema.safeParse({
        username: opts.username ?? null, phone: opts.phone ?? null, name: opts.name, password, roles, unionId: union?.id ?? null,
      });
      if (!parsed.success) {
        const { zodIssuesToFieldIssues } = await import('./platform/validation.js');
        throw new CliError(zodIssuesToFieldIssues(parsed.error).map((i) => `${i.path}: ${translate('zh-CN', i.code, i.params)} / ${translate('en', i.code, i.params)}`).join('\n'));
      }
      const created = await createUser(platform.ctx, null, parsed.data, null);
      process.stdout.write(`已创建 / created: ${created.name} (${created.username ?? created.phoneMasked}) [${created.roles.join(', ')}] ${created.id}\n`);
    } finally {
      await platform.database.close();
    }
  });

const simulate = program.command('simulate').description('drive the platform through its HTTP API as many users would');
simulate
  .command('fair')
  .description('a compressed fair day through the HTTP API (employers, sign-ups, booths, visitors, check-ins, talks, intents), ' +
    'every write with an Idempotency-Key and a share sent twice; prints GET /api/seasons/:id/stats beside a count of the records and exits 1 if any figure differs')
  .option('--enterprises <n>', 'employers at the fair', FLAG_DEFAULTS.enterprises)
  .option('--positions <n>', 'postings they bring', FLAG_DEFAULTS.positions)
  .option('--visitors <n>', 'visitors (80 % register online, the rest walk in)', FLAG_DEFAULTS.visitors)
  .option('--consultations <n>', 'consultations and interviews at the booths (every fourth an interview)', FLAG_DEFAULTS.consultations)
  .option('--intents <n>', 'hiring intents, each confirmed by the visitor', FLAG_DEFAULTS.intents)
  .option('--concurrency <n>', 'parallel workers', FLAG_DEFAULTS.concurrency)
  .option('--url <url>', 'the server (default http://127.0.0.1:$PORT or 3000)')
  .option('--seed <n>', 'the plan\'s seed (the same seed, the same fair; 20230225 is the demo\'s opening fair)', FLAG_DEFAULTS.seed)
  .option('--staff <login:password...>', 'staff accounts of both provinces (default on a demo server: cq-admin and sc-admin)')
  .option('--retry-share <fraction>', 'share of writes sent twice on purpose (double tap, lost answer)', FLAG_DEFAULTS.retryShare)
  .option('--ledger <file>', 'write the acknowledged writes as JSON')
  .option('--force', 'run against a server that is not in demo mode')
  .action(async (opts: SimulateFairFlags) => {
    try {
      process.exitCode = await runSimulateFair(opts);
    } catch (error) {
      if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof ReferenceError)) throw new CliError(error.message);
      throw error;
    }
  });

const contest = program.command('contest').description('skills competitions');
contest
  .command('compute')
  .description('compute a contest\'s results from the JSON of issue 6 §4 on standard input; writes the results JSON to standard output')
  .action(async () => {
    const { computeResults, describeScoringError, ScoringError } = await import('./modules/contests/scoring.js');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer); // whole, so a character split across chunks stays intact
    const text = Buffer.concat(chunks).toString('utf8');
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new CliError(`输入不是有效的 JSON / the input is not valid JSON: ${(error as Error).message}`);
    }
    try {
      process.stdout.write(`${JSON.stringify(computeResults(input as Parameters<typeof computeResults>[0]), null, 2)}\n`);
    } catch (error) {
      if (error instanceof ScoringError) throw new CliError(describeScoringError(error));
      throw error;
    }
  });

program
  .command('remind')
  .description('run the reminders of the joint agreement once (due items and reports, reports to review) and send the e-mail/SMS outbox')
  .option('--today <yyyy-mm-dd>', 'the China date to remind for (default: today)')
  .action(async (opts: { today?: string }) => {
    if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new CliError('--today 须为 yyyy-mm-dd / --today must be yyyy-mm-dd');
    const log = createLogger({ logLevel: 'info' });
    const platform = await openPlatform(configFromEnv(), log, { demo: 'never' });
    try {
      const { runReminders } = await import('./modules/cooperation/reminders.js');
      const { dispatchOutbox, senderSetting, sendersFor } = await import('./platform/notify.js');
      const run = await runReminders(platform.ctx, opts.today);
      const sent = await dispatchOutbox(platform.ctx.db, platform.ctx.crypto, sendersFor(senderSetting(), log));
      process.stdout.write(`提醒 / reminders ${run.today}: ${run.created} new, ${run.skipped} already sent; 短信/邮件 / deliveries: ${sent.sent} sent, ${sent.retrying} to retry, ${sent.failed} failed\n`);
    } finally {
      await platform.database.close();
    }
  });

program
  .command('services-sweep')
  .description('run the worker-services sweep once (escalate requests unanswered past their due time to the federation, close answered ones left alone for 7 days) and send the e-mail/SMS outbox')
  .option('--at <time>', 'the moment to sweep at, ISO 8601 (default: now)')
  .action(async (opts: { at?: string }) => {
    const at = opts.at === undefined ? new Date() : new Date(opts.at);
    if (opts.at !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(opts.at) || Number.isNaN(at.getTime()))) {
      throw new CliError('--at 须为 ISO 8601 时间，如 2026-11-27T09:00:00+08:00 / --at must be an ISO 8601 time, e.g. 2026-11-27T09:00:00+08:00');
    }
    const log = createLogger({ logLevel: 'info' });
    const platform = await openPlatform(configFromEnv(), log, { demo: 'never' });
    try {
      const { sweepServiceRequests } = await import('./modules/services/sweep.js');
      const { dispatchOutbox, senderSetting, sendersFor } = await import('./platform/notify.js');
      const run = await sweepServiceRequests(platform.ctx, at);
      const sent = await dispatchOutbox(platform.ctx.db, platform.ctx.crypto, sendersFor(senderSetting(), log));
      process.stdout.write(`职工服务巡检 / services sweep ${at.toISOString()}: ${run.escalated} escalated, ${run.autoClosed} auto-closed; 短信/邮件 / deliveries: ${sent.sent} sent, ${sent.retrying} to retry, ${sent.failed} failed\n`);
    } finally {
      await platform.database.close();
    }
  });

class CliError extends Error {}

function explain(error: unknown): string {
  if (error instanceof AppError) {
    const issues = error.issues.map((i) => `  ${i.path}: ${translate('zh-CN', i.code, i.params)} / ${translate('en', i.code, i.params)}`);
    return [`${translate('zh-CN', error.code, error.params)} / ${translate('en', error.code, error.params)}`, ...issues].join('\n');
  }
  if (error instanceof ConfigError || error instanceof CliError) return error.message;
  if (error instanceof Error && ['StartupError', 'EmbeddedPgError', 'DatabaseUnavailableError', 'MigrationError'].includes(error.name)) {
    return error.message;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`\nchuanyu: ${explain(error)}\n`);
  process.exit(1);
});
