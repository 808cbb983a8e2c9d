import type { PostingStatus } from '../../platform/db.js';

// A posting's lifecycle (issue 3 §3): draft → pending review → published → closed / filled /
// expired; a rejected one goes back to the employer; closed or expired ones may be reopened as drafts.

export type PostingAction = 'submit' | 'approve' | 'reject' | 'close' | 'fill' | 'reopen' | 'expire';
export type PostingActor = 'employer' | 'staff' | 'system';

interface Rule {
  from: readonly PostingStatus[];
  to: PostingStatus;
  by: readonly PostingActor[];
  needsReason?: boolean;
}

export const TRANSITIONS: Record<PostingAction, Rule> = {
  submit: { from: ['draft', 'rejected'], to: 'pending', by: ['employer', 'staff'] },
  approve: { from: ['pending'], to: 'published', by: ['staff'] },
  reject: { from: ['pending'], to: 'rejected', by: ['staff'], needsReason: true },
  close: { from: ['draft', 'pending', 'published', 'rejected'], to: 'closed', by: ['employer', 'staff'] },
  fill: { from: ['published'], to: 'filled', by: ['employer', 'staff'] },
  reopen: { from: ['closed', 'filled', 'expired'], to: 'draft', by: ['employer', 'staff'] },
  expire: { from: ['published'], to: 'expired', by: ['system'] },
};

export type TransitionCheck =
  | { ok: true; to: PostingStatus }
  | { ok: false; reason: 'not_allowed_from' | 'not_allowed_for' | 'reason_required' };

/** Whether `who` may take `action` on a posting in `from`. */
export function checkTransition(action: PostingAction, from: PostingStatus, who: PostingActor, reason?: string | null): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.by.includes(who)) return { ok: false, reason: 'not_allowed_for' };
  if (!rule.from.includes(from)) return { ok: false, reason: 'not_allowed_from' };
  if (rule.needsReason && !reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, to: rule.to };
}

/** Statuses in which the content may still be edited (an employer's edit of a published posting sends it back to review). */
export const EDITABLE: readonly PostingStatus[] = ['draft', 'pending', 'rejected', 'published'];

/** The status after an edit: employers' changes to what is public are reviewed again. */
export function statusAfterEdit(current: PostingStatus, who: PostingActor): PostingStatus {
  return current === 'published' && who === 'employer' ? 'pending' : current;
}

/** Public when published, its enterprise verified and still valid on `today` (yyyy-mm-dd). */
export function isPublic(p: { status: PostingStatus; enterpriseStatus: string; validFrom: string; validUntil: string }, today: string): boolean {
  return p.status === 'published' && p.enterpriseStatus === 'verified' && p.validFrom <= today && p.validUntil >= today;
}
