import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { findIndustrySection } from '../../../shared/industries.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { findUnion } from '../orgs/orgs.repo.js';
import { regionIndex, regionRef } from '../orgs/regions.cache.js';
import { assembleStats, goalProgress } from './season-stats.js';
import { canAddEvent, canCreateSeason, canManageEvent, canManageSeason } from './seasons.policy.js';
import * as repo from './seasons.repo.js';
import { GOALS, type Event, type EventInput, type EventUpdate, type Season, type SeasonInput, type SeasonUpdate, type Stats } from './seasons.schemas.js';

// Seasons and their events (issue 5 §1–2): planning by the unions, public pages for everyone.

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, subjectType: string, subjectId: number, subjectLabel: string, scopePrefix: string) =>
  recordAudit(db, { actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType, subjectId: String(subjectId), subjectLabel, scopePrefix, ip: meta.ip, requestId: meta.requestId });

/** The season's figures now, from its counters. */
export async function getStats(ctx: AppContext, seasonId: number): Promise<Stats> {
  const season = await repo.findSeason(ctx.db, seasonId);
  if (!season || season.status === 'draft') throw notFound('seasons.not_found');
  return assembleStats(await repo.readFigures(ctx.db, seasonId), new Date());
}

/** The big screen's data: the figures, check-ins by hour, the top job types and industries. */
export async function getScreen(ctx: AppContext, seasonId: number) {
  const season = await repo.findSeason(ctx.db, seasonId);
  if (!season || season.status === 'draft') throw notFound('seasons.not_found');
  const [figures, screen] = await Promise.all([repo.readFigures(ctx.db, seasonId), repo.readScreen(ctx.db, seasonId)]);
  return {
    season: { id: season.id, name: season.name, theme: season.theme, startsOn: season.starts_on, endsOn: season.ends_on },
    stats: assembleStats(figures, new Date()),
    hourly: screen.hourly,
    jobTypes: screen.jobTypes,
    industries: screen.industries.map((i) => ({ ...i, name: findIndustrySection(i.section)?.name ?? i.section })),
  };
}

async function toSeason(ctx: AppContext, row: repo.SeasonRow, actor: Actor | null): Promise<Season> {
  const [hosts, figures] = await Promise.all([repo.listHosts(ctx.db, row.id), repo.readFigures(ctx.db, row.id)]);
  const stats = assembleStats(figures, new Date());
  const held = { fair: 0, online: 0, livestream: 0, forum: 0 };
  for (const e of figures.events) if (e.status === 'held' && e.kind in held) held[e.kind as 'fair'] += e.count;
  const manage = canManageSeason(actor, row.owner_scope);
  return {
    id: row.id, name: row.name, theme: row.theme, description: row.description, startsOn: row.starts_on, endsOn: row.ends_on, status: row.status,
    ownerUnion: { id: row.owner_union_id, name: row.owner_union_name },
    hosts: hosts.map((h) => ({ name: h.name, unionId: h.union_id, role: h.role })),
    // In the order goals are listed (jsonb keeps its own key order).
    goals: goalProgress(row.goals, stats, held).sort((a, b) => GOALS.indexOf(a.goal) - GOALS.indexOf(b.goal)),
    version: row.version,
    permissions: { edit: manage, addEvent: manage || (!!actor && isStaff(actor) && row.status !== 'closed') },
  };
}

async function checkSeasonInput(ctx: AppContext, actor: Actor, input: Partial<SeasonInput>, current?: repo.SeasonRow) {
  const issues: FieldIssue[] = [];
  const startsOn = input.startsOn ?? current?.starts_on;
  const endsOn = input.endsOn ?? current?.ends_on;
  if (startsOn && endsOn && endsOn < startsOn) issues.push({ path: 'endsOn', code: 'seasons.ends_before_start' });
  let owner: Awaited<ReturnType<typeof findUnion>> | undefined;
  if (input.ownerUnionId) {
    owner = await findUnion(ctx.db, input.ownerUnionId);
    if (!owner) issues.push({ path: 'ownerUnionId', code: 'orgs.union_not_found' });
    else if (!canManageSeason(actor, owner.scope_prefix)) issues.push({ path: 'ownerUnionId', code: 'accounts.scope_outside' });
  }
  for (const [i, h] of (input.hosts ?? []).entries()) {
    if (h.unionId && !(await findUnion(ctx.db, h.unionId))) issues.push({ path: `hosts.${i}.unionId`, code: 'orgs.union_not_found' });
  }
  if (issues.length) throw invalid(issues);
  return owner;
}

