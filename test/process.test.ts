import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createTestApp, TEST_SECRET } from './helpers.js';
import { freePort, runCli, sleep, startTcpProxy, waitForHealthy, type Proc } from './proc.js';

const running: Proc[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) { p.child.kill('SIGTERM'); await p.exited; }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-proc-'));
  fs.chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

/** A fresh data dir and port for a server with its own embedded PostgreSQL. */
async function embeddedSetup() {
  const dir = dataDir();
  const port = await freePort();
  return { dir, port, env: { CHUANYU_DATA_DIR: dir, PORT: String(port) }, health: `http://127.0.0.1:${port}/api/health` };
}

const start = (env: Record<string, string>, args: string[] = []) => {
  const proc = runCli(['serve', ...args], env);
  running.push(proc);
  return proc;
};

describe('the chuanyu command', () => {
  it('prints help listing its commands', async () => {
    const proc = runCli(['--help'], {});
    expect(await proc.exited).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'user']) expect(proc.output()).toContain(cmd);
    const userHelp = runCli(['user', 'create', '--help'], {});
    expect(await userHelp.exited).toBe(0);
    expect(userHelp.output()).toContain('--union <regionCode>');
  });

  it('refuses a bad environment, naming every bad variable', async () => {
    const proc = start({ PORT: 'abc', CHUANYU_SECRET: 'short', DATABASE_URL: 'mysql://x' });
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out).toContain('配置有误 / Invalid configuration');
    expect(out).toContain('PORT="abc"');
    expect(out).toContain('CHUANYU_SECRET="short"');
    expect(out).toContain('DATABASE_URL="mysql://x"');
  });

  it('creates the first admin from the command line', async () => {
    const username = `root-${Date.now().toString(36)}`;
    const proc = runCli(['user', 'create', '--admin', '--username', username, '--name', '平台管理员'], {
      DATABASE_URL: inject('databaseUrl'), CHUANYU_SECRET: TEST_SECRET, CHUANYU_NEW_PASSWORD: 'Root-pass-2026',
    });
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain(`已创建 / created: 平台管理员 (${username}) [admin]`);
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password: 'Root-pass-2026' } });
      expect(res.json().user.roles).toEqual(['admin']);
    } finally {
      await t.close();
    }
    const weak = runCli(['user', 'create', '--admin', '--username', `${username}b`, '--name', 'x'], {
      DATABASE_URL: inject('databaseUrl'), CHUANYU_SECRET: TEST_SECRET, CHUANYU_NEW_PASSWORD: 'weak',
    });
    expect(await weak.exited).toBe(1);
    expect(weak.output()).toContain('password: 密码至少 8 位');
  });
});

