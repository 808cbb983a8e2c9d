// npm run bench:services — worker services (issue 8) at the scale of two provinces' unions.
// Fixture: REQUESTS (default 60,000) consultations over three years in every county union of both
// provinces (bulk-inserted, sealed), plus the requests this run creates.
// 1. A crowded fair's rights zone: WORKERS workers each ask once from a phone (keyed; 5 % of them
//    retry with the same key) against 64 clients — every request stored exactly once; compared with
//    the PostgreSQL ceiling for inserting the same rows bare on a pool of the server's size.
// 2. Staff reads: a district union's queue page, a federation's queue page (its whole province),
//    one request's detail, and the province's figures for a year — each against the cheapest
//    authenticated read (GET /api/auth/me) measured in the same run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createUser, hashToken, phoneIndex } from '../src/server/modules/accounts/accounts.service.js';
import { maskPhone } from '../src/shared/validators.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { AppContext } from '../src/server/platform/context.js';
import { createFieldCrypto } from '../src/server/platform/crypto.js';
import { createDb } from '../src/server/platform/db.js';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';
import { LiveHub } from '../src/server/platform/live.js';
import { JobSearch } from '../src/server/modules/jobs/search/search.service.js';
import { prepareSchema } from '../src/server/server.js';
import { CLI, freePort, waitForHealthy } from '../test/proc.js';
import { runClients } from './http-clients.js';

