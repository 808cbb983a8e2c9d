import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, type DbHandle } from './db.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-pg.js';

export interface OpenDatabase extends DbHandle {
  embedded: EmbeddedPostgres | null;
  /** Where the data lives, for the start banner (never includes the password). */
  description: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

/**
 * Connect to DATABASE_URL, or start the embedded PostgreSQL in the data dir. An unreachable
 * database is retried for `dbRetrySeconds` with a clear message each time.
 */
export async function openDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      onLog: (line) => log.debug({ postgres: line }),
    });
    for (const note of embedded.notes) log.info(`embedded PostgreSQL: ${note}`);
    url = embedded.url;
  }
  const handle = createDb(url, { onError: (error) => log.warn({ err: error }, 'idle database connection lost') });
  const deadline = Date.now() + config.dbRetrySeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`SELECT 1`.execute(handle.db);
      break;
    } catch (error) {
      const message = (error as Error).message || String(error);
      if (Date.now() >= deadline) {
        await handle.close();
        await embedded?.stop();
        throw new DatabaseUnavailableError(
          `无法连接数据库 ${describeUrl(url)}：${message}（已重试 ${config.dbRetrySeconds} 秒）\n` +
            `Cannot reach the database ${describeUrl(url)}: ${message} (retried for ${config.dbRetrySeconds} s). ` +
            'Check DATABASE_URL and that PostgreSQL is running.',
        );
      }
      const wait = Math.min(5_000, 500 * attempt);
      log.warn(`无法连接数据库 / cannot reach the database ${describeUrl(url)}: ${message} — retrying in ${wait / 1000} s (attempt ${attempt})`);
      await sleep(wait);
    }
  }
  return {
    ...handle,
    embedded,
    description: embedded ? `embedded PostgreSQL in ${config.dataDir}/pg (127.0.0.1:${embedded.port})` : describeUrl(url),
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
