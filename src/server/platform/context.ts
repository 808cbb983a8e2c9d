import type { Config } from './config.js';
import type { FieldCrypto } from './crypto.js';
import type { JobSearch } from '../modules/jobs/search/search.service.js';
import type { Db } from './db.js';
import type { LiveHub } from './live.js';

/** What services need from the platform, passed explicitly (no DI container). */
export interface AppContext {
  db: Db;
  crypto: FieldCrypto;
  config: Config;
  version: string;
  /** Whether demo data and accounts are loaded (login page shows the demo hint). */
  demo: boolean;
  /** The public job search's in-process index (built on first use or at server start). */
  search: JobSearch;
  /** Live pushes (SSE) fed by LISTEN/NOTIFY. */
  live: LiveHub;
}
