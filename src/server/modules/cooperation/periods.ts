// Reporting periods of progress reports (issue 7 §2): '2023-03' (a month) or '2023-Q1' (a quarter).
// Pure: dates are China dates as 'yyyy-mm-dd' strings; nothing here reads the clock.

export type PeriodKind = 'month' | 'quarter';

export interface Period {
  id: string;
  kind: PeriodKind;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/;

/** Days after a period ends that its report is due (issue 7 §2: "due 10 days after the period ends"). */
export const REPORT_GRACE_DAYS = 10;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Add days to a 'yyyy-mm-dd' date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A period from its id, or null when the id is not 'yyyy-mm' or 'yyyy-Qn'. */
export function parsePeriod(id: string): Period | null {
  const m = PERIOD_PATTERN.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]!.startsWith('Q')) {
    const q = Number(m[2]!.slice(1));
    const first = (q - 1) * 3 + 1;
    return { id, kind: 'quarter', start: `${year}-${pad(first)}-01`, end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
  }
  const month = Number(m[2]);
  return { id, kind: 'month', start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

/** The quarter a date falls in ('2023-05-04' → '2023-Q2'). */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The day a period's report is due: 10 days after its last day. */
export function reportDueOn(period: Period): string {
  return addDays(period.end, REPORT_GRACE_DAYS);
}

/**
 * Whether a period falls within an item's time (issue 7 §2): it must overlap starts_on..due_on, so
 * an item running 2023-02-15..2023-11-30 takes reports for 2023-Q1 … 2023-Q4 and 2023-02 … 2023-11.
 */
export function periodWithinItem(period: Period, startsOn: string, dueOn: string): boolean {
  return period.end >= startsOn && period.start <= dueOn;
}

/** Every quarter that overlaps starts_on..due_on, in order. */
export function quartersOf(startsOn: string, dueOn: string): Period[] {
  const out: Period[] = [];
  let q = quarterOf(startsOn);
  for (let guard = 0; guard < 400; guard++) {
    const period = parsePeriod(q)!;
    if (period.start > dueOn) break;
    out.push(period);
    q = quarterOf(addDays(period.end, 1));
  }
  return out;
}

/** The months of a quarter ('2023-Q2' → ['2023-04', '2023-05', '2023-06']). */
export function monthsOf(quarter: Period): string[] {
  const first = Number(quarter.start.slice(5, 7));
  return [0, 1, 2].map((i) => `${quarter.start.slice(0, 4)}-${pad(first + i)}`);
}

export interface DueItem { id: number; startsOn: string; dueOn: string; done: boolean; unionIds: readonly string[] }
export interface ReportState { id: number; itemId: number; unionId: string; period: string; status: 'draft' | 'submitted' | 'accepted' | 'returned'; reviewNote?: string | null }
export interface OwedReport {
  itemId: number;
  unionId: string;
  period: string;
  /** 10 days after the quarter ends. */
  dueOn: string;
  /** Days from today to dueOn (negative: overdue by that many days). */
  daysLeft: number;
  overdue: boolean;
  /** The union's report for the quarter in progress (a draft, or returned with a note), if any. */
  report: ReportState | null;
}

const DONE: ReadonlySet<string> = new Set(['submitted', 'accepted']);

/**
 * Which reports are owed (issue 7 §2, kept quarterly — no per-item frequency column): each
 * responsible union of each open item owes one report per quarter of the item's time, from the
 * quarter's first day on, due 10 days after the quarter ends. A quarter is covered by its quarterly
 * report submitted or accepted, or by submitted/accepted monthly reports for all three of its months.
 * Drafts and returned reports do not cover it; they are shown with the owed report.
 */
export function owedReports(items: readonly DueItem[], reports: readonly ReportState[], today: string): OwedReport[] {
  const byKey = new Map<string, ReportState>();
  for (const r of reports) byKey.set(`${r.itemId}|${r.unionId}|${r.period}`, r);
  const out: OwedReport[] = [];
  for (const item of items) {
    if (item.done) continue;
    for (const quarter of quartersOf(item.startsOn, item.dueOn)) {
      if (quarter.start > today) break;
      for (const unionId of item.unionIds) {
        const key = (p: string) => `${item.id}|${unionId}|${p}`;
        const own = byKey.get(key(quarter.id)) ?? null;
        const covered = (own && DONE.has(own.status)) || monthsOf(quarter).every((m) => DONE.has(byKey.get(key(m))?.status ?? ''));
        if (covered) continue;
        const dueOn = reportDueOn(quarter);
        const daysLeft = daysBetween(today, dueOn);
        out.push({ itemId: item.id, unionId, period: quarter.id, dueOn, daysLeft, overdue: daysLeft < 0, report: own });
      }
    }
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.itemId - b.itemId || a.unionId.localeCompare(b.unionId));
}

/** Days before a due date that reminders go out (issue 7 §2 brief: 7 and 1 days before). */
export const REMINDER_DAYS = [7, 1] as const;

/**
 * The reminder occasion for a due date seen on `today`: 'due-1' from one day before, 'due-7' from
 * seven days before, 'overdue' once past it, otherwise null. Only the nearest occasion counts, so a
 * job that missed the 7-day day does not send two reminders at once.
 */
export function reminderOccasion(dueOn: string, today: string, options: { overdue?: boolean } = {}): 'due-7' | 'due-1' | 'overdue' | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return options.overdue ? 'overdue' : null;
  if (left <= REMINDER_DAYS[1]) return 'due-1';
  if (left <= REMINDER_DAYS[0]) return 'due-7';
  return null;
}
