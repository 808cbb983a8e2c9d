// npm run bench:import — spreadsheet intake end to end (file → read → validate → committed) for the
// season's 455 enterprises / 13,000 postings and for 100,000 postings, on a fresh embedded
// PostgreSQL; baseline in the same run: reading the same .xlsx with exceljs alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generateEmployment } from '../src/server/demo/employment.js';
import { importSpreadsheet } from '../src/server/modules/imports/imports.service.js';
import { readSpreadsheet } from '../src/server/modules/imports/read.js';
import { todayIso } from '../src/server/modules/jobs/postings.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { AppContext } from '../src/server/platform/context.js';
import { createFieldCrypto } from '../src/server/platform/crypto.js';
import { createDb } from '../src/server/platform/db.js';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-pg.js';
import { prepareSchema } from '../src/server/server.js';

async function writeXlsx(file: string, rows: unknown[][]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('岗位');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-bench-import-'));
fs.chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'bench' });
const handle = createDb(pg.url);
await prepareSchema(handle.db);
const secret = 'bench-secret-0123456789abcdef0123456789';
const ctx: AppContext = {
  db: handle.db, crypto: createFieldCrypto(secret), version: 'bench', demo: false,
  config: loadConfig({ DATABASE_URL: pg.url, CHUANYU_SECRET: secret }),
};

const cases = [
  { label: '455 enterprises / 13,000 postings', enterprises: 455, postings: 13_000, seed: 1 },
  { label: '3,000 enterprises / 100,000 postings', enterprises: 3_000, postings: 100_000, seed: 2 },
];
try {
  for (const c of cases) {
    const { sheet } = generateEmployment({ enterprises: c.enterprises, postings: c.postings, seed: c.seed, today: todayIso() });
    const file = path.join(dir, `${c.postings}.xlsx`);
    await writeXlsx(file, sheet.rows.map((r) => r.cells));
    const buffer = fs.readFileSync(file);
    const rss0 = process.memoryUsage().rss;

    let t = performance.now();
    await readSpreadsheet(buffer, 'bench.xlsx');
    const readMs = performance.now() - t;

    t = performance.now();
    const result = await importSpreadsheet(ctx, { operator: 'bench' }, 'postings', buffer, 'bench.xlsx');
    const importMs = performance.now() - t;

    t = performance.now();
    const again = await importSpreadsheet(ctx, { operator: 'bench' }, 'postings', buffer, 'bench.xlsx');
    const reimportMs = performance.now() - t;

    const rows = c.postings;
    console.log(`${c.label} (${(buffer.length / 1024 / 1024).toFixed(1)} MB .xlsx):`);
    console.log(`  baseline: exceljs read only         ${readMs.toFixed(0).padStart(7)} ms  ${(rows / (readMs / 1000)).toFixed(0).padStart(7)} rows/s`);
    console.log(`  import (read, validate, commit)     ${importMs.toFixed(0).padStart(7)} ms  ${(rows / (importMs / 1000)).toFixed(0).padStart(7)} rows/s  ${(importMs / readMs).toFixed(2)}× read`);
    console.log(`  re-import (nothing changes)         ${reimportMs.toFixed(0).padStart(7)} ms  ${(rows / (reimportMs / 1000)).toFixed(0).padStart(7)} rows/s  ${(reimportMs / readMs).toFixed(2)}× read`);
    console.log(`  created ${result.created}, then +${again.created} ~${again.updated}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (start of case ${(rss0 / 1024 / 1024).toFixed(0)} MB)`);
  }
} finally {
  await handle.close();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
