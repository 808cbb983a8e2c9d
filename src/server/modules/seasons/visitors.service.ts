import { randomInt } from 'node:crypto';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { keepResult, onKeyConflict, type IdempotencyClaim } from '../../platform/idempotency.js';
import * as checkins from './checkins.repo.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { maskPhone } from '../../../shared/validators.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { regionIndex } from '../orgs/regions.cache.js';
import { canManageEvent } from './seasons.policy.js';
import * as repo from './seasons.repo.js';
import { findGateEvent, loadOpenEvent } from './seasons.service.js';
import { parseTicket, signTicket, TICKET_ALPHABET } from './tickets.js';

// Visitors of a fair (issue 5 §4): registration on the phone beforehand (a QR ticket) or at the
// entrance by staff; check-in by scanning the QR or typing the short code. A second check-in of
// the same visitor is recognised and answered, never counted again; a retried request with the
// same Idempotency-Key gets the first answer.

const PHONE_INDEX = 'event.visitor_phone';

export interface VisitorInput { name: string; phone: string; regionCode?: string | null | undefined; consent: boolean; checkIn?: boolean | undefined }

function newTicketCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return code;
}

function ticketOf(ctx: AppContext, eventId: number, v: { id: number; name: string; phone_masked: string; ticket_code: string; checked_in_at: Date | null; source: string }) {
  return {
    id: v.id, eventId, name: v.name, phoneMasked: v.phone_masked, ticketCode: v.ticket_code,
    token: signTicket(ctx.crypto, eventId, v.ticket_code), checkedInAt: v.checked_in_at?.toISOString() ?? null, source: v.source as 'online' | 'onsite',
  };
}

/**
 * Register a visitor. Online: the visitor himself (a second registration of the same phone is
 * refused, naming the phone). Onsite: staff at the entrance; the same phone gives the same visitor
 * back, and `checkIn` lets him in at once.
 */
export async function registerVisitor(ctx: AppContext, actor: Actor | null, eventId: number, input: VisitorInput, meta: RequestMeta) {
  const event = await loadOpenEvent(ctx, eventId, { visitors: true });
  const onsite = !!actor && isStaff(actor) && canManageEvent(actor, event.host_scope, event.season_owner_scope);
  if (!input.consent) throw invalid([{ path: 'consent', code: 'seasons.consent_required' }]);
  if (input.regionCode && !(await regionIndex(ctx.db)).has(input.regionCode)) throw invalid([{ path: 'regionCode', code: 'orgs.region_not_found', params: { code: input.regionCode } }]);
  if (!onsite && (event.status !== 'open' || event.ends_at.getTime() < Date.now())) throw conflict('seasons.registration_closed');
  const hash = ctx.crypto.blindIndex(PHONE_INDEX, input.phone);
  const existing = await ctx.db.selectFrom('event_visitors').selectAll().where('event_id', '=', eventId).where('phone_hash', '=', hash).executeTakeFirst();
  if (existing && !onsite) throw conflict('seasons.visitor_exists', { phone: maskPhone(input.phone) });
  if (!existing && event.capacity !== null) {
    const n = await ctx.db.selectFrom('event_visitors').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', eventId).executeTakeFirstOrThrow();
    if (Number(n.n) >= event.capacity) throw conflict('seasons.event_full');
  }
  let visitor = existing;
  if (!visitor) {
    for (let attempt = 0; !visitor; attempt++) {
      try {
        visitor = await ctx.db.insertInto('event_visitors').values({
          event_id: eventId, user_id: actor && !onsite ? actor.id : null, name: input.name, phone_enc: ctx.crypto.encrypt(input.phone), phone_hash: hash,
          phone_masked: maskPhone(input.phone), region_code: input.regionCode ?? null, ticket_code: newTicketCode(), source: onsite ? 'onsite' : 'online',
          consented_at: new Date(), registered_by: onsite ? actor!.id : null,
        }).returningAll().executeTakeFirstOrThrow();
      } catch (error) {
        const e = error as { code?: string; constraint?: string };
        // Two phones tapping at once with the same number: the first wins, the second gets it back.
        if (e.code === '23505' && e.constraint === 'event_visitors_event_id_phone_hash_key') {
          visitor = await ctx.db.selectFrom('event_visitors').selectAll().where('event_id', '=', eventId).where('phone_hash', '=', hash).executeTakeFirstOrThrow();
          if (!onsite) throw conflict('seasons.visitor_exists', { phone: maskPhone(input.phone) });
        } else if (e.code !== '23505' || attempt > 5) throw error; // a ticket code drawn twice: draw again
      }
    }
  }
  if (onsite && input.checkIn) return { ...(await checkIn(ctx, actor!, eventId, visitor.ticket_code, meta)), registered: !existing };
  return { visitor: ticketOf(ctx, eventId, visitor), duplicate: !!existing, registered: !existing };
}

