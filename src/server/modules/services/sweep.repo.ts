import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// SQL of the service-level sweep. Each claim is one UPDATE … RETURNING over rows picked FOR UPDATE
// SKIP LOCKED, so two app servers sweeping at once never act on one request twice: a row the
// other server holds is skipped, and a row it has already changed no longer matches.

export interface EscalatedRow {
  id: string;
  ref_no: string;
  status: string;
  owner_union_id: string;
  owner_name: string;
  /** The owner union's federation union (重庆市总工会 / 四川省总工会). */
  federation_union_id: string;
}

/** Mark unanswered requests past their answer time as escalated (at most `limit`); returns them. */
export async function claimOverdue(db: Executor, now: Date, limit: number): Promise<EscalatedRow[]> {
  const { rows } = await sql<EscalatedRow>`
    WITH picked AS (
      SELECT id FROM service_requests
      WHERE first_answered_at IS NULL AND status <> 'closed' AND answer_due_at < ${now} AND escalated_at IS NULL
      ORDER BY answer_due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), done AS (
      UPDATE service_requests r SET escalated_at = ${now}, updated_at = ${now}, version = r.version + 1
      FROM picked WHERE r.id = picked.id AND r.escalated_at IS NULL
      RETURNING r.id, r.ref_no, r.status, r.owner_union_id
    )
    SELECT done.id, done.ref_no, done.status, done.owner_union_id, o.name AS owner_name, f.id AS federation_union_id
    FROM done
    JOIN unions o ON o.id = done.owner_union_id
    JOIN unions f ON f.federation = o.federation AND f.level = 'federation'
  `.execute(db);
  return rows;
}

export interface AutoClosedRow {
  id: string;
  ref_no: string;
  user_id: string | null;
  owner_union_id: string;
}

/** Close answered requests whose latest answer is at least `cutoff` old (at most `limit`); returns them. */
export async function claimAnsweredBefore(db: Executor, now: Date, cutoff: Date, limit: number): Promise<AutoClosedRow[]> {
  const { rows } = await sql<AutoClosedRow>`
    WITH picked AS (
      SELECT id FROM service_requests
      WHERE status = 'answered' AND answered_at <= ${cutoff}
      ORDER BY answered_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE service_requests r SET status = 'closed', closed_at = ${now}, close_reason = 'auto', updated_at = ${now}, version = r.version + 1
    FROM picked WHERE r.id = picked.id AND r.status = 'answered'
    RETURNING r.id, r.ref_no, r.user_id, r.owner_union_id
  `.execute(db);
  return rows;
}

export interface SweepEvent {
  requestId: string;
  action: 'escalated' | 'auto_closed';
  fromStatus: string;
  toStatus: string;
  fromUnionId: string | null;
  toUnionId: string | null;
  at: Date;
}

/** The history lines of what the sweep did (no actor: the platform did it). */
export async function insertEvents(db: Executor, events: readonly SweepEvent[]): Promise<void> {
  if (!events.length) return;
  await db.insertInto('service_request_events').values(events.map((e) => ({
    request_id: e.requestId, actor_id: null, action: e.action, from_status: e.fromStatus, to_status: e.toStatus,
    from_union_id: e.fromUnionId, to_union_id: e.toUnionId, at: e.at,
  }))).execute();
}
