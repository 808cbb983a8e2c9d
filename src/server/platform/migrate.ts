import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './db.js';

// Forward-only numbered plain-SQL migrations (0001_init.sql, 0002_….sql), each in its own
// transaction, serialised across app servers by an advisory lock.

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK_KEY = 7_042_023; // any constant shared by every chuanyu process

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file, index) => {
    const version = Number(file.slice(0, 4));
    if (version !== index + 1) throw new MigrationError(`migration numbers must be 0001, 0002, … without gaps: ${file}`);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: file, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

/** Apply pending migrations; returns the names applied. Refuses when an applied file was edited. */
export async function runMigrations(db: Db, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`.execute(conn);
      const { rows } = await sql<{ version: number; name: string; checksum: string }>`
        SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(conn);
      const done = new Map(rows.map((r) => [r.version, r]));
      for (const m of migrations) {
        const previous = done.get(m.version);
        if (previous) {
          if (previous.checksum !== m.checksum) {
            throw new MigrationError(
              `迁移文件 ${m.name} 在应用后被修改；请新增一个迁移而不是修改旧的 / ` +
                `migration ${m.name} was edited after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        // Explicit BEGIN/COMMIT: the advisory lock pins us to this one connection.
        await sql`BEGIN`.execute(conn);
        try {
          await sql.raw(m.sql).execute(conn);
          await sql`INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`.execute(conn);
          await sql`COMMIT`.execute(conn);
        } catch (error) {
          await sql`ROLLBACK`.execute(conn);
          throw new MigrationError(`迁移 ${m.name} 失败 / migration ${m.name} failed: ${(error as Error).message}`);
        }
        applied.push(m.name);
      }
      const newest = Math.max(0, ...migrations.map((m) => m.version));
      const unknown = rows.filter((r) => r.version > newest);
      if (unknown.length) {
        throw new MigrationError(
          `数据库的结构比本程序新（${unknown.map((r) => r.name).join(', ')}）；请升级 chuanyu / ` +
            'the database schema is newer than this chuanyu; upgrade it',
        );
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}

/**
 * A textual description of the public schema from the catalogue (columns, constraints, indexes,
 * triggers, functions), compared in a test against the committed snapshot so that migrations and
 * a fresh install can never drift apart.
 */
export async function describeSchema(db: Db): Promise<string> {
  const lines: string[] = [];
  const push = (rows: Record<string, unknown>[], fmt: (r: Record<string, unknown>) => string) =>
    rows.forEach((r) => lines.push(fmt(r)));
  const q = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;

  push(await q(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`), (r) => `extension ${r.extname}`);
  push(
    await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_identity
             FROM information_schema.columns WHERE table_schema = 'public'
             ORDER BY table_name, ordinal_position`),
    (r) =>
      `column ${r.table_name}.${r.column_name} ${r.data_type === 'ARRAY' || r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type}` +
      `${r.is_nullable === 'NO' ? ' not null' : ''}${r.column_default ? ` default ${r.column_default}` : ''}${r.is_identity === 'YES' ? ' identity' : ''}`,
  );
  push(
    await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
             FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    (r) => `constraint ${r.tbl}.${r.conname} ${r.def}`,
  );
  push(
    await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
    (r) => `index ${r.indexname} ${r.indexdef}`,
  );
  push(
    await q(`SELECT tgrelid::regclass::text AS tbl, tgname, pg_get_triggerdef(oid) AS def
             FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    (r) => `trigger ${r.tbl}.${r.tgname} ${r.def}`,
  );
  push(
    await q(`SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, md5(p.prosrc) AS body
             FROM pg_proc p LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
             WHERE p.pronamespace = 'public'::regnamespace AND d.objid IS NULL ORDER BY 1, 2`),
    (r) => `function ${r.proname}(${r.args}) md5:${r.body}`,
  );
  return `${lines.join('\n')}\n`;
}
