import { translate, type Lang } from '../../../shared/i18n/index.js';
import { findIndustrySection } from '../../../shared/industries.js';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { regionIndex, type RegionInfo } from '../orgs/regions.cache.js';
import { canManageEvent, canManageSeason } from '../seasons/seasons.policy.js';
import * as seasons from '../seasons/seasons.repo.js';
import { getStats } from '../seasons/seasons.service.js';
import { intentsCsv } from './intents-csv.js';
import { boothLabels, breakdown, chinaDateTime, chinaTimeRange, eventFigures, federationOf, fileSafe, salaryText, type EmployerRow, type ReportData, type ReportFigures } from './report-data.js';
import { buildReportPdf } from './report-pdf.js';
import type { Translate } from './report-sections.js';
import { buildReportXlsx } from './report-xlsx.js';
import * as repo from './reports.repo.js';

// Season and event reports (issue 5 §8) for the unions that run them: .xlsx and PDF with the same
// tables, and the intents as CSV for follow-up. The season's totals are its live figures (the
// stats service), never counted a second way; the breakdowns add the same records up by employer.

export type ReportFormat = 'xlsx' | 'pdf';
export interface ReportFile { name: string; mime: string; data: Buffer; ms: number; pages?: number }

export const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

const translator = (lang: Lang): Translate => (key, params) => translate(lang, key, params);
const today = () => chinaDateTime(new Date()).slice(0, 10);

/** A district as people name it: Sichuan's by city (广安市), Chongqing's districts themselves (沙坪坝区). */
function cityOf(regions: Map<string, RegionInfo>, code: string): { key: string; label: string } {
  const r = regions.get(code);
  const parent = r?.parentCode ? regions.get(r.parentCode) : undefined;
  const city = parent?.level === 'prefecture' ? parent : r;
  return { key: city?.code ?? code, label: city?.name ?? code };
}

/** The employers with their district, industry and booths as the tables print them. */
function labelEmployers(rows: Awaited<ReturnType<typeof repo.listEmployerFigures>>, regions: Map<string, RegionInfo>, eventName: (id: number) => string) {
  const booths = boothLabels(rows.map((r) => r.boothList), eventName);
  return { boothsNamed: booths.named, employers: rows.map(({ boothList: _, ...r }, i): EmployerRow => ({
    ...r, booths: booths.labels[i]!, regionName: regions.get(r.regionCode)?.fullName.split(' ').slice(1).join('') || r.regionCode,
    industryName: findIndustrySection(r.industrySection)?.name ?? r.industrySection,
  })) };
}

/** Everything a report shows besides its headline figures and title lines. */
async function gather(ctx: AppContext, scope: repo.ReportScope) {
  const [rows, jobTypes, events, livestreams, regions] = await Promise.all([
    repo.listEmployerFigures(ctx.db, scope), repo.listJobTypeFigures(ctx.db, scope), repo.listEventFigures(ctx.db, scope),
    repo.listLivestreams(ctx.db, scope), regionIndex(ctx.db),
  ]);
  const { employers, boothsNamed } = labelEmployers(rows, regions, (id) => events.find((e) => e.id === id)?.name ?? '');
  return {
    employers, boothsNamed, jobTypes, livestreams,
    events: events.map((e) => ({ ...e, regionName: regions.get(e.regionCode)?.name ?? e.regionCode })),
    regions: breakdown(employers, (e) => cityOf(regions, e.regionCode), { byFederation: true }),
    industries: breakdown(employers, (e) => ({ key: e.industrySection, label: `${e.industrySection} ${e.industryName}` }), { byFederation: false }),
  };
}

async function render(data: ReportData, title: string, format: ReportFormat, ctx: AppContext, t: Translate, started: number): Promise<Omit<ReportFile, 'name'>> {
  if (format === 'xlsx') return { mime: MIME.xlsx, data: await buildReportXlsx(data, title, t), ms: Math.round(performance.now() - started) };
  const pdf = await buildReportPdf(data, title, resolveCjkFonts(ctx.config.pdfFont), t);
  return { mime: MIME.pdf, data: pdf.data, pages: pdf.pages, ms: Math.round(performance.now() - started) };
}

const auditDownload = (ctx: AppContext, actor: Actor, meta: RequestMeta, entry: { action: string; subjectType: string; subjectId: number; label: string; scope: string; fields?: string[] }) =>
  recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: entry.action, subjectType: entry.subjectType, subjectId: String(entry.subjectId),
    subjectLabel: entry.label, scopePrefix: entry.scope, ...(entry.fields ? { fields: entry.fields } : {}), ip: meta.ip, requestId: meta.requestId,
  });

/** The season's managers only; a draft season has no report yet. */
async function loadSeason(ctx: AppContext, actor: Actor, seasonId: number) {
  const season = await seasons.findSeason(ctx.db, seasonId);
  if (!season) throw notFound('seasons.not_found');
  if (!canManageSeason(actor, season.owner_scope)) throw forbidden();
  if (season.status === 'draft') throw conflict('reports.season_draft');
  return season;
}

