// The HTTP load generator shared by the benchmarks: keep-alive clients in a child process.
import { spawn } from 'node:child_process';

/**
 * Runs `requests` from `clients` concurrent keep-alive clients in a child process (so the clients'
 * CPU is not the server's), optionally thinking between requests; any non-2xx answer fails the run.
 * A request without a body is a GET.
 */
export async function runClients(base: string, clients: number, requests: { path: string; cookie: string; key?: string; body?: unknown }[], thinkMs: [number, number] = [0, 0]) {
  const child = spawn(process.execPath, ['--input-type=commonjs', '-e', CLIENTS], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ base, clients, requests, thinkMs }));
  let out = '';
  for await (const chunk of child.stdout!) out += chunk;
  const r = JSON.parse(out) as { latencies: number[]; seconds: number; failed: string[] };
  if (r.failed.length) throw new Error(`failures: ${r.failed.slice(0, 3).join('; ')}`);
  const s = [...r.latencies].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p99: s[Math.floor(s.length * 0.99)]!, rps: requests.length / r.seconds };
}

const CLIENTS = `
const http = require('node:http');
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', async () => {
  const { base, clients, requests, thinkMs } = JSON.parse(input);
  const think = () => thinkMs[1] > 0 ? new Promise((r) => setTimeout(r, thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]))) : null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const post = (r) => new Promise((resolve, reject) => {
    const body = r.body === undefined ? '' : JSON.stringify(r.body);
    const headers = r.body === undefined ? { cookie: r.cookie } : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: r.cookie, 'idempotency-key': r.key };
    const req = http.request(base + r.path, { method: r.body === undefined ? 'GET' : 'POST', agent, headers }, (res) => {
      const chunks = []; res.on('data', (d) => chunks.push(d)); res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject); req.end(body);
  });
  const latencies = []; const failed = []; let next = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    if (thinkMs[1] > 0) await new Promise((r) => setTimeout(r, Math.random() * thinkMs[1])); // phones do not start in step
    for (let i = next++; i < requests.length; i = next++) {
      const t = performance.now();
      const res = await post(requests[i]);
      latencies.push(performance.now() - t);
      if (res.status >= 300) failed.push(res.status + ' ' + res.text.slice(0, 160));
      await think();
    }
  }));
  process.stdout.write(JSON.stringify({ latencies, failed, seconds: (performance.now() - t0) / 1000 }));
});`;

