import type { ApplicationStatus } from '../../platform/db.js';

// An application's way through the employer's pipeline (issue 4 §5): new → viewed → interview →
// intent → hired, or rejected at any open step; the seeker may withdraw while nothing is decided.
// Pure: the service asks it who may move what where.

export const PIPELINE: ApplicationStatus[] = ['new', 'viewed', 'interview', 'intent', 'hired', 'rejected', 'withdrawn'];
const ORDER: Record<ApplicationStatus, number> = { new: 0, viewed: 1, interview: 2, intent: 3, hired: 4, rejected: 9, withdrawn: 9 };

export type PipelineActor = 'employer' | 'seeker';

/** Whether `who` may move an application from `from` to `to` (decided ones move no more). */
export function canMove(who: PipelineActor, from: ApplicationStatus, to: ApplicationStatus): boolean {
  if (from === to || from === 'hired' || from === 'rejected' || from === 'withdrawn') return false;
  if (who === 'seeker') return to === 'withdrawn' && ORDER[from] <= ORDER.interview;
  if (to === 'withdrawn' || to === 'new') return false;
  if (to === 'rejected') return true;
  // Forward only, one step or more (an employer may hire straight after an interview at a fair).
  return ORDER[to] > ORDER[from];
}

/**
 * The seeker's phone is shown to the employer only once the seeker has accepted an interview; the
 * résumé follows the seeker's privacy choice ('none' hides it even from employers he applied to).
 */
export function employerMaySee(application: { status: ApplicationStatus; interviewAcceptedAt: Date | null }, resumeVisibility: 'applied' | 'verified' | 'none') {
  return {
    phone: application.interviewAcceptedAt !== null && application.status !== 'withdrawn',
    resume: resumeVisibility !== 'none' && application.status !== 'withdrawn',
  };
}