/** The logged-in visitor's own tickets (the ticket page after a reload). */
export async function myTicket(ctx: AppContext, actor: Actor, eventId: number) {
  const v = await ctx.db.selectFrom('event_visitors').selectAll().where('event_id', '=', eventId).where('user_id', '=', actor.id).executeTakeFirst();
  if (!v) throw notFound('seasons.ticket_not_found');
  return ticketOf(ctx, eventId, v);
}

/**
 * Check a visitor in by the QR token or the typed code. The first check-in is counted in the
 * season's figures in the same transaction; a repeat is answered as such and counted nowhere.
 */
export async function checkIn(ctx: AppContext, actor: Actor, eventId: number, code: string, meta: RequestMeta, claim?: IdempotencyClaim | null) {
  const event = await findGateEvent(ctx, eventId);
  if (!event) throw notFound('seasons.event_not_found');
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw forbidden();
  const ticket = parseTicket(ctx.crypto, code);
  if (ticket.kind === 'forged') throw new AppError('seasons.ticket_invalid', 400);
  if (ticket.kind === 'token' && ticket.eventId !== eventId) throw new AppError('seasons.ticket_other_event', 409);
  if (event.ends_at.getTime() + 86_400_000 < Date.now()) throw new AppError('seasons.ticket_expired', 409);
  // At the gate every round trip is felt: the first check-in is one statement (the row lock makes
  // a second, concurrent one find it done); a repeat or a wrong code is looked at afterwards.
  const at = new Date();
  const first = {
    seasonId: event.season_id, eventId, eventName: event.name, federation: event.host_federation as repo.Federation, scopePrefix: event.host_scope,
    code: ticket.code, at, token: signTicket(ctx.crypto, eventId, ticket.code), actor: { id: actor.id, label: actorLabel(actor) },
    meta: { ip: meta.ip ?? null, requestId: meta.requestId ?? null }, claim: claim ?? null,
  };
  let inside: checkins.CheckedIn | undefined;
  for (;;) {
    try {
      inside = await checkins.checkInOnce(ctx.db, first);
      break;
    } catch (error) {
      if (!claim) throw error;
      await onKeyConflict(ctx.db, claim, error); // an expired key dropped: once more
    }
  }
  if (inside) return { visitor: ticketOf(ctx, eventId, { ...inside, checked_in_at: at }), duplicate: false };
  return ctx.db.transaction().execute(async (trx) => {
    const v = await trx.selectFrom('event_visitors').selectAll().where('event_id', '=', eventId).where('ticket_code', '=', ticket.code).executeTakeFirst();
    if (v) {
      const repeat = { visitor: ticketOf(ctx, eventId, v), duplicate: true };
      await keepResult(trx, claim, repeat);
      return repeat;
    }
    // A real code of another event: say so (the visitor is at the wrong door), else unknown.
    const elsewhere = await trx.selectFrom('event_visitors').select('event_id').where('ticket_code', '=', ticket.code).executeTakeFirst();
    throw elsewhere ? new AppError('seasons.ticket_other_event', 409) : notFound('seasons.ticket_not_found');
  });
}

/** Check-ins per hour of an event (the big screen's curve), from the hourly counters. */
export async function hourlyCheckins(ctx: AppContext, eventId: number) {
  const rows = await ctx.db.selectFrom('event_hourly_checkins').select(['hour', (eb) => eb.fn.sum<number>('value').as('n')]).where('event_id', '=', eventId).groupBy('hour').orderBy('hour').execute();
  return rows.map((r) => ({ hour: r.hour.toISOString(), count: Number(r.n) }));
}

/** Registered and checked-in visitors of a fair against its capacity, for those who run it. */
export async function visitorSummary(ctx: AppContext, actor: Actor, eventId: number) {
  const event = await loadOpenEvent(ctx, eventId, { visitors: true });
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw notFound('seasons.event_not_found');
  return { ...(await repo.countVisitors(ctx.db, eventId)), capacity: event.capacity };
}
