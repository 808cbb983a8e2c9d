import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { checkUpload, openFile, storeFile, type UploadRules } from '../../platform/files.js';
import { pageOffset } from '../../platform/pagination.js';
import { isAdmin } from '../accounts/accounts.policy.js';
import { todayIso } from '../jobs/postings.service.js';
import { canReportOn, canReviewReport, canViewCooperation, federationOf, isFederationStaff } from './cooperation.policy.js';
import { owedReports, parsePeriod, periodWithinItem, reportDueOn } from './periods.js';
import { notifyReviewed, notifySubmitted } from './reminders.js';
import * as repo from './reports.repo.js';
import type { DueList, Report, ReportInput, ReportListQuery, ReportSummary, ReportUpdate } from './reports.schemas.js';

// Progress reports (issue 7 §2): a responsible union writes a draft, submits it; staff of the
// union's federation accept it or return it with a note; a returned report is edited and submitted
// again; an accepted report is final. Drafts are seen only by their own union.

/** What a report's attachment may be: images, PDF or Word, up to 10 MB, known by content. */
export const REPORT_UPLOAD: UploadRules = { kinds: ['pdf', 'docx', 'jpeg', 'png'], maxBytes: 10 * 1024 * 1024 };
export const MAX_REPORT_FILES = 10;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const statusKey = (s: string) => `coop.reports.status.${s}`;
const itemLabel = (r: { item_code: string; item_title: string }) => `${r.item_code} ${r.item_title}`;

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, r: { id: number; union_scope: string; item_code: string; period: string; union_name: string }, reason?: string) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'progress_report', subjectId: String(r.id),
    subjectLabel: `${r.item_code} ${r.union_name} ${r.period}`, scopePrefix: r.union_scope, ip: meta.ip, requestId: meta.requestId, reason: reason ?? null,
  });

const isOwnUnion = (actor: Actor, row: repo.ReportRow) => !!actor.unionId && actor.unionId === row.union_id;

function summaryOf(row: repo.ReportRow): ReportSummary {
  return {
    id: row.id, item: { id: row.item_id, code: row.item_code, title: row.item_title, dueOn: row.item_due_on },
    union: { id: row.union_id, name: row.union_name, federation: row.union_federation }, period: row.period, dueOn: reportDueOn(parsePeriod(row.period)!),
    status: row.status, isHighlight: row.is_highlight, submittedAt: iso(row.submitted_at), reviewedAt: iso(row.reviewed_at), reviewNote: row.review_note,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Load a report the actor may see (drafts: only his union; 404 otherwise, like a missing one). */
async function loadVisible(db: Executor, actor: Actor, id: number, options: { forUpdate?: boolean } = {}): Promise<repo.ReportRow> {
  if (!canViewCooperation(actor)) throw forbidden();
  const row = await repo.findReport(db, id, options);
  if (!row || (row.status === 'draft' && !isOwnUnion(actor, row))) throw notFound('coop.report_not_found');
  return row;
}

/** The report's own union may change it, and only while it is a draft or returned. */
async function loadForEdit(db: Executor, actor: Actor, id: number): Promise<repo.ReportRow> {
  const row = await loadVisible(db, actor, id, { forUpdate: true });
  const item = await repo.findItem(db, row.item_id);
  if (!isOwnUnion(actor, row) || !canReportOn(actor, item?.unionIds ?? [])) throw new AppError('coop.reports.not_your_report', 403, { union: row.union_name });
  if (row.status === 'accepted') throw conflict('coop.reports.accepted_final');
  if (row.status === 'submitted') throw conflict('coop.reports.under_review');
  return row;
}

async function loadForReview(db: Executor, actor: Actor, id: number): Promise<repo.ReportRow> {
  const row = await loadVisible(db, actor, id, { forUpdate: true });
  if (!canReviewReport(actor, row.union_federation)) {
    throw new AppError('coop.reports.cannot_review', 403, { federation: `coop.reports.federation.${row.union_federation}`, union: row.union_name });
  }
  // A federation's own report (it is responsible for some items) is reviewed by another of its staff.
  if (row.status === 'submitted' && row.submitted_by === actor.id) throw new AppError('coop.reports.review_own', 403);
  return row;
}

/** One report with its figures, files and what the caller may do. */
export async function getReport(ctx: AppContext, actor: Actor, id: number): Promise<Report> {
  const row = await loadVisible(ctx.db, actor, id);
  const [files, item] = await Promise.all([repo.listFiles(ctx.db, [id]), repo.findItem(ctx.db, row.item_id)]);
  const own = isOwnUnion(actor, row) && canReportOn(actor, item?.unionIds ?? []);
  const editable = row.status === 'draft' || row.status === 'returned';
  const reviewer = canReviewReport(actor, row.union_federation) && !(row.status === 'submitted' && row.submitted_by === actor.id);
  return {
    ...summaryOf(row),
    body: row.body,
    figures: row.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit ?? '' })),
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size })),
    submittedBy: row.submitted_by ? { id: row.submitted_by, name: row.submitted_by_name ?? '' } : null,
    reviewedBy: row.reviewed_by ? { id: row.reviewed_by, name: row.reviewed_by_name ?? '' } : null,
    createdAt: row.created_at.toISOString(), version: row.version,
    me: {
      canEdit: own && editable, canSubmit: own && editable, canDelete: own && editable,
      canReview: reviewer && row.status === 'submitted', canHighlight: reviewer && (row.status === 'submitted' || row.status === 'accepted'),
    },
  };
}

