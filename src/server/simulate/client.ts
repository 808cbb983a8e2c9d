import http from 'node:http';

// The simulator's HTTP client: keep-alive connections, the session cookie, an Idempotency-Key on
// every write, and retries that outlive a server restart — a network error or a 5xx is sent again
// with the SAME key (backing off) for up to `retryForMs`; 429 waits as long as the server asks.

export interface Reply<T = unknown> { status: number; body: T; cookie: string | null; retryAfter: number }

export class ApiError extends Error {
  constructor(readonly method: string, readonly path: string, readonly status: number, readonly body: unknown) {
    super(`${method} ${path} → ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }

  get code(): string | undefined {
    return (this.body as { code?: string } | null)?.code;
  }
}

/** Counts shared by every client of a run (for req/s and the summary). */
export interface Traffic { requests: number; retries: number; rateLimited: number; lastError: string | null }

export interface SendOptions {
  body?: unknown;
  cookie?: string | null | undefined;
  /** Idempotency-Key of a write: the same for every attempt. */
  key?: string | undefined;
  /** A multipart upload instead of JSON. */
  multipart?: { fields: Record<string, string>; file: { field: string; name: string; type: string; data: Buffer } };
  /** Answers (besides 2xx) that are results for the caller, not errors. */
  accept?: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export class SimClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    private readonly traffic: Traffic,
    options: { localAddress?: string | undefined; retryForMs?: number; timeoutMs?: number } = {},
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    this.retryForMs = options.retryForMs ?? 90_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  private readonly retryForMs: number;
  private readonly timeoutMs: number;

  close(): void {
    this.agent.destroy();
  }

  /** One request, retried through network errors and 5xx answers; any other non-2xx answer throws ApiError unless accepted. */
  async send<T = unknown>(method: string, path: string, options: SendOptions = {}): Promise<Reply<T>> {
    let failingSince: number | null = null;
    let waitedFor429 = 0;
    for (let attempt = 0; ; attempt++) {
      let reply: Reply<T> | null = null;
      let failure: string;
      try {
        reply = await this.once<T>(method, path, options);
        this.traffic.requests++;
        if (reply.status === 429 && waitedFor429 < 10 * 60_000) {
          const seconds = Math.min(60, reply.retryAfter || 1);
          this.traffic.rateLimited++;
          waitedFor429 += seconds * 1000;
          await sleep(seconds * 1000);
          continue;
        }
        if (!RETRYABLE_STATUS.has(reply.status)) {
          if ((reply.status >= 200 && reply.status < 300) || options.accept?.includes(reply.status)) return reply;
          throw new ApiError(method, path, reply.status, reply.body);
        }
        failure = `${reply.status} ${JSON.stringify(reply.body).slice(0, 120)}`;
      } catch (error) {
        if (error instanceof ApiError) throw error;
        failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
      failingSince ??= Date.now();
      this.traffic.lastError = `${method} ${path}: ${failure}`;
      if (Date.now() - failingSince > this.retryForMs) {
        throw new Error(`${method} ${path}: 服务器 ${Math.round(this.retryForMs / 1000)} 秒内未恢复 / the server did not recover within ${Math.round(this.retryForMs / 1000)} s (${failure})`);
      }
      this.traffic.retries++;
      await sleep(Math.min(3_000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }

  private once<T>(method: string, path: string, options: SendOptions): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'zh-CN' };
    let payload: Buffer | undefined;
    if (options.multipart) {
      const boundary = `----chuanyu-sim-${Math.random().toString(16).slice(2)}`;
      const parts: Buffer[] = [];
      for (const [name, value] of Object.entries(options.multipart.fields)) {
        parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      }
      const f = options.multipart.file;
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: ${f.type}\r\n\r\n`), f.data, Buffer.from(`\r\n--${boundary}--\r\n`));
      payload = Buffer.concat(parts);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    } else if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body));
      headers['content-type'] = 'application/json';
    }
    if (payload) headers['content-length'] = String(payload.length);
    if (options.cookie) headers.cookie = options.cookie;
    if (options.key) headers['idempotency-key'] = options.key;
    return new Promise((resolve, reject) => {
      const req = http.request({
        protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent, timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try { body = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the text */ }
          const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('chuanyu_session='));
          resolve({ status: res.statusCode ?? 0, body: body as T, cookie: setCookie ? setCookie.split(';')[0]! : null, retryAfter: Number(res.headers['retry-after']) || 0 });
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/**
 * Phones at a fair come from many addresses; the simulator's workers do too when the server is on
 * this machine: each connects from its own loopback address (127.77.x.y, all of 127/8 is local on
 * Linux), so per-address limits see many phones as they would at the venue. Elsewhere: undefined.
 */
export function workerAddress(base: URL, worker: number, usable: boolean): string | undefined {
  if (!usable || !['127.0.0.1', 'localhost'].includes(base.hostname)) return undefined;
  return `127.77.${Math.floor(worker / 250)}.${(worker % 250) + 1}`;
}

/** Whether this machine lets a client connect to the server from another loopback address. */
export async function canSpreadAddresses(base: URL): Promise<boolean> {
  if (!['127.0.0.1', 'localhost'].includes(base.hostname)) return false;
  const probe = new SimClient(new URL(base.href.replace('localhost', '127.0.0.1')), { requests: 0, retries: 0, rateLimited: 0, lastError: null }, { localAddress: '127.77.0.1', retryForMs: 0, timeoutMs: 5_000 });
  try {
    const r = await probe.send('GET', '/api/health', { accept: [503] });
    return r.status === 200 || r.status === 503;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}
