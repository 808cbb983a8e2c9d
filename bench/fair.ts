// npm run bench:fair — a crowded fair's writes through HTTP (issue 5, Speed): visitors' check-ins
// and booth scans with 64 and 256 concurrent clients (each write a new record, with its
// Idempotency-Key, counted into the season's sharded counters in its own transaction), against the
// PostgreSQL ceiling for the same writes measured in the same run (a raw-SQL loop with as many
// connections as the server's pool); then 1,000 screens connected to the stats stream and the time
// from a write until every one of them has the new figures. The server runs in its own process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createUser } from '../src/server/modules/accounts/accounts.service.js';
import { checkInOnce } from '../src/server/modules/seasons/checkins.repo.js';
import { replaceZones } from '../src/server/modules/seasons/seasons.repo.js';
import { TICKET_ALPHABET } from '../src/server/modules/seasons/tickets.js';
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

const SECRET = 'bench-fair-secret-0123456789abcdef012345';
const PER_RUN = Number(process.env.WRITES ?? 4_000);
const SCREENS = Number(process.env.SCREENS ?? 1_000);
const PACED = Number(process.env.PACED ?? 2_560);
const POOL = 20; // the server's pool size (platform/db.ts)
const log = (m: string) => process.stderr.write(`[bench:fair] ${m}\n`);
const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-fair-'));
  fs.chmodSync(dir, 0o755);
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: 'fair' });
  const handle = createDb(pgServer.url, { max: 64 });
  const ctx: AppContext = {
    db: handle.db, crypto: createFieldCrypto(SECRET), version: 'bench', demo: false, config: loadConfig({ DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET }),
    search: new JobSearch(handle.db, handle.pool), live: new LiveHub(handle.pool),
  };
  let server: ReturnType<typeof spawn> | null = null;
  try {
    await prepareSchema(handle.db);
    const fixture = await setUp(ctx, 4 * PER_RUN + PACED + 1_000);
    const port = await freePort();
    // BENCH_PROF=dir: the server writes a CPU profile there when it stops.
    server = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), CLI, 'serve'], {
      env: { ...process.env, DATABASE_URL: pgServer.url, CHUANYU_SECRET: SECRET, PORT: String(port), LOG_LEVEL: 'warn', CHUANYU_DATA_DIR: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    if (!(await waitForHealthy(`${base}/api/health`, null, 120_000))) throw new Error('server did not start');
    const staff = await login(base, 'fair-staff');
    const employer = await login(base, 'fair-employer');

    const rows: string[][] = [];
    let next = 0;
    const take = (n: number) => fixture.codes.slice(next, (next += n));
    // A fair's pace: 256 phones, each scanning again 2–4 s after its last answer (a gate keeper
    // reads a ticket every few seconds) — the latency a phone at the gate sees.
    {
      const codes = take(PACED);
      const paced = await runClients(base, 256, codes.map((code, i) => ({ path: `/api/events/${fixture.eventId}/checkins`, cookie: staff, key: `cp-${i}`, body: { code } })), [2_000, 4_000]);
      rows.push(['check-in, 256 phones at a fair\'s pace (one scan every 2–4 s each)', String(codes.length), ms(paced.p50), ms(paced.p99), paced.rps.toFixed(0)]);
    }
    for (const clients of [64, 256]) {
      const codes = take(PER_RUN);
      const http = await runClients(base, clients, codes.map((code, i) => ({ path: `/api/events/${fixture.eventId}/checkins`, cookie: staff, key: `ci-${clients}-${i}`, body: { code } })));
      rows.push([`check-in, ${clients} clients (HTTP)`, String(codes.length), ms(http.p50), ms(http.p99), http.rps.toFixed(0)]);
      const scans = await runClients(base, clients, codes.map((code, i) => ({ path: `/api/events/${fixture.eventId}/booth-records`, cookie: employer, key: `bs-${clients}-${i}`, body: { code, kind: 'consultation', postingIds: [] } })));
      rows.push([`booth scan, ${clients} clients (HTTP)`, String(codes.length), ms(scans.p50), ms(scans.p99), scans.rps.toFixed(0)]);
    }
    // The same writes straight into PostgreSQL: the server's own check-in statement.
    const raw = await rawCeiling(pgServer.url, fixture, take(PER_RUN));
    rows.push([`check-in, raw SQL, ${POOL} connections (PostgreSQL ceiling)`, String(PER_RUN), ms(raw.p50), ms(raw.p99), raw.rps.toFixed(0)]);

    // Figures equal the records.
    const stats = await (await fetch(`${base}/api/seasons/${fixture.seasonId}/stats`)).json() as { checkins: number; consultations: number };
    const records = await handle.db.selectFrom('event_visitors').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', fixture.eventId).where('checked_in_at', 'is not', null).executeTakeFirstOrThrow();
    const scansCounted = await handle.db.selectFrom('booth_records').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', fixture.eventId).executeTakeFirstOrThrow();

    const sse = await screens(base, fixture, staff, take(1)[0]!);
    const checkinRows = rows.filter((r) => r[0]!.startsWith('check-in, 256 clients'));
    const pacedRow = rows.find((r) => r[0]!.includes('pace'))!;
    const table = [
      `# bench:fair — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}`,
      '',
      `Each write is a new record with its Idempotency-Key (kept in the write's transaction), counted into the season's 16-shard counters in its own transaction; ${PER_RUN.toLocaleString('en')} writes per back-to-back run (each client sends its next write when the last is answered), ${PACED.toLocaleString('en')} in the paced run. The PostgreSQL ceiling runs the server's own check-in statement (visitor, counters, audit, retry key, notice: one statement since this run) on a pool of the server's size, without HTTP, session or event look-up.`,
      '',
      '| run | writes | p50 | p99 | req/s |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      '| figure | value | target |',
      '|---|---|---|',
      `| check-in p99, 256 phones at a fair's pace | ${pacedRow[3]} | ≤ 100 ms |`,
      `| check-in p99, 256 clients back to back (latency = clients ÷ throughput) | ${checkinRows[0]![3]} | — |`,
      `| check-in throughput at 256 clients ÷ PostgreSQL ceiling | ${((Number(checkinRows[0]![4]) / raw.rps) * 100).toFixed(0)} % | ≥ 50 % |`,
      `| stats equal the records (check-ins, consultations) | ${stats.checkins === Number(records.n) && stats.consultations === Number(scansCounted.n) ? 'yes' : `no: ${stats.checkins}/${records.n}, ${stats.consultations}/${scansCounted.n}`} | equal |`,
      `| ${SCREENS.toLocaleString('en')} screens on the SSE stream: write → all updated | median ${ms(sse.median)}, max ${ms(sse.max)} (${sse.updated}/${SCREENS} updated) | ≤ 1 s |`,
    ].join('\n');
    console.log(`\n${table}\n`);
    const file = new URL(`./results/fair-${new Date().toISOString().slice(0, 10)}.md`, import.meta.url);
    fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    fs.writeFileSync(file, `${table}\n`);
    log(`written to ${path.relative(process.cwd(), file.pathname)}`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await ctx.live.close();
    await handle.close();
    await pgServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A season, a fair of today with one booth, a staffer, an employer at the booth and `visitors` pre-registered visitors. */
async function setUp(ctx: AppContext, visitors: number) {
  const union = await ctx.db.selectFrom('unions').select(['id']).where('region_code', '=', '500106').executeTakeFirstOrThrow();
  const staff = await createUser(ctx, null, { username: 'fair-staff', phone: null, name: '现场工作人员', password: 'Bench-2023-fair', roles: ['union_staff'], unionId: union.id }, null);
  const employer = await createUser(ctx, null, { username: 'fair-employer', phone: null, name: '企业招聘员', password: 'Bench-2023-fair', roles: ['employer'], unionId: null }, null);
  const enterprise = await ctx.db.insertInto('enterprises').values({
    credit_code: '91500106MA5U7K8X3Y', name: '重庆压测机械制造有限公司', region_code: '500106', industry_section: 'C', owner_union_id: union.id, status: 'verified',
    address: null, industry_division: null, size: null, ownership: null, contact_name: null, contact_phone_enc: null, contact_phone_hash: null, contact_phone_masked: null, created_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('enterprise_members').values({ enterprise_id: enterprise.id, user_id: employer.id, status: 'active' }).execute();
  const season = await ctx.db.insertInto('seasons').values({ name: '压测服务季', starts_on: '2023-01-01', ends_on: '2099-12-31', owner_union_id: union.id, status: 'published' }).returning('id').executeTakeFirstOrThrow();
  const now = Date.now();
  const event = await ctx.db.insertInto('events').values({
    season_id: season.id, kind: 'fair', name: '压测招聘会', host_union_id: union.id, region_code: '500106', starts_at: new Date(now - 3_600_000), ends_at: new Date(now + 6 * 3_600_000), status: 'open',
  }).returning('id').executeTakeFirstOrThrow();
  await replaceZones(ctx.db, event.id, [{ kind: 'booths', name: '招聘区', rows: 1, cols: 1 }]);
  const booth = await ctx.db.selectFrom('booths').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();
  await ctx.db.insertInto('event_signups').values({ event_id: event.id, enterprise_id: enterprise.id, status: 'approved', booth_id: booth.id }).execute();
  const codes = new Set<string>();
  while (codes.size < visitors) codes.add(Array.from({ length: 8 }, () => TICKET_ALPHABET[Math.floor(Math.random() * TICKET_ALPHABET.length)]).join(''));
  const list = [...codes];
  for (let i = 0; i < list.length; i += 5_000) {
    const chunk = list.slice(i, i + 5_000);
    const phones = chunk.map((_, j) => `139${String(i + j).padStart(8, '0')}`);
    await sql`
      INSERT INTO event_visitors (event_id, name, phone_enc, phone_hash, phone_masked, ticket_code, source, consented_at)
      SELECT ${event.id}, '观众', v.enc, v.hash, '139****0000', v.code, 'online', now()
      FROM unnest(${phones.map((p) => ctx.crypto.encrypt(p))}::bytea[], ${phones.map((p) => ctx.crypto.blindIndex('event.visitor_phone', p))}::bytea[], ${chunk}::text[]) AS v(enc, hash, code)`.execute(ctx.db);
  }
  log(`fixture: a fair with ${visitors.toLocaleString('en')} registered visitors`);
  return { seasonId: season.id, eventId: event.id, staffId: staff.id, codes: list };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: 'Bench-2023-fair' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Clients in a process of their own: each sends its next write when the last is answered. */
/**
 * What the server writes for one check-in — the very statement it runs (checkins.repo.ts: visitor,
 * counters, hourly curve, audit entry, retry key with its answer, live notice) — straight into
 * PostgreSQL on a pool of the server's size: the ceiling for the same writes.
 */
async function rawCeiling(url: string, fixture: { seasonId: number; eventId: number; staffId: string }, codes: string[]) {
  const handle = createDb(url, { max: POOL });
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: POOL }, async () => {
    for (let i = next++; i < codes.length; i = next++) {
      const t = performance.now();
      const inside = await checkInOnce(handle.db, {
        seasonId: fixture.seasonId, eventId: fixture.eventId, eventName: '压测招聘会', federation: '50', scopePrefix: '500106', code: codes[i]!, at: new Date(),
        token: `CY1.${fixture.eventId}.${codes[i]}.raw`, actor: { id: fixture.staffId, label: 'bench' }, meta: { ip: '127.0.0.1', requestId: null },
        claim: { actor: fixture.staffId, key: `raw-${i}`, route: 'POST /api/events/:id/checkins', stored: false },
      });
      if (!inside) throw new Error(`raw check-in of ${codes[i]} found nobody`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  await handle.close();
  const s = [...latencies].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p99: s[Math.floor(s.length * 0.99)]!, rps: codes.length / seconds };
}

/** SCREENS connections on the stats stream (in a process of their own); one check-in; time until each has it. */
async function screens(base: string, fixture: { seasonId: number; eventId: number }, staff: string, code: string) {
  const child = spawn(process.execPath, ['--input-type=commonjs', '-e', SCREENS_CLIENT], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ url: `${base}/api/seasons/${fixture.seasonId}/stats/stream`, n: SCREENS }));
  const lines = child.stdout!.setEncoding('utf8');
  let buffered = '';
  const waitFor = (prefix: string) => new Promise<string>((resolve) => {
    const check = () => { const i = buffered.indexOf(prefix); if (i >= 0) { const end = buffered.indexOf('\n', i); if (end > 0) { const line = buffered.slice(i + prefix.length, end); buffered = buffered.slice(end + 1); resolve(line); return true; } } return false; };
    if (!check()) lines.on('data', function on(chunk: string) { buffered += chunk; if (check()) lines.off('data', on); });
  });
  await waitFor('CONNECTED');
  log(`${SCREENS} screens connected`);
  const wrote = Date.now();
  const res = await fetch(`${base}/api/events/${fixture.eventId}/checkins`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: staff }, body: JSON.stringify({ code }) });
  if (res.status !== 200) throw new Error(`check-in: ${res.status}`);
  const result = JSON.parse(await waitFor('DONE')) as { times: number[] };
  child.kill();
  const delays = result.times.map((t) => t - wrote).sort((a, b) => a - b);
  return { median: delays[Math.floor(delays.length / 2)] ?? NaN, max: delays.at(-1) ?? NaN, updated: delays.length };
}

const SCREENS_CLIENT = `
const http = require('node:http');
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const { url, n } = JSON.parse(input);
  const agent = new http.Agent({ keepAlive: true, maxSockets: n });
  let connected = 0; const times = []; let done = false;
  for (let i = 0; i < n; i++) {
    http.get(url, { agent }, (res) => {
      let frames = 0; let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buf += chunk;
        let at;
        while ((at = buf.indexOf('\\n\\n')) >= 0) {
          const frame = buf.slice(0, at); buf = buf.slice(at + 2);
          if (!frame.startsWith('event: update')) continue;
          frames++;
          if (frames === 1 && ++connected === n) process.stdout.write('CONNECTED\\n');
          if (frames === 2) { times.push(Date.now()); if (times.length === n && !done) { done = true; process.stdout.write('DONE' + JSON.stringify({ times }) + '\\n'); } }
        }
      });
    });
  }
  setTimeout(() => { if (!done) { done = true; process.stdout.write('DONE' + JSON.stringify({ times }) + '\\n'); } }, 15000).unref();
});`;

await main();