export async function createSeason(ctx: AppContext, actor: Actor, input: SeasonInput, meta: RequestMeta): Promise<Season> {
  if (!canCreateSeason(actor) || !actor.unionId && !input.ownerUnionId) throw forbidden();
  const owner = await checkSeasonInput(ctx, actor, input);
  const ownerUnionId = owner?.id ?? actor.unionId!;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('seasons').values({
      name: input.name, theme: input.theme, description: input.description, starts_on: input.startsOn, ends_on: input.endsOn,
      owner_union_id: ownerUnionId, goals: JSON.stringify(input.goals), status: input.status, created_by: actor.id,
    }).returning('id').executeTakeFirstOrThrow();
    await repo.replaceHosts(trx, row.id, input.hosts);
    const union = await findUnion(trx, ownerUnionId);
    await audit(trx, actor, meta, 'season.create', 'season', row.id, input.name, union?.scope_prefix ?? '');
    return row.id;
  });
  return getSeason(ctx, actor, id);
}

export async function updateSeason(ctx: AppContext, actor: Actor, id: number, input: SeasonUpdate, meta: RequestMeta): Promise<Season> {
  const row = await repo.findSeason(ctx.db, id);
  if (!row || !canManageSeason(actor, row.owner_scope)) throw notFound('seasons.not_found');
  const owner = await checkSeasonInput(ctx, actor, input, row);
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.theme !== undefined ? { theme: input.theme } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}), ...(input.startsOn ? { starts_on: input.startsOn } : {}),
      ...(input.endsOn ? { ends_on: input.endsOn } : {}), ...(owner ? { owner_union_id: owner.id } : {}),
      ...(input.goals ? { goals: JSON.stringify(input.goals) } : {}), ...(input.status ? { status: input.status } : {}),
    };
    const updated = await trx.updateTable('seasons').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id).where('version', '=', input.version).returning('id').executeTakeFirst();
    if (!updated) throw conflict('http.conflict_edit');
    if (input.hosts) await repo.replaceHosts(trx, id, input.hosts);
    await audit(trx, actor, meta, 'season.update', 'season', id, input.name ?? row.name, row.owner_scope);
  });
  forgetGateEvents();
  return getSeason(ctx, actor, id);
}

/** A season: published ones for everyone, drafts for those who run them. */
export async function getSeason(ctx: AppContext, actor: Actor | null, id: number): Promise<Season> {
  const row = await repo.findSeason(ctx.db, id);
  if (!row || (row.status === 'draft' && !canManageSeason(actor, row.owner_scope))) throw notFound('seasons.not_found');
  return toSeason(ctx, row, actor);
}

export async function listSeasons(ctx: AppContext, actor: Actor | null, query: { page: number; pageSize: number; all?: '0' | '1' | undefined }) {
  const scopePrefix = query.all === '1' && actor && isStaff(actor) ? actor.scopePrefix : null;
  const { rows, total } = await repo.listSeasons(ctx.db, { scopePrefix, offset: pageOffset(query), limit: query.pageSize });
  return { total, items: rows.map((r) => ({ id: r.id, name: r.name, theme: r.theme, startsOn: r.starts_on, endsOn: r.ends_on, status: r.status })) };
}

// ---- events ----

/**
 * An event that is out (neither it nor its season a draft), with its season's owner scope, in one
 * query: what sign-ups, check-ins and booth scans all start from. `fair` also requires a job fair.
 */
// The gate and the booths ask for their event hundreds of times a second; an event changes a few
// times a day. Each server keeps it a second (a change made on another server is seen within it).
const GATE_EVENT_MS = 1_000;
const gateEvents = new Map<number, { row: Awaited<ReturnType<typeof repo.findEventWithSeason>>; until: number }>();

/** The event with its season for the busy paths (check-in, booth scans), kept for a second. */
export async function findGateEvent(ctx: AppContext, eventId: number) {
  const hit = gateEvents.get(eventId);
  if (hit && hit.until > Date.now()) return hit.row;
  const row = await repo.findEventWithSeason(ctx.db, eventId);
  if (gateEvents.size >= 1_000) gateEvents.clear();
  gateEvents.set(eventId, { row, until: Date.now() + GATE_EVENT_MS });
  return row;
}

