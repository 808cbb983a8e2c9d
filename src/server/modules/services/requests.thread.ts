import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid } from '../../platform/errors.js';
import { keepResult, type IdempotencyClaim } from '../../platform/idempotency.js';
import { notify } from '../../platform/notify.js';
import { nextStatus, type RequestStep } from './request-status.js';
import * as repo from './requests.repo.js';
import type { RequestDetail } from './requests.schemas.js';
import { loadRequest, ownedRecord, viewAfterChange, type Access } from './requests.view.js';
import { canTransferRequest } from './services.policy.js';
import { sealText } from './services.pii.js';
import { findUnion } from './services.repo.js';

// The thread and the life of a request (issue 8 §1): answers and internal notes by the owner
// union's staff, the worker's follow-ups, assignment within the union, transfer to another union
// (with history), closing (the worker confirms, or staff with a note) and reopening. Every change
// writes an event (a follow-up message only when it sends an answered request back), an audit entry, and tells
// whoever must act next.

const workerLink = (id: string) => `/m/services/requests/${id}`;
const staffLink = (id: string) => `/admin/services/requests/${id}`;

/** The step's status, or 409 with the reason (closed, not answered …). */
function step(row: repo.RequestRow, what: RequestStep, now: Date) {
  const result = nextStatus(row.status, what, { hasAssignee: row.assignee_id !== null, closedAt: row.closed_at, now });
  if (!result.ok) throw conflict(result.code, { ref: row.ref_no });
  return result.to;
}

/** Handling is for the owner union's staff: the worker is refused plainly, unions above are told whose it is. */
function requireOwner(access: Access, row: repo.RequestRow): void {
  if (access === 'owner') return;
  if (access === 'above') throw new AppError('services.requests.not_owner', 403, { union: row.owner_union_name });
  throw forbidden();
}

const audit = (db: Executor, actor: Actor, meta: RequestMeta | undefined, action: string, row: repo.RequestRow, reason?: string | null) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'service_request', subjectId: row.id, subjectLabel: row.ref_no,
    scopePrefix: row.owner_scope, reason: reason ?? null, ip: meta?.ip ?? null, requestId: meta?.requestId ?? null,
  });

/**
 * A message in the thread. Staff (owner union) answer — the request becomes 'answered' and the
 * worker is told by SMS — or write an internal note; the worker's follow-up on an answer sends it
 * back to its assignee (or the union's queue).
 */
export async function postMessage(
  ctx: AppContext, actor: Actor, id: string, input: { body: string; isInternal?: boolean }, meta?: RequestMeta, claim?: IdempotencyClaim | null,
): Promise<RequestDetail> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, access } = await loadRequest(trx, actor, id, { forUpdate: true });
    if (access === 'above') throw new AppError('services.requests.not_owner', 403, { union: row.owner_union_name });
    const isWorker = access === 'worker';
    if (isWorker && input.isInternal) throw invalid([{ path: 'isInternal', code: 'services.requests.internal_staff_only' }]);
    const what: RequestStep = isWorker ? 'worker_message' : input.isInternal ? 'note' : 'answer';
    const to = step(row, what, now);
    const message = await repo.insertMessage(trx, {
      requestId: id, authorId: actor.id, authorRole: isWorker ? 'worker' : 'staff', unionId: isWorker ? null : row.owner_union_id,
      bodyEnc: sealText(ctx.crypto, input.body), isInternal: !isWorker && !!input.isInternal,
    });
    if (what === 'answer') {
      await repo.updateRequest(trx, id, { status: to, answered_at: now, first_answered_at: row.first_answered_at ?? now });
      await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'answered', fromStatus: row.status, toStatus: to });
      await audit(trx, actor, meta, 'services.request.answer', row);
      if (row.user_id) {
        await notify(trx, {
          target: { userId: row.user_id }, kind: 'services.answered', messageKey: 'services.requests.notify.answered',
          params: { ref: row.ref_no, union: row.owner_union_name }, link: workerLink(id), dedupeKey: `service_request:${id}:answered:${message.id}`, channels: ['sms'],
        });
      }
    } else if (what === 'note') {
      await repo.updateRequest(trx, id, {});
      await audit(trx, actor, meta, 'services.request.note', row);
    } else {
      await repo.updateRequest(trx, id, { status: to });
      if (to !== row.status) await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'followed_up', fromStatus: row.status, toStatus: to });
      await audit(trx, actor, meta, 'services.request.follow_up', row);
      await notify(trx, {
        target: row.assignee_id ? { userId: row.assignee_id } : { unionId: row.owner_union_id }, kind: 'services.request',
        messageKey: 'services.requests.notify.follow_up', params: { ref: row.ref_no }, link: staffLink(id),
        dedupeKey: `service_request:${id}:follow_up:${message.id}`, channels: [],
      });
    }
    const detail = await viewAfterChange(ctx, trx, actor, id, now);
    await keepResult(trx, claim, detail);
    return detail;
  });
}

