import type { TestProject } from 'vitest/node';
import { createDb } from '../src/server/platform/db.js';
import { prepareSchema } from '../src/server/server.js';
import { startTestPostgres } from './pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One embedded PostgreSQL per test run, migrated once; tests make their own fresh rows. */
export default async function setup(project: TestProject) {
  const pg = await startTestPostgres('it');
  const handle = createDb(pg.url, { max: 2 });
  await prepareSchema(handle.db);
  await handle.close();
  project.provide('databaseUrl', pg.url);
  return async () => {
    await pg.stop();
  };
}
