import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import type { ItemProgress } from './progress.js';
import type { ItemStatus } from './status.js';

// The yearly report's and the dashboard's data (issue 7 §5, §6), and the pure sums over it. Every
// item's value, percent and status come from itemProgress (progress.ts) as they are; here they are
// only counted and averaged by area and by federation.

export type Translate = (key: MessageKey, params?: MessageParams) => string;
export type Federation = '50' | '51';

export interface SignoffInfo { name: string; at: string }

/** An item as the report prints it: itemProgress's figures and status, with its unions, source and sign-offs. */
export interface YearlyItem extends Pick<ItemProgress, 'value' | 'target' | 'unit' | 'percent' | 'status' | 'awaitingSignOff'> {
  id: number;
  code: string;
  title: string;
  lead: string;
  /** Responsible unions by side, lead first. */
  unions: Record<Federation, string[]>;
  unionIds: string[];
  startsOn: string;
  dueOn: string;
  /** The status rule as a sentence in the reader's language. */
  rule: string;
  /** Where the value comes from: the indicator in words, or "entered by hand with evidence". */
  source: string;
  computed: boolean;
  signoffs: Partial<Record<Federation, SignoffInfo>>;
}

export interface YearlyArea { id: number; name: string; description: string; percent: number; items: YearlyItem[] }

export interface YearlyReport {
  union: string;
  federation: Federation;
  itemCode: string;
  itemTitle: string;
  period: string;
  status: 'submitted' | 'accepted' | 'returned';
  highlight: boolean;
  body: string;
  figures: string;
  submittedAt: string;
  reviewedAt: string;
  reviewedBy: string;
  reviewNote: string;
}

export interface YearlyMeeting {
  id: number;
  title: string;
  heldOn: string;
  place: string;
  host: string;
  status: 'planned' | 'held';
  speeches: number;
  decisions: { text: string; item: string | null; owner: string; dueOn: string | null }[];
}

export interface YearlyData {
  agreement: { id: number; title: string; parties: string[]; signedOn: string };
  year: number;
  /** The China date the statuses are as of. */
  today: string;
  generatedAt: string;
  federations: Record<Federation, string>;
  areas: YearlyArea[];
  reports: YearlyReport[];
  meetings: YearlyMeeting[];
}

export type StatusCounts = Record<ItemStatus, number> & { total: number; awaitingSignOff: number };

/** How many items are in each status light (and awaiting sign-off). */
export function countStatuses(items: readonly Pick<YearlyItem, 'status' | 'awaitingSignOff'>[]): StatusCounts {
  const counts: StatusCounts = { total: items.length, on_track: 0, at_risk: 0, late: 0, done: 0, awaitingSignOff: 0 };
  for (const i of items) {
    counts[i.status]++;
    if (i.awaitingSignOff) counts.awaitingSignOff++;
  }
  return counts;
}

/** An area's progress: the mean of its items' percents to 1 decimal (0 for an empty area). */
export function meanPercent(items: readonly Pick<YearlyItem, 'percent'>[]): number {
  if (!items.length) return 0;
  return Math.round((items.reduce((s, i) => s + i.percent, 0) / items.length) * 10) / 10;
}

/** Highlights for the report: accepted reports marked as highlights. */
export const highlightsOf = (reports: readonly YearlyReport[]): YearlyReport[] => reports.filter((r) => r.highlight && r.status === 'accepted');

/** Figures of a report as one line: "联合宣讲 13 场；覆盖职工 2,600 人次". */
export function figuresText(figures: readonly { label: string; value: number; unit?: string }[]): string {
  return figures.map((f) => `${f.label} ${f.value.toLocaleString('en-US')}${f.unit ? ` ${f.unit}` : ''}`).join('；');
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Items not done, nearest due date first (overdue ones first), with the days left (negative: overdue). */
export function dueDates(items: readonly YearlyItem[], today: string, limit: number) {
  return items.filter((i) => i.status !== 'done')
    .map((i) => ({ item: i, daysLeft: dayNumber(i.dueOn) - dayNumber(today) }))
    .sort((a, b) => a.item.dueOn.localeCompare(b.item.dueOn) || a.item.code.localeCompare(b.item.code))
    .slice(0, limit);
}

/** The yearly report's file name: 《…》2023年度工作报告. */
export const reportFileName = (t: Translate, data: Pick<YearlyData, 'agreement' | 'year'>, ext: 'pdf' | 'xlsx'): string =>
  `${t('coop.yearly.file_name', { year: data.year })}.${ext}`;
