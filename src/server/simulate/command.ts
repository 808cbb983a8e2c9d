import { loadConfig } from '../platform/config.js';
import { createDb } from '../platform/db.js';
import { embeddedUrl } from '../platform/embedded-pg.js';
import { simulateFair } from './fair.js';
import { checkPlanOptions, OPENING_FAIR } from './plan.js';
import { countSeasonRecords, seasonName, type Counted } from './records.repo.js';

// The CLI side of `chuanyu simulate fair`: options, the database for the count of records (the
// server's DATABASE_URL, or the embedded PostgreSQL of CHUANYU_DATA_DIR that the running server
// started), the table on stdout, and the exit code.

export interface SimulateFairFlags {
  enterprises: string; positions: string; visitors: string; consultations: string; intents: string; concurrency: string;
  url?: string; seed: string; staff?: string[]; retryShare: string; ledger?: string; force?: boolean;
}

export const FLAG_DEFAULTS = {
  enterprises: String(OPENING_FAIR.enterprises), positions: String(OPENING_FAIR.positions), visitors: String(OPENING_FAIR.visitors),
  consultations: String(OPENING_FAIR.consultations), intents: String(OPENING_FAIR.intents), concurrency: '64', seed: String(OPENING_FAIR.seed), retryShare: '0.05',
} as const;

export class SimulateUsageError extends Error {}

/** Count the season's records in the server's database, when it is at hand; null otherwise. */
async function countRecords(seasonId: number, expectedName: string): Promise<Counted | null> {
  const config = loadConfig(process.env);
  const url = config.databaseUrl ?? embeddedUrl(config.dataDir);
  if (!url) return null;
  const handle = createDb(url, { max: 2 });
  try {
    // Another install's database has no such season, or another one under that id.
    if ((await seasonName(handle.db, seasonId)) !== expectedName) return null;
    return await countSeasonRecords(handle.db, seasonId);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** Run the simulation; 0 when every figure agrees and no write was doubled, 1 otherwise. */
export async function runSimulateFair(flags: SimulateFairFlags): Promise<number> {
  const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : NaN);
  const sizes = {
    enterprises: int(flags.enterprises), positions: int(flags.positions), visitors: int(flags.visitors),
    consultations: int(flags.consultations), intents: int(flags.intents), seed: int(flags.seed),
  };
  const concurrency = int(flags.concurrency);
  const retryShare = Number(flags.retryShare);
  const problems = checkPlanOptions(sizes);
  if (!Number.isInteger(sizes.seed)) problems.push('--seed: 须为整数 / must be a whole number');
  if (!(concurrency >= 1 && concurrency <= 1024)) problems.push('--concurrency: 须为 1–1024 / must be from 1 to 1024');
  if (!(retryShare >= 0 && retryShare <= 1)) problems.push('--retry-share: 须为 0–1 / must be from 0 to 1');
  const staff = (flags.staff ?? []).map((s) => {
    const at = s.indexOf(':');
    if (at < 1) problems.push(`--staff ${s}: 格式为 登录名:密码 / give login:password`);
    return { login: s.slice(0, at), password: s.slice(at + 1) };
  });
  if (problems.length) throw new SimulateUsageError(problems.join('\n'));

  const url = flags.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const outcome = await simulateFair({
    ...sizes, url, concurrency, retryShare, staff, force: !!flags.force, ledgerFile: flags.ledger, countRecords, log,
  });
  const out = [
    '',
    `服务季 season ${outcome.seasonId} · 招聘会 fair ${outcome.eventId} · ${outcome.seconds.toFixed(1)} s · ${outcome.requests} 次请求 requests ` +
      `(${(outcome.requests / outcome.seconds).toFixed(0)} req/s) · ${outcome.retries} 次重试 retries`,
    ...outcome.phases.map((p) => `  ${p.name.padEnd(14)} ${String(p.done).padStart(6)}  ${p.seconds.toFixed(1).padStart(6)} s  ${(p.requests / Math.max(p.seconds, 0.001)).toFixed(0).padStart(5)} req/s`),
    '',
    outcome.table,
    '',
  ];
  if (!outcome.records) out.push('（未能直接统计数据库记录：需在服务器所在机器上，用相同的 DATABASE_URL 或 CHUANYU_DATA_DIR 运行）/ records not counted: run beside the server with its DATABASE_URL or CHUANYU_DATA_DIR', '');
  const failures = [...outcome.differences, ...outcome.problems];
  if (failures.length) out.push('✗ 数据不一致 / figures differ:', ...failures.slice(0, 50).map((f) => `  ${f}`));
  else out.push('✓ 实时数据与记录一致，无重复、无丢失 / the live figures equal the records: nothing lost, nothing doubled');
  process.stdout.write(`${out.join('\n')}\n`);
  return failures.length ? 1 : 0;
}
