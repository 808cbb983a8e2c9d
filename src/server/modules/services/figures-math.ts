// The arithmetic of the worker-services figures (issue 8 §1 "per-union figures", §6): counts,
// on-time rate, medians and means of the hours to a first answer and to closing, membership review
// days. Pure: the repo hands over one row per request or application, these functions sum them.
// Times are epoch seconds (numbers, not Dates: 60,000 rows arrive about 3× faster).

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The arithmetic mean; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/** Rounded to one decimal (hours, days), null kept. */
export const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** A share as 0..1 with three decimals; null when there is nothing to share out. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** The China month (yyyy-mm) of a moment in epoch seconds. */
export const chinaMonth = (epochSeconds: number): string => new Date(epochSeconds * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/** The China date (yyyy-mm-dd) of a moment. */
export const chinaDate = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Every month from the one of `from` to the one of `to` (yyyy-mm-dd dates), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

/** One request as the figures see it (no content, no person); times in epoch seconds. */
export interface RequestFact {
  unionId: string;
  category: string;
  channel: 'online' | 'desk';
  status: 'open' | 'assigned' | 'answered' | 'closed' | 'reopened';
  createdAt: number;
  answerDueAt: number;
  firstAnsweredAt: number | null;
  closedAt: number | null;
  escalated: boolean;
}

export interface RequestFigures {
  requests: number;
  /** A first answer was given. */
  answered: number;
  /** The first answer came by the due time (services.rules.ts ANSWER_WORKING_DAYS). */
  answeredOnTime: number;
  /** answeredOnTime ÷ (answered + overdue): requests still inside their time are not judged yet. */
  onTimeRate: number | null;
  medianHoursToFirstAnswer: number | null;
  meanHoursToFirstAnswer: number | null;
  medianHoursToClose: number | null;
  meanHoursToClose: number | null;
  /** Not closed. */
  open: number;
  /** Not closed, no first answer, past the due time now. */
  overdue: number;
  /** Raised to the federation by the sweep. */
  escalated: number;
}

/** The figures of a set of requests at `now`. */
export function requestFigures(rows: readonly RequestFact[], now: Date): RequestFigures {
  const firstHours: number[] = [];
  const closeHours: number[] = [];
  let answeredOnTime = 0;
  let open = 0;
  let overdue = 0;
  let escalated = 0;
  const at = now.getTime() / 1000;
  for (const r of rows) {
    if (r.firstAnsweredAt !== null) {
      firstHours.push((r.firstAnsweredAt - r.createdAt) / HOUR_S);
      if (r.firstAnsweredAt <= r.answerDueAt) answeredOnTime++;
    }
    if (r.status === 'closed' && r.closedAt !== null) closeHours.push((r.closedAt - r.createdAt) / HOUR_S);
    if (r.status !== 'closed') {
      open++;
      if (r.firstAnsweredAt === null && r.answerDueAt < at) overdue++;
    }
    if (r.escalated) escalated++;
  }
  return {
    requests: rows.length,
    answered: firstHours.length,
    answeredOnTime,
    onTimeRate: ratio(answeredOnTime, firstHours.length + overdue),
    medianHoursToFirstAnswer: round1(median(firstHours)),
    meanHoursToFirstAnswer: round1(mean(firstHours)),
    medianHoursToClose: round1(median(closeHours)),
    meanHoursToClose: round1(mean(closeHours)),
    open,
    overdue,
    escalated,
  };
}

/** One membership application as the figures see it; times in epoch seconds. */
export interface MembershipFact {
  unionId: string;
  status: 'submitted' | 'approved' | 'rejected' | 'withdrawn';
  createdAt: number;
  /** China date (yyyy-mm-dd) the review is promised by. */
  reviewDueOn: string;
  reviewedAt: number | null;
}

export interface MembershipFigures {
  /** Applications received. */
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  /** Still waiting for a review. */
  pending: number;
  /** Waiting past the promised review day (services.rules.ts MEMBERSHIP_REVIEW_WORKING_DAYS). */
  overdueReviews: number;
  /** Days from application to approval or rejection. */
  medianDaysToReview: number | null;
}

/** The figures of a set of membership applications on the China date `today`. */
export function membershipFigures(rows: readonly MembershipFact[], today: string): MembershipFigures {
  const days: number[] = [];
  const f: MembershipFigures = { submitted: rows.length, approved: 0, rejected: 0, withdrawn: 0, pending: 0, overdueReviews: 0, medianDaysToReview: null };
  for (const r of rows) {
    if (r.status === 'submitted') {
      f.pending++;
      if (r.reviewDueOn < today) f.overdueReviews++;
    } else {
      f[r.status]++;
      if (r.status !== 'withdrawn' && r.reviewedAt !== null) days.push((r.reviewedAt - r.createdAt) / DAY_S);
    }
  }
  f.medianDaysToReview = round1(median(days));
  return f;
}

/** Rows grouped by a key, keys in first-seen order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
