import { Kysely, PostgresDialect, type ColumnType, type Generated, type Transaction } from 'kysely';
import pg from 'pg';

// bigint (int8) as number: our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent_code: string | null;
  scope_prefix: string;
}

export interface UnionTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  level: 'federation' | 'city' | 'county';
  parent_id: string | null;
  federation: '50' | '51';
  scope_prefix: string;
  created_at: Generated<Date>;
}

export interface UserTable {
  id: Generated<string>;
  username: string | null;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  name: string;
  password_hash: string;
  roles: string[];
  union_id: string | null;
  is_disabled: Generated<boolean>;
  is_demo: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SessionTable {
  token_hash: Buffer;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  subject_label: string | null;
  scope_prefix: string | null;
  fields: string[];
  reason: string | null;
  ip: string | null;
  request_id: string | null;
}

export interface AppSettingTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export interface IdempotencyKeyTable {
  actor: string;
  key: string;
  route: string;
  status: number;
  body: unknown;
  created_at: Generated<Date>;
}

export interface Database {
  regions: RegionTable;
  unions: UnionTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingTable;
  idempotency_keys: IdempotencyKeyTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the pool or an open transaction: repo functions accept both. */
export type Executor = Db | Trx;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDb(url: string, options: { max?: number; onError?: (error: Error) => void } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'chuanyu',
  });
  // An idle client losing its server (DB restart) must not crash the process.
  pool.on('error', (error) => options.onError?.(error));
  // A client in use when the server goes away emits 'error' outside any query; without a listener
  // that would be an uncaught exception taking the whole app down with the database.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onError?.(error));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
