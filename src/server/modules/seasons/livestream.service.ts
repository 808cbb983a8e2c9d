import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { applyToJob, type ApplicationSummary } from '../hiring/applications.service.js';
import { findPublicPosting } from '../jobs/postings.repo.js';
import { regionIndex } from '../orgs/regions.cache.js';
import { arrangeRoom, checkAdd, checkReorder, MAX_FEATURED, nextPosition } from './livestream.order.js';
import * as repo from './livestream.repo.js';
import type { LiveRoom } from './livestream.schemas.js';
import { canManageEvent } from './seasons.policy.js';

// Livestream rooms (直播带岗, issue 5 §6): the public room of a session (stream link, the featured
// job cards in the host's live order with the one on air pinned, live counters) and the host's
// console. Run by the event's host union and the season's managers (seasons.policy canManageEvent).
//
// Counters: viewers are entered by staff from the streaming platform, with the version they saw
// (optimistic: a stale entry is refused with the current figure, never silently overwritten).
// Applications are those made in the room; intents are the room's applications that the employer
// moved to the intent or hired stage of its pipeline (hiring/pipeline.ts), each counted once.
// Both change in the transaction of the record they count.

/**
 * The livestream event behind a room. Drafts exist only for those who run the event; `manage`
 * also requires running it (403: the room itself is public) and a session not cancelled.
 */
async function loadRoom(ctx: AppContext, actor: Actor | null, eventId: number, need: 'read' | 'manage') {
  const row = await repo.findRoomEvent(ctx.db, eventId);
  if (!row) throw notFound('seasons.event_not_found');
  const manage = canManageEvent(actor, row.host_scope, row.season_owner_scope);
  if ((row.status === 'draft' || row.season_status === 'draft') && !manage) throw notFound('seasons.event_not_found');
  if (row.kind !== 'livestream') throw notFound('live.not_livestream');
  if (need === 'manage') {
    if (!manage) throw forbidden();
    if (row.status === 'cancelled') throw conflict('live.event_cancelled');
  }
  return row;
}

async function assemble(ctx: AppContext, row: repo.RoomEventRow): Promise<LiveRoom> {
  const [featured, regions] = await Promise.all([repo.listFeatured(ctx.db, row.id), regionIndex(ctx.db)]);
  const region = (code: string) => ({ code, name: regions.get(code)?.name ?? code, fullName: regions.get(code)?.fullName ?? code });
  const stream = (row.details as { livestream?: { platform: string; streamUrl: string } }).livestream;
  const pinned = row.pinned_posting_id === null ? null : Number(row.pinned_posting_id);
  return {
    event: {
      id: row.id, seasonId: row.season_id, name: row.name, description: row.description, status: row.status,
      startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), platform: stream?.platform ?? '', streamUrl: stream?.streamUrl ?? '',
      hostUnion: { id: row.host_union_id, name: row.host_union_name }, region: region(row.region_code),
    },
    season: { id: row.season_id, name: row.season_name },
    pinnedPostingId: pinned,
    pinnedAt: row.pinned_at?.toISOString() ?? null,
    postings: arrangeRoom(featured.map((p) => ({ ...p, id: Number(p.id) })), pinned).map((p) => ({
      id: p.id, position: p.position, pinned: p.pinned, title: p.title, enterprise: { id: p.enterprise_id, name: p.enterprise_name },
      region: region(p.region_code), federation: p.region_code.startsWith('51') ? '51' as const : '50' as const,
      jobType: { code: p.job_type_code, name: p.job_type_name }, salaryNegotiable: p.salary_negotiable, salaryMin: p.salary_min, salaryMax: p.salary_max,
      headcount: p.headcount, benefits: p.benefits.slice(0, 4), open: p.open,
    })),
    counters: { viewers: row.viewers ?? 0, applications: row.applications ?? 0, intents: row.intents ?? 0 },
    viewersVersion: row.viewers_version ?? 1,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}

/** The room as anybody may see it (drafts only for those who run the session). */
export async function getRoom(ctx: AppContext, actor: Actor | null, eventId: number): Promise<LiveRoom> {
  return assemble(ctx, await loadRoom(ctx, actor, eventId, 'read'));
}

/** For the SSE stream: checks access once, then produces the room's JSON on every change (the same for every subscriber). */
export async function roomProducer(ctx: AppContext, actor: Actor | null, eventId: number): Promise<() => Promise<string>> {
  await loadRoom(ctx, actor, eventId, 'read');
  return async () => {
    const row = await repo.findRoomEvent(ctx.db, eventId);
    if (!row) throw notFound('seasons.event_not_found');
    return JSON.stringify(await assemble(ctx, row));
  };
}

const freshRoom = async (ctx: AppContext, eventId: number) => assemble(ctx, (await repo.findRoomEvent(ctx.db, eventId))!);

/**
 * One console write: under the room's row lock (two consoles take turns), audited, announced to the
 * room's subscribers at commit. `write` gets the featured postings as they are now and returns the
 * audit label's detail.
 */
