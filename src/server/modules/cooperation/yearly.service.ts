import { translate, type Lang } from '../../../shared/i18n/index.js';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { todayIso } from '../jobs/postings.service.js';
import { chinaDateTime } from '../stats/report-data.js';
import { canViewCooperation } from './cooperation.policy.js';
import { parseIndicator } from './indicators.js';
import { owedReports } from './periods.js';
import { itemProgress } from './progress.js';
import {
  countStatuses, dueDates, figuresText, meanPercent, reportFileName, type Federation, type Translate, type YearlyArea, type YearlyData, type YearlyItem,
} from './yearly-data.js';
import { buildYearlyPdf } from './yearly-pdf.js';
import { buildYearlyXlsx } from './yearly-xlsx.js';
import type { Dashboard, DashboardAgreements } from './yearly.schemas.js';
import * as repo from './yearly.repo.js';

// The yearly report (issue 7 §5) and the leaders' dashboard (§6): any union's staff read them. Every
// item's figures are itemProgress's (progress.ts), never recomputed; downloads are audited.

export const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
export interface YearlyFile { name: string; mime: string; data: Buffer; ms: number; pages?: number }

const translator = (lang: Lang): Translate => (key, params) => translate(lang, key, params);

function requireView(actor: Actor | null): asserts actor is Actor {
  if (!canViewCooperation(actor)) throw forbidden();
}

/** The source of an item's value in words. */
function sourceOf(t: Translate, raw: unknown, names: Awaited<ReturnType<typeof repo.sourceNames>>): string {
  if (raw === null || raw === undefined) return t('coop.yearly.source.manual');
  const spec = parseIndicator(raw);
  if (!spec) return t('coop.yearly.source.unknown');
  switch (spec.kind) {
    case 'livestreams_held': return t('coop.yearly.source.livestreams_held', { season: names.seasons.get(spec.seasonId) ?? `#${spec.seasonId}` });
    case 'season_figure': return t('coop.yearly.source.season_figure', { season: names.seasons.get(spec.seasonId) ?? `#${spec.seasonId}`, figure: t(`coop.yearly.figure_name.${spec.figure}`) });
    case 'joint_contests': return t('coop.yearly.source.joint_contests', { year: spec.year });
    case 'contest_finalists': return t('coop.yearly.source.contest_finalists', { contest: names.contests.get(spec.contestId) ?? `#${spec.contestId}` });
  }
}

/** A report period in words: 2023年第2季度, 2023年3月. */
export function periodLabel(t: Translate, period: string): string {
  const [year, part] = period.split('-') as [string, string];
  return part.startsWith('Q') ? t('coop.yearly.period.quarter', { year, q: part.slice(1) }) : t('coop.yearly.period.month', { year, m: Number(part) });
}

