import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { assignBooths } from './booths.js';
import { canManageEvent } from './seasons.policy.js';
import * as repo from './seasons.repo.js';
import { loadOpenEvent } from './seasons.service.js';
import * as signups from './signups.repo.js';

// Employers sign up to a fair or an online fair with the postings they bring; the organising
// union approves (issue 5 §3). Approval counts the enterprise and its postings into the season's
// figures in the same transaction; withdrawal or a reversed decision takes them out again.

async function isMember(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<boolean> {
  const m = await ctx.db.selectFrom('enterprise_members').select('status').where('enterprise_id', '=', enterpriseId).where('user_id', '=', actor.id).executeTakeFirst();
  return m?.status === 'active';
}

async function myEnterprises(ctx: AppContext, actor: Actor): Promise<string[]> {
  const rows = await ctx.db.selectFrom('enterprise_members').select('enterprise_id').where('user_id', '=', actor.id).where('status', '=', 'active').execute();
  return rows.map((r) => r.enterprise_id);
}

export interface SignupInput { enterpriseId?: string | undefined; postingIds: number[]; note?: string | undefined }

/** An employer (or the organising union on its behalf) signs up with its published postings. */
export async function createSignup(ctx: AppContext, actor: Actor, eventId: number, input: SignupInput, meta: RequestMeta) {
  const event = await loadOpenEvent(ctx, eventId);
  const manage = canManageEvent(actor, event.host_scope, event.season_owner_scope);
  const own = await myEnterprises(ctx, actor);
  const enterpriseId = input.enterpriseId ?? (own.length === 1 ? own[0] : undefined);
  const issues: FieldIssue[] = [];
  if (!enterpriseId) issues.push({ path: 'enterpriseId', code: 'validation.required' });
  else if (!manage && !own.includes(enterpriseId)) throw forbidden();
  if (event.kind !== 'fair' && event.kind !== 'online') throw new AppError('seasons.signup_not_for_kind', 409);
  if (event.status !== 'open') throw conflict('seasons.signup_closed');
  const enterprise = enterpriseId ? await ctx.db.selectFrom('enterprises').select(['status', 'name']).where('id', '=', enterpriseId).executeTakeFirst() : undefined;
  if (enterpriseId && !enterprise) issues.push({ path: 'enterpriseId', code: 'enterprises.not_found' });
  else if (enterprise && enterprise.status !== 'verified') issues.push({ path: 'enterpriseId', code: 'seasons.enterprise_unverified' });
  const ids = [...new Set(input.postingIds)];
  const postings = ids.length && enterpriseId
    ? await ctx.db.selectFrom('postings').select(['id', 'enterprise_id', 'status']).where('id', 'in', ids).execute() : [];
  ids.forEach((id, i) => {
    const p = postings.find((x) => x.id === id);
    if (!p || p.enterprise_id !== enterpriseId) issues.push({ path: `postingIds.${i}`, code: 'seasons.posting_not_yours', params: { id } });
    else if (p.status !== 'published') issues.push({ path: `postingIds.${i}`, code: 'seasons.posting_not_published', params: { id } });
  });
  if (issues.length) throw invalid(issues);
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('event_signups').values({ event_id: eventId, enterprise_id: enterpriseId!, note: input.note ?? '', created_by: actor.id })
        .returning('id').executeTakeFirstOrThrow();
      if (ids.length) await trx.insertInto('event_postings').values(ids.map((posting_id, position) => ({ event_id: eventId, posting_id, signup_id: row.id, position }))).execute();
      await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'signup.create', subjectType: 'event', subjectId: String(eventId), subjectLabel: `${event.name} · ${enterprise!.name}`, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
      return row.id;
    });
    return getSignup(ctx, actor, id);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('seasons.already_signed_up');
    throw error;
  }
}

export async function getSignup(ctx: AppContext, actor: Actor, id: number) {
  const s = await signups.findSignup(ctx.db, id);
  if (!s) throw notFound('seasons.signup_not_found');
  const event = await loadOpenEvent(ctx, s.event_id);
  const manage = canManageEvent(actor, event.host_scope, event.season_owner_scope);
  if (!manage && !(await isMember(ctx, actor, s.enterprise_id))) throw notFound('seasons.signup_not_found');
  const [postings, booth] = await Promise.all([
    signups.signupPostings(ctx.db, id),
    s.booth_id ? ctx.db.selectFrom('booths').select('number').where('id', '=', s.booth_id).executeTakeFirst() : undefined,
  ]);
  return {
    id: s.id, eventId: s.event_id, enterprise: { id: s.enterprise_id, name: s.enterprise_name }, status: s.status, statusReason: s.status_reason, note: s.note,
    booth: booth?.number ?? null, createdAt: s.created_at.toISOString(), reviewedAt: s.reviewed_at?.toISOString() ?? null,
    postings: postings.map((p) => ({ id: p.id, title: p.title, jobTypeCode: p.job_type_code, headcount: p.headcount, status: p.status })),
    permissions: { review: manage, withdraw: s.status === 'pending' || s.status === 'approved' },
  };
}

