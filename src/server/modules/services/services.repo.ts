import { sql } from 'kysely';
import type { ConsentPurpose, Executor } from '../../platform/db.js';
import type { FieldIssue } from '../../platform/errors.js';
import { regionIndex } from '../orgs/regions.cache.js';
import { routeRecord, type Route, type UnionRef } from './route.js';

// SQL shared by every worker-service slice: routing, consents, reference numbers.

export function listUnionRefs(db: Executor): Promise<UnionRef[]> {
  return db.selectFrom('unions').select(['id', 'region_code as regionCode', 'scope_prefix as scopePrefix']).execute();
}

/** The owner union's scope prefix and name, for policies and lists. */
export function findUnion(db: Executor, unionId: string) {
  return db.selectFrom('unions').select(['id', 'name', 'scope_prefix', 'federation', 'level', 'parent_id', 'region_code']).where('id', '=', unionId).executeTakeFirst();
}

/**
 * Route a record by region and employer (route.ts). Problems are returned as field issues named
 * after the request's fields: `regionCode` (not a county of either province), `enterpriseId` (no
 * such enterprise). The caller throws them together with its own.
 */
export async function routeByRegionAndEmployer(
  db: Executor,
  input: { regionCode: string; enterpriseId?: string | null },
): Promise<{ route: Route | null; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const region = (await regionIndex(db)).get(input.regionCode);
  if (!region || region.level !== 'county') issues.push({ path: 'regionCode', code: 'validation.region_code' });
  let enterprise: { ownerUnionId: string } | null = null;
  if (input.enterpriseId) {
    const row = /^[0-9a-f-]{36}$/i.test(input.enterpriseId)
      ? await db.selectFrom('enterprises').select('owner_union_id').where('id', '=', input.enterpriseId).executeTakeFirst()
      : undefined;
    if (row) enterprise = { ownerUnionId: row.owner_union_id };
    else issues.push({ path: 'enterpriseId', code: 'services.enterprise_unknown' });
  }
  if (issues.length) return { route: null, issues };
  const route = routeRecord(await listUnionRefs(db), { regionCode: input.regionCode, enterprise });
  if (!route) issues.push({ path: 'regionCode', code: 'validation.region_code' });
  return { route, issues };
}

export interface ConsentInput {
  userId: string | null;
  subjectHash?: Buffer | null;
  purpose: ConsentPurpose;
  recordType: 'service_request' | 'membership_application' | 'aid_enrolment_member' | 'event_visitor';
  recordId: string;
  channel: 'online' | 'desk' | 'employer';
  recordedBy?: string | null;
}

/** Record a consent with the wording shown (its i18n key is `services.consent.<purpose>`), in the record's transaction. */
export async function recordConsent(db: Executor, input: ConsentInput): Promise<void> {
  await db.insertInto('consents').values({
    user_id: input.userId, subject_hash: input.subjectHash ?? null, purpose: input.purpose, record_type: input.recordType,
    record_id: input.recordId, text_key: `services.consent.${input.purpose}`, channel: input.channel, recorded_by: input.recordedBy ?? null,
  }).execute();
}

/** A reference number people can read out: prefix, year (China time) and a 6-digit sequence, e.g. ZX2026-000123. */
export async function nextRefNo(db: Executor, sequence: 'service_request_ref_seq' | 'membership_ref_seq', prefix: string): Promise<string> {
  const { rows } = await sql<{ n: number }>`SELECT nextval(${sql.lit(sequence)}::regclass)::int AS n`.execute(db);
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  return `${prefix}${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}
