// The status light of a work item (issue 7 §1), pure, with the rule shown to users:
//   done     — both federations signed off;
//   on track — progress ≥ 100 % without both sign-offs ("awaiting sign-off", 待双方确认);
//   late     — past due_on (China date) and not done;
//   at risk  — not done and (elapsed % of starts_on → due_on) − progress % > 25 points;
//   on track — otherwise.
// Dates are China dates ('YYYY-MM-DD'); progress is min(value / target, 1) × 100 to 1 decimal.

export type ItemStatus = 'done' | 'late' | 'at_risk' | 'on_track';

export const STATUSES: readonly ItemStatus[] = ['on_track', 'at_risk', 'late', 'done'];

/** Points by which progress may trail the time elapsed before an item is at risk. */
export const AT_RISK_GAP = 25;

export type StatusRule =
  | 'coop.items.rule.done'
  | 'coop.items.rule.awaiting_signoff'
  | 'coop.items.rule.late'
  | 'coop.items.rule.at_risk'
  | 'coop.items.rule.on_track';

export interface StatusResult {
  status: ItemStatus;
  awaitingSignOff: boolean;
  /** i18n key of the rule that decided the status (server and web catalogues both carry it). */
  rule: StatusRule;
  /** The numbers the rule names: elapsed % of the item's time, its progress %, its due date, the gap. */
  ruleParams: { elapsed: number; percent: number; dueOn: string; gap: number };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** percent = min(value / target, 1) × 100, rounded to 1 decimal (0 when the target is not positive). */
export function percentOf(value: number, target: number): number {
  if (!(target > 0) || !(value > 0)) return 0;
  return round1(Math.min(value / target, 1) * 100);
}

/** The China date (UTC+8, no daylight saving) of an instant, 'YYYY-MM-DD'. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const dayNumber = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** How much of starts_on → due_on has passed on `today`, 0–100 to 1 decimal (the due date itself counts as 100). */
export function elapsedPercent(startsOn: string, dueOn: string, today: string): number {
  const start = dayNumber(startsOn);
  const due = dayNumber(dueOn);
  const now = dayNumber(today);
  if (now >= due) return 100;
  if (now <= start) return 0;
  return round1(((now - start) / (due - start)) * 100);
}

export function itemStatus(input: {
  startsOn: string;
  dueOn: string;
  percent: number;
  /** Federations that signed off ('50', '51'). */
  signedBy: readonly string[];
  today: string;
}): StatusResult {
  const { startsOn, dueOn, percent, today } = input;
  const elapsed = elapsedPercent(startsOn, dueOn, today);
  // Tenths as integers, so 25.0 points is exactly the boundary (not at risk).
  const gap = (Math.round(elapsed * 10) - Math.round(percent * 10)) / 10;
  const ruleParams = { elapsed, percent, dueOn, gap: Math.max(0, gap) };
  const done = input.signedBy.includes('50') && input.signedBy.includes('51');
  if (done) return { status: 'done', awaitingSignOff: false, rule: 'coop.items.rule.done', ruleParams };
  if (percent >= 100) return { status: 'on_track', awaitingSignOff: true, rule: 'coop.items.rule.awaiting_signoff', ruleParams };
  if (today > dueOn) return { status: 'late', awaitingSignOff: false, rule: 'coop.items.rule.late', ruleParams };
  if (gap > AT_RISK_GAP) return { status: 'at_risk', awaitingSignOff: false, rule: 'coop.items.rule.at_risk', ruleParams };
  return { status: 'on_track', awaitingSignOff: false, rule: 'coop.items.rule.on_track', ruleParams };
}