/** Reports the actor may see: his union's (view mine), his federation's review queue (view review), or all; with filters. */
export async function listReports(ctx: AppContext, actor: Actor, query: ReportListQuery): Promise<{ total: number; items: ReportSummary[] }> {
  if (!canViewCooperation(actor)) throw forbidden();
  const filter: repo.ReportFilter = {
    viewerUnionId: actor.unionId, unionId: query.unionId, itemId: query.itemId, period: query.period, status: query.status,
    highlight: query.highlight === undefined ? undefined : query.highlight === 'true', offset: pageOffset(query), limit: query.pageSize,
  };
  if (query.view === 'mine') {
    if (!actor.unionId) return { total: 0, items: [] };
    filter.unionId = actor.unionId;
  }
  if (query.view === 'review') {
    if (!isFederationStaff(actor) && !isAdmin(actor)) return { total: 0, items: [] };
    filter.federation = federationOf(actor) ?? undefined;
    filter.status = 'submitted';
  }
  const { rows, total } = await repo.listReports(ctx.db, filter);
  return { total, items: rows.map(summaryOf) };
}

/** Reports owed by the actor's union (federation staff: by every union of the federation), due and overdue. */
export async function listDue(ctx: AppContext, actor: Actor, today = todayIso()): Promise<DueList> {
  if (!canViewCooperation(actor)) throw forbidden();
  const fed = federationOf(actor);
  const scope = isAdmin(actor) ? null : isFederationStaff(actor) && fed ? await repo.unionIdsOfFederation(ctx.db, fed) : actor.unionId ? [actor.unionId] : [];
  const items = await repo.openItems(ctx.db, scope);
  const states = await repo.reportStates(ctx.db, items.map((i) => i.id));
  const inScope = scope ? new Set(scope) : null;
  const owed = owedReports(
    items.map((i) => ({ id: i.id, startsOn: i.starts_on, dueOn: i.due_on, done: i.done, unionIds: i.unionIds })),
    states.map((s) => ({ id: s.id, itemId: s.item_id, unionId: s.union_id, period: s.period, status: s.status, reviewNote: s.review_note })),
    today,
  ).filter((o) => !inScope || inScope.has(o.unionId));
  const unions = await repo.unionsByIds(ctx.db, [...new Set(owed.map((o) => o.unionId))]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    today,
    items: owed.map((o) => {
      const item = byId.get(o.itemId)!;
      return {
        item: { id: item.id, code: item.code, title: item.title, dueOn: item.due_on }, union: { id: o.unionId, name: unions.get(o.unionId)?.name ?? '' },
        period: o.period, dueOn: o.dueOn, daysLeft: o.daysLeft, overdue: o.overdue,
        report: o.report ? { id: o.report.id, status: o.report.status, reviewNote: o.report.reviewNote ?? null } : null,
        canWrite: actor.unionId === o.unionId && canReportOn(actor, item.unionIds),
      };
    }),
  };
}