/** One year of an agreement: areas and items with their progress, reports, meetings. */
export async function yearlyData(ctx: AppContext, agreementId: number, year: number, t: Translate, today = todayIso()): Promise<YearlyData> {
  const agreement = await repo.findAgreement(ctx.db, agreementId);
  if (!agreement) throw notFound('coop.agreement_not_found');
  const [areas, items, federations] = await Promise.all([repo.listAreas(ctx.db, agreementId, year), repo.listItems(ctx.db, agreementId, year), repo.federationNames(ctx.db)]);
  const ids = items.map((i) => i.id);
  const specs = items.map((i) => parseIndicator(i.indicator)).filter((s) => s !== null);
  const [progress, unions, signoffs, reports, meetings, names] = await Promise.all([
    itemProgress(ctx, ids, today), repo.listItemUnions(ctx.db, ids), repo.listSignoffs(ctx.db, ids), repo.listReports(ctx.db, ids),
    repo.listMeetings(ctx.db, agreementId, { year }),
    repo.sourceNames(ctx.db, specs.flatMap((s) => ('seasonId' in s ? [s.seasonId] : [])), specs.flatMap((s) => ('contestId' in s ? [s.contestId] : []))),
  ]);
  const byArea = new Map<number, YearlyArea>(areas.map((a) => [a.id, { id: a.id, name: a.name, description: a.description, percent: 0, items: [] }]));
  for (const it of items) {
    const p = progress.get(it.id);
    if (!p) continue;
    const own = unions.filter((u) => u.item_id === it.id);
    const signed: YearlyItem['signoffs'] = {};
    for (const s of signoffs.filter((x) => x.item_id === it.id)) signed[s.federation] = { name: s.user_name, at: chinaDateTime(s.signed_at) };
    byArea.get(it.area_id)?.items.push({
      id: it.id, code: it.code, title: it.title, lead: it.lead_name,
      unions: { 50: own.filter((u) => u.federation === '50').map((u) => u.name), 51: own.filter((u) => u.federation === '51').map((u) => u.name) },
      unionIds: own.map((u) => u.id), startsOn: it.starts_on, dueOn: it.due_on,
      value: p.value, target: p.target, unit: p.unit, percent: p.percent, status: p.status, awaitingSignOff: p.awaitingSignOff,
      rule: t(p.rule as Parameters<Translate>[0], p.ruleParams), source: sourceOf(t, it.indicator, names), computed: it.progress_kind === 'indicator', signoffs: signed,
    });
  }
  for (const area of byArea.values()) area.percent = meanPercent(area.items);
  return {
    agreement: { id: agreement.id, title: agreement.title, parties: agreement.parties, signedOn: agreement.signed_on },
    year, today, generatedAt: chinaDateTime(new Date()),
    federations: { 50: federations.get('50') ?? '重庆市总工会', 51: federations.get('51') ?? '四川省总工会' },
    areas: [...byArea.values()],
    reports: reports.map((r) => ({
      union: r.union_name, federation: r.federation, itemCode: r.item_code, itemTitle: r.item_title, period: periodLabel(t, r.period),
      status: r.status as 'submitted' | 'accepted' | 'returned', highlight: r.is_highlight, body: r.body, figures: figuresText(r.figures),
      submittedAt: r.submitted_at ? chinaDateTime(r.submitted_at) : '', reviewedAt: r.reviewed_at ? chinaDateTime(r.reviewed_at) : '',
      reviewedBy: r.reviewed_by_name ?? '', reviewNote: r.review_note ?? '',
    })),
    meetings: meetings.map((m) => ({
      id: m.id, title: m.title, heldOn: m.held_on, place: m.place, host: m.host_name, status: m.status, speeches: m.speeches,
      decisions: m.decisions.map((d) => ({ text: d.text, item: d.item_code ? `${d.item_code} ${d.item_title ?? ''}`.trim() : null, owner: d.owner_name ?? '', dueOn: d.due_on })),
    })),
  };
}

/** The year's report as PDF or .xlsx (one click on the dashboard), audited. */
export async function yearlyReport(ctx: AppContext, actor: Actor | null, agreementId: number, year: number, format: 'pdf' | 'xlsx', lang: Lang, meta: RequestMeta): Promise<YearlyFile> {
  requireView(actor);
  const started = performance.now();
  const t = translator(lang);
  const data = await yearlyData(ctx, agreementId, year, t);
  const file = format === 'pdf' ? await buildYearlyPdf(data, resolveCjkFonts(ctx.config.pdfFont), t) : { data: await buildYearlyXlsx(data, t), pages: undefined };
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: `coop.yearly.${format}`, subjectType: 'agreement', subjectId: String(agreementId),
    subjectLabel: `${data.agreement.title} ${year}`, scopePrefix: null, ip: meta.ip, requestId: meta.requestId,
  });
  return { name: reportFileName(t, data, format), mime: MIME[format], data: file.data, ms: Math.round(performance.now() - started), ...(file.pages ? { pages: file.pages } : {}) };
}

