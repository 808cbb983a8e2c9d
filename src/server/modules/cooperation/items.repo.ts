import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of the items slice: indicators' sources, items' progress inputs, agreements, areas,
// work items, progress entries, sign-offs and the item's history.

// ---- indicators ----

export async function seasonExists(db: Executor, seasonId: number): Promise<boolean> {
  return !!(await db.selectFrom('seasons').select('id').where('id', '=', seasonId).executeTakeFirst());
}

export async function contestExists(db: Executor, contestId: number): Promise<boolean> {
  return !!(await db.selectFrom('contests').select('id').where('id', '=', contestId).executeTakeFirst());
}

/** The season's livestream events that were held. */
export async function countHeldLivestreams(db: Executor, seasonId: number): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('season_id', '=', seasonId).where('kind', '=', 'livestream').where('status', '=', 'held').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Finalists per contest. */
export async function countFinalists(db: Executor, contestIds: number[]): Promise<Map<number, number>> {
  if (!contestIds.length) return new Map();
  const rows = await db.selectFrom('contest_contestants').select(['contest_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('contest_id', 'in', contestIds).where('stage', '=', 'finalist').groupBy('contest_id').execute();
  return new Map(rows.map((r) => [r.contest_id, Number(r.n)]));
}

/**
 * Joint contests per year: published contests whose final (the last final round's end, else the
 * contest's end) falls in the year and whose teams come from both federations.
 */
export async function countJointContests(db: Executor, years: number[]): Promise<Map<number, number>> {
  if (!years.length) return new Map();
  const rows = await sql<{ year: number; n: string }>`
    SELECT extract(year FROM f.final_on)::int AS year, count(*) AS n FROM (
      SELECT c.id, COALESCE((SELECT max(r.ends_on) FROM contest_rounds r WHERE r.contest_id = c.id AND r.kind = 'final'), c.ends_on) AS final_on
      FROM contests c
      WHERE c.status = 'published'
        AND (SELECT count(DISTINCT u.federation) FROM contest_teams t JOIN unions u ON u.id = t.union_id WHERE t.contest_id = c.id) = 2
    ) f
    WHERE extract(year FROM f.final_on)::int = ANY(${years}::int[])
    GROUP BY 1`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.year), Number(r.n)]));
}

// ---- progress inputs ----

export async function progressInputs(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return { items: [], signoffs: [] };
  const [items, signoffs] = await Promise.all([
    db.selectFrom('work_items').select(['id', 'target', 'unit', 'progress_kind', 'indicator', 'manual_value', 'starts_on', 'due_on', 'done_at'])
      .where('id', 'in', itemIds).execute(),
    db.selectFrom('work_item_signoffs').select(['item_id', 'federation']).where('item_id', 'in', itemIds).execute(),
  ]);
  return { items, signoffs };
}

// ---- work items ----

const itemColumns = [
  'w.id', 'w.agreement_id', 'w.area_id', 'w.code', 'w.title', 'w.description', 'w.lead_union_id', 'w.starts_on', 'w.due_on', 'w.target', 'w.unit',
  'w.progress_kind', 'w.indicator', 'w.manual_value', 'w.done_at', 'w.version', 'w.created_at', 'w.updated_at',
  'a.name as area_name', 'a.year as area_year', 'lu.name as lead_union_name', 'lu.scope_prefix as lead_scope',
] as const;

export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

export async function findItem(db: Executor, id: number, forUpdate = false) {
  let q = db.selectFrom('work_items as w').innerJoin('agreement_areas as a', 'a.id', 'w.area_id').innerJoin('unions as lu', 'lu.id', 'w.lead_union_id')
    .select(itemColumns).where('w.id', '=', id);
  if (forUpdate) q = q.forUpdate(['w']);
  return q.executeTakeFirst();
}

/** An agreement's items by the filters that need no computation (status is filtered by the caller). */
export async function listItems(db: Executor, input: { agreementId: number; year?: number | undefined; areaId?: number | undefined; unionId?: string | undefined; dueBefore?: string | undefined }) {
  let q = db.selectFrom('work_items as w').innerJoin('agreement_areas as a', 'a.id', 'w.area_id').innerJoin('unions as lu', 'lu.id', 'w.lead_union_id')
    .select(itemColumns).where('w.agreement_id', '=', input.agreementId);
  if (input.year) q = q.where('a.year', '=', input.year);
  if (input.areaId) q = q.where('w.area_id', '=', input.areaId);
  if (input.dueBefore) q = q.where('w.due_on', '<=', input.dueBefore);
  if (input.unionId) {
    const unionId = input.unionId;
    q = q.where((eb) => eb.or([
      eb('w.lead_union_id', '=', unionId),
      eb.exists(eb.selectFrom('work_item_unions as wu').select('wu.item_id').whereRef('wu.item_id', '=', 'w.id').where('wu.union_id', '=', unionId)),
    ]));
  }
  return q.orderBy('a.year', 'desc').orderBy('a.seq').orderBy('w.code').execute();
}

export async function itemUnions(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return [];
  return db.selectFrom('work_item_unions as wu').innerJoin('unions as u', 'u.id', 'wu.union_id')
    .select(['wu.item_id', 'u.id', 'u.name', 'u.federation', 'u.level', 'u.region_code']).where('wu.item_id', 'in', itemIds)
    .orderBy('u.federation', 'desc').orderBy('u.level').orderBy('u.region_code').execute();
}

export async function findUnions(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('unions').select(['id', 'name', 'federation', 'level', 'scope_prefix']).where('id', 'in', ids).execute();
}

