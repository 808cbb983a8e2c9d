// The worker-service levels the unions state to workers (issue 8), and the working-day arithmetic
// behind them. Pure. Working days are Monday to Friday in China time; statutory holidays and their
// swapped working weekends are not in the calendar yet (stated in the README), so a due time over
// a holiday comes early rather than late.

/** First answer to a consultation or claim within 2 working days — the unions' service promise. */
export const ANSWER_WORKING_DAYS = 2;
/** A membership application is reviewed within 5 working days — the unions' service promise. */
export const MEMBERSHIP_REVIEW_WORKING_DAYS = 5;
/** An answered request the worker leaves alone closes by itself after 7 days — issue 8 §1. */
export const AUTO_CLOSE_DAYS = 7;
/** Attachments: photos of documents or PDFs, at most 10 MB each and 6 per message. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 6;

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Whether a moment falls on a working day (Mon–Fri) in China time. */
export function isWorkingDay(at: Date): boolean {
  const day = new Date(at.getTime() + CHINA_OFFSET_MS).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The same clock time `days` working days later (Saturday and Sunday are skipped). */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at))) left -= 1;
  }
  return new Date(at);
}

/** A China date (yyyy-mm-dd) `days` working days after the China date of `from`. */
export function addWorkingDaysToDate(from: Date, days: number): string {
  return new Date(addWorkingDays(from, days).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Where a request stands against its first-answer promise; the queue's colours. */
export type SlaState = 'met' | 'missed' | 'on_time' | 'due_soon' | 'overdue';

/**
 * met / missed once answered (on time or late) — or closed by staff without an answer (a duplicate,
 * a withdrawn question), judged by when it was closed; before that on_time, due_soon in the last
 * quarter of the window (or its last 4 hours), overdue past it.
 */
export function slaState(input: { createdAt: Date; dueAt: Date; firstAnsweredAt: Date | null; closedAt?: Date | null; now: Date }): SlaState {
  const { createdAt, dueAt, now } = input;
  const settled = input.firstAnsweredAt ?? input.closedAt ?? null;
  if (settled) return settled.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  const window = Math.max(dueAt.getTime() - createdAt.getTime(), 1);
  return left <= Math.max(window / 4, 4 * 3600_000) ? 'due_soon' : 'on_time';
}
