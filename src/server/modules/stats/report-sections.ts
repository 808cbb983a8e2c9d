import type { MessageKey } from '../../../shared/i18n/index.js';
import { chinaDateTime, chinaTimeRange, FEDERATIONS, mergeJobTypes, type BreakdownRow, type ReportData, type Translate } from './report-data.js';

// The report's tables, once, for both the workbook and the PDF: each a title, columns (with a
// relative width for the PDF) and rows of text and numbers, with a total line where sums make sense.

export type { Translate };
export type Cell = string | number;

export interface SectionColumn { header: string; weight: number; numeric?: boolean }
export interface Section {
  key: 'federation' | 'region' | 'industry' | 'job_type' | 'employers' | 'events' | 'featured' | 'livestreams';
  title: string;
  note?: string;
  columns: SectionColumn[];
  rows: Cell[][];
  total?: Cell[];
}

/** The employer-side figures of the breakdown and employer tables (intents short: the tables are wide). */
const INTENT_FIGURES = ['reports.fig.enterprises', 'reports.fig.positions', 'reports.fig.openings', 'reports.fig.consultations', 'reports.fig.interviews',
  'reports.col.intents_proposed', 'reports.col.intents'] as const;

const sum = (rows: Cell[][], from: number): Cell[] => {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width - from }, (_, i) => rows.reduce((n, r) => n + (typeof r[from + i] === 'number' ? (r[from + i] as number) : 0), 0));
};

/** The key figures at the head of a report. */
export function keyFigures(data: ReportData, t: Translate): { label: string; value: number }[] {
  const room = data.eventKind === 'livestream' ? data.livestreams[0] : undefined;
  if (room) {
    return [
      { label: t('reports.col.featured'), value: room.featured }, { label: t('reports.col.viewers'), value: room.viewers },
      { label: t('reports.col.applications'), value: room.applications }, { label: t('reports.col.live_intents'), value: room.intents },
    ];
  }
  const f = data.figures;
  return [
    { label: t('reports.fig.enterprises'), value: f.enterprises },
    { label: t('reports.fig.jobTypes'), value: f.jobTypes },
    { label: t('reports.fig.positions'), value: f.positions },
    { label: t('reports.fig.openings'), value: f.openings },
    ...(data.registered !== undefined ? [{ label: t('reports.fig.registered'), value: data.registered }] : []),
    { label: t('reports.fig.checkins'), value: f.checkins },
    { label: t('reports.fig.consultations'), value: f.consultations },
    { label: t('reports.fig.interviews'), value: f.interviews },
    { label: t('reports.fig.intents'), value: f.intents },
  ];
}

function breakdownSection(key: 'region' | 'industry', rows: BreakdownRow[], t: Translate, note?: string): Section {
  const withFederation = key === 'region';
  const body = rows.map((r) => [r.label, ...(withFederation ? [r.federation ? t(`reports.federation.${r.federation}`) : ''] : []),
    r.enterprises, r.postings, r.openings, r.consultations, r.interviews, r.intentsProposed, r.intents]);
  const from = withFederation ? 2 : 1;
  return {
    key, title: t(`reports.section.${key}`), ...(note ? { note } : {}),
    columns: [
      { header: t(`reports.col.${key}`), weight: withFederation ? 2.6 : 4.2 }, ...(withFederation ? [{ header: t('reports.col.federation'), weight: 1 }] : []),
      ...INTENT_FIGURES.map((c) => ({ header: t(c), weight: 1.3, numeric: true })),
    ],
    rows: body,
    total: [t('reports.col.total'), ...(withFederation ? [''] : []), ...sum(body, from)],
  };
}

/** Every table of the report, in reading order. */
export function reportSections(data: ReportData, t: Translate): Section[] {
  // A livestream or a forum has no sign-ups or booths: its report is its room.
  if (data.eventKind === 'livestream' || data.eventKind === 'forum') return [...featuredSection(data, t), ...livestreamSection(data, t)];
  return [...employerSections(data, t), ...eventsSection(data, t), ...livestreamSection(data, t)];
}

/** The postings a livestream presented, from both provinces. */
function featuredSection(data: ReportData, t: Translate): Section[] {
  if (!data.featured) return [];
  return [{
    key: 'featured', title: t('reports.col.featured'),
    columns: [
      { header: t('reports.csv.posting'), weight: 3 }, { header: t('reports.col.enterprise'), weight: 4 }, { header: t('reports.col.federation'), weight: 1 },
      { header: t('reports.csv.salary'), weight: 2.2 }, { header: t('reports.fig.openings'), weight: 1.2, numeric: true },
    ],
    rows: data.featured.map((p) => [p.title, p.enterprise, t(`reports.federation.${p.federation}`), p.salary, p.headcount]),
  }];
}