export async function codeTaken(db: Executor, agreementId: number, code: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('work_items').select('id').where('agreement_id', '=', agreementId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface ItemValues {
  area_id: number; code: string; title: string; description: string; lead_union_id: string; starts_on: string; due_on: string;
  target: number; unit: string; progress_kind: 'manual' | 'indicator'; indicator: string | null;
}

export async function insertItem(db: Executor, values: ItemValues & { agreement_id: number; created_by: string }) {
  return db.insertInto('work_items').values({ ...values, manual_value: values.progress_kind === 'manual' ? 0 : null }).returning('id').executeTakeFirstOrThrow();
}

export async function updateItem(db: Executor, id: number, set: Partial<ItemValues> & { manual_value?: number | null }) {
  await db.updateTable('work_items').set({ ...set, version: sql`version + 1`, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function replaceItemUnions(db: Executor, itemId: number, unionIds: string[]) {
  await db.deleteFrom('work_item_unions').where('item_id', '=', itemId).execute();
  if (unionIds.length) await db.insertInto('work_item_unions').values(unionIds.map((union_id) => ({ item_id: itemId, union_id }))).execute();
}

export async function deleteItem(db: Executor, id: number) {
  await db.deleteFrom('work_items').where('id', '=', id).execute();
}

// ---- progress entries, sign-offs, history ----

export async function insertProgress(db: Executor, values: { item_id: number; value: number; evidence: string; file_ids: string[]; union_id: string | null; entered_by: string }) {
  return db.insertInto('work_item_progress').values(values).returning(['id', 'entered_at']).executeTakeFirstOrThrow();
}

export async function listProgress(db: Executor, itemId: number) {
  return db.selectFrom('work_item_progress as p').leftJoin('users as u', 'u.id', 'p.entered_by').leftJoin('unions as un', 'un.id', 'p.union_id')
    .select(['p.id', 'p.value', 'p.evidence', 'p.file_ids', 'p.entered_at', 'u.name as user_name', 'un.name as union_name'])
    .where('p.item_id', '=', itemId).orderBy('p.entered_at', 'desc').execute();
}

/** Files that may be attached to an item's evidence: uploaded as evidence by this user and not yet used. */
export async function ownEvidenceFiles(db: Executor, userId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('stored_files').select('id').where('id', 'in', ids).where('purpose', '=', 'evidence').where('owner_user_id', '=', userId).execute();
}

/** Whether the file is evidence of this item (an entry names it). */
export async function isItemEvidence(db: Executor, itemId: number, fileId: string): Promise<boolean> {
  const row = await sql<{ ok: number }>`SELECT 1 AS ok FROM work_item_progress WHERE item_id = ${itemId} AND ${fileId}::uuid = ANY(file_ids) LIMIT 1`.execute(db);
  return row.rows.length > 0;
}

export async function describeFiles(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('stored_files').select(['id', 'name', 'mime', 'size']).where('id', 'in', ids).execute();
}

export async function listSignoffs(db: Executor, itemId: number) {
  return db.selectFrom('work_item_signoffs as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.federation', 's.user_id', 'u.name as user_name', 's.note', 's.signed_at']).where('s.item_id', '=', itemId).orderBy('s.signed_at').execute();
}

/** Sign for a federation; false when that federation has already signed (the primary key decides, even for two at once). */
export async function insertSignoff(db: Executor, values: { item_id: number; federation: '50' | '51'; user_id: string; note: string }): Promise<boolean> {
  const row = await db.insertInto('work_item_signoffs').values(values).onConflict((oc) => oc.columns(['item_id', 'federation']).doNothing()).returning('item_id').executeTakeFirst();
  return !!row;
}

export async function deleteSignoff(db: Executor, itemId: number, federation: '50' | '51') {
  await db.deleteFrom('work_item_signoffs').where('item_id', '=', itemId).where('federation', '=', federation).execute();
}

export async function setDone(db: Executor, itemId: number, at: Date | null) {
  await db.updateTable('work_items').set({ done_at: at, version: sql`version + 1`, updated_at: new Date() }).where('id', '=', itemId).execute();
}

/** The item's progress reports (written by the reports slice), newest first. */
export async function listItemReports(db: Executor, itemId: number) {
  return db.selectFrom('progress_reports as r').innerJoin('unions as un', 'un.id', 'r.union_id').leftJoin('users as u', 'u.id', 'r.submitted_by')
    .select(['r.id', 'r.period', 'r.status', 'r.body', 'r.submitted_at', 'r.reviewed_at', 'r.updated_at', 'r.created_at', 'un.name as union_name', 'u.name as user_name'])
    .where('r.item_id', '=', itemId).where('r.status', '<>', 'draft').orderBy('r.updated_at', 'desc').execute();
}

export async function listItemAudit(db: Executor, itemId: number) {
  return db.selectFrom('audit_log').select(['action', 'actor_label', 'reason', 'at'])
    .where('subject_type', '=', 'work_item').where('subject_id', '=', String(itemId)).where('action', '<>', 'coop.item.progress')
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

// ---- options ----

export async function listOptions(db: Executor) {
  const [unions, seasons, contests] = await Promise.all([
    db.selectFrom('unions').select(['id', 'name', 'federation', 'level']).orderBy('federation', 'desc').orderBy('region_code').execute(),
    db.selectFrom('seasons').select(['id', 'name']).where('status', '<>', 'draft').orderBy('starts_on', 'desc').execute(),
    db.selectFrom('contests').select(['id', 'name']).where('status', '=', 'published').orderBy('starts_on', 'desc').execute(),
  ]);
  return { unions, seasons, contests };
}
