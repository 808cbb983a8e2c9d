// npm run bench:import — spreadsheet intake end to end (file → read → validate → committed) for the
// season's 455 enterprises / 13,000 postings and for 100,000 postings, on a fresh embedded
// PostgreSQL. Each import runs in a child process of its own, so its peak RSS is the import's.
// Baselines in the same run: reading the same .xlsx with exceljs's streaming reader alone (the reader
// chuanyu used before its own), chuanyu's reader alone, and PostgreSQL's own floor for the write:
// COPY of the same postings into a bare table without indexes, constraints or triggers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import { generateEmployment } from '../src/server/demo/employment.js';
import { importSpreadsheet } from '../src/server/modules/imports/imports.service.js';
import { JobSearch } from '../src/server/modules/jobs/search/search.service.js';
import { readSpreadsheet } from '../src/server/modules/imports/read.js';
import { todayIso } from '../src/server/modules/jobs/postings.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { AppContext } from '../src/server/platform/context.js';
import { createFieldCrypto } from '../src/server/platform/crypto.js';
import { createDb, type Database, type Db } from '../src/server/platform/db.js';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';
import { LiveHub } from '../src/server/platform/live.js';
import { prepareSchema } from '../src/server/server.js';

const SECRET = 'bench-secret-0123456789abcdef0123456789';

interface ChildResult { importMs: number; reimportMs: number; created: number; again: number; rssBeforeMb: number; peakRssMb: number }

/** In the child: import the file twice (the second changes nothing) and report times and memory. */
async function child(file: string, url: string): Promise<void> {
  const handle = createDb(url);
  const ctx: AppContext = { db: handle.db, crypto: createFieldCrypto(SECRET), version: 'bench', demo: false, config: loadConfig({ DATABASE_URL: url, CHUANYU_SECRET: SECRET }), search: new JobSearch(handle.db, handle.pool), live: new LiveHub(handle.pool) };
  const buffer = fs.readFileSync(file);
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  let t = performance.now();
  const first = await importSpreadsheet(ctx, { operator: 'bench' }, 'postings', buffer, path.basename(file));
  const importMs = performance.now() - t;
  t = performance.now();
  const again = await importSpreadsheet(ctx, { operator: 'bench' }, 'postings', buffer, path.basename(file));
  const reimportMs = performance.now() - t;
  await handle.close();
  const result: ChildResult = { importMs, reimportMs, created: first.created, again: again.created + again.updated, rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

const POSTING_COLUMNS = `enterprise_id, owner_union_id, title, job_type_code, industry_section, industry_division, region_code, salary_negotiable,
  salary_min, salary_max, headcount, education, experience, description_html, benefits, contact_name, contact_phone_enc, contact_phone_masked,
  valid_from, valid_until, status, published_at, reviewed_by, created_by`;

/** Time the statement the callback runs last, inside a transaction that is then rolled back. */
async function timeRolledBack(db: Db, work: (trx: Transaction<Database>) => Promise<unknown>): Promise<number> {
  let ms = 0;
  await db.transaction().execute(async (trx) => {
    const started = performance.now();
    await work(trx);
    ms = performance.now() - started;
    throw new Rollback();
  }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
  return ms;
}

class Rollback extends Error {}

async function writeXlsx(file: string, rows: unknown[][]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('岗位');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

async function exceljsRead(buffer: Buffer): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'emit' });
  for await (const worksheet of reader) for await (const row of worksheet) if (row.values) rows++;
  return rows;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-import-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'bench' });
  const handle = createDb(pg.url);
  await prepareSchema(handle.db);
  const cases = [
    { label: '455 enterprises / 13,000 postings', enterprises: 455, postings: 13_000, seed: 1 },
    { label: '3,000 enterprises / 100,000 postings', enterprises: 3_000, postings: 100_000, seed: 2 },
  ];
  const line = (label: string, ms: number, rows: number, extra = '') =>
    console.log(`  ${label.padEnd(44)}${ms.toFixed(0).padStart(7)} ms ${(rows / (ms / 1000)).toFixed(0).padStart(8)} rows/s  ${extra}`);
  try {
    for (const c of cases) {
      const { sheet } = generateEmployment({ enterprises: c.enterprises, postings: c.postings, seed: c.seed, today: todayIso() });
      const file = path.join(dir, `${c.postings}.xlsx`);
      await writeXlsx(file, sheet.rows.map((r) => r.cells));
      const buffer = fs.readFileSync(file);
      const rows = c.postings;

      let t = performance.now();
      const exceljsRows = await exceljsRead(buffer);
      const exceljsMs = performance.now() - t;
      t = performance.now();
      const ownRows = (await readSpreadsheet(buffer, 'bench.xlsx'))[0]!.rows.length;
      const ownMs = performance.now() - t;
      if (ownRows !== exceljsRows) throw new Error(`readers disagree: ${ownRows} vs ${exceljsRows} rows`);

      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, pg.url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const out = /RESULT (.*)/.exec(run.stdout ?? '');
      if (run.status !== 0 || !out) throw new Error(`import child failed:\n${run.stdout}\n${run.stderr}`);
      const r = JSON.parse(out[1]!) as ChildResult;

      // PostgreSQL's own share: the same postings copied server-side (no client, no parsing) into a
      // bare table, and into postings itself with its constraints, indexes, foreign keys and history.
      const floorMs = await timeRolledBack(handle.db, async (trx) => {
        await sql`CREATE TABLE bench_floor AS SELECT * FROM postings WITH NO DATA`.execute(trx);
        return sql`INSERT INTO bench_floor SELECT * FROM postings`.execute(trx);
      });
      const schemaMs = await timeRolledBack(handle.db, async (trx) => {
        await sql`INSERT INTO postings (${sql.raw(POSTING_COLUMNS)}) SELECT ${sql.raw(POSTING_COLUMNS.replace('title', "title || '·'"))} FROM postings`.execute(trx);
        return sql`INSERT INTO posting_history (posting_id, action, changes) SELECT id, 'import', '{}' FROM postings WHERE title LIKE '%·'`.execute(trx);
      });
      await sql`TRUNCATE postings, posting_history, enterprises CASCADE`.execute(handle.db);

      console.log(`${c.label} (${(buffer.length / 1024 / 1024).toFixed(1)} MB .xlsx):`);
      line('baseline: exceljs streaming read only', exceljsMs, rows);
      line('chuanyu reader only', ownMs, rows, `${(exceljsMs / ownMs).toFixed(1)}× exceljs`);
      line('PostgreSQL alone: rows into a bare table', floorMs, rows);
      line('PostgreSQL alone: rows into postings + history', schemaMs, rows, 'the ceiling for an all-or-nothing import into this schema');
      line('import (read, validate, commit)', r.importMs, rows, `${(r.importMs / exceljsMs).toFixed(2)}× the exceljs read alone`);
      line('re-import (nothing changes)', r.reimportMs, rows, `${(r.reimportMs / exceljsMs).toFixed(2)}× the exceljs read alone`);
      console.log(`  created ${r.created}, then changed ${r.again}; import process RSS ${r.rssBeforeMb.toFixed(0)} MB before, peak ${r.peakRssMb.toFixed(0)} MB`);
    }
  } finally {
    await handle.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