/** Start a draft for the actor's union on an item and period (one per item, union and period). */
export async function createReport(ctx: AppContext, actor: Actor, input: ReportInput, meta: RequestMeta): Promise<Report> {
  if (!canViewCooperation(actor)) throw forbidden();
  const item = await repo.findItem(ctx.db, input.itemId);
  if (!item) throw invalid([{ path: 'itemId', code: 'coop.item_not_found' }]);
  const union = actor.unionId ? (await repo.unionsByIds(ctx.db, [actor.unionId])).get(actor.unionId) : undefined;
  if (!canReportOn(actor, item.unionIds)) {
    throw new AppError('coop.reports.not_responsible', 403, { union: union?.name ?? actorLabel(actor), item: `${item.code} ${item.title}` });
  }
  const period = parsePeriod(input.period)!;
  if (!periodWithinItem(period, item.starts_on, item.due_on)) {
    throw invalid([{ path: 'period', code: 'coop.reports.period_outside_item', params: { period: input.period, startsOn: item.starts_on, dueOn: item.due_on } }]);
  }
  const duplicate = async () => {
    const existing = await repo.findReportByKey(ctx.db, item.id, actor.unionId!, input.period);
    return existing && conflict('coop.reports.duplicate', { union: union?.name ?? '', period: input.period, item: `${item.code} ${item.title}`, id: existing.id, status: statusKey(existing.status) });
  };
  const before = await duplicate();
  if (before) throw before;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertReport(trx, { itemId: item.id, unionId: actor.unionId!, period: input.period, body: input.body, figures: input.figures, createdBy: actor.id });
    const created = (await repo.findReport(trx, row.id))!;
    await audit(trx, actor, meta, 'coop.report.create', created);
    return row.id;
  }).catch(async (error: unknown) => {
    // Two copies of one request at once: the second meets the unique key.
    if ((error as { code?: string }).code === '23505') throw (await duplicate()) ?? error;
    throw error;
  });
  return getReport(ctx, actor, id);
}

/** Change a draft's or returned report's text and figures (with its version: a stale one is 409). */
export async function updateReport(ctx: AppContext, actor: Actor, id: number, input: ReportUpdate, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForEdit(trx, actor, id);
    if (row.version !== input.version) throw conflict('coop.reports.stale');
    await repo.updateReport(trx, id, { body: input.body, figures: input.figures });
    await audit(trx, actor, meta, 'coop.report.update', row);
  });
  return getReport(ctx, actor, id);
}

export async function deleteReport(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForEdit(trx, actor, id);
    await audit(trx, actor, meta, 'coop.report.delete', row);
    await repo.deleteReport(trx, id);
  });
}

/** Submit (or submit again after a return) for the federation's review; its staff are notified. */
export async function submitReport(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadVisible(trx, actor, id, { forUpdate: true });
    if (current.status === 'submitted' && isOwnUnion(actor, current)) throw conflict('coop.reports.already_submitted');
    const row = await loadForEdit(trx, actor, id);
    if (!row.body.trim() && !row.figures.length) throw invalid([{ path: 'body', code: 'coop.reports.empty_report' }]);
    const submittedAt = new Date();
    await repo.updateReport(trx, id, { status: 'submitted', submitted_by: actor.id, submitted_at: submittedAt });
    await audit(trx, actor, meta, 'coop.report.submit', row);
    await notifySubmitted(trx, { ...row, submitted_at: submittedAt });
  });
  return getReport(ctx, actor, id);
}

