import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { onKeyConflict, type IdempotencyClaim } from '../../platform/idempotency.js';
import * as checkins from './checkins.repo.js';
import { AppError, conflict, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import * as repo from './seasons.repo.js';
import { loadOpenEvent } from './seasons.service.js';
import { parseTicket } from './tickets.js';

// At the booth (issue 5 §5): the employer scans the visitor's ticket and records a consultation
// or an interview, or proposes a hiring intent, which the visitor confirms on his own phone (his
// ticket's signed token is his key; no account needed). Every record is counted into the season's
// figures for the employer's province in its own transaction; a confirmed intent gets follow-ups
// at 30 and 90 days for the enterprise's union.

const DAY = 86_400_000;

/** The employer's enterprise at this fair: an approved sign-up with a booth. */
async function boothOf(ctx: AppContext, actor: Actor, eventId: number) {
  const rows = await ctx.db.selectFrom('event_signups as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .innerJoin('enterprise_members as m', (j) => j.onRef('m.enterprise_id', '=', 's.enterprise_id').on('m.user_id', '=', actor.id).on('m.status', '=', 'active'))
    .select(['s.enterprise_id', 'e.name', 'e.region_code', 'e.owner_union_id', 's.booth_id'])
    .where('s.event_id', '=', eventId).where('s.status', '=', 'approved').execute();
  const atBooth = rows.find((r) => r.booth_id !== null);
  if (!atBooth) throw new AppError('seasons.no_booth', 403);
  return atBooth;
}

/** The visitor a scanned QR or typed code names, at this event. */
async function visitorOf(ctx: AppContext, eventId: number, code: string) {
  const ticket = parseTicket(ctx.crypto, code);
  if (ticket.kind === 'forged') throw new AppError('seasons.ticket_invalid', 400);
  if (ticket.kind === 'token' && ticket.eventId !== eventId) throw new AppError('seasons.ticket_other_event', 409);
  const v = await ctx.db.selectFrom('event_visitors').select(['id', 'name', 'phone_masked', 'ticket_code']).where('event_id', '=', eventId).where('ticket_code', '=', ticket.code).executeTakeFirst();
  if (!v) throw notFound('seasons.ticket_not_found');
  return v;
}

/** The postings, in the order asked; each that is not the enterprise's own is named. */
async function checkPostings(ctx: AppContext, enterpriseId: string, ids: number[], path: (i: number) => string, issues: FieldIssue[]) {
  const rows = ids.length ? await ctx.db.selectFrom('postings').select(['id', 'enterprise_id', 'status']).where('id', 'in', ids).execute() : [];
  ids.forEach((id, i) => {
    const p = rows.find((r) => r.id === id);
    if (!p || p.enterprise_id !== enterpriseId) issues.push({ path: path(i), code: 'seasons.posting_not_yours', params: { id } });
  });
  return ids.map((id) => rows.find((r) => r.id === id));
}

export interface BoothRecordInput { code: string; kind: 'consultation' | 'interview'; postingIds: number[]; note?: string | undefined; rating?: number | undefined; outcome?: 'pass' | 'pending' | 'fail' | undefined }

/** A consultation or an interview at the booth. */
export async function recordAtBooth(ctx: AppContext, actor: Actor, eventId: number, input: BoothRecordInput, meta: RequestMeta, claim?: IdempotencyClaim | null) {
  const event = await loadOpenEvent(ctx, eventId, { fair: true, gate: true });
  const booth = await boothOf(ctx, actor, eventId);
  const visitor = await visitorOf(ctx, eventId, input.code);
  const issues: FieldIssue[] = [];
  await checkPostings(ctx, booth.enterprise_id, input.postingIds, (i) => `postingIds.${i}`, issues);
  if (input.kind === 'consultation' && input.outcome) issues.push({ path: 'outcome', code: 'seasons.not_for_kind' });
  if (input.kind === 'interview' && input.rating) issues.push({ path: 'rating', code: 'seasons.not_for_kind' });
  if (issues.length) throw invalid(issues);
  // booth_records has no natural key (two talks with one visitor are two records): the retry key
  // is kept in the same statement, so a retry after a lost answer or a crash never writes twice.
  const write = {
    seasonId: event.season_id, eventId, federation: booth.region_code.slice(0, 2) as repo.Federation, scopePrefix: event.host_scope,
    visitor: { id: visitor.id, name: visitor.name, phoneMasked: visitor.phone_masked }, enterprise: { id: booth.enterprise_id, name: booth.name },
    kind: input.kind, postingIds: input.postingIds, note: input.note ?? '', rating: input.rating ?? null, outcome: input.outcome ?? null, at: new Date(),
    subjectLabel: `${event.name} · ${booth.name} · ${visitor.phone_masked}`, actor: { id: actor.id, label: actorLabel(actor) },
    meta: { ip: meta.ip ?? null, requestId: meta.requestId ?? null }, claim: claim ?? null,
  };
  for (;;) {
    try {
      const id = await checkins.recordAtBoothOnce(ctx.db, write);
      return { id, kind: input.kind, visitor: write.visitor, enterprise: write.enterprise, createdAt: write.at.toISOString() };
    } catch (error) {
      if (!claim) throw error;
      await onKeyConflict(ctx.db, claim, error); // an expired key dropped: once more
    }
  }
}

export interface IntentInput { code: string; postingId: number; salary: number; startDate: string; note?: string | undefined }

/** The employer proposes a hiring intent; a second tap for the same visitor and posting is the same intent. */
export async function proposeIntent(ctx: AppContext, actor: Actor, eventId: number, input: IntentInput, meta: RequestMeta) {
  const event = await loadOpenEvent(ctx, eventId, { fair: true });
  const booth = await boothOf(ctx, actor, eventId);
  const visitor = await visitorOf(ctx, eventId, input.code);
  const issues: FieldIssue[] = [];
  const [posting] = await checkPostings(ctx, booth.enterprise_id, [input.postingId], () => 'postingId', issues);
  if (issues.length) throw invalid(issues);
  if (posting?.status === 'filled') throw conflict('seasons.posting_filled');
  if (posting?.status !== 'published') throw conflict('seasons.posting_not_published', { id: input.postingId });
  const existing = await ctx.db.selectFrom('hiring_intents').select('id').where('visitor_id', '=', visitor.id).where('posting_id', '=', input.postingId).executeTakeFirst();
  if (existing) return getIntent(ctx, existing.id);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('hiring_intents').values({
      event_id: eventId, visitor_id: visitor.id, enterprise_id: booth.enterprise_id, posting_id: input.postingId, owner_union_id: booth.owner_union_id,
      salary: input.salary, start_date: input.startDate, note: input.note ?? '', created_by: actor.id,
    }).onConflict((oc) => oc.columns(['visitor_id', 'posting_id']).doNothing()).returning('id').executeTakeFirst();
    if (row) await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'intent.propose', subjectType: 'event', subjectId: String(eventId), subjectLabel: `${event.name} · ${booth.name} · ${visitor.phone_masked}`, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
    return row?.id ?? (await trx.selectFrom('hiring_intents').select('id').where('visitor_id', '=', visitor.id).where('posting_id', '=', input.postingId).executeTakeFirstOrThrow()).id;
  });
  return getIntent(ctx, id);
}