/** The season's report: its live figures, then by province, region, industry, job type, employer, event and livestream. */
export async function seasonReport(ctx: AppContext, actor: Actor, seasonId: number, format: ReportFormat, lang: Lang, meta: RequestMeta): Promise<ReportFile> {
  const season = await loadSeason(ctx, actor, seasonId);
  const started = performance.now();
  const t = translator(lang);
  const [stats, hosts, parts] = await Promise.all([getStats(ctx, seasonId), seasons.listHosts(ctx.db, seasonId), gather(ctx, { seasonId })]);
  const { events: _events, at: _at, ...figures } = stats;
  const data: ReportData = {
    kind: 'season', name: season.name, generatedAt: new Date(), figures: figures satisfies ReportFigures, ...parts,
    lines: [season.theme, t('reports.line.dates', { from: season.starts_on, to: season.ends_on }), hosts.length ? t('reports.line.hosts', { names: hosts.map((h) => h.name).join('、') }) : '']
      .filter(Boolean),
  };
  const title = t('reports.title.season', { name: season.name });
  const file = await render(data, title, format, ctx, t, started);
  const name = `${fileSafe(t('reports.file.season', { name: season.name }))}-${today()}.${format}`;
  await auditDownload(ctx, actor, meta, { action: `report.season_${format}`, subjectType: 'season', subjectId: seasonId, label: name, scope: season.owner_scope });
  return { name, ...file };
}

/** One event's report: its figures counted from its records by the season's rules, its employers, its room if a livestream. */
export async function eventReport(ctx: AppContext, actor: Actor, eventId: number, format: ReportFormat, lang: Lang, meta: RequestMeta): Promise<ReportFile> {
  const event = await seasons.findEventWithSeason(ctx.db, eventId);
  if (!event) throw notFound('seasons.event_not_found');
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw forbidden();
  if (event.status === 'draft' || event.season_status === 'draft') throw conflict('reports.event_draft');
  const started = performance.now();
  const t = translator(lang);
  const [season, parts, featured] = await Promise.all([
    seasons.findSeason(ctx.db, event.season_id), gather(ctx, { seasonId: event.season_id, eventId }),
    event.kind === 'livestream' ? repo.listFeaturedPostings(ctx.db, eventId) : undefined,
  ]);
  const row = parts.events[0];
  const data: ReportData = {
    kind: 'event', eventKind: event.kind, name: event.name, generatedAt: new Date(), ...parts, events: [],
    ...(featured ? { featured: featured.map((p) => ({ title: p.title, enterprise: p.enterprise_name, federation: federationOf(p.region_code), salary: salaryText(p, t), headcount: p.headcount })) } : {}),
    figures: eventFigures(parts.employers, parts.jobTypes, row?.checkins ?? 0, event.host_federation),
    ...(event.kind === 'fair' ? { registered: row?.registered ?? 0 } : {}),
    lines: [
      `${t(`reports.kind.${event.kind}`)} · ${chinaTimeRange(event.starts_at, event.ends_at)}${event.venue ? ` · ${event.venue}` : ''}`,
      t('reports.line.host_union', { name: event.host_union_name }), t('reports.line.season', { name: season?.name ?? '' }),
    ],
  };
  const title = t('reports.title.event', { name: event.name });
  const file = await render(data, title, format, ctx, t, started);
  const name = `${fileSafe(t('reports.file.event', { name: event.name }))}-${today()}.${format}`;
  await auditDownload(ctx, actor, meta, { action: `report.event_${format}`, subjectType: 'event', subjectId: eventId, label: name, scope: event.host_scope });
  return { name, ...file };
}

/** The season's hiring intents (or one event's) as CSV for follow-up: visitors' names and masked phones, so the download is audited. */
export async function intentsReport(ctx: AppContext, actor: Actor, seasonId: number, eventId: number | undefined, lang: Lang, meta: RequestMeta): Promise<ReportFile> {
  const season = await loadSeason(ctx, actor, seasonId);
  if (eventId) {
    const event = await seasons.findEvent(ctx.db, eventId);
    if (!event || event.season_id !== seasonId) throw invalid([{ path: 'eventId', code: 'reports.event_not_in_season', params: { id: eventId } }]);
  }
  const started = performance.now();
  const t = translator(lang);
  const rows = await repo.listIntents(ctx.db, { seasonId, eventId });
  const data = Buffer.from(intentsCsv(rows, t), 'utf8');
  const name = `${fileSafe(t('reports.file.intents', { name: season.name }))}${eventId ? `-${eventId}` : ''}-${today()}.csv`;
  await auditDownload(ctx, actor, meta, {
    action: 'report.intents_csv', subjectType: 'season', subjectId: seasonId, label: `${name} (${rows.length})`, scope: season.owner_scope,
    fields: ['visitor.name', 'visitor.phone_masked'],
  });
  return { name, mime: MIME.csv, data, ms: Math.round(performance.now() - started) };
}
