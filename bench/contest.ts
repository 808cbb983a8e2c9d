// npm run bench:contest — skills competitions (issue 6): how fast results are published and how
// many judges' entries the server takes.
// 1. Results of the demo 2023 contest (83 finalists, 6 sub-items, 4,648 marks) computed live from
//    the marks for every request, 16 clients — against reading the contest's page in the same run;
//    and the pure computation alone (scoring.ts) against the rows' load.
// 2. Score entry: a synthetic final of 600 finalists, one sub-item (2 measurement aspects with
//    double entry, 1 judgement aspect with 5 judges), 10 judges posting keyed marks with 64 clients
//    (5 % sent twice on purpose) — against the PostgreSQL ceiling for inserting the same marks on
//    a pool of the server's size. Every acknowledged mark exists exactly once afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadDemoContests } from '../src/server/demo/contest.js';
import { DEMO_CONTEST_NAME } from '../src/server/demo/contest-plan.js';
import { createUser } from '../src/server/modules/accounts/accounts.service.js';
import { sealIdNumber } from '../src/server/modules/contests/contests.pii.js';
import { loadResultRows } from '../src/server/modules/contests/results.repo.js';
import { computeResults } from '../src/server/modules/contests/scoring.js';
import { planDemoContest, scoringInputOf } from '../src/server/demo/contest-plan.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { AppContext } from '../src/server/platform/context.js';
import { createFieldCrypto } from '../src/server/platform/crypto.js';
import { createDb } from '../src/server/platform/db.js';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';
import { LiveHub } from '../src/server/platform/live.js';
import { JobSearch } from '../src/server/modules/jobs/search/search.service.js';
import { prepareSchema } from '../src/server/server.js';
import { idCardCheckChar } from '../src/shared/validators.js';
import { CLI, freePort, waitForHealthy } from '../test/proc.js';
import { runClients } from './http-clients.js';

