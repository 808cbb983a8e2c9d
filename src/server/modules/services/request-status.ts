import type { ServiceRequestStatus } from '../../platform/db.js';

// The life of a request (issue 8 §1): open → assigned → answered → closed (the worker confirms, staff
// close it, or it closes by itself 7 days after an answer) → reopened (by the worker, within 30 days)
// → assigned / answered … Pure: the services ask it what a step leads to.

/** A closed request can be reopened by its worker within this many days of closing. */
export const REOPEN_DAYS = 30;

export type RequestStep =
  /** A staff answer (not an internal note). */
  | 'answer'
  /** A staff internal note: changes nothing. */
  | 'note'
  /** The worker writes again (a follow-up question). */
  | 'worker_message'
  | 'assign'
  | 'transfer'
  /** The worker confirms the answer solved it. */
  | 'confirm'
  /** Staff close it (with a note). */
  | 'staff_close'
  | 'auto_close'
  | 'reopen';

export type StepResult =
  | { ok: true; to: ServiceRequestStatus }
  | { ok: false; code: 'services.requests.closed' | 'services.requests.not_answered' | 'services.requests.not_closed' | 'services.requests.reopen_expired' };

/**
 * What `step` turns a request in `from` into. `hasAssignee`: a worker's follow-up on an answered
 * request goes back to its assignee ('assigned') or to the union's queue ('open').
 */
export function nextStatus(
  from: ServiceRequestStatus, step: RequestStep, context: { hasAssignee?: boolean; closedAt?: Date | null; now?: Date } = {},
): StepResult {
  if (step === 'reopen') {
    if (from !== 'closed') return { ok: false, code: 'services.requests.not_closed' };
    const closedAt = context.closedAt ?? null;
    const now = context.now ?? new Date();
    if (closedAt && now.getTime() - closedAt.getTime() > REOPEN_DAYS * 86_400_000) return { ok: false, code: 'services.requests.reopen_expired' };
    return { ok: true, to: 'reopened' };
  }
  if (from === 'closed') return { ok: false, code: 'services.requests.closed' };
  switch (step) {
    case 'answer':
      return { ok: true, to: 'answered' };
    case 'note':
      return { ok: true, to: from };
    case 'worker_message':
      return { ok: true, to: from === 'answered' ? (context.hasAssignee ? 'assigned' : 'open') : from };
    case 'assign':
      return { ok: true, to: from === 'open' || from === 'reopened' ? 'assigned' : from };
    case 'transfer':
      return { ok: true, to: 'open' };
    case 'confirm':
    case 'auto_close':
      return from === 'answered' ? { ok: true, to: 'closed' } : { ok: false, code: 'services.requests.not_answered' };
    case 'staff_close':
      return { ok: true, to: 'closed' };
  }
}

/** When an answered request closes by itself (answeredAt + 7 days), or null when it is not answered. */
export function autoCloseAt(status: ServiceRequestStatus, answeredAt: Date | null, autoCloseDays: number): Date | null {
  return status === 'answered' && answeredAt ? new Date(answeredAt.getTime() + autoCloseDays * 86_400_000) : null;
}