/** Accept a submitted report (federation staff of the union's federation); accepted is final. */
export async function acceptReport(ctx: AppContext, actor: Actor, id: number, input: { note: string; highlight?: boolean | undefined }, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForReview(trx, actor, id);
    if (row.status === 'accepted') throw conflict('coop.reports.accepted_final');
    if (row.status !== 'submitted') throw conflict('coop.reports.not_submitted', { status: statusKey(row.status) });
    await repo.updateReport(trx, id, {
      status: 'accepted', reviewed_by: actor.id, reviewed_at: new Date(), review_note: input.note || null,
      ...(input.highlight !== undefined ? { is_highlight: input.highlight } : {}),
    });
    await audit(trx, actor, meta, 'coop.report.accept', row, input.note || undefined);
    await notifyReviewed(trx, row, 'accepted', input.note);
  });
  return getReport(ctx, actor, id);
}

/** Return a submitted report to its union with a note (required). */
export async function returnReport(ctx: AppContext, actor: Actor, id: number, note: string, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForReview(trx, actor, id);
    if (row.status === 'accepted') throw conflict('coop.reports.accepted_final');
    if (row.status !== 'submitted') throw conflict('coop.reports.not_submitted', { status: statusKey(row.status) });
    await repo.updateReport(trx, id, { status: 'returned', reviewed_by: actor.id, reviewed_at: new Date(), review_note: note });
    await audit(trx, actor, meta, 'coop.report.return', row, note);
    await notifyReviewed(trx, row, 'returned', note);
  });
  return getReport(ctx, actor, id);
}

/** Mark (or unmark) a submitted or accepted report as a highlight for the yearly report: a reviewer's flag, not an edit. */
export async function setHighlight(ctx: AppContext, actor: Actor, id: number, highlight: boolean, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForReview(trx, actor, id);
    if (row.status !== 'submitted' && row.status !== 'accepted') throw conflict('coop.reports.highlight_status');
    await repo.updateReport(trx, id, { is_highlight: highlight });
    await audit(trx, actor, meta, highlight ? 'coop.report.highlight' : 'coop.report.unhighlight', row);
  });
  return getReport(ctx, actor, id);
}

/** Attach a file (checked by content) to a draft or returned report. */
export async function addReportFile(ctx: AppContext, actor: Actor, id: number, file: { name: string; data: Buffer }, meta: RequestMeta): Promise<Report> {
  const kind = checkUpload(file.data, REPORT_UPLOAD);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForEdit(trx, actor, id);
    if ((await repo.countFiles(trx, id)) >= MAX_REPORT_FILES) throw conflict('coop.reports.too_many_files', { max: MAX_REPORT_FILES });
    const stored = await storeFile(trx, ctx.crypto, { purpose: 'report', ownerUserId: actor.id, name: file.name, kind, data: file.data });
    await repo.addFile(trx, id, stored.id);
    await repo.updateReport(trx, id, {});
    await audit(trx, actor, meta, 'coop.report.file_add', row, stored.name);
  });
  return getReport(ctx, actor, id);
}

export async function removeReportFile(ctx: AppContext, actor: Actor, id: number, fileId: string, meta: RequestMeta): Promise<Report> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForEdit(trx, actor, id);
    if (!(await repo.removeFile(trx, id, fileId))) throw notFound('files.not_found');
    await repo.updateReport(trx, id, {});
    await audit(trx, actor, meta, 'coop.report.file_remove', row);
  });
  return getReport(ctx, actor, id);
}

/** A report's attachment, for whoever may see the report. */
export async function openReportFile(ctx: AppContext, actor: Actor, id: number, fileId: string) {
  await loadVisible(ctx.db, actor, id);
  if (!(await repo.hasFile(ctx.db, id, fileId))) throw notFound('files.not_found');
  const file = await openFile(ctx.db, ctx.crypto, fileId);
  if (!file) throw notFound('files.not_found');
  return file;
}
