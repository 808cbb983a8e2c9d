import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';

// What a season or event report says, assembled from the records per employer (pure: the rows come
// from reports.repo). Breakdowns add employers up, so every table's total is the report's total.

export type Translate = (key: MessageKey, params?: MessageParams) => string;
export type Federation = '50' | '51';
export const FEDERATIONS: readonly Federation[] = ['50', '51'];

/** What employers brought and did at their booths: the columns that add up. */
export interface BoothFigures {
  postings: number;
  openings: number;
  consultations: number;
  interviews: number;
  intentsProposed: number;
  /** Confirmed by the visitor: what the season's `intents` figure counts. */
  intents: number;
}
const BOOTH_FIGURES = ['postings', 'openings', 'consultations', 'interviews', 'intentsProposed', 'intents'] as const;

/** What one employer brought and did at the season (or the event). */
export interface EmployerRow extends BoothFigures {
  id: string;
  name: string;
  creditCode: string;
  regionCode: string;
  /** The employer's district as people say it: 沙坪坝区, 广安市华蓥市. */
  regionName: string;
  industrySection: string;
  industryName: string;
  /** Approved sign-ups (events it takes part in). */
  signups: number;
  /** Its booths: just the numbers when the report has one fair with booths, else each with its fair's name. */
  booths: string;
}

/** A breakdown line: the employers of one region or industry added up. */
export interface BreakdownRow extends BoothFigures {
  key: string;
  label: string;
  /** The province, when the key belongs to one (a city); null when both provinces are added up (an industry). */
  federation: Federation | null;
  enterprises: number;
}

export interface JobTypeRow { code: string; name: string; federation: Federation; postings: number; openings: number; intents: number }

/** The headline figures, as GET /api/seasons/:id/stats names them. */
export interface Figures {
  enterprises: number; jobTypes: number; positions: number; openings: number;
  checkins: number; consultations: number; interviews: number; intents: number;
}
export interface ReportFigures extends Figures { byFederation: Record<Federation, Figures> }

export interface EventRow {
  id: number; kind: string; name: string; startsAt: Date; endsAt: Date; venue: string; regionName: string; host: string; status: string;
  enterprises: number; booths: number; registered: number; checkins: number; consultations: number; interviews: number; intents: number;
}

export interface LivestreamRow {
  id: number; name: string; startsAt: Date; host: string; platform: string; featured: number; viewers: number; applications: number; intents: number;
}

/** A posting a livestream featured. */
export interface FeaturedRow { title: string; enterprise: string; federation: Federation; salary: string; headcount: number }

export interface ReportData {
  kind: 'season' | 'event';
  /** An event report's kind of event: a livestream's report is about its room. */
  eventKind?: string;
  featured?: FeaturedRow[];
  name: string;
  /** Lines under the title: theme, dates, hosts; or the event's time and place. */
  lines: string[];
  generatedAt: Date;
  figures: ReportFigures;
  /** Visitors registered (an event report). */
  registered?: number;
  employers: EmployerRow[];
  /** Booths at more than one fair: each booth is written with its fair's name. */
  boothsNamed: boolean;
  regions: BreakdownRow[];
  industries: BreakdownRow[];
  jobTypes: JobTypeRow[];
  events: EventRow[];
  livestreams: LivestreamRow[];
}

export const federationOf = (regionCode: string): Federation => regionCode.slice(0, 2) as Federation;

/**
 * Employers added up by a key (their city, their industry). An employer counts as an enterprise
 * when it has an approved sign-up, as the season's figure counts it; its records count either way.
 */