/** Drop the kept events (after a change made through this server). */
export function forgetGateEvents(): void {
  gateEvents.clear();
}

export async function loadOpenEvent(ctx: AppContext, eventId: number, options: { fair?: boolean; visitors?: boolean; gate?: boolean } = {}) {
  const event = options.gate ? await findGateEvent(ctx, eventId) : await repo.findEventWithSeason(ctx.db, eventId);
  if (!event || event.status === 'draft' || event.season_status === 'draft') throw notFound('seasons.event_not_found');
  if (options.fair && event.kind !== 'fair') throw new AppError('seasons.booths_fair_only', 409);
  // Visitors register and check in at fairs and at forums (a forum's registration, issue 5 §2).
  if (options.visitors && event.kind !== 'fair' && event.kind !== 'forum') throw new AppError('seasons.visitors_fair_only', 409);
  return event;
}

async function toEvent(ctx: AppContext, row: repo.EventRow, actor: Actor | null, seasonOwnerScope: string): Promise<Event> {
  const zones = row.kind === 'fair' ? await repo.listZones(ctx.db, row.id) : [];
  const details = row.details as { livestream?: Event['livestream']; forum?: Event['forum'] };
  return {
    ...(await eventSummary(ctx, row)),
    description: row.description,
    livestream: details.livestream ?? null,
    forum: details.forum ?? null,
    zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, position: z.position, rows: z.rows, cols: z.cols, booths: Number(z.booths ?? 0) })),
    version: row.version,
    permissions: { edit: canManageEvent(actor, row.host_scope, seasonOwnerScope) },
  };
}

async function eventSummary(ctx: AppContext, row: repo.EventRow) {
  return {
    id: row.id, seasonId: row.season_id, kind: row.kind, name: row.name, venue: row.venue, region: await regionRef(ctx.db, row.region_code),
    startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), status: row.status, capacity: row.capacity,
    hostUnion: { id: row.host_union_id, name: row.host_union_name },
  };
}

/** The kind-specific parts every kind must have: a livestream's link, a fair's booth zone. */
function checkEventInput(kind: string, input: Partial<EventInput>, issues: FieldIssue[]) {
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt)) issues.push({ path: 'endsAt', code: 'seasons.ends_before_start' });
  if (kind === 'livestream' && input.livestream === undefined && input.kind) issues.push({ path: 'livestream', code: 'seasons.livestream_required' });
  if (kind !== 'livestream' && input.livestream) issues.push({ path: 'livestream', code: 'seasons.not_for_kind' });
  if (kind !== 'forum' && input.forum) issues.push({ path: 'forum', code: 'seasons.not_for_kind' });
  if (kind !== 'fair' && input.zones) issues.push({ path: 'zones', code: 'seasons.not_for_kind' });
}

export async function createEvent(ctx: AppContext, actor: Actor, seasonId: number, input: EventInput, meta: RequestMeta): Promise<Event> {
  const season = await repo.findSeason(ctx.db, seasonId);
  if (!season || (season.status === 'draft' && !canManageSeason(actor, season.owner_scope))) throw notFound('seasons.not_found');
  const issues: FieldIssue[] = [];
  checkEventInput(input.kind, input, issues);
  const host = input.hostUnionId ? await findUnion(ctx.db, input.hostUnionId) : await findUnion(ctx.db, actor.unionId ?? season.owner_union_id);
  if (!host) issues.push({ path: 'hostUnionId', code: 'orgs.union_not_found' });
  const region = (await regionIndex(ctx.db)).get(input.regionCode);
  if (!region) issues.push({ path: 'regionCode', code: 'orgs.region_not_found', params: { code: input.regionCode } });
  if (issues.length) throw invalid(issues);
  if (!canAddEvent(actor, season.owner_scope, host!.scope_prefix)) throw forbidden();
  if (season.status === 'closed') throw conflict('seasons.closed');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('events').values({
      season_id: seasonId, kind: input.kind, name: input.name, description: input.description, host_union_id: host!.id, region_code: input.regionCode,
      venue: input.venue, starts_at: input.startsAt, ends_at: input.endsAt, capacity: input.capacity, status: input.status, created_by: actor.id,
      details: JSON.stringify({ ...(input.livestream ? { livestream: input.livestream } : {}), ...(input.forum ? { forum: input.forum } : {}) }),
    }).returning('id').executeTakeFirstOrThrow();
    if (input.kind === 'fair' && input.zones) await repo.replaceZones(trx, row.id, input.zones);
    await audit(trx, actor, meta, 'event.create', 'event', row.id, input.name, host!.scope_prefix);
    await repo.announceSeason(trx, seasonId);
    return row.id;
  });
  return getEvent(ctx, actor, id);
}

