import { SimClient, type Reply, type Traffic } from './client.js';
import type { FairPlan } from './plan.js';

// What a simulator run carries from phase to phase: its clients (one per worker), the sessions,
// what the server answered, the ledger of acknowledged writes, and the progress line.

export interface StaffSession { login: string; cookie: string; userId: string; scopePrefix: string; federation: '50' | '51' }
export interface EmployerState {
  id: string | null; cookie: string | null; userId: string | null; verified: boolean;
  /** Plan posting index → posting id, for its published postings. */
  postingIds: Map<number, number>;
  signupId: number | null; approved: boolean;
}
export interface VisitorState { id: number | null; token: string | null; code: string | null; checkedIn: boolean; lostTicket: boolean }

/** One acknowledged write: what the simulator was told, to be checked against the database. */
export interface LedgerEntry {
  kind: 'signup' | 'approve' | 'preregister' | 'walkin' | 'lookup' | 'checkin' | 'talk' | 'intent' | 'confirm';
  key: string | null;
  /** The record the answer names: sign-up, visitor, booth record or intent id. */
  id: number;
  visitorId?: number | undefined;
  kindOfTalk?: 'consultation' | 'interview' | undefined;
  enterpriseId?: string | undefined;
  /** Answered from an earlier delivery (a double tap or a lost answer sent again). */
  repeated?: boolean | undefined;
}

export interface SimRun {
  base: URL;
  plan: FairPlan;
  seed: number;
  concurrency: number;
  retryShare: number;
  clients: SimClient[];
  traffic: Traffic;
  staff: StaffSession[];
  organiser: StaffSession;
  seasonId: number;
  eventId: number;
  employers: EmployerState[];
  visitors: VisitorState[];
  ledger: LedgerEntry[];
  /** Answers that disagree (a double tap answered with two different records), and other faults. */
  problems: string[];
  log: (line: string) => void;
  phases: { name: string; done: number; requests: number; seconds: number }[];
}

/** Run `count` tasks with the run's workers, each worker with its own client; a failed task stops the run. */
export async function pool(run: SimRun, count: number, task: (index: number, client: SimClient) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  await Promise.all(run.clients.map(async (client) => {
    while (failed === null && next < count) {
      const i = next++;
      try {
        await task(i, client);
      } catch (error) {
        failed ??= error;
      }
    }
  }));
  if (failed !== null) throw failed;
}

/** A phase with its progress line on stderr: counts and req/s. */
export async function phase(run: SimRun, name: string, total: number, body: (tick: () => void) => Promise<void>): Promise<void> {
  const started = performance.now();
  const requestsAtStart = run.traffic.requests;
  const retriesAtStart = run.traffic.retries;
  let done = 0;
  const tty = process.stderr.isTTY === true;
  const line = () => {
    const seconds = (performance.now() - started) / 1000;
    const requests = run.traffic.requests - requestsAtStart;
    const retries = run.traffic.retries - retriesAtStart;
    return `[simulate] ${name.padEnd(12)} ${String(done).padStart(6)}/${total}  ${(requests / Math.max(seconds, 0.001)).toFixed(0).padStart(4)} req/s  ${seconds.toFixed(1)} s${retries ? `  retried ${retries} (${run.traffic.lastError ?? ''})` : ''}`;
  };
  run.log(`[simulate] ▶ ${name} (${total})`);
  const timer = setInterval(() => {
    if (tty) process.stderr.write(`\r${line()}\x1b[K`);
    else run.log(line());
  }, tty ? 250 : 2_000);
  try {
    await body(() => { done++; });
  } finally {
    clearInterval(timer);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  run.log(line());
  run.phases.push({ name, done, requests: run.traffic.requests - requestsAtStart, seconds: (performance.now() - started) / 1000 });
}

/** FNV-1a of a key: the same key always gets the same deliberate fault. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export type Delivery = 'once' | 'double' | 'lost';

/** How a write is delivered: mostly once; a share as a double tap (two at once) or a lost answer sent again. */
export function deliveryOf(run: Pick<SimRun, 'retryShare' | 'seed'>, key: string): Delivery {
  const x = (hash(`${run.seed}/${key}`) % 10_000) / 10_000;
  if (x < run.retryShare / 2) return 'double';
  if (x < run.retryShare) return 'lost';
  return 'once';
}

/**
 * Send a write as `delivery` says. A double tap returns both answers (the caller checks they name
 * the same record); a lost answer is dropped and the write sent again with the same key.
 */
export async function deliver<T>(delivery: Delivery, send: () => Promise<Reply<T>>): Promise<{ reply: Reply<T>; twin: Reply<T> | null }> {
  if (delivery === 'double') {
    const [a, b] = await Promise.all([send(), send()]);
    return { reply: a, twin: b };
  }
  if (delivery === 'lost') await send();
  return { reply: await send(), twin: null };
}

/** Note a double tap whose two answers name different records. */
export function checkTwin(run: SimRun, what: string, key: string, a: number | null | undefined, b: number | null | undefined): void {
  if (a !== b) run.problems.push(`${what} ${key}: 两次相同请求得到不同记录 / a double tap gave two records (${a} ≠ ${b})`);
}

export function newState(plan: FairPlan): { employers: EmployerState[]; visitors: VisitorState[] } {
  return {
    employers: plan.enterprises.map(() => ({ id: null, cookie: null, userId: null, verified: false, postingIds: new Map(), signupId: null, approved: false })),
    visitors: plan.visitors.map(() => ({ id: null, token: null, code: null, checkedIn: false, lostTicket: false })),
  };
}

/** The staff session whose scope covers a region (import, membership approval). */
export function staffFor(run: SimRun, regionCode: string): StaffSession | undefined {
  return run.staff.find((s) => regionCode.startsWith(s.scopePrefix));
}
