import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

describe('embedded PostgreSQL launcher', () => {
  it.runIf(process.getuid?.() === 0)('explains, instead of failing on EACCES, a data dir the postgres user cannot reach', async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-closed-')); // mkdtemp: mode 0700
    dirs.push(closed);
    await expect(startEmbeddedPostgres({ dataDir: path.join(closed, 'data') })).rejects.toThrow(
      /postgres 用户运行，但它进不了目录 .*chuanyu-closed-.*权限 700/,
    );
    expect(fs.existsSync(path.join(closed, 'data', 'chuanyu.lock'))).toBe(false);
  });

  it('initialises a UTF-8 cluster with a C.UTF-8 locale (pg_trgm must see Chinese) on loopback only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-epg-'));
    fs.chmodSync(dir, 0o755);
    dirs.push(dir);
    const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'probe' });
    try {
      const { default: Pg } = await import('pg');
      const client = new Pg.Client({ connectionString: pg.url });
      await client.connect();
      client.on('error', () => undefined);
      try {
      const settings = await client.query(
        "SELECT current_setting('server_encoding') AS enc, datctype AS ctype, current_setting('listen_addresses') AS listen FROM pg_database WHERE datname = current_database()",
      );
      expect(settings.rows[0]).toEqual({ enc: 'UTF8', ctype: 'C.UTF-8', listen: '127.0.0.1' });
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const trgm = await client.query("SELECT similarity('重庆市沙坪坝区', '沙坪坝') > 0 AS matches");
      expect(trgm.rows[0].matches).toBe(true);
      } finally {
        await client.end();
      }
      const creds = JSON.parse(fs.readFileSync(path.join(dir, 'pg.json'), 'utf8'));
      expect(creds.password.length).toBeGreaterThanOrEqual(24);
      expect(pg.url).toContain('@127.0.0.1:');
    } finally {
      await pg.stop();
    }
  });
});
