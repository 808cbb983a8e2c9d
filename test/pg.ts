import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/platform/embedded-pg.js';

/**
 * A throwaway real PostgreSQL for a test run, in a temp dir the postgres user can traverse
 * (mkdtemp makes 0700 directories).
 */
export async function startTestPostgres(label: string): Promise<EmbeddedPostgres & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chuanyu-${label}-`));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'chuanyu_test' });
  return {
    ...pg,
    dir,
    async stop() {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
