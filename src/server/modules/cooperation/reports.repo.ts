import { sql } from 'kysely';
import type { Executor, ReportStatus } from '../../platform/db.js';

// All SQL of progress reports and their reminders (issue 7 §2).

export interface ReportItem { id: number; code: string; title: string; starts_on: string; due_on: string; done: boolean; unionIds: string[] }

/** A work item with the unions responsible for it. */
export async function findItem(db: Executor, itemId: number): Promise<ReportItem | undefined> {
  const row = await db.selectFrom('work_items as w')
    .select(['w.id', 'w.code', 'w.title', sql<string>`w.starts_on::text`.as('starts_on'), sql<string>`w.due_on::text`.as('due_on'), 'w.done_at',
      sql<string[]>`coalesce((SELECT array_agg(u.union_id::text ORDER BY u.union_id) FROM work_item_unions u WHERE u.item_id = w.id), '{}')`.as('union_ids')])
    .where('w.id', '=', itemId).executeTakeFirst();
  return row && { id: row.id, code: row.code, title: row.title, starts_on: row.starts_on, due_on: row.due_on, done: row.done_at !== null, unionIds: row.union_ids };
}

/** Open items (not done) that any of the given unions is responsible for; all open items when `unionIds` is null. */
export async function openItems(db: Executor, unionIds: string[] | null): Promise<ReportItem[]> {
  if (unionIds && !unionIds.length) return [];
  let q = db.selectFrom('work_items as w')
    .select(['w.id', 'w.code', 'w.title', sql<string>`w.starts_on::text`.as('starts_on'), sql<string>`w.due_on::text`.as('due_on'),
      sql<string[]>`coalesce((SELECT array_agg(u.union_id::text ORDER BY u.union_id) FROM work_item_unions u WHERE u.item_id = w.id), '{}')`.as('union_ids')])
    .where('w.done_at', 'is', null);
  if (unionIds) q = q.where((eb) => eb.exists(eb.selectFrom('work_item_unions as u').select('u.item_id').whereRef('u.item_id', '=', 'w.id').where('u.union_id', 'in', unionIds)));
  const rows = await q.orderBy('w.due_on').orderBy('w.id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, title: r.title, starts_on: r.starts_on, due_on: r.due_on, done: false, unionIds: r.union_ids }));
}

/** Every report's state on these items (for which quarters are covered). */
export async function reportStates(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return [];
  return db.selectFrom('progress_reports').select(['id', 'item_id', 'union_id', 'period', 'status', 'review_note']).where('item_id', 'in', itemIds).execute();
}

export async function unionsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; federation: '50' | '51' }>();
  const rows = await db.selectFrom('unions').select(['id', 'name', 'federation']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, federation: r.federation }]));
}

/** Unions of a federation whose staff report ('50' → every Chongqing union). */
export async function unionIdsOfFederation(db: Executor, federation: '50' | '51'): Promise<string[]> {
  return (await db.selectFrom('unions').select('id').where('federation', '=', federation).execute()).map((r) => r.id);
}

/** The federation union (重庆市总工会 / 四川省总工会) whose staff review a federation's reports. */
export async function federationUnionId(db: Executor, federation: '50' | '51'): Promise<string | undefined> {
  return (await db.selectFrom('unions').select('id').where('federation', '=', federation).where('level', '=', 'federation').executeTakeFirst())?.id;
}

