import type { Actor, RequestMeta } from '../../platform/actor.js';
import { actorLabel } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { autoCloseAt, nextStatus } from './request-status.js';
import * as repo from './requests.repo.js';
import type { FileInfo, RequestDetail, RequestSummary } from './requests.schemas.js';
import { canSeeServiceQueue, canTransferRequest, isOwnerUnionStaff, isOwnWorkerRecord, type OwnedRecord } from './services.policy.js';
import { openText } from './services.pii.js';
import { AUTO_CLOSE_DAYS, slaState } from './services.rules.js';

// Who sees what of a request, and the request as the API shows it (summary in lists, detail with
// thread, files and history). The words are opened only for the worker and the owner union's staff.

/** How the caller stands to a request: its worker, the owner union's staff, or staff of a union above (facts only). */
export type Access = 'worker' | 'owner' | 'above';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const ownedRecord = (row: repo.RequestRow): OwnedRecord => ({ ownerUnionId: row.owner_union_id, ownerScope: row.owner_scope, userId: row.user_id });

/** The caller's access, or the error he gets: staff of another region 403 naming the owner union; anyone else 404. */
export function accessOf(actor: Actor, row: repo.RequestRow): Access {
  const record = ownedRecord(row);
  if (isOwnWorkerRecord(actor, record)) return 'worker';
  if (isOwnerUnionStaff(actor, record)) return 'owner';
  if (canSeeServiceQueue(actor, record)) return 'above';
  if (isStaff(actor)) throw new AppError('services.requests.other_union', 403, { union: row.owner_union_name });
  throw notFound('services.requests.not_found');
}

/** A request by id as the caller may reach it (a malformed, unknown or other worker's id: 404). */
export async function loadRequest(db: Executor, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<{ row: repo.RequestRow; access: Access }> {
  if (!isUuid(id)) throw notFound('services.requests.not_found');
  const row = await repo.findRequest(db, id, options);
  if (!row) throw notFound('services.requests.not_found');
  return { row, access: accessOf(actor, row) };
}

export function summaryOf(row: repo.RequestRow, showContent: boolean, now: Date): RequestSummary {
  return {
    id: row.id, refNo: row.ref_no, kind: row.kind, category: row.category, channel: row.channel, status: row.status,
    sla: slaState({ createdAt: row.created_at, dueAt: row.answer_due_at, firstAnsweredAt: row.first_answered_at, closedAt: row.closed_at, now }),
    subject: showContent ? row.subject : null,
    region: { code: row.region_code, name: row.region_name },
    ownerUnion: { id: row.owner_union_id, name: row.owner_union_name },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    employerName: row.enterprise_name ?? row.employer_name,
    event: row.event_id ? { id: row.event_id, name: row.event_name ?? '' } : null,
    createdAt: row.created_at.toISOString(), answerDueAt: row.answer_due_at.toISOString(), firstAnsweredAt: iso(row.first_answered_at),
    answeredAt: iso(row.answered_at), closedAt: iso(row.closed_at), escalatedAt: iso(row.escalated_at),
  };
}

/** Whether a list row's subject may be shown to the caller. */
export const showsContent = (actor: Actor, row: repo.RequestRow): boolean => {
  const record = ownedRecord(row);
  return isOwnWorkerRecord(actor, record) || isOwnerUnionStaff(actor, record);
};

const fileOf = (f: { id: string; name: string; mime: string; size: number; created_at: Date }): FileInfo =>
  ({ id: f.id, name: f.name, mime: f.mime, size: f.size, createdAt: f.created_at.toISOString() });

/** The whole request as the caller may see it. */
export async function detailOf(ctx: AppContext, db: Executor, actor: Actor, row: repo.RequestRow, access: Access, now = new Date()): Promise<RequestDetail> {
  const content = access !== 'above';
  const [messages, files, events] = await Promise.all([
    content ? repo.listMessages(db, row.id) : Promise.resolve([]),
    content ? repo.listFiles(db, row.id) : Promise.resolve([]),
    repo.listEvents(db, row.id),
  ]);
  const visible = messages.filter((m) => access !== 'worker' || !m.is_internal);
  const open = row.status !== 'closed';
  const record = ownedRecord(row);
  const detail: RequestDetail = {
    ...summaryOf(row, content, now),
    enterprise: row.enterprise_id ? { id: row.enterprise_id, name: row.enterprise_name ?? row.employer_name } : null,
    routedBy: row.routed_by, closeReason: row.close_reason, reopenCount: row.reopen_count,
    autoCloseAt: iso(autoCloseAt(row.status, row.answered_at, AUTO_CLOSE_DAYS)),
    contentHidden: !content,
    body: content ? openText(ctx.crypto, row.body_enc) : null,
    worker: content ? { name: row.name, phoneMasked: row.phone_masked } : null,
    aid: row.aid_plan_id ? {
      plan: { id: row.aid_plan_id, name: row.plan_name ?? '' }, claimAmount: row.claim_amount, incidentOn: row.incident_on, memberFound: row.aid_member_id !== null,
    } : null,
    files: files.filter((f) => f.message_id === null).map(fileOf),
    messages: visible.map((m) => ({
      id: m.id, authorRole: m.author_role, authorName: m.author_name, unionName: m.author_role === 'staff' ? m.union_name : null,
      body: openText(ctx.crypto, m.body_enc), isInternal: m.is_internal, createdAt: m.created_at.toISOString(),
      files: files.filter((f) => f.message_id === m.id).map(fileOf),
    })),
    history: events.map((e) => ({
      action: e.action, fromStatus: e.from_status, toStatus: e.to_status,
      fromUnion: e.from_union_id ? { id: e.from_union_id, name: e.from_union_name ?? '' } : null,
      toUnion: e.to_union_id ? { id: e.to_union_id, name: e.to_union_name ?? '' } : null,
      note: e.note, actorName: e.actor_name, at: e.at.toISOString(),
    })),
    can: {
      reply: content && open,
      attach: content && open,
      assign: access === 'owner' && open,
      transfer: canTransferRequest(actor, record) && open,
      close: open && ((access === 'worker' && row.status === 'answered') || access === 'owner'),
      reopen: access === 'worker' && nextStatus(row.status, 'reopen', { closedAt: row.closed_at, now }).ok,
    },
  };
  return detail;
}

/** The request after the caller changed it, as far as he may still see it (a transfer can take it out of his union). */
export async function viewAfterChange(ctx: AppContext, db: Executor, actor: Actor, id: string, now = new Date()): Promise<RequestDetail> {
  const row = (await repo.findRequest(db, id))!;
  let access: Access;
  try {
    access = accessOf(actor, row);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    access = 'above';
  }
  return detailOf(ctx, db, actor, row, access, now);
}

/** Audit a staff member's reading of a request's words (owner union's staff; the worker's own reads are not logged). */
export async function auditContentRead(db: Executor, actor: Actor, row: repo.RequestRow, meta: RequestMeta | undefined, what: { action: string; fields: string[]; reason?: string }): Promise<void> {
  await recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: what.action, subjectType: 'service_request', subjectId: row.id,
    subjectLabel: row.ref_no, scopePrefix: row.owner_scope, fields: what.fields, reason: what.reason ?? null, ip: meta?.ip ?? null, requestId: meta?.requestId ?? null,
  });
}