describe('embedded PostgreSQL lifecycle', () => {
  it('starts with the demo, refuses a second start on the same data dir, stops cleanly and keeps its data', async () => {
    const { dir, port, env, health } = await embeddedSetup();

    const first = start(env);
    expect(await waitForHealthy(health, first, 60_000)).toBe(true);
    const body = await (await fetch(health)).json();
    expect(body).toMatchObject({ status: 'ok', db: 'ok', demo: true });
    expect(first.output()).toContain('cq-admin');
    expect((fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toString(8)).toBe('600');
    expect((fs.statSync(path.join(dir, 'pg.json')).mode & 0o777).toString(8)).toBe('600');

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'cq-admin', password: 'chuanyu-demo' }),
    });
    expect(login.status).toBe(200);
    // The spring-2023 season's figures, as the bulletin reports them.
    const seasons = await (await fetch(`http://127.0.0.1:${port}/api/seasons`)).json();
    const season = seasons.items.find((s: { name: string }) => s.name === '2023年川渝就业服务季');
    const stats = await (await fetch(`http://127.0.0.1:${port}/api/seasons/${season.id}/stats`)).json();
    expect(stats.enterprises).toBeGreaterThan(400);
    expect(stats.positions).toBeGreaterThan(10_000);
    expect(stats.jobTypes).toBeGreaterThan(100);
    expect(stats.consultations + stats.interviews).toBe(10_000);
    expect(stats.intents).toBe(3_800);
    expect(stats.checkins).toBeGreaterThan(10_000);
    expect(stats.events).toMatchObject({ fair: 1, online: 1, forum: 1, livestream: 40 });
    expect(stats.byFederation['50'].enterprises + stats.byFederation['51'].enterprises).toBe(stats.enterprises);
    // And a fair open today, to try the fair day in the browser: a visitor registers, employer-demo has a booth.
    const trial = seasons.items.find((s: { name: string }) => s.name === '川渝就业服务季·现场体验（演示）');
    const trialEvents = await (await fetch(`http://127.0.0.1:${port}/api/seasons/${trial.id}/events`)).json();
    const openFair = trialEvents.items.find((e: { kind: string; status: string }) => e.kind === 'fair' && e.status === 'open');
    const visitor = await fetch(`http://127.0.0.1:${port}/api/events/${openFair.id}/visitors`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '体验观众', phone: '13912345678', consent: true }),
    });
    expect(visitor.status).toBe(201);
    const plan = await (await fetch(`http://127.0.0.1:${port}/api/events/${openFair.id}/floor-plan`)).json();
    expect(plan.booths.filter((b: { enterprise: unknown }) => b.enterprise).length).toBe(16);
    expect((await (await fetch(`http://127.0.0.1:${port}/api/seasons/${trial.id}/stats`)).json()).checkins).toBe(12);

    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个 chuanyu 进程');
    expect(second.output()).toContain('is in use by another chuanyu process');
    expect((await fetch(health)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'chuanyu.lock'))).toBe(false);

    const again = start(env);
    expect(await waitForHealthy(health, again, 60_000)).toBe(true);
    const relogin = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'seeker-demo', password: 'chuanyu-demo' }),
    });
    expect(relogin.status).toBe(200);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);

    // Demo accounts have a public password: never on a public address unless asked for.
    const exposed = start({ ...env, HOST: '0.0.0.0' });
    expect(await exposed.exited).toBe(1);
    expect(exposed.output()).toContain('CHUANYU_DEMO=1');
  }, 240_000); // two starts with the whole demo (seasons, contests, the agreement) on a shared machine

  it('recovers after the app was killed with SIGKILL (orphaned PostgreSQL)', async () => {
    const { env, health } = await embeddedSetup();
    const first = start(env);
    expect(await waitForHealthy(health, first, 60_000)).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    const again = start(env);
    expect(await waitForHealthy(health, again, 60_000)).toBe(true);
    expect(again.output()).toContain('orphaned PostgreSQL');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 180_000);
});