/** What the employers brought and did: by province, region, industry, job type, and each employer. */
function employerSections(data: ReportData, t: Translate): Section[] {
  const f = data.figures;
  const figureKeys = ['enterprises', 'jobTypes', 'positions', 'openings', 'checkins', 'consultations', 'interviews', 'intents'] as const;
  const sections: Section[] = [{
    key: 'federation', title: t('reports.section.federation'), note: t('reports.note.federation'),
    columns: [{ header: t('reports.col.federation'), weight: 1.6 }, ...figureKeys.map((k) => ({ header: t(k === 'intents' ? 'reports.col.intents' : `reports.fig.${k}`), weight: 1.3, numeric: true }))],
    rows: FEDERATIONS.map((fed) => [t(`reports.federation.${fed}`), ...figureKeys.map((k) => f.byFederation[fed][k])]),
    // A job type of both provinces is one job type: the total is the report's, not a sum.
    total: [t('reports.col.total'), ...figureKeys.map((k) => f[k])],
  },
  breakdownSection('region', data.regions, t, t('reports.note.region')),
  breakdownSection('industry', data.industries, t)];

  const jobTypes = mergeJobTypes(data.jobTypes).map((j) => [j.name, j.postings, j.openings, j.intents]);
  sections.push({
    key: 'job_type', title: t('reports.section.job_type'),
    columns: [{ header: t('reports.col.job_type'), weight: 3 }, ...(['positions', 'openings', 'intents'] as const).map((k) => ({ header: t(`reports.fig.${k}`), weight: 1.4, numeric: true }))],
    rows: jobTypes, total: [t('reports.col.total'), ...sum(jobTypes, 1)],
  });

  const employers = data.employers.map((e) => [e.name, e.creditCode, e.regionName, e.industryName, e.signups, e.booths,
    e.postings, e.openings, e.consultations, e.interviews, e.intentsProposed, e.intents]);
  sections.push({
    key: 'employers', title: t('reports.section.employers'), note: t('reports.note.employers'),
    columns: [
      { header: t('reports.col.enterprise'), weight: 4.6 }, { header: t('reports.col.credit_code'), weight: 3 }, { header: t('reports.col.region'), weight: 2.2 },
      { header: t('reports.col.industry'), weight: 2.4 }, { header: t('reports.col.signups'), weight: 1.3, numeric: true }, { header: t('reports.col.booth'), weight: data.boothsNamed ? 2.8 : 1.3 },
      ...INTENT_FIGURES.slice(1).map((c) => ({ header: t(c), weight: 1.2, numeric: true })),
    ],
    rows: employers, total: [t('reports.col.total'), '', '', '', ...sum(employers, 4).map((v, i) => (i === 1 ? '' : v))],
  });

  return sections;
}

function eventsSection(data: ReportData, t: Translate): Section[] {
  if (data.kind !== 'season') return [];
  const events = data.events.map((e) => [e.name, t(`reports.kind.${e.kind}` as MessageKey), chinaTimeRange(e.startsAt, e.endsAt), e.host, e.venue || e.regionName,
    t(`reports.event_status.${e.status}` as MessageKey), e.enterprises, e.booths, e.registered, e.checkins, e.consultations, e.interviews, e.intents]);
  return [{
    key: 'events', title: t('reports.section.events'),
    columns: [
      { header: t('reports.col.event'), weight: 3.2 }, { header: t('reports.col.kind'), weight: 1.4 }, { header: t('reports.col.time'), weight: 3.1 },
      { header: t('reports.col.host'), weight: 2.3 }, { header: t('reports.col.venue'), weight: 2.3 }, { header: t('reports.col.status'), weight: 1 },
      ...(['reports.fig.enterprises', 'reports.col.booth', 'reports.fig.registered', 'reports.fig.checkins', 'reports.fig.consultations', 'reports.fig.interviews', 'reports.col.intents'] as const)
        .map((c) => ({ header: t(c), weight: c === 'reports.col.intents' ? 1.3 : 1.1, numeric: true })),
    ],
    rows: events, total: [t('reports.col.total'), '', '', '', '', '', ...sum(events, 6)],
  }];
}

/** The season's livestream sessions (always listed, even none yet: the season has a goal for them), or the one event's room. */
function livestreamSection(data: ReportData, t: Translate): Section[] {
  if (!data.livestreams.length && data.kind !== 'season') return [];
  const live = data.livestreams.map((l) => [l.name, chinaDateTime(l.startsAt).slice(0, 10), l.host, l.platform, l.featured, l.viewers, l.applications, l.intents]);
  return [{
    key: 'livestreams', title: t('reports.section.livestreams'), note: t('reports.note.livestreams'),
    columns: [
      { header: t('reports.col.session'), weight: 3.6 }, { header: t('reports.col.date'), weight: 1.5 }, { header: t('reports.col.host'), weight: 2.4 },
      { header: t('reports.col.platform'), weight: 1.4 },
      ...(['featured', 'viewers', 'applications', 'live_intents'] as const).map((k) => ({ header: t(`reports.col.${k}`), weight: 1.2, numeric: true })),
    ],
    rows: live, total: [t('reports.col.total'), '', '', '', ...sum(live, 4)],
  }];
}
