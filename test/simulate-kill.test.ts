import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/server/platform/db.js';
import { embeddedUrl } from '../src/server/platform/embedded-pg.js';
import type { LedgerEntry } from '../src/server/simulate/run.js';
import { freePort, runCli, sleep, waitForHealthy, type Proc } from './proc.js';

// The kill test (issue 5, "Bad input and faults"): the real server on a fresh data dir with its
// embedded PostgreSQL, the simulator as a child process through the CLI; the server is killed with
// SIGKILL in the middle of the gate and started again on the same data dir. The simulator rides it
// out on its retries (same Idempotency-Keys) and must finish with the figures equal to the records;
// every write it saw acknowledged is there exactly once.

const PASSWORD = 'Kill-test-2023';
const procs: Proc[] = [];
let dir = '';
let handle: DbHandle | null = null;

afterAll(async () => {
  await handle?.close();
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  // A failed run may leave this data dir's PostgreSQL orphaned: stop it before removing the dir.
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  const pid = dir && fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (pid) {
    try { process.kill(pid, 'SIGINT'); } catch { /* gone already */ }
    for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) await sleep(100);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('simulate fair through a SIGKILL of the server', () => {
  it('loses no acknowledged write and doubles none', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-kill-'));
    fs.chmodSync(dir, 0o755);
    const port = await freePort();
    const env = { CHUANYU_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' };
    // A platform admin (of 重庆市总工会, so the fair has a host) first: the database is then not
    // empty and no demo is loaded; the admin's scope covers both provinces' imports.
    const created = runCli(['user', 'create', '--username', 'kill-admin', '--name', '平台管理员', '--admin', '--union', '500000'], { ...env, CHUANYU_NEW_PASSWORD: PASSWORD });
    procs.push(created);
    expect(await created.exited, created.output()).toBe(0);
    const health = `http://127.0.0.1:${port}/api/health`;
    const first = runCli(['serve'], env);
    procs.push(first);
    expect(await waitForHealthy(health, first, 60_000), first.output()).toBe(true);

    const ledgerFile = path.join(dir, 'ledger.json');
    const sim = runCli([
      'simulate', 'fair', '--url', `http://127.0.0.1:${port}`, '--enterprises', '16', '--positions', '160', '--visitors', '700',
      '--consultations', '400', '--intents', '60', '--concurrency', '32', '--seed', '4242', '--retry-share', '0.1',
      '--staff', `kill-admin:${PASSWORD}`, '--force', '--ledger', ledgerFile,
    ], env);
    procs.push(sim);

    // In the middle of the gate: kill the server outright, then start it again on the same data dir.
    const deadline = Date.now() + 60_000;
    while (!sim.output().includes('▶ gate') && Date.now() < deadline && sim.child.exitCode === null) await sleep(20);
    expect(sim.output()).toContain('▶ gate');
    await sleep(700);
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeBooths = !sim.output().includes('▶ booths');
    // Its PostgreSQL lives on, orphaned; the next start on the data dir stops it and starts afresh.
    const orphan = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow();
    const second = runCli(['serve'], env);
    procs.push(second);
    expect(await waitForHealthy(health, second, 60_000), second.output()).toBe(true);

    const code = await sim.exited;
    const out = sim.output();
    expect(code, out).toBe(0);
    expect(out).toContain('✓ 实时数据与记录一致');
    expect(out).not.toContain('未能直接统计'); // the records were counted, not only the acknowledged writes
    expect(Number(/(\d+) 次重试 retries/.exec(out)?.[1])).toBeGreaterThan(0); // the kill was felt
    expect(beforeBooths).toBe(true); // killed while visitors were coming in

    // Every acknowledged write is in the database exactly once.
    const ledger = JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) as { eventId: number; entries: LedgerEntry[] };
    handle = createDb(embeddedUrl(dir)!, { max: 2 });
    const db = handle.db;
    const ids = (kind: LedgerEntry['kind'][]) => [...new Set(ledger.entries.filter((e) => kind.includes(e.kind)).map((e) => e.id))];
    const eventId = ledger.eventId;

    const talkIds = ids(['talk']);
    expect(talkIds).toHaveLength(400);
    const talks = await db.selectFrom('booth_records').select(['id']).where('event_id', '=', eventId).execute();
    expect(talks.map((r) => r.id).sort((a, b) => a - b)).toEqual(talkIds.sort((a, b) => a - b));
    // Each talk's key holds the record it was answered with: one record per key.
    const talkKeys = ledger.entries.filter((e) => e.kind === 'talk');
    const kept = await db.selectFrom('idempotency_keys').select(['key', 'body']).where('key', 'in', talkKeys.map((e) => e.key!)).execute();
    expect(kept).toHaveLength(400);
    const keptId = new Map(kept.map((k) => [k.key, (k.body as { id: number }).id]));
    expect(talkKeys.every((e) => keptId.get(e.key!) === e.id)).toBe(true);

    const arrived = ids(['checkin', 'walkin']);
    const checkedIn = await db.selectFrom('event_visitors').select(['id']).where('event_id', '=', eventId).where('checked_in_at', 'is not', null).execute();
    expect(checkedIn.map((v) => v.id).sort((a, b) => a - b)).toEqual(arrived.sort((a, b) => a - b));
    // No visitor checked in twice: one audited first check-in and one hour-counter tick each.
    const audited = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'visitor.check_in').where('subject_id', '=', String(eventId)).executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(arrived.length);
    const hourly = await db.selectFrom('event_hourly_checkins').select((eb) => eb.fn.sum<string>('value').as('n')).where('event_id', '=', eventId).executeTakeFirstOrThrow();
    expect(Number(hourly.n)).toBe(arrived.length);
    const phones = await db.selectFrom('event_visitors').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('phone_hash').distinct().as('phones')])
      .where('event_id', '=', eventId).executeTakeFirstOrThrow();
    expect(Number(phones.n)).toBe(Number(phones.phones));

    const intentIds = ids(['intent']);
    expect(intentIds).toHaveLength(60);
    const intents = await db.selectFrom('hiring_intents').select(['id', 'status']).where('event_id', '=', eventId).execute();
    expect(intents.map((i) => i.id).sort((a, b) => a - b)).toEqual(intentIds.sort((a, b) => a - b));
    expect(intents.every((i) => i.status === 'confirmed')).toBe(true);
    const followUps = await db.selectFrom('intent_follow_ups').select((eb) => eb.fn.countAll<string>().as('n')).where('intent_id', 'in', intentIds).executeTakeFirstOrThrow();
    expect(Number(followUps.n)).toBe(120);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 150_000);
});