describe('development mode', () => {
  it('serves the app\'s modules through Vite and the API beside them', async () => {
    const port = await freePort();
    const proc = start({ CHUANYU_DATA_DIR: dataDir(), PORT: String(port) }, ['--dev']);
    try {
      expect(await waitForHealthy(`http://127.0.0.1:${port}/api/health`, proc, 60_000)).toBe(true);
      const page = await fetch(`http://127.0.0.1:${port}/m`);
      expect(await page.text()).toContain('/@vite/client');
      // Every module of the web app loads: none may be shadowed by an API path, so no web source
      // lives under a folder called api (Vite would serve it at /api/…, which the server answers).
      expect(fs.existsSync(path.join(import.meta.dirname, '..', 'src', 'web', 'api'))).toBe(false);
      for (const module of ['/main.tsx', '/services/auth.ts', '/services/client.ts', '/pages/m/MobileApp.tsx']) {
        const res = await fetch(`http://127.0.0.1:${port}${module}`);
        expect(res.status, module).toBe(200);
        expect(res.headers.get('content-type'), module).toContain('javascript');
      }
      const api = await fetch(`http://127.0.0.1:${port}/api/regions`);
      expect((await api.json())[0]).toMatchObject({ code: '500000' });
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  });
});

describe('port in use', () => {
  it('says so clearly and stops the embedded database it started', async () => {
    const net = await import('node:net');
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const dir = dataDir();
      const proc = start({ CHUANYU_DATA_DIR: dir, PORT: String(port) });
      expect(await proc.exited).toBe(1);
      expect(proc.output()).toContain(`端口 ${port} 已被占用`);
      expect(proc.output()).toContain('set PORT to another port');
      expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  });
});

describe('database outages', () => {
  it('retries at start with a clear message, then gives up', async () => {
    const dead = await freePort();
    const proc = start({
      DATABASE_URL: `postgres://u:p@127.0.0.1:${dead}/chuanyu`, CHUANYU_SECRET: TEST_SECRET,
      CHUANYU_DB_RETRY_SECONDS: '2', PORT: String(await freePort()), CHUANYU_DATA_DIR: dataDir(),
    });
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out).toContain('retrying in');
    expect(out).toContain(`无法连接数据库 127.0.0.1:${dead}/chuanyu`);
    expect(out).toContain('Check DATABASE_URL');
    expect(out).not.toContain(':p@'); // no password in messages
  });

  it('starts once the database appears during the retry window', async () => {
    const pgUrl = new URL(inject('databaseUrl'));
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(pgUrl.port) });
    const url = new URL(pgUrl);
    url.port = String(proxy.port);
    const port = await freePort();
    const proc = start({
      DATABASE_URL: url.toString(), CHUANYU_SECRET: TEST_SECRET, CHUANYU_DB_RETRY_SECONDS: '30',
      PORT: String(port), CHUANYU_DATA_DIR: dataDir(),
    });
    // Bring the database up only once the server has said it cannot reach it (no fixed sleep:
    // a busy machine may take longer than any guess to boot the process).
    for (let i = 0; i < 300 && !proc.output().includes('cannot reach the database'); i++) await sleep(100);
    expect(proc.output()).toContain('cannot reach the database');
    await proxy.up();
    try {
      expect(await waitForHealthy(`http://127.0.0.1:${port}/api/health`, proc, 30_000)).toBe(true);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await proxy.down();
    }
  });

  it('answers 503 from health while the database is down, and recovers when it returns', async () => {
    const pgUrl = new URL(inject('databaseUrl'));
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(pgUrl.port) });
    await proxy.up();
    const url = new URL(pgUrl);
    url.port = String(proxy.port);
    const t = await createTestApp({ databaseUrl: url.toString() });
    try {
      expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
      await proxy.down();
      const down = await t.app.inject({ url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'degraded', db: 'down' });
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'someone', password: 'x' } });
      expect(login.statusCode).toBe(503);
      expect(login.json()).toEqual({ code: 'system.db_unavailable', message: '数据库暂不可用，请稍后再试' });
      await proxy.up();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await t.app.inject({ url: '/api/health' })).statusCode;
        if (status !== 200) await sleep(100);
      }
      expect(status).toBe(200);
    } finally {
      await t.close();
      await proxy.down();
    }
  });
});

describe('chuanyu import', () => {
  it('imports a spreadsheet from the command line, and lists every bad row when it refuses one', async () => {
    const { xlsx } = await import('./spreadsheets.js');
    const { makeCreditCode } = await import('./helpers.js');
    const dir = dataDir();
    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(good, await xlsx([
      ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '薪资', '所在区县', '所属行业'],
      ['命令行导入测试有限公司', makeCreditCode('500106'), '保安员', 6, '3500-4200', '沙坪坝区', '商务服务业'],
    ]));
    const env = { DATABASE_URL: inject('databaseUrl'), CHUANYU_SECRET: TEST_SECRET };
    const ok = runCli(['import', 'postings', good], env);
    expect(await ok.exited).toBe(0);
    expect(ok.output()).toMatch(/导入完成 \/ imported in [\d.]+ s: 1 rows; enterprises \+1 ~0, postings \+1 ~0/);
    expect(ok.output()).toContain('write');

    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, await xlsx([
      ['企业名称', '统一社会信用代码', '岗位名称', '招聘人数', '所在区县', '所属行业'],
      ['坏数据有限公司', '123', '保安员', '若干', '沙坪坝区', '制造业'],
    ]));
    const refused = runCli(['import', 'postings', bad], env);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('表格中有 2 处错误，未导入任何数据');
    expect(refused.output()).toContain('岗位 第 2 行 统一社会信用代码: 统一社会信用代码无效');
    expect(refused.output()).toContain('岗位 第 2 行 招聘人数: 招聘人数须为 1–100000 的整数（“若干”不是');
  });
});