const reportSelect = (db: Executor) => db.selectFrom('progress_reports as r')
  .innerJoin('work_items as w', 'w.id', 'r.item_id')
  .innerJoin('unions as un', 'un.id', 'r.union_id')
  .leftJoin('users as sb', 'sb.id', 'r.submitted_by')
  .leftJoin('users as rb', 'rb.id', 'r.reviewed_by')
  .select([
    'r.id', 'r.item_id', 'r.union_id', 'r.period', 'r.body', 'r.figures', 'r.is_highlight', 'r.status', 'r.submitted_by', 'r.submitted_at',
    'r.reviewed_by', 'r.reviewed_at', 'r.review_note', 'r.version', 'r.created_by', 'r.created_at', 'r.updated_at',
    'w.code as item_code', 'w.title as item_title', sql<string>`w.starts_on::text`.as('item_starts_on'), sql<string>`w.due_on::text`.as('item_due_on'),
    'un.name as union_name', 'un.federation as union_federation', 'un.scope_prefix as union_scope', 'sb.name as submitted_by_name', 'rb.name as reviewed_by_name',
  ]);

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findReport(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let q = reportSelect(db).where('r.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export async function findReportByKey(db: Executor, itemId: number, unionId: string, period: string) {
  return db.selectFrom('progress_reports').select(['id', 'status']).where('item_id', '=', itemId).where('union_id', '=', unionId).where('period', '=', period).executeTakeFirst();
}

export async function insertReport(db: Executor, v: { itemId: number; unionId: string; period: string; body: string; figures: unknown; createdBy: string }) {
  return db.insertInto('progress_reports').values({
    item_id: v.itemId, union_id: v.unionId, period: v.period, body: v.body, figures: JSON.stringify(v.figures), created_by: v.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
}

export interface ReportChange {
  body?: string;
  figures?: unknown;
  status?: ReportStatus;
  is_highlight?: boolean;
  submitted_by?: string;
  submitted_at?: Date;
  reviewed_by?: string | null;
  reviewed_at?: Date | null;
  review_note?: string | null;
}

/** Change a report and bump its version. */
export async function updateReport(db: Executor, id: number, change: ReportChange): Promise<void> {
  const { figures, ...rest } = change;
  await db.updateTable('progress_reports')
    .set({ ...rest, ...(figures !== undefined ? { figures: JSON.stringify(figures) } : {}), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id).execute();
}

/** Delete a report and its stored files. */
export async function deleteReport(db: Executor, id: number): Promise<void> {
  const files = await db.selectFrom('progress_report_files').select('file_id').where('report_id', '=', id).execute();
  await db.deleteFrom('progress_reports').where('id', '=', id).execute();
  if (files.length) await db.deleteFrom('stored_files').where('id', 'in', files.map((f) => f.file_id)).execute();
}

export async function listFiles(db: Executor, reportIds: number[]) {
  if (!reportIds.length) return [];
  return db.selectFrom('progress_report_files as f').innerJoin('stored_files as s', 's.id', 'f.file_id')
    .select(['f.report_id', 's.id', 's.name', 's.mime', 's.size']).where('f.report_id', 'in', reportIds).orderBy('s.created_at').execute();
}

export async function countFiles(db: Executor, reportId: number): Promise<number> {
  const row = await db.selectFrom('progress_report_files').select(sql<number>`count(*)::int`.as('n')).where('report_id', '=', reportId).executeTakeFirstOrThrow();
  return row.n;
}

export async function addFile(db: Executor, reportId: number, fileId: string): Promise<void> {
  await db.insertInto('progress_report_files').values({ report_id: reportId, file_id: fileId }).execute();
}

/** Detach and delete a report's file; false when the file is not the report's. */
export async function removeFile(db: Executor, reportId: number, fileId: string): Promise<boolean> {
  const gone = await db.deleteFrom('progress_report_files').where('report_id', '=', reportId).where('file_id', '=', fileId).executeTakeFirst();
  if (!Number(gone.numDeletedRows)) return false;
  await db.deleteFrom('stored_files').where('id', '=', fileId).execute();
  return true;
}

export async function hasFile(db: Executor, reportId: number, fileId: string): Promise<boolean> {
  return !!(await db.selectFrom('progress_report_files').select('file_id').where('report_id', '=', reportId).where('file_id', '=', fileId).executeTakeFirst());
}

export interface ReportFilter {
  /** Drafts are seen only by their own union. */
  viewerUnionId: string | null;
  unionId?: string | undefined;
  federation?: '50' | '51' | undefined;
  itemId?: number | undefined;
  period?: string | undefined;
  status?: ReportStatus | undefined;
  highlight?: boolean | undefined;
  offset: number;
  limit: number;
}

export async function listReports(db: Executor, f: ReportFilter) {
  let q = reportSelect(db);
  q = q.where((eb) => (f.viewerUnionId ? eb.or([eb('r.status', '!=', 'draft'), eb('r.union_id', '=', f.viewerUnionId)]) : eb('r.status', '!=', 'draft')));
  if (f.unionId) q = q.where('r.union_id', '=', f.unionId);
  if (f.federation) q = q.where('un.federation', '=', f.federation);
  if (f.itemId) q = q.where('r.item_id', '=', f.itemId);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.highlight !== undefined) q = q.where('r.is_highlight', '=', f.highlight);
  const rows = await q.select(sql<number>`count(*) OVER ()::int`.as('total'))
    // The review queue reads oldest first; the other lists newest first.
    .orderBy('r.updated_at', f.status === 'submitted' ? 'asc' : 'desc').orderBy('r.id', 'desc')
    .offset(f.offset).limit(f.limit).execute();
  return { rows, total: rows[0]?.total ?? (f.offset ? await countReports(db, f) : 0) };
}

async function countReports(db: Executor, f: ReportFilter): Promise<number> {
  const { rows } = await listReports(db, { ...f, offset: 0, limit: 1 });
  return rows[0]?.total ?? 0;
}

/** Submitted reports waiting for review, with their union's federation (reminders). */
export async function submittedReports(db: Executor) {
  return db.selectFrom('progress_reports as r').innerJoin('work_items as w', 'w.id', 'r.item_id').innerJoin('unions as un', 'un.id', 'r.union_id')
    .select(['r.id', 'r.period', 'r.submitted_at', 'r.version', 'w.code', 'w.title', 'un.name as union_name', 'un.federation'])
    .where('r.status', '=', 'submitted').execute();
}
