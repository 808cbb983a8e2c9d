// npm run bench:start — time from launching `chuanyu serve` to the first healthy response, cold
// (empty data dir: initdb, migrations, regions, demo) and warm (existing data dir), against a
// baseline measured in the same run: starting the embedded PostgreSQL alone, and a bare Node process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';
import { freePort, runCli, waitForHealthy } from '../test/proc.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function timeServe(dir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const proc = runCli(['serve'], { CHUANYU_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' });
  const ok = await waitForHealthy(`http://127.0.0.1:${port}/api/health`, proc, 120_000);
  const ms = performance.now() - started;
  proc.child.kill('SIGTERM');
  await proc.exited;
  if (!ok) throw new Error(`server did not start:\n${proc.output()}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bareNode: number[] = [];
const pgOnly: number[] = [];
const cold: number[] = [];
const warm: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  bareNode.push(performance.now() - t);

  const pgDir = tmpDir();
  await (await startEmbeddedPostgres({ dataDir: pgDir })).stop();
  t = performance.now();
  const pg = await startEmbeddedPostgres({ dataDir: pgDir });
  pgOnly.push(performance.now() - t);
  await pg.stop();
  fs.rmSync(pgDir, { recursive: true, force: true });

  const dir = tmpDir();
  cold.push(await timeServe(dir));
  warm.push(await timeServe(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}

const rows = [
  ['bare node process (baseline)', median(bareNode)],
  ['embedded PostgreSQL warm start (baseline)', median(pgOnly)],
  ['chuanyu cold start → healthy (initdb, migrate, demo)', median(cold)],
  ['chuanyu warm start → healthy', median(warm)],
] as const;
console.log(`start-up, median of ${ROUNDS} rounds on ${os.cpus().length} cores:`);
for (const [label, ms] of rows) {
  console.log(`  ${label.padEnd(54)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / median(bareNode)).toFixed(1).padStart(6)}× node`);
}
console.log(`  warm start = ${(median(warm) / median(pgOnly)).toFixed(1)}× the PostgreSQL start alone`);
