import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from './helpers.js';
import { createDb, type DbHandle } from '../src/server/platform/db.js';
import { describeSchema, MIGRATIONS_DIR, readMigrations, runMigrations } from '../src/server/platform/migrate.js';
import { syncDivisions } from '../src/server/modules/orgs/orgs.repo.js';
import { prepareSchema } from '../src/server/server.js';

const SNAPSHOT = path.join(MIGRATIONS_DIR, 'schema.snapshot.txt');

/** A brand-new empty database on the run's server. */
async function freshDatabase(): Promise<DbHandle & { name: string }> {
  const { url, name } = await createFreshDatabase();
  return { ...createDb(url, { max: 2 }), name };
}

let handles: DbHandle[] = [];
beforeAll(() => { handles = []; });
afterAll(async () => { await Promise.all(handles.map((h) => h.close())); });

describe('migrations', () => {
  it('a fresh migrate produces exactly the committed schema snapshot', async () => {
    const db = await freshDatabase();
    handles.push(db);
    await prepareSchema(db.db);
    const actual = await describeSchema(db.db);
    if (process.env.CHUANYU_UPDATE_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, actual);
    // On a mismatch: review the change, then CHUANYU_UPDATE_SNAPSHOT=1 npm run test:integration
    expect(actual).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
  });

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const db = await freshDatabase();
    handles.push(db);
    await prepareSchema(db.db);
    const before = await describeSchema(db.db);
    expect(await runMigrations(db.db)).toEqual([]);
    expect((await syncDivisions(db.db)).changed).toBe(false); // nothing rewritten on a normal start
    await db.db.deleteFrom('app_settings').where('key', '=', 'divisions.digest').execute();
    expect((await syncDivisions(db.db)).changed).toBe(true);
    await prepareSchema(db.db);
    expect(await describeSchema(db.db)).toBe(before);
    const { count } = await db.db.selectFrom('unions').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(count)).toBeGreaterThan(240);
  });

  it('refuses a migration edited after it was applied, and rolls back a failing one', async () => {
    const db = await freshDatabase();
    handles.push(db);
    const [first] = readMigrations();
    await runMigrations(db.db, [first!]);
    const edited = { ...first!, sql: `${first!.sql}\n-- edited`, checksum: 'changed' };
    await expect(runMigrations(db.db, [edited])).rejects.toThrow(/edited after it was applied/);
    const broken = { version: 2, name: '0002_broken.sql', sql: 'CREATE TABLE half_done (id int); SELECT no_such_column FROM users;', checksum: 'x' };
    await expect(runMigrations(db.db, [first!, broken])).rejects.toThrow(/0002_broken.sql failed/);
    const { rows } = await pg_query(db, "SELECT to_regclass('public.half_done') AS t");
    expect(rows[0].t).toBeNull();
  });

  it('the audit log is append-only', async () => {
    const db = await freshDatabase();
    handles.push(db);
    await prepareSchema(db.db);
    await db.db.insertInto('audit_log').values({ actor_id: null, actor_label: 'x', action: 'test', subject_type: 't', fields: [] } as never).execute();
    await expect(db.db.updateTable('audit_log').set({ reason: 'rewrite history' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});

async function pg_query(handle: DbHandle, text: string) {
  return handle.pool.query(text);
}