export function breakdown(rows: EmployerRow[], keyOf: (row: EmployerRow) => { key: string; label: string }, options: { byFederation: boolean }): BreakdownRow[] {
  const out = new Map<string, BreakdownRow>();
  for (const r of rows) {
    const { key, label } = keyOf(r);
    const federation = options.byFederation ? federationOf(r.regionCode) : null;
    const id = `${federation}:${key}`;
    let b = out.get(id);
    if (!b) out.set(id, (b = { key, label, federation, enterprises: 0, postings: 0, openings: 0, consultations: 0, interviews: 0, intentsProposed: 0, intents: 0 }));
    if (r.signups > 0) b.enterprises++;
    for (const f of BOOTH_FIGURES) b[f] += r[f];
  }
  return [...out.values()].sort((a, b) => b.enterprises - a.enterprises || b.postings - a.postings || (a.federation ?? '').localeCompare(b.federation ?? '') || a.key.localeCompare(b.key));
}

/** Job types of both provinces as one line each, most postings first. */
export function mergeJobTypes(rows: JobTypeRow[]): Omit<JobTypeRow, 'federation'>[] {
  const out = new Map<string, Omit<JobTypeRow, 'federation'>>();
  for (const r of rows) {
    const m = out.get(r.code) ?? { code: r.code, name: r.name, postings: 0, openings: 0, intents: 0 };
    m.postings += r.postings;
    m.openings += r.openings;
    m.intents += r.intents;
    out.set(r.code, m);
  }
  return [...out.values()].sort((a, b) => b.postings - a.postings || b.intents - a.intents || a.code.localeCompare(b.code));
}

const zero = (): Figures => ({ enterprises: 0, jobTypes: 0, positions: 0, openings: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 });

/**
 * One event's figures from its records, by the season's rules (issue 5 §7): employer-side figures
 * for the employer's province, check-ins for the host union's; a job type offered in both provinces
 * is one job type.
 */
export function eventFigures(employers: EmployerRow[], jobTypes: JobTypeRow[], checkins: number, hostFederation: Federation): ReportFigures {
  const by: Record<Federation, Figures> = { 50: zero(), 51: zero() };
  for (const r of employers) {
    const f = by[federationOf(r.regionCode)];
    if (r.signups > 0) f.enterprises++;
    f.positions += r.postings;
    f.openings += r.openings;
    f.consultations += r.consultations;
    f.interviews += r.interviews;
    f.intents += r.intents;
  }
  for (const fed of FEDERATIONS) by[fed].jobTypes = new Set(jobTypes.filter((j) => j.federation === fed && j.postings > 0).map((j) => j.code)).size;
  by[hostFederation].checkins = checkins;
  const total = zero();
  for (const key of Object.keys(total) as (keyof Figures)[]) total[key] = by[50][key] + by[51][key];
  total.jobTypes = new Set(jobTypes.filter((j) => j.postings > 0).map((j) => j.code)).size;
  return { ...total, byFederation: by };
}

const CHINA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 2023-02-25 09:00 in China time, whatever the server's clock zone. */
export function chinaDateTime(at: Date): string {
  const p = Object.fromEntries(CHINA.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** An event's time: 2023-02-25 09:00–17:00, or both ends in full when it spans days. */
export function chinaTimeRange(from: Date, to: Date): string {
  const a = chinaDateTime(from);
  const b = chinaDateTime(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

/** How an employer's booths read: A01 at one fair; 三峡广场开幕式招聘会 A01、华蓥专场招聘会 A03 across several. */
export function boothLabels(booths: { eventId: number; number: string }[][], eventName: (id: number) => string): { labels: string[]; named: boolean } {
  const named = new Set(booths.flat().map((b) => b.eventId)).size > 1;
  return { named, labels: booths.map((list) => list.map((b) => (named ? `${eventName(b.eventId)} ${b.number}` : b.number)).join('、')) };
}

/** A posting's pay as reports and cards print it. */
export function salaryText(p: { salary_negotiable: boolean; salary_min: number | null; salary_max: number | null }, t: Translate): string {
  if (p.salary_negotiable || p.salary_min === null) return t('reports.salary.negotiable');
  return p.salary_max !== null && p.salary_max !== p.salary_min ? t('reports.salary.range', { min: p.salary_min, max: p.salary_max }) : t('reports.salary.from', { min: p.salary_min });
}

/** A name made safe for a file name (no path separators or characters Windows refuses). */
export const fileSafe = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 120);
