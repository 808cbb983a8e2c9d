// Writes made on a fair's weak network (issue 5 §4): a check-in or a booth scan is queued on the
// phone first, shown as pending, and sent in order with its own Idempotency-Key until the server
// answers. A lost answer is simply sent again with the same key and the server replies with the
// first result, so nothing is lost and nothing is counted twice. The queue survives a reload.

export type WriteState = 'pending' | 'done' | 'failed';

export interface QueuedWrite {
  /** Also the Idempotency-Key: the same write always goes with the same key. */
  key: string;
  path: string;
  body: unknown;
  /** What the pending list shows (e.g. the typed code). */
  label: string;
  createdAt: number;
  state: WriteState;
  attempts: number;
  result?: unknown;
  error?: { status: number; code: string; message: string };
}

/** The answer of one try: `retry` keeps the write pending (no network, server down, logged out). */
export type SendOutcome =
  | { kind: 'done'; result: unknown }
  | { kind: 'failed'; status: number; code: string; message: string }
  | { kind: 'retry'; status: number; message: string };

export interface QueueStorage {
  load(): QueuedWrite[];
  save(items: QueuedWrite[]): void;
}

export interface QueueOptions {
  storage: QueueStorage;
  send(write: QueuedWrite): Promise<SendOutcome>;
  /** Milliseconds before the n-th retry (n from 1). */
  backoff?(attempt: number): number;
  /** How many finished writes are kept for the list of recent results. */
  keepFinished?: number;
  newKey?(): string;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

export interface QueueSnapshot {
  items: QueuedWrite[];
  pending: number;
  /** Why the last try did not get through (shown while writes wait). */
  lastProblem: string | null;
  sending: boolean;
}

const defaultBackoff = (attempt: number) => Math.min(15_000, 1_000 * 2 ** Math.min(attempt - 1, 4));

/** Whether an HTTP status means "try again later" rather than "this write is wrong". */
export function isRetryable(status: number): boolean {
  // 0: no answer at all; 401: the session lapsed (log in again, then it goes); 408/429: busy; 5xx: down.
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

export class WriteQueue {
  private items: QueuedWrite[];
  private listeners = new Set<(s: QueueSnapshot) => void>();
  private flushing: Promise<void> | null = null;
  private timer: unknown = null;
  private lastProblem: string | null = null;
  private cached: QueueSnapshot | null = null;
  private readonly opts: Required<Omit<QueueOptions, 'storage' | 'send'>> & Pick<QueueOptions, 'storage' | 'send'>;

  constructor(options: QueueOptions) {
    this.opts = {
      backoff: defaultBackoff,
      keepFinished: 30,
      newKey: () => crypto.randomUUID(),
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
    this.items = options.storage.load();
  }

  snapshot(): QueueSnapshot {
    return { items: [...this.items], pending: this.items.filter((i) => i.state === 'pending').length, lastProblem: this.lastProblem, sending: this.flushing !== null };
  }

  /** The same object until something changes (what React's useSyncExternalStore needs). */
  snapshotCached(): QueueSnapshot {
    this.cached ??= this.snapshot();
    return this.cached;
  }

  subscribe(fn: (s: QueueSnapshot) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Queue a write and try to send it at once; resolves with the queued write (look it up later by key). */
  add(path: string, body: unknown, label: string): QueuedWrite {
    const write: QueuedWrite = { key: this.opts.newKey(), path, body, label, createdAt: this.opts.now(), state: 'pending', attempts: 0 };
    this.items.push(write);
    this.changed();
    void this.flush();
    return write;
  }

  /** Drop a failed write from the list (the user has read why). */
  dismiss(key: string): void {
    this.items = this.items.filter((i) => !(i.key === key && i.state !== 'pending'));
    this.changed();
  }

  find(key: string): QueuedWrite | undefined {
    return this.items.find((i) => i.key === key);
  }

  /** Send the pending writes in order; one flush at a time, stopping at the first write that must wait. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.timer !== null) { this.opts.clearTimer(this.timer); this.timer = null; }
    this.flushing = this.run().finally(() => {
      this.flushing = null;
      this.changed();
    });
    this.changed();
    return this.flushing;
  }

  private async run(): Promise<void> {
    for (;;) {
      const next = this.items.find((i) => i.state === 'pending');
      if (!next) { this.lastProblem = null; return; }
      next.attempts++;
      let outcome: SendOutcome;
      try {
        outcome = await this.opts.send(next);
      } catch (error) {
        outcome = { kind: 'retry', status: 0, message: error instanceof Error ? error.message : String(error) };
      }
      if (outcome.kind === 'retry') {
        this.lastProblem = outcome.message;
        this.save();
        this.timer = this.opts.setTimer(() => { this.timer = null; void this.flush(); }, this.opts.backoff(next.attempts));
        return;
      }
      if (outcome.kind === 'done') next.result = outcome.result;
      else next.error = { status: outcome.status, code: outcome.code, message: outcome.message };
      next.state = outcome.kind;
      // What was typed (a walk-in's phone) leaves the phone's storage once the server has answered.
      next.body = null;
      this.lastProblem = null;
      this.trim();
      this.save();
      this.changed();
    }
  }

  private trim() {
    const finished = this.items.filter((i) => i.state !== 'pending');
    const excess = finished.length - this.opts.keepFinished;
    if (excess > 0) {
      const drop = new Set(finished.slice(0, excess).map((i) => i.key));
      this.items = this.items.filter((i) => !drop.has(i.key));
    }
  }

  private save() {
    this.opts.storage.save(this.items);
  }

  private changed() {
    this.save();
    const s = this.snapshot();
    this.cached = s;
    for (const fn of this.listeners) fn(s);
  }
}

/** Keep a queue in localStorage under `name` (a phone's reload or a crash of the tab loses nothing). */
export function localStorageFor(name: string): QueueStorage {
  const key = `chuanyu.queue.${name}`;
  return {
    load() {
      try {
        const parsed = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
        return Array.isArray(parsed) ? (parsed as QueuedWrite[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try { localStorage.setItem(key, JSON.stringify(items)); } catch { /* full or private mode: the queue still works in memory */ }
    },
  };
}
