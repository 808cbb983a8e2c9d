import fs from 'node:fs';
import { canSpreadAddresses, SimClient, workerAddress, type Traffic } from './client.js';
import { fitted, gate, intents, preRegister, signUp, talks } from './day.js';
import { planFair, type FairPlanOptions } from './plan.js';
import type { Counted } from './records.repo.js';
import { acknowledgedFigures, compareFigures, type StatsAnswer } from './report.js';
import { newState, type SimRun } from './run.js';
import { chinaDate, ensureSeasonAndFair, importEmployment, loginStaff, prepareEmployers, seasonNameOf } from './setup.js';

// `chuanyu simulate fair` (issue 5 §9): a compressed fair day driven through the HTTP API only, by
// `concurrency` workers, every write with an Idempotency-Key and a share of them delivered twice;
// at the end the live figures beside a count of the records and what was acknowledged.

export interface FairOptions extends Omit<FairPlanOptions, 'today'> {
  url: string;
  concurrency: number;
  /** Staff accounts (login and password); by default the demo's two federations when the server runs the demo. */
  staff?: { login: string; password: string }[] | undefined;
  /** Share of writes delivered twice on purpose (half as double taps, half as a lost answer sent again). */
  retryShare: number;
  /** Run against a server that is not in demo mode (it writes simulated employers and visitors). */
  force: boolean;
  /** How long a write keeps being retried through network errors and 5xx answers. */
  retryForMs?: number;
  /** A JSON file for the ledger of acknowledged writes. */
  ledgerFile?: string | undefined;
  /** The season's figures counted from the records, when the database is at hand. */
  countRecords?: ((seasonId: number, seasonName: string) => Promise<Counted | null>) | undefined;
  log: (line: string) => void;
}

export interface FairOutcome {
  seasonId: number; eventId: number; stats: StatsAnswer; records: Counted | null; acknowledged: Counted;
  table: string; differences: string[]; problems: string[]; seconds: number; requests: number; retries: number;
  phases: SimRun['phases'];
}

export const DEMO_STAFF = [{ login: 'cq-admin', password: 'chuanyu-demo' }, { login: 'sc-admin', password: 'chuanyu-demo' }];

export async function simulateFair(options: FairOptions): Promise<FairOutcome> {
  const started = performance.now();
  const base = new URL(options.url);
  const traffic: Traffic = { requests: 0, retries: 0, rateLimited: 0, lastError: null };
  const spread = await canSpreadAddresses(base);
  const target = spread ? new URL(base.href.replace('localhost', '127.0.0.1')) : base;
  const clients = Array.from({ length: options.concurrency }, (_, w) => new SimClient(target, traffic, { localAddress: workerAddress(target, w, spread), retryForMs: options.retryForMs ?? 90_000 }));
  const first = clients[0]!;
  const plan = planFair({ ...options, today: chinaDate(new Date()) });
  const run: SimRun = {
    base: target, plan, seed: options.seed, concurrency: options.concurrency, retryShare: options.retryShare, clients, traffic, ledger: [], problems: [], log: options.log, phases: [],
    staff: [], organiser: { login: '', cookie: '', userId: '', scopePrefix: '', federation: '50' }, seasonId: 0, eventId: 0, ...newState(plan),
  };
  try {
    const health = (await first.send<{ demo?: boolean }>('GET', '/api/health')).body;
    if (!health.demo && !options.force) {
      throw new Error('服务器不在演示模式：模拟会写入大量虚构的企业账号和观众，确认无误请加 --force / the server is not in demo mode: the simulator writes made-up employers and visitors; add --force if that is what you want');
    }
    const staff = options.staff?.length ? options.staff : health.demo ? DEMO_STAFF : undefined;
    if (!staff) throw new Error('请用 --staff 登录名:密码 提供工作人员账号 / give staff accounts with --staff login:password');
    run.staff = await loginStaff(first, staff);
    run.organiser = run.staff[0]!;
    options.log(`[simulate] ${target.origin}: ${plan.enterprises.length} 家企业 employers, ${plan.postings.length} 个岗位 postings, ${plan.visitors.length} 位观众 visitors, ` +
      `${plan.talks.length} 次咨询和面试 talks, ${plan.intents.length} 份意向 intents; ${options.concurrency} workers${spread ? ' (own loopback address each)' : ''}`);
    await ensureSeasonAndFair(run, first);
    options.log(`[simulate] season ${run.seasonId}, fair ${run.eventId}`);
    await importEmployment(run, first);
    await prepareEmployers(run);
    const fit = fitted(run);
    const away = plan.postings.length - fit.postings.length;
    if (away) options.log(`[simulate] ${away} 个岗位未发布或企业未认证，不参会 / postings not published or employers not verified stay away`);
    await signUp(run, fit.postings);
    await preRegister(run);
    await gate(run);
    await talks(run, fit.talks);
    await intents(run, fit.intents);

    const stats = (await first.send<StatsAnswer>('GET', `/api/seasons/${run.seasonId}/stats`)).body;
    const records = options.countRecords ? await options.countRecords(run.seasonId, seasonNameOf(run.seed)) : null;
    const acknowledged = acknowledgedFigures(plan, run.ledger, fit.postings, run.employers.map((e) => e.id), run.organiser.federation);
    const { table, differences } = compareFigures(stats, records, acknowledged);
    return {
      seasonId: run.seasonId, eventId: run.eventId, stats, records, acknowledged, table, differences, problems: run.problems,
      seconds: (performance.now() - started) / 1000, requests: traffic.requests, retries: traffic.retries, phases: run.phases,
    };
  } finally {
    for (const c of clients) c.close();
    if (options.ledgerFile) {
      fs.writeFileSync(options.ledgerFile, JSON.stringify({ seasonId: run.seasonId, eventId: run.eventId, entries: run.ledger }));
    }
  }
}
