import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { IdempotencyClaim } from '../../platform/idempotency.js';
import type { Federation } from './seasons.repo.js';

// A fair's gate in as few round trips as PostgreSQL allows: on this hardware each round trip costs
// the kernel about as much as the statement itself (bench:fair's profile: a third of the server's
// time in socket writes), so the first check-in of a visitor is one statement.

export interface FirstCheckIn {
  seasonId: number;
  eventId: number;
  eventName: string;
  federation: Federation;
  scopePrefix: string;
  code: string;
  at: Date;
  /** The visitor's signed QR token (kept in the retry key's answer). */
  token: string;
  actor: { id: string; label: string };
  meta: { ip: string | null; requestId: string | null };
  claim: IdempotencyClaim | null;
}

export interface CheckedIn { id: number; name: string; phone_masked: string; ticket_code: string; source: string }

/**
 * Let a visitor in if he is not in yet, in one statement (so one transaction): the visitor's row,
 * the season's figure and the event's hourly curve (a random shard each), the audit entry, the
 * retry key with its answer, and the live notice. Nothing comes back when he was already in, or
 * the code is not this event's: the caller finds out which. A retry key already held raises a
 * unique violation on idempotency_keys_pkey and rolls the whole statement back.
 */
export async function checkInOnce(db: Executor, c: FirstCheckIn): Promise<CheckedIn | undefined> {
  const hour = new Date(Math.floor(c.at.getTime() / 3_600_000) * 3_600_000);
  const { rows } = await sql<CheckedIn>`
    WITH v AS (
      UPDATE event_visitors SET checked_in_at = ${c.at}, checked_in_by = ${c.actor.id}
      WHERE event_id = ${c.eventId} AND ticket_code = ${c.code} AND checked_in_at IS NULL
      RETURNING id, name, phone_masked, ticket_code, source
    ), figure AS (
      INSERT INTO season_counters (season_id, federation, figure, shard, value)
      SELECT ${c.seasonId}, ${c.federation}, 'checkins', ${Math.floor(Math.random() * 16)}, 1 FROM v
      ON CONFLICT (season_id, federation, figure, shard) DO UPDATE SET value = season_counters.value + 1 RETURNING 1
    ), hourly AS (
      INSERT INTO event_hourly_checkins (event_id, hour, shard, value)
      SELECT ${c.eventId}, ${hour}, ${Math.floor(Math.random() * 16)}, 1 FROM v
      ON CONFLICT (event_id, hour, shard) DO UPDATE SET value = event_hourly_checkins.value + 1 RETURNING 1
    ), audit AS (
      INSERT INTO audit_log (actor_id, actor_label, action, subject_type, subject_id, subject_label, scope_prefix, ip, request_id)
      SELECT ${c.actor.id}, ${c.actor.label}, 'visitor.check_in', 'event', ${String(c.eventId)}, ${c.eventName} || ' · ' || v.phone_masked, ${c.scopePrefix}, ${c.meta.ip}, ${c.meta.requestId}
      FROM v RETURNING 1
    ), kept AS (
      INSERT INTO idempotency_keys (actor, key, route, status, body)
      SELECT ${c.claim?.actor ?? null}, ${c.claim?.key ?? null}, ${c.claim?.route ?? null}, 200, json_build_object(
        'visitor', json_build_object('id', v.id, 'eventId', ${c.eventId}::bigint, 'name', v.name, 'phoneMasked', v.phone_masked, 'ticketCode', v.ticket_code,
          'token', ${c.token}::text, 'checkedInAt', ${c.at.toISOString()}::text, 'source', v.source),
        'duplicate', false)
      FROM v WHERE ${c.claim?.key ?? null}::text IS NOT NULL RETURNING 1
    )
    SELECT v.id::int AS id, v.name, v.phone_masked, v.ticket_code, v.source,
      (SELECT count(*) FROM audit) + (SELECT count(*) FROM kept) AS written,
      (SELECT pg_notify('chuanyu_live', ${`season:${c.seasonId}`}) FROM figure, hourly) AS notified
    FROM v`.execute(db);
  if (rows[0] && c.claim) c.claim.stored = true;
  return rows[0];
}

export interface BoothRecordWrite {
  seasonId: number;
  eventId: number;
  federation: Federation;
  scopePrefix: string;
  visitor: { id: number; name: string; phoneMasked: string };
  enterprise: { id: string; name: string };
  kind: 'consultation' | 'interview';
  postingIds: number[];
  note: string;
  rating: number | null;
  outcome: 'pass' | 'pending' | 'fail' | null;
  at: Date;
  subjectLabel: string;
  actor: { id: string; label: string };
  meta: { ip: string | null; requestId: string | null };
  claim: IdempotencyClaim | null;
}

/**
 * A talk or an interview at the booth in one statement: the record, the season's figure for the
 * employer's province, the audit entry, the retry key with its answer, the live notice. A key
 * already held rolls it all back (unique violation on idempotency_keys_pkey).
 */
export async function recordAtBoothOnce(db: Executor, w: BoothRecordWrite): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    WITH r AS (
      INSERT INTO booth_records (event_id, visitor_id, enterprise_id, kind, posting_ids, note, rating, outcome, created_by, created_at)
      VALUES (${w.eventId}, ${w.visitor.id}, ${w.enterprise.id}, ${w.kind}, ${w.postingIds}::bigint[], ${w.note}, ${w.rating}, ${w.outcome}, ${w.actor.id}, ${w.at})
      RETURNING id
    ), figure AS (
      INSERT INTO season_counters (season_id, federation, figure, shard, value)
      SELECT ${w.seasonId}, ${w.federation}, ${w.kind === 'consultation' ? 'consultations' : 'interviews'}, ${Math.floor(Math.random() * 16)}, 1 FROM r
      ON CONFLICT (season_id, federation, figure, shard) DO UPDATE SET value = season_counters.value + 1 RETURNING 1
    ), audit AS (
      INSERT INTO audit_log (actor_id, actor_label, action, subject_type, subject_id, subject_label, scope_prefix, ip, request_id)
      SELECT ${w.actor.id}, ${w.actor.label}, ${`booth.${w.kind}`}, 'event', ${String(w.eventId)}, ${w.subjectLabel}, ${w.scopePrefix}, ${w.meta.ip}, ${w.meta.requestId}
      FROM r RETURNING 1
    ), kept AS (
      INSERT INTO idempotency_keys (actor, key, route, status, body)
      SELECT ${w.claim?.actor ?? null}, ${w.claim?.key ?? null}, ${w.claim?.route ?? null}, 200, json_build_object(
        'id', r.id, 'kind', ${w.kind}::text, 'visitor', json_build_object('name', ${w.visitor.name}::text, 'phoneMasked', ${w.visitor.phoneMasked}::text),
        'enterprise', json_build_object('id', ${w.enterprise.id}::text, 'name', ${w.enterprise.name}::text), 'createdAt', ${w.at.toISOString()}::text)
      FROM r WHERE ${w.claim?.key ?? null}::text IS NOT NULL RETURNING 1
    )
    SELECT r.id::int AS id, (SELECT count(*) FROM audit) + (SELECT count(*) FROM kept) AS written,
      (SELECT pg_notify('chuanyu_live', ${`season:${w.seasonId}`}) FROM figure) AS notified
    FROM r`.execute(db);
  if (w.claim) w.claim.stored = true;
  return rows[0]!.id;
}
