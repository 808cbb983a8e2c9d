import pg from 'pg';

// Live pushes (Server-Sent Events) fed by PostgreSQL LISTEN/NOTIFY, so a write on any app server
// reaches the screens and phones connected to every other one. A topic ("season:12") is announced
// by pg_notify('chuanyu_live', topic) inside the writing transaction (delivered at commit). Each
// server then computes the topic's payload once and writes it to all its subscribers, at most
// every COALESCE_MS: a thousand check-ins a minute make a few pushes a second, not a thousand.

const CHANNEL = 'chuanyu_live';
const COALESCE_MS = 200;
const PING_MS = 25_000;

export type Produce = () => Promise<string>;

interface Topic {
  produce: Produce;
  clients: Set<(frame: string) => void>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
}

export class LiveHub {
  private readonly topics = new Map<string, Topic>();
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private ping: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly pool: pg.Pool, private readonly log: (message: string, error?: unknown) => void = () => undefined) {}

  get subscribers(): number {
    let n = 0;
    for (const t of this.topics.values()) n += t.clients.size;
    return n;
  }

  /**
   * Send `produce()`'s payload now and after every announcement of the topic, until unsubscribed.
   * `write` receives ready SSE frames.
   */
  async subscribe(topic: string, produce: Produce, write: (frame: string) => void): Promise<() => void> {
    await this.listen();
    let t = this.topics.get(topic);
    if (!t) this.topics.set(topic, (t = { produce, clients: new Set(), timer: null, running: false, again: false }));
    t.clients.add(write);
    write(frame(await produce()));
    this.ping ??= setInterval(() => { for (const x of this.topics.values()) for (const c of x.clients) c(': ping\n\n'); }, PING_MS);
    return () => {
      t.clients.delete(write);
      if (!t.clients.size) { if (t.timer) clearTimeout(t.timer); this.topics.delete(topic); }
    };
  }

  /** Push a topic now (this server's own writes; others hear it through NOTIFY). */
  touch(topic: string): void {
    const t = this.topics.get(topic);
    if (!t || t.timer) return;
    t.timer = setTimeout(() => { t.timer = null; void this.push(t); }, COALESCE_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.ping) clearInterval(this.ping);
    for (const t of this.topics.values()) if (t.timer) clearTimeout(t.timer);
    this.topics.clear();
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
  }

  private async push(t: Topic): Promise<void> {
    if (t.running) { t.again = true; return; }
    t.running = true;
    try {
      do {
        t.again = false;
        const f = frame(await t.produce());
        for (const c of t.clients) c(f);
      } while (t.again);
    } catch (error) {
      this.log('live push failed', error);
    } finally {
      t.running = false;
    }
  }

  private listen(): Promise<void> {
    if (this.listener || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...this.pool.options, application_name: 'chuanyu-live' } as pg.ClientConfig);
      client.on('notification', (m) => { if (m.payload) this.touch(m.payload); });
      client.on('error', (error) => {
        this.log('live listener lost its connection; reconnecting', error);
        this.listener = null;
        void client.end().catch(() => undefined);
        // Whatever was announced meanwhile is pushed once the connection is back.
        if (!this.closed) setTimeout(() => { void this.listen().then(() => { for (const topic of this.topics.keys()) this.touch(topic); }).catch(() => undefined); }, 1_000);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    })().finally(() => { this.connecting = null; });
    return this.connecting;
  }
}

function frame(data: string): string {
  return `event: update\ndata: ${data}\n\n`;
}