/** The event's sign-ups: all of them for the organisers, an employer's own for him. */
export async function listSignups(ctx: AppContext, actor: Actor, eventId: number, query: { page: number; pageSize: number; status?: string | undefined }) {
  const event = await loadOpenEvent(ctx, eventId);
  const manage = canManageEvent(actor, event.host_scope, event.season_owner_scope);
  const own = manage ? undefined : await myEnterprises(ctx, actor);
  if (!manage && !own?.length) throw forbidden();
  const { rows, total } = await signups.listSignups(ctx.db, { eventId, ...(own ? { enterpriseIds: own } : {}), status: query.status, offset: pageOffset(query), limit: query.pageSize });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, enterprise: { id: r.enterprise_id, name: r.enterprise_name, regionCode: r.enterprise_region, industrySection: r.industry_section },
      status: r.status, statusReason: r.status_reason, note: r.note, booth: r.booth_number, postings: Number(r.postings ?? 0), positions: Number(r.positions ?? 0),
      createdAt: r.created_at.toISOString(), reviewedAt: r.reviewed_at?.toISOString() ?? null,
    })),
  };
}

/** Approve or reject (a rejection names its reason); an approval may later be reversed, and is then uncounted. */
export async function reviewSignup(ctx: AppContext, actor: Actor, id: number, input: { decision: 'approve' | 'reject'; reason?: string | undefined }, meta: RequestMeta) {
  const s = await signups.findSignup(ctx.db, id);
  if (!s) throw notFound('seasons.signup_not_found');
  const event = await loadOpenEvent(ctx, s.event_id);
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw notFound('seasons.signup_not_found');
  if (input.decision === 'reject' && !input.reason?.trim()) throw invalid([{ path: 'reason', code: 'seasons.reason_required' }]);
  const to = input.decision === 'approve' ? 'approved' as const : 'rejected' as const;
  await ctx.db.transaction().execute(async (trx) => {
    // The row is locked: two reviewers at once cannot both count it.
    const current = await trx.selectFrom('event_signups').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (current.status === to) return;
    if (current.status === 'withdrawn') throw conflict('seasons.signup_withdrawn');
    await trx.updateTable('event_signups').set({
      status: to, status_reason: to === 'rejected' ? input.reason!.trim() : null, reviewed_by: actor.id, reviewed_at: sql`now()`, updated_at: sql`now()`,
      ...(to === 'rejected' ? { booth_id: null } : {}),
    }).where('id', '=', id).execute();
    if (to === 'approved') await signups.countSignup(trx, { seasonId: event.season_id, signup: s, delta: 1 });
    else if (current.status === 'approved') await signups.countSignup(trx, { seasonId: event.season_id, signup: s, delta: -1 });
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: `signup.${to}`, subjectType: 'event', subjectId: String(event.id), subjectLabel: `${event.name} · ${s.enterprise_name}`, scopePrefix: event.host_scope, reason: input.reason ?? null, ip: meta.ip, requestId: meta.requestId });
    await repo.announceSeason(trx, event.season_id);
  });
  return getSignup(ctx, actor, id);
}

/** The employer withdraws: an approved sign-up leaves the figures and frees its booth. */
export async function withdrawSignup(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta) {
  const s = await signups.findSignup(ctx.db, id);
  if (!s) throw notFound('seasons.signup_not_found');
  const event = await loadOpenEvent(ctx, s.event_id);
  const manage = canManageEvent(actor, event.host_scope, event.season_owner_scope);
  if (!manage && !(await isMember(ctx, actor, s.enterprise_id))) throw notFound('seasons.signup_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('event_signups').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'withdrawn') return;
    if (current.status === 'rejected') throw conflict('seasons.signup_rejected');
    await trx.updateTable('event_signups').set({ status: 'withdrawn', booth_id: null, updated_at: sql`now()` }).where('id', '=', id).execute();
    if (current.status === 'approved') await signups.countSignup(trx, { seasonId: event.season_id, signup: s, delta: -1 });
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'signup.withdraw', subjectType: 'event', subjectId: String(event.id), subjectLabel: `${event.name} · ${s.enterprise_name}`, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
    await repo.announceSeason(trx, event.season_id);
  });
  return getSignup(ctx, actor, id);
}