export async function updateEvent(ctx: AppContext, actor: Actor, id: number, input: EventUpdate, meta: RequestMeta): Promise<Event> {
  const row = await repo.findEvent(ctx.db, id);
  const season = row ? await repo.findSeason(ctx.db, row.season_id) : undefined;
  if (!row || !season || !canManageEvent(actor, row.host_scope, season.owner_scope)) throw notFound('seasons.event_not_found');
  const issues: FieldIssue[] = [];
  checkEventInput(row.kind, { ...input, startsAt: input.startsAt ?? row.starts_at.toISOString(), endsAt: input.endsAt ?? row.ends_at.toISOString() }, issues);
  const host = input.hostUnionId ? await findUnion(ctx.db, input.hostUnionId) : undefined;
  if (input.hostUnionId && !host) issues.push({ path: 'hostUnionId', code: 'orgs.union_not_found' });
  else if (host && !canAddEvent(actor, season.owner_scope, host.scope_prefix)) issues.push({ path: 'hostUnionId', code: 'accounts.scope_outside' });
  if (input.regionCode && !(await regionIndex(ctx.db)).has(input.regionCode)) issues.push({ path: 'regionCode', code: 'orgs.region_not_found', params: { code: input.regionCode } });
  if (input.zones && (await repo.assignedBooths(ctx.db, id)) > 0) issues.push({ path: 'zones', code: 'seasons.booths_assigned' });
  if (issues.length) throw invalid(issues);
  const details = { ...(row.details as Record<string, unknown>), ...(input.livestream ? { livestream: input.livestream } : {}), ...(input.forum ? { forum: input.forum } : {}) };
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('events').set({
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}),
      ...(host ? { host_union_id: host.id } : {}), ...(input.regionCode ? { region_code: input.regionCode } : {}),
      ...(input.venue !== undefined ? { venue: input.venue } : {}), ...(input.startsAt ? { starts_at: input.startsAt } : {}),
      ...(input.endsAt ? { ends_at: input.endsAt } : {}), ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.status ? { status: input.status } : {}), details: JSON.stringify(details), version: sql`version + 1`, updated_at: sql`now()`,
    }).where('id', '=', id).where('version', '=', input.version).returning('id').executeTakeFirst();
    if (!updated) throw conflict('http.conflict_edit');
    if (input.zones && row.kind === 'fair') await repo.replaceZones(trx, id, input.zones);
    await audit(trx, actor, meta, 'event.update', 'event', id, input.name ?? row.name, row.host_scope);
    await repo.announceSeason(trx, row.season_id);
  });
  forgetGateEvents();
  return getEvent(ctx, actor, id);
}

export async function getEvent(ctx: AppContext, actor: Actor | null, id: number): Promise<Event> {
  const row = await repo.findEvent(ctx.db, id);
  const season = row ? await repo.findSeason(ctx.db, row.season_id) : undefined;
  if (!row || !season) throw notFound('seasons.event_not_found');
  const manage = canManageEvent(actor, row.host_scope, season.owner_scope);
  if ((row.status === 'draft' || season.status === 'draft') && !manage) throw notFound('seasons.event_not_found');
  return toEvent(ctx, row, actor, season.owner_scope);
}

export async function listEvents(ctx: AppContext, actor: Actor | null, seasonId: number, query: { page: number; pageSize: number; kind?: string | undefined }) {
  const season = await repo.findSeason(ctx.db, seasonId);
  const manage = !!season && canManageSeason(actor, season.owner_scope);
  if (!season || (season.status === 'draft' && !manage)) throw notFound('seasons.not_found');
  // A season's managers see every draft; other staff the drafts of events hosted in their scope.
  const drafts = manage ? 'all' as const : actor && isStaff(actor) && actor.scopePrefix !== null ? { scopePrefix: actor.scopePrefix } : 'none' as const;
  const { rows, total } = await repo.listEvents(ctx.db, { seasonId, drafts, kind: query.kind, offset: pageOffset(query), limit: query.pageSize });
  return { total, items: await Promise.all(rows.map((r) => eventSummary(ctx, r))) };
}