const SECRET = 'bench-contest-secret-0123456789abcdef0123';
const PASSWORD = 'Bench-2023-contest';
const FINALISTS = Number(process.env.FINALISTS ?? 600);
const READS = Number(process.env.READS ?? 400);
const POOL = 20;
const log = (m: string) => process.stderr.write(`[bench:contest] ${m}\n`);
const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-contest-'));
  fs.chmodSync(dir, 0o755);
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'contest' });
  const handle = createDb(pgServer.url, { max: 8 });
  const ctx: AppContext = {
    db: handle.db, crypto: createFieldCrypto(SECRET), version: 'bench', demo: false, config: loadConfig({ DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET }),
    search: new JobSearch(handle.db, handle.pool), live: new LiveHub(handle.pool),
  };
  let server: ReturnType<typeof spawn> | null = null;
  try {
    await prepareSchema(handle.db);
    const guangan = (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', '511600').executeTakeFirstOrThrow()).id;
    const sichuan = (await ctx.db.selectFrom('unions').select('id').where('region_code', '=', '510000').executeTakeFirstOrThrow()).id;
    for (const [username, role, unionId] of [['sc-admin', 'federation_staff', sichuan], ['cq-admin', 'federation_staff', sichuan], ['judge-demo', 'judge', guangan], ['chief-judge-demo', 'chief_judge', guangan]] as const) {
      await createUser(ctx, null, { username, phone: null, name: username, password: PASSWORD, roles: [role], unionId }, null);
    }
    await loadDemoContests(ctx, PASSWORD);
    const demoId = (await ctx.db.selectFrom('contests').select('id').where('name', '=', DEMO_CONTEST_NAME).executeTakeFirstOrThrow()).id;
    const synthetic = await setUpEntry(ctx, sichuan, guangan);
    const ceilingContest = await setUpEntry(ctx, sichuan, guangan, 'ceiling');

    // pure computation vs loading the rows, in this process
    const input = scoringInputOf(planDemoContest().contestants);
    const pure = time(50, () => computeResults(input));
    const load = await timeAsync(20, () => loadResultRows(ctx.db, demoId));

    const port = await freePort();
    server = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET, PORT: String(port), LOG_LEVEL: 'warn', CHUANYU_DATA_DIR: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    if (!(await waitForHealthy(`${base}/api/health`, null, 120_000))) throw new Error('server did not start');
    const chief = await login(base, 'chief-judge-demo');
    const rows: string[][] = [];
    const reads = (p: string, cookie: string) => Array.from({ length: READS }, () => ({ path: p, cookie }));
    await runClients(base, 4, reads(`/api/contests/${demoId}/results`, '').slice(0, 40)); // warm-up
    const page = await runClients(base, 16, reads(`/api/contests/${demoId}`, ''));
    const pub = await runClients(base, 16, reads(`/api/contests/${demoId}/results`, ''));
    const live = await runClients(base, 16, reads(`/api/contests/${demoId}/results`, chief));
    rows.push(['contest page GET /api/contests/:id (baseline)', String(READS), ms(page.p50), ms(page.p99), page.rps.toFixed(0)]);
    rows.push(['results, public, computed from 4,648 marks', String(READS), ms(pub.p50), ms(pub.p99), pub.rps.toFixed(0)]);
    rows.push(['results, chief judge (live)', String(READS), ms(live.p50), ms(live.p99), live.rps.toFixed(0)]);

    // score entry: every judge's every mark, keyed; 5 % sent twice with the same key
    const judges = await Promise.all(synthetic.judges.map((u) => login(base, u)));
    const writes: { path: string; cookie: string; key: string; body: unknown }[] = [];
    for (const c of synthetic.contestants) {
      for (const a of synthetic.aspects) {
        const panel = a.type === 'judgement' ? [0, 1, 2, 3, 4] : [c.n % 10, (c.n + 1) % 10];
        for (const j of panel) {
          const value = a.type === 'judgement' ? 2 : Math.round(a.max * 0.8 * 2) / 2;
          writes.push({ path: `/api/contests/${synthetic.id}/items/${synthetic.itemId}/marks`, cookie: judges[j]!, key: `m-${c.id}-${a.id}-${j}`, body: { contestantId: c.id, aspectId: a.id, value } });
        }
      }
    }
    shuffle(writes);
    const twice = writes.filter((_, i) => i % 20 === 0).map((w) => ({ ...w }));
    const entry = await runClients(base, 64, [...writes, ...twice]);
    const stored = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM contest_marks WHERE contest_id = ${synthetic.id}`.execute(ctx.db)).rows[0]!.n);
    rows.push([`score entry, 10 judges, 64 clients (HTTP, keyed; ${twice.length} retries)`, String(writes.length + twice.length), ms(entry.p50), ms(entry.p99), entry.rps.toFixed(0)]);
    const raw = await rawCeiling(pgServer.url, ceilingContest);
    rows.push([`mark insert, raw SQL, ${POOL} connections (PostgreSQL ceiling)`, String(raw.n), ms(raw.p50), ms(raw.p99), raw.rps.toFixed(0)]);

    const report = [
      `# bench:contest — ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, Node ${process.version})`, '',
      '| run | requests | p50 | p99 | req/s |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), '',
      `- results cost: public ${(page.rps / pub.rps).toFixed(1)}× a contest page read (p50 ${ms(pub.p50)} vs ${ms(page.p50)})`,
      `- in process: computeResults for 83 finalists ${ms(pure)} · loading their rows ${ms(load)} (computation = ${((pure / load) * 100).toFixed(0)} % of the load)`,
      `- score entry: ${entry.rps.toFixed(0)} req/s = ${((entry.rps / raw.rps) * 100).toFixed(0)} % of the PostgreSQL ceiling for the same inserts (${raw.rps.toFixed(0)}/s)`,
      `- exactly once: ${writes.length} distinct keyed marks sent (+${twice.length} repeats) → ${stored} stored ${stored === writes.length ? '✔' : '✘ MISMATCH'}`,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/contest-${new Date().toISOString().slice(0, 10)}.md`, `${report}\n`);
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

/** A final with FINALISTS contestants, lots drawn, one sub-item of 3 aspects and 10 judges. */
async function setUpEntry(ctx: AppContext, ownerUnion: string, judgeUnion: string, tag = 'entry') {
  const db = ctx.db;
  const contest = await db.insertInto('contests').values({
    name: `压测竞赛${tag}`, owner_union_id: ownerUnion, starts_on: '2023-02-21', ends_on: '2023-02-23', status: 'published',
    rules: JSON.stringify({ writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-all' }, itemAwards: 3, tieBreak: ['practical'] }),
    lots_seed: 'bench', lots_drawn_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('contest_rounds').values({ contest_id: contest.id, seq: 1, name: '决赛', kind: 'final' }).execute();
  const team = await db.insertInto('contest_teams').values({ contest_id: contest.id, name: '压测队', union_id: judgeUnion }).returning('id').executeTakeFirstOrThrow();
  const contestants: { id: number; n: number }[] = [];
  const rows = Array.from({ length: FINALISTS }, (_, n) => {
    const first17 = `51160219800101${String(n).padStart(3, '0')}`.slice(0, 17);
    return { contest_id: contest.id, team_id: team.id, name: `选手${n}`, ...sealIdNumber(ctx.crypto, first17 + idCardCheckChar(first17)), stage: 'finalist' as const, work_number: String(n + 1).padStart(3, '0'), written: 80 };
  });
  const ids = await db.insertInto('contest_contestants').values(rows).returning('id').execute();
  ids.forEach((r, n) => contestants.push({ id: r.id, n }));
  const major = await db.insertInto('contest_items').values({ contest_id: contest.id, code: 'E', name: '压测大项' }).returning('id').executeTakeFirstOrThrow();
  const item = await db.insertInto('contest_items').values({ contest_id: contest.id, parent_id: major.id, code: 'E1', name: '压测小项', max: '100' }).returning('id').executeTakeFirstOrThrow();
  const aspects: { id: number; type: string; max: number }[] = [];
  for (const [code, type, max] of [['E1.1', 'measurement', 40], ['E1.2', 'measurement', 30], ['E1.3', 'judgement', 30]] as const) {
    const a = await db.insertInto('contest_aspects').values({
      contest_id: contest.id, item_id: item.id, code, type, max: String(max), judges: type === 'judgement' ? 5 : 2,
      descriptors: type === 'judgement' ? JSON.stringify(['差', '中', '良', '优']) : null,
    }).returning('id').executeTakeFirstOrThrow();
    aspects.push({ id: a.id, type, max });
  }
  const judges: string[] = [];
  const judgeIds: string[] = [];
  for (let k = 0; k < 10; k += 1) {
    const username = `${tag}-judge-${k}`;
    const u = await createUser(ctx, null, { username, phone: null, name: `裁判${k}`, password: PASSWORD, roles: ['judge'], unionId: judgeUnion }, null);
    await db.insertInto('contest_judges').values({ contest_id: contest.id, item_id: item.id, user_id: u.id }).execute();
    judges.push(username);
    judgeIds.push(u.id);
  }
  log(`fixture (${tag}): ${FINALISTS} finalists, 3 aspects, 10 judges`);
  return { id: contest.id, itemId: item.id, contestants, aspects, judges, judgeIds };
}

/** The same marks inserted straight into PostgreSQL with a pool of the server's size. */
async function rawCeiling(url: string, f: Awaited<ReturnType<typeof setUpEntry>>) {
  const marks: [number, number, string, number][] = [];
  for (const c of f.contestants) for (const a of f.aspects) for (const j of a.type === 'judgement' ? [0, 1, 2, 3, 4] : [c.n % 10, (c.n + 1) % 10]) marks.push([c.id, a.id, f.judgeIds[j]!, 2]);
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: POOL }, async () => {
    for (let i = next++; i < marks.length; i = next++) {
      const [contestantId, aspectId, judgeId, value] = marks[i]!;
      const t = performance.now();
      await pool.query('INSERT INTO contest_marks (contest_id, item_id, aspect_id, contestant_id, judge_id, value) VALUES ($1, $2, $3, $4, $5, $6)', [f.id, f.itemId, aspectId, contestantId, judgeId, value]);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { n: marks.length, p50: latencies[Math.floor(latencies.length * 0.5)]!, p99: latencies[Math.floor(latencies.length * 0.99)]!, rps: marks.length / seconds };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function time(n: number, f: () => unknown): number {
  f();
  const t = performance.now();
  for (let i = 0; i < n; i += 1) f();
  return (performance.now() - t) / n;
}
async function timeAsync(n: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const t = performance.now();
  for (let i = 0; i < n; i += 1) await f();
  return (performance.now() - t) / n;
}
function shuffle<T>(xs: T[]): void {
  for (let i = xs.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

await main();