/** Agreements and their years, for the dashboard's picker. */
export async function dashboardAgreements(ctx: AppContext, actor: Actor | null): Promise<DashboardAgreements> {
  requireView(actor);
  const rows = await repo.listAgreementYears(ctx.db);
  return { today: todayIso(), agreements: rows.map((r) => ({ id: r.id, title: r.title, signedOn: r.signed_on, status: r.status, years: r.years.map(Number) })) };
}

const FEDERATIONS: Federation[] = ['50', '51'];

/** One screen for federation leaders: lights, areas, each federation's items and overdue reports, due dates, meetings. */
export async function dashboard(ctx: AppContext, actor: Actor | null, agreementId: number, requested: number | undefined, lang: Lang, today = todayIso()): Promise<Dashboard> {
  requireView(actor);
  const year = requested ?? Number(today.slice(0, 4));
  const t = translator(lang);
  const data = await yearlyData(ctx, agreementId, year, t, today);
  const items = data.areas.flatMap((a) => a.items);
  const [states, unionRows, latest] = await Promise.all([
    repo.reportStates(ctx.db, items.map((i) => i.id)), repo.listItemUnions(ctx.db, items.map((i) => i.id)), repo.listMeetings(ctx.db, agreementId, { year: null, limit: 4 }),
  ]);
  const unionInfo = new Map(unionRows.map((u) => [u.id, u]));
  const owed = owedReports(
    items.map((i) => ({ id: i.id, startsOn: i.startsOn, dueOn: i.dueOn, done: i.status === 'done', unionIds: i.unionIds })),
    states.map((s) => ({ id: s.id, itemId: s.item_id, unionId: s.union_id, period: s.period, status: s.status })),
    today,
  ).filter((o) => o.overdue);
  const byId = new Map(items.map((i) => [i.id, i]));
  const brief = (i: YearlyItem) => ({ id: i.id, code: i.code, title: i.title, dueOn: i.dueOn, percent: i.percent, status: i.status, awaitingSignOff: i.awaitingSignOff, lead: i.lead });
  return {
    agreement: { id: data.agreement.id, title: data.agreement.title }, year, today,
    counts: countStatuses(items),
    areas: data.areas.map((a) => ({ id: a.id, name: a.name, percent: a.percent, counts: countStatuses(a.items) })),
    federations: FEDERATIONS.map((fed) => {
      const mine = items.filter((i) => i.unions[fed].length > 0);
      const late = owed.filter((o) => unionInfo.get(o.unionId)?.federation === fed);
      return {
        federation: fed, name: data.federations[fed], counts: countStatuses(mine), overdueReports: late.length,
        attention: mine.filter((i) => i.status === 'late' || i.status === 'at_risk').map((i) => ({ id: i.id, code: i.code, title: i.title, status: i.status })),
        overdue: late.slice(0, 6).map((o) => ({
          itemId: o.itemId, code: byId.get(o.itemId)!.code, title: byId.get(o.itemId)!.title, union: unionInfo.get(o.unionId)?.name ?? '',
          period: periodLabel(t, o.period), dueOn: o.dueOn, daysLate: -o.daysLeft, reportStatus: o.report?.status ?? null,
        })),
      };
    }),
    dueDates: dueDates(items, today, 8).map((d) => ({ ...brief(d.item), daysLeft: d.daysLeft })),
    meetings: latest.map((m) => ({ id: m.id, title: m.title, heldOn: m.held_on, place: m.place, host: m.host_name, status: m.status, decisions: m.decisions.length })),
    highlights: data.reports.filter((r) => r.highlight && r.status === 'accepted').length,
    downloads: {
      pdf: `/api/cooperation/agreements/${agreementId}/yearly/${year}.pdf`,
      xlsx: `/api/cooperation/agreements/${agreementId}/yearly/${year}.xlsx`,
    },
  };
}