async function getIntent(ctx: AppContext, id: number) {
  const i = await ctx.db.selectFrom('hiring_intents as i').innerJoin('postings as p', 'p.id', 'i.posting_id').innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .innerJoin('event_visitors as v', 'v.id', 'i.visitor_id')
    .select(['i.id', 'i.event_id', 'i.status', 'i.salary', 'i.start_date', 'i.note', 'i.employer_confirmed_at', 'i.visitor_confirmed_at', 'p.title', 'e.name as enterprise_name', 'v.name as visitor_name', 'v.phone_masked'])
    .where('i.id', '=', id).executeTakeFirstOrThrow();
  return {
    id: i.id, eventId: i.event_id, status: i.status, salary: i.salary, startDate: i.start_date, note: i.note, posting: { title: i.title }, enterprise: { name: i.enterprise_name },
    visitor: { name: i.visitor_name, phoneMasked: i.phone_masked },
    employerConfirmedAt: i.employer_confirmed_at.toISOString(), visitorConfirmedAt: i.visitor_confirmed_at?.toISOString() ?? null,
  };
}

/** The visitor's own view by his ticket token: his ticket and the intents offered to him. */
export async function ticketView(ctx: AppContext, token: string) {
  const ticket = parseTicket(ctx.crypto, token);
  if (ticket.kind !== 'token') throw new AppError('seasons.ticket_invalid', 400);
  const v = await ctx.db.selectFrom('event_visitors').select(['id', 'name', 'phone_masked', 'ticket_code', 'checked_in_at']).where('event_id', '=', ticket.eventId).where('ticket_code', '=', ticket.code).executeTakeFirst();
  if (!v) throw notFound('seasons.ticket_not_found');
  const intents = await ctx.db.selectFrom('hiring_intents').select('id').where('visitor_id', '=', v.id).orderBy('id').execute();
  return {
    eventId: ticket.eventId, name: v.name, phoneMasked: v.phone_masked, ticketCode: v.ticket_code, checkedInAt: v.checked_in_at?.toISOString() ?? null,
    intents: await Promise.all(intents.map((i) => getIntent(ctx, i.id))),
  };
}

/** The visitor confirms (or declines) an intent on his phone; a confirmation counts and schedules the follow-ups. */
export async function answerIntent(ctx: AppContext, token: string, intentId: number, accept: boolean, meta: RequestMeta) {
  const view = await ticketView(ctx, token);
  if (!view.intents.some((i) => i.id === intentId)) throw notFound('seasons.intent_not_found');
  const event = await repo.findEvent(ctx.db, view.eventId);
  if (!event) throw notFound('seasons.event_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    const i = await trx.selectFrom('hiring_intents as i').innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .select(['i.status', 'i.owner_union_id', 'e.region_code']).where('i.id', '=', intentId).forUpdate('i').executeTakeFirstOrThrow();
    if (i.status !== 'proposed') {
      if ((i.status === 'confirmed') === accept) return; // the same answer twice
      throw conflict('seasons.intent_answered');
    }
    await trx.updateTable('hiring_intents').set({ status: accept ? 'confirmed' : 'declined', visitor_confirmed_at: sql`now()` }).where('id', '=', intentId).execute();
    if (accept) {
      await repo.bumpFigure(trx, event.season_id, i.region_code.slice(0, 2) as repo.Federation, 'intents', 1);
      const today = Date.now();
      await trx.insertInto('intent_follow_ups').values([30, 90].map((day) => ({
        intent_id: intentId, owner_union_id: i.owner_union_id, day, due_on: new Date(today + day * DAY).toISOString().slice(0, 10),
      }))).execute();
      await repo.announceSeason(trx, event.season_id);
    }
    await recordAudit(trx, { actorId: null, actorLabel: view.phoneMasked, action: accept ? 'intent.confirm' : 'intent.decline', subjectType: 'event', subjectId: String(view.eventId), subjectLabel: event.name, scopePrefix: event.host_scope, ip: meta.ip, requestId: meta.requestId });
  });
  return (await ticketView(ctx, token)).intents.find((i) => i.id === intentId)!;
}