/** The floor plan: every booth with the enterprise in it. */
export async function getFloorPlan(ctx: AppContext, actor: Actor | null, eventId: number) {
  const event = await loadOpenEvent(ctx, eventId);
  const manage = !!actor && canManageEvent(actor, event.host_scope, event.season_owner_scope);
  const [zones, booths] = await Promise.all([repo.listZones(ctx.db, eventId), signups.listBooths(ctx.db, eventId)]);
  return {
    zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, rows: z.rows, cols: z.cols })),
    booths: booths.map((b) => ({
      id: b.id, number: b.number, zoneId: b.zone_id, row: b.row, col: b.col,
      enterprise: b.signup_id ? { name: b.enterprise_name!, industrySection: b.industry_section!, signupId: manage ? b.signup_id : null } : null,
    })),
    permissions: { assign: manage },
  };
}

/** One booth for the public, as its printed card's QR opens it: who is there and what it offers. */
export async function getPublicBooth(ctx: AppContext, eventId: number, number: string) {
  await loadOpenEvent(ctx, eventId, { fair: true });
  const booth = await signups.findPublicBooth(ctx.db, eventId, number.toUpperCase());
  if (!booth) throw notFound('seasons.booth_number_not_found', { number });
  return {
    number: booth.number, zone: booth.zone_name,
    enterprise: booth.signup_id === null ? null : { name: booth.enterprise_name!, industrySection: booth.industry_section!, regionCode: booth.region_code! },
    postings: booth.postings.map((p) => ({ id: p.id, title: p.title, salaryMin: p.salary_min, salaryMax: p.salary_max, salaryNegotiable: p.salary_negotiable, headcount: p.headcount })),
  };
}

/** Put every approved sign-up without a booth into a free booth, neighbours by industry (issue 5 §3). */
export async function autoAssignBooths(ctx: AppContext, actor: Actor, eventId: number, meta: RequestMeta) {
  const event = await loadOpenEvent(ctx, eventId);
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw notFound('seasons.event_not_found');
  const assigned = await ctx.db.transaction().execute(async (trx) => {
    // One assignment at a time per event: a second click waits, then finds nothing left to place.
    await sql`SELECT pg_advisory_xact_lock(${eventId})`.execute(trx);
    const booths = await signups.listBooths(trx, eventId);
    const waiting = await trx.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .select(['s.id', 'e.industry_section', 'e.name']).where('s.event_id', '=', eventId).where('s.status', '=', 'approved').where('s.booth_id', 'is', null).execute();
    const plan = assignBooths(booths.map((b) => ({ id: b.id, zone: b.zone_position, row: b.row, col: b.col, taken: b.signup_id !== null })),
      waiting.map((w) => ({ id: w.id, industry: w.industry_section, name: w.name })));
    for (const a of plan.assignments) await trx.updateTable('event_signups').set({ booth_id: a.boothId, updated_at: sql`now()` }).where('id', '=', a.signupId).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'booths.auto_assign', subjectType: 'event', subjectId: String(eventId), subjectLabel: event.name, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
    return plan;
  });
  return { assigned: assigned.assignments.length, unplaced: assigned.unplaced.length };
}

/** Move one sign-up to a booth (drag on the floor plan), or out of its booth (null). */
export async function moveToBooth(ctx: AppContext, actor: Actor, signupId: number, boothId: number | null, meta: RequestMeta) {
  const s = await signups.findSignup(ctx.db, signupId);
  if (!s) throw notFound('seasons.signup_not_found');
  const event = await loadOpenEvent(ctx, s.event_id);
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw notFound('seasons.signup_not_found');
  if (s.status !== 'approved') throw conflict('seasons.booth_needs_approval');
  if (boothId !== null) {
    const booth = await ctx.db.selectFrom('booths').select(['id', 'event_id']).where('id', '=', boothId).executeTakeFirst();
    if (!booth || booth.event_id !== s.event_id) throw invalid([{ path: 'boothId', code: 'seasons.booth_not_found' }]);
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('event_signups').set({ booth_id: boothId, updated_at: sql`now()` }).where('id', '=', signupId).execute();
      await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'booths.move', subjectType: 'event', subjectId: String(s.event_id), subjectLabel: `${event.name} · ${s.enterprise_name}`, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('seasons.booth_taken');
    throw error;
  }
  return getSignup(ctx, actor, signupId);
}