async function consoleWrite(
  ctx: AppContext, actor: Actor, eventId: number, meta: RequestMeta, action: string,
  write: (trx: Executor, featured: { ids: number[]; positions: number[] }, row: repo.RoomEventRow) => Promise<string | null>,
): Promise<LiveRoom> {
  const row = await loadRoom(ctx, actor, eventId, 'manage');
  await ctx.db.transaction().execute(async (trx) => {
    const rows = await repo.lockRoom(trx, eventId);
    const detail = await write(trx, { ids: rows.map((r) => Number(r.posting_id)), positions: rows.map((r) => r.position) }, row);
    if (detail === null) return; // nothing changed
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'event', subjectId: String(eventId),
      subjectLabel: detail ? `${row.name} · ${detail}` : row.name, scopePrefix: row.host_scope, ip: meta.ip, requestId: meta.requestId,
    });
    await repo.announceRoom(trx, eventId);
  });
  return freshRoom(ctx, eventId);
}

/** Feature a published posting of either province, at the end of the live order. */
export async function addFeatured(ctx: AppContext, actor: Actor, eventId: number, postingId: number, meta: RequestMeta): Promise<LiveRoom> {
  return consoleWrite(ctx, actor, eventId, meta, 'live.feature', async (trx, featured) => {
    const posting = await findPublicPosting(trx, postingId);
    if (!posting) throw invalid([{ path: 'postingId', code: 'live.posting_unavailable', params: { id: postingId } }]);
    const check = checkAdd(featured.ids, postingId);
    if (check === 'already') throw conflict('live.already_featured', { title: posting.title });
    if (check === 'full') throw conflict('live.too_many', { max: MAX_FEATURED });
    await repo.addFeatured(trx, eventId, postingId, nextPosition(featured.positions));
    return posting.title;
  });
}

/** Take a posting off the room (unpinned if it was on air). */
export async function removeFeatured(ctx: AppContext, actor: Actor, eventId: number, postingId: number, meta: RequestMeta): Promise<LiveRoom> {
  return consoleWrite(ctx, actor, eventId, meta, 'live.unfeature', async (trx, featured) => {
    if (!featured.ids.includes(postingId)) throw notFound('live.posting_not_featured');
    await repo.removeFeatured(trx, eventId, postingId);
    return (await repo.postingTitle(trx, postingId)) ?? String(postingId);
  });
}

/** Put the featured postings in a new live order (all of them, as the room holds them now). */
export async function reorder(ctx: AppContext, actor: Actor, eventId: number, postingIds: number[], meta: RequestMeta): Promise<LiveRoom> {
  return consoleWrite(ctx, actor, eventId, meta, 'live.reorder', async (trx, featured) => {
    const check = checkReorder(featured.ids, postingIds);
    if (check === 'duplicate') throw invalid([{ path: 'postingIds', code: 'live.order_duplicate' }]);
    if (check === 'stale') throw conflict('live.order_stale');
    await repo.setOrder(trx, eventId, postingIds);
    return '';
  });
}

/** Pin the posting being presented (one of the featured), or none. */
export async function pin(ctx: AppContext, actor: Actor, eventId: number, postingId: number | null, meta: RequestMeta): Promise<LiveRoom> {
  return consoleWrite(ctx, actor, eventId, meta, postingId === null ? 'live.unpin' : 'live.pin', async (trx, featured, row) => {
    if (postingId !== null && !featured.ids.includes(postingId)) throw invalid([{ path: 'postingId', code: 'live.posting_not_featured' }]);
    if ((row.pinned_posting_id === null ? null : Number(row.pinned_posting_id)) === postingId) return null;
    await repo.setPin(trx, eventId, postingId);
    return postingId === null ? '' : (await repo.postingTitle(trx, postingId)) ?? String(postingId);
  });
}

/** Enter the viewer count shown by the streaming platform; `version` is the one the console last saw. */
export async function enterViewers(ctx: AppContext, actor: Actor, eventId: number, input: { viewers: number; version: number }, meta: RequestMeta): Promise<LiveRoom> {
  return consoleWrite(ctx, actor, eventId, meta, 'live.viewers', async (trx) => {
    const version = await repo.setViewers(trx, eventId, input.viewers, input.version, actor.id);
    if (version === undefined) {
      const now = await repo.findRoomEvent(trx, eventId);
      throw conflict('live.viewers_stale', { viewers: now?.viewers ?? 0 });
    }
    return String(input.viewers);
  });
}

/**
 * A logged-in seeker applies to a featured posting from the room: the application use case of
 * POST /api/jobs/:id/applications (409 on a second apply), attributed to the session and counted
 * in the application's own transaction.
 */
export async function applyInRoom(ctx: AppContext, actor: Actor, eventId: number, postingId: number, message: string | null): Promise<ApplicationSummary> {
  const row = await loadRoom(ctx, actor, eventId, 'read');
  if (row.status === 'cancelled') throw conflict('live.event_cancelled');
  if (!(await repo.isFeatured(ctx.db, eventId, postingId))) throw notFound('live.posting_not_featured');
  return applyToJob(ctx, actor, postingId, message, {
    within: (trx, application) => repo.attributeApplication(trx, { applicationId: application.id, eventId, postingId }),
  });
}