/** Assign to a staff member of the owner union (owner staff); an open or reopened request becomes 'assigned'. */
export async function assignRequest(ctx: AppContext, actor: Actor, id: string, assigneeId: string, meta?: RequestMeta): Promise<RequestDetail> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, access } = await loadRequest(trx, actor, id, { forUpdate: true });
    requireOwner(access, row);
    const to = step(row, 'assign', now);
    const [assignee] = await repo.listUnionStaff(trx, row.owner_union_id, assigneeId);
    if (!assignee) throw invalid([{ path: 'assigneeId', code: 'services.requests.assignee_not_staff', params: { union: row.owner_union_name } }]);
    await repo.updateRequest(trx, id, { assignee_id: assignee.id, status: to });
    await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'assigned', fromStatus: row.status, toStatus: to, note: assignee.name.slice(0, 500) });
    await audit(trx, actor, meta, 'services.request.assign', row, assignee.name);
    if (assignee.id !== actor.id) {
      await notify(trx, {
        target: { userId: assignee.id }, kind: 'services.assigned', messageKey: 'services.requests.notify.assigned', params: { ref: row.ref_no },
        link: staffLink(id), dedupeKey: `service_request:${id}:assigned:${assignee.id}:${now.getTime()}`, channels: [],
      });
    }
    return viewAfterChange(ctx, trx, actor, id, now);
  });
}

/**
 * Transfer to another union (the owner union's staff, or a union above it), with a note: the new
 * union owns it, unassigned and open; its first-answer time stays; the history keeps from → to.
 */
export async function transferRequest(ctx: AppContext, actor: Actor, id: string, input: { unionId: string; note: string }, meta?: RequestMeta): Promise<RequestDetail> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadRequest(trx, actor, id, { forUpdate: true });
    if (!canTransferRequest(actor, ownedRecord(row))) {
      if (row.user_id === actor.id) throw forbidden();
      throw new AppError('services.requests.not_owner', 403, { union: row.owner_union_name });
    }
    const to = step(row, 'transfer', now);
    const target = await findUnion(trx, input.unionId);
    if (!target) throw invalid([{ path: 'unionId', code: 'services.requests.union_unknown' }]);
    if (target.id === row.owner_union_id) throw invalid([{ path: 'unionId', code: 'services.requests.transfer_same_union', params: { union: target.name } }]);
    await repo.updateRequest(trx, id, { owner_union_id: target.id, routed_by: 'transfer', assignee_id: null, status: to });
    await repo.insertEvent(trx, {
      requestId: id, actorId: actor.id, action: 'transferred', fromStatus: row.status, toStatus: to, fromUnionId: row.owner_union_id, toUnionId: target.id, note: input.note,
    });
    await audit(trx, actor, meta, 'services.request.transfer', row, `${row.owner_union_name} → ${target.name}: ${input.note}`.slice(0, 1000));
    await notify(trx, {
      target: { unionId: target.id }, kind: 'services.request', messageKey: 'services.requests.notify.transferred',
      params: { ref: row.ref_no, from: row.owner_union_name }, link: staffLink(id), dedupeKey: `service_request:${id}:transferred:${target.id}:${now.getTime()}`, channels: [],
    });
    return viewAfterChange(ctx, trx, actor, id, now);
  });
}

/** Close: the worker confirms an answered request solved it; the owner union's staff close with a note. */
export async function closeRequest(ctx: AppContext, actor: Actor, id: string, input: { note?: string | undefined }, meta?: RequestMeta): Promise<RequestDetail> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, access } = await loadRequest(trx, actor, id, { forUpdate: true });
    const note = input.note?.trim() || null;
    if (access !== 'worker') {
      requireOwner(access, row);
      if (row.status !== 'closed' && !note) throw invalid([{ path: 'note', code: 'services.requests.note_required' }]);
    }
    const to = step(row, access === 'worker' ? 'confirm' : 'staff_close', now);
    const reason = access === 'worker' ? 'confirmed' : 'staff';
    await repo.updateRequest(trx, id, { status: to, closed_at: now, close_reason: reason });
    await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'closed', fromStatus: row.status, toStatus: to, note });
    await audit(trx, actor, meta, 'services.request.close', row, note);
    if (access === 'owner' && row.user_id) {
      await notify(trx, {
        target: { userId: row.user_id }, kind: 'services.closed', messageKey: 'services.requests.notify.closed', params: { ref: row.ref_no, union: row.owner_union_name },
        link: workerLink(id), dedupeKey: `service_request:${id}:closed:${now.getTime()}`, channels: [],
      });
    }
    return viewAfterChange(ctx, trx, actor, id, now);
  });
}

/** The worker reopens a closed request within 30 days, saying why; the owner union is told. */
export async function reopenRequest(ctx: AppContext, actor: Actor, id: string, body: string, meta?: RequestMeta): Promise<RequestDetail> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const { row, access } = await loadRequest(trx, actor, id, { forUpdate: true });
    if (access !== 'worker') throw forbidden();
    const to = step(row, 'reopen', now);
    await repo.insertMessage(trx, { requestId: id, authorId: actor.id, authorRole: 'worker', unionId: null, bodyEnc: sealText(ctx.crypto, body), isInternal: false });
    const count = row.reopen_count + 1;
    await repo.updateRequest(trx, id, { status: to, reopen_count: count, closed_at: null, close_reason: null });
    await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'reopened', fromStatus: row.status, toStatus: to });
    await audit(trx, actor, meta, 'services.request.reopen', row);
    await notify(trx, {
      target: { unionId: row.owner_union_id }, kind: 'services.request', messageKey: 'services.requests.notify.reopened',
      params: { ref: row.ref_no }, link: staffLink(id), dedupeKey: `service_request:${id}:reopened:${count}`, channels: [],
    });
    return viewAfterChange(ctx, trx, actor, id, now);
  });
}