const SECRET = 'bench-services-secret-0123456789abcdef012';
const PASSWORD = 'Bench-2023-services';
const REQUESTS = Number(process.env.REQUESTS ?? 60_000);
const WORKERS = Number(process.env.WORKERS ?? 2_000);
const READS = Number(process.env.READS ?? 300);
const POOL = 20;
const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'mutual_aid', 'other'];
const log = (m: string) => process.stderr.write(`[bench:services] ${m}\n`);
const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-services-'));
  fs.chmodSync(dir, 0o755);
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'services' });
  const handle = createDb(pgServer.url, { max: 8 });
  const ctx: AppContext = {
    db: handle.db, crypto: createFieldCrypto(SECRET), version: 'bench', demo: false, config: loadConfig({ DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET }),
    search: new JobSearch(handle.db, handle.pool), live: new LiveHub(handle.pool),
  };
  let server: ReturnType<typeof spawn> | null = null;
  try {
    await prepareSchema(handle.db);
    const union = async (code: string) => (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', code).executeTakeFirstOrThrow()).id;
    await createUser(ctx, null, { username: 'jb-staff', phone: null, name: '江北区工作人员', password: PASSWORD, roles: ['union_staff'], unionId: await union('500105') }, null);
    await createUser(ctx, null, { username: 'cq-staff', phone: null, name: '市总工作人员', password: PASSWORD, roles: ['federation_staff'], unionId: await union('500000') }, null);
    const t0 = performance.now();
    await insertHistory(ctx);
    log(`fixture: ${REQUESTS} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const workers: string[] = [];
    for (let i = 0; i < WORKERS; i += 1) workers.push(`13${String(900000000 + i).slice(0, 9)}`);
    // Worker accounts straight in the table (argon2 for 2,000 accounts would dominate the fixture).
    const hash = (await ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'jb-staff').executeTakeFirstOrThrow()).password_hash;
    // Their sessions too: the login route is rate-limited per address (120 a minute), as it should be.
    const cookies: string[] = [];
    for (let i = 0; i < WORKERS; i += 500) {
      const users = await ctx.db.insertInto('users').values(workers.slice(i, i + 500).map((phone, k) => ({
        username: `w-${i + k}`, name: `职工${i + k}`, password_hash: hash, roles: ['seeker'],
        phone_enc: ctx.crypto.encrypt(phone), phone_hash: phoneIndex(ctx, phone), phone_masked: maskPhone(phone),
      }))).returning('id').execute();
      const tokens = users.map(() => randomBytes(32).toString('base64url'));
      await ctx.db.insertInto('sessions').values(users.map((u, k) => ({ token_hash: hashToken(tokens[k]!), user_id: u.id, expires_at: new Date(Date.now() + 24 * 3600_000) }))).execute();
      cookies.push(...tokens.map((t) => `chuanyu_session=${t}`));
    }

    const port = await freePort();
    server = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET, PORT: String(port), LOG_LEVEL: 'warn', CHUANYU_DATA_DIR: dir, CHUANYU_SENDER: 'none' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    if (!(await waitForHealthy(`${base}/api/health`, null, 120_000))) throw new Error('server did not start');
    const jb = await login(base, 'jb-staff');
    const cq = await login(base, 'cq-staff');
    const rows: string[][] = [];

    // 1. the rights zone's rush
    const writes = cookies.map((cookie, i) => ({
      path: '/api/services/requests', cookie, key: `ask-once-${String(i).padStart(6, '0')}`,
      body: {
        kind: 'consultation', category: CATEGORIES[i % CATEGORIES.length], regionCode: i % 2 ? '500106' : '511681', employerName: `压测单位${i % 97}`,
        subject: '工资拖欠三个月，怎么办？', body: '单位自今年八月起未发工资，多次催要无果，想咨询如何维权。', consent: true,
      },
    }));
    const retries = writes.filter((_, i) => i % 20 === 0).map((w) => ({ ...w }));
    const before = await countRequests(ctx);
    const ask = await runClients(base, 64, [...writes, ...retries]);
    const stored = (await countRequests(ctx)) - before;
    rows.push([`ask, ${WORKERS} workers, 64 clients (HTTP, keyed; ${retries.length} retries)`, String(writes.length + retries.length), ms(ask.p50), ms(ask.p99), ask.rps.toFixed(0)]);
    const raw = await rawCeiling(pgServer.url, ctx, WORKERS);
    rows.push([`request insert, raw SQL, ${POOL} connections (PostgreSQL ceiling)`, String(raw.n), ms(raw.p50), ms(raw.p99), raw.rps.toFixed(0)]);

    // 2. staff reads
    const reads = (p: string, cookie: string) => Array.from({ length: READS }, () => ({ path: p, cookie }));
    const one = (await sql<{ id: string }>`SELECT id FROM service_requests WHERE owner_union_id = (SELECT id FROM unions WHERE region_code = '500105') LIMIT 1`.execute(ctx.db)).rows[0]!.id;
    await runClients(base, 4, reads('/api/auth/me', jb).slice(0, 40));
    const me = await runClients(base, 16, reads('/api/auth/me', jb));
    const district = await runClients(base, 16, reads('/api/services/requests?page=1&pageSize=20', jb));
    const province = await runClients(base, 16, reads('/api/services/requests?page=1&pageSize=20', cq));
    const overdue = await runClients(base, 16, reads('/api/services/requests?sla=overdue&page=1&pageSize=20', cq));
    const detail = await runClients(base, 16, reads(`/api/services/requests/${one}`, jb));
    const year = new Date().getUTCFullYear();
    const figures = await runClients(base, 4, reads(`/api/services/figures?from=${year - 1}-01-01&to=${year}-12-31`, cq).slice(0, 60));
    rows.push(['GET /api/auth/me (baseline)', String(READS), ms(me.p50), ms(me.p99), me.rps.toFixed(0)]);
    rows.push(['queue page, 江北区 (its requests)', String(READS), ms(district.p50), ms(district.p99), district.rps.toFixed(0)]);
    rows.push(['queue page, 重庆市总工会 (whole province)', String(READS), ms(province.p50), ms(province.p99), province.rps.toFixed(0)]);
    rows.push(['queue page, province, overdue filter', String(READS), ms(overdue.p50), ms(overdue.p99), overdue.rps.toFixed(0)]);
    rows.push(['request detail (content read, audited)', String(READS), ms(detail.p50), ms(detail.p99), detail.rps.toFixed(0)]);
    rows.push(['figures, province, two years (4 clients)', '60', ms(figures.p50), ms(figures.p99), figures.rps.toFixed(0)]);

    const total = await countRequests(ctx);
    const report = [
      `# bench:services — ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, Node ${process.version}; ${total} requests stored)`, '',
      '| run | requests | p50 | p99 | req/s |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), '',
      `- asking: ${ask.rps.toFixed(0)} req/s = ${((ask.rps / raw.rps) * 100).toFixed(0)} % of the PostgreSQL ceiling for bare inserts (${raw.rps.toFixed(0)}/s)`,
      `- exactly once: ${writes.length} keyed asks (+${retries.length} repeats) → ${stored} stored ${stored === writes.length ? '✔' : '✘ MISMATCH'}`,
      `- queue page vs the baseline read (p50): district ${(district.p50 / me.p50).toFixed(1)}×, province ${(province.p50 / me.p50).toFixed(1)}×, overdue ${(overdue.p50 / me.p50).toFixed(1)}×, detail ${(detail.p50 / me.p50).toFixed(1)}×`,
      `- figures for a province over two years (${total} requests in the table): p50 ${ms(figures.p50)} = ${(figures.p50 / me.p50).toFixed(0)}× the baseline`,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/services-${new Date().toISOString().slice(0, 10)}.md`, `${report}\n`);
    if (stored !== writes.length) process.exitCode = 1;
  } finally {
    if (server) { server.kill('SIGTERM'); await new Promise((r) => server!.once('exit', r)); }
    await ctx.live.close();
    await ctx.search.close();
    await handle.close();
    await pgServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const countRequests = async (ctx: AppContext) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM service_requests`.execute(ctx.db)).rows[0]!.n);

/** Three years of requests in every county union, statuses and answer times spread, bulk-inserted. */
async function insertHistory(ctx: AppContext): Promise<void> {
  const unions = await ctx.db.selectFrom('unions').select(['id', 'region_code']).where('level', '=', 'county').execute();
  const sealed = ctx.crypto.encrypt('单位拖欠工资，请工会帮助协调。');
  const phone = ctx.crypto.encrypt('13900000000');
  const now = Date.now();
  const batch = 2_000;
  for (let start = 0; start < REQUESTS; start += batch) {
    const values = [];
    for (let i = start; i < Math.min(start + batch, REQUESTS); i += 1) {
      const u = unions[(i * 7919) % unions.length]!;
      const created = new Date(now - ((i * 104729) % (3 * 365 * 24)) * 3600_000);
      const due = new Date(created.getTime() + 2 * 24 * 3600_000);
      const state = i % 10;
      const answered = state < 8 ? new Date(created.getTime() + ((i % 72) + 1) * 3600_000) : null;
      const closed = state < 6 && answered ? new Date(answered.getTime() + 3 * 24 * 3600_000) : null;
      values.push({
        ref_no: `BX${String(i).padStart(7, '0')}`, kind: 'consultation' as const, category: CATEGORIES[i % CATEGORIES.length] as 'other', channel: (i % 4 ? 'online' : 'desk') as 'online',
        name: `职工${i}`, phone_enc: phone, phone_hash: Buffer.from(String(i)), phone_masked: '139****0000', region_code: u.region_code, employer_name: `单位${i % 500}`,
        subject: '拖欠工资', body_enc: sealed, owner_union_id: u.id, routed_by: 'region' as const,
        status: (closed && closed.getTime() < now ? 'closed' : answered ? 'answered' : 'open') as 'open',
        answer_due_at: due, first_answered_at: answered, answered_at: answered, closed_at: closed && closed.getTime() < now ? closed : null,
        close_reason: closed && closed.getTime() < now ? ('confirmed' as const) : null, consented_at: created, created_at: created, updated_at: created,
      });
    }
    await ctx.db.insertInto('service_requests').values(values).execute();
  }
  await sql`ANALYZE service_requests`.execute(ctx.db);
}

/** The same number of request rows inserted straight into PostgreSQL with a pool of the server's size. */
async function rawCeiling(url: string, ctx: AppContext, n: number) {
  const unionId = (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', '500106').executeTakeFirstOrThrow()).id;
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const latencies: number[] = [];
  const body = ctx.crypto.encrypt('单位自今年八月起未发工资，多次催要无果，想咨询如何维权。');
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: POOL }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t = performance.now();
      await pool.query(
        `INSERT INTO service_requests (ref_no, kind, category, channel, name, region_code, employer_name, subject, body_enc, owner_union_id, routed_by, answer_due_at, consented_at)
         VALUES ($1, 'consultation', 'wage_arrears', 'online', $2, '500106', '压测单位', '工资拖欠三个月，怎么办？', $3, $4, 'region', now() + interval '2 days', now())`,
        [`RAW${i}`, `职工${i}`, body, unionId],
      );
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { n, p50: latencies[Math.floor(latencies.length * 0.5)]!, p99: latencies[Math.floor(latencies.length * 0.99)]!, rps: n / seconds };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

await main();
