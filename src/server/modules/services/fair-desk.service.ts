import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { parseTicket } from '../seasons/tickets.js';
import * as repo from './fair-desk.repo.js';
import type { Desk, DeskView } from './fair-desk.schemas.js';
import { phoneHash } from './services.pii.js';
import { canRecordAtDesk, canReadRequestContent } from './services.policy.js';
import { recordConsent } from './services.repo.js';

// One visitor record at a fair (issue 8 §4). Who looks a ticket up: any union's staff who may
// record at a desk (canRecordAtDesk) — the rights zone of a fair is staffed by the unions of both
// provinces, not only by the host — and every look-up is in the audit log. With the visitor's
// consent (event_visitors.services_shared_at) each desk sees his check-in, consultations and
// membership application at this fair together; without it a desk sees only its own kind.

function requireDeskStaff(actor: Actor): void {
  if (!canRecordAtDesk(actor)) throw forbidden();
}

/** Fairs to pick at the desk (open ones first). */
export async function listFairs(ctx: AppContext, actor: Actor) {
  requireDeskStaff(actor);
  const rows = await repo.listDeskFairs(ctx.db);
  return rows.map((r) => ({ id: r.id, name: r.name, venue: r.venue, season: r.season, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(), status: r.status as 'open' | 'held' }));
}

async function loadFair(db: Executor, eventId: number) {
  const fair = await repo.findDeskFair(db, eventId);
  if (!fair) throw notFound('services.desk.event_not_found');
  return fair;
}

async function view(ctx: AppContext, db: Executor, actor: Actor, fair: { id: number; name: string }, v: repo.DeskVisitor, desk: Desk): Promise<DeskView> {
  const shared = v.services_shared_at !== null;
  const [requests, memberships] = await Promise.all([repo.listVisitorRequests(db, fair.id, v.id), repo.listVisitorMemberships(db, fair.id, v.id)]);
  const showRequests = shared || desk === 'consultation';
  const showMemberships = shared || desk === 'membership';
  return {
    event: { id: fair.id, name: fair.name },
    desk,
    visitor: { id: v.id, name: v.name, phoneMasked: v.phone_masked, ticketCode: v.ticket_code, checkedInAt: shared ? v.checked_in_at?.toISOString() ?? null : null },
    shared,
    sharedAt: v.services_shared_at?.toISOString() ?? null,
    checkin: shared ? { checkedInAt: v.checked_in_at?.toISOString() ?? null, source: v.source as 'online' | 'onsite', registeredAt: v.created_at.toISOString() } : null,
    requests: showRequests ? requests.map((r) => ({
      id: r.id, refNo: r.ref_no, kind: r.kind, category: r.category, status: r.status,
      subject: canReadRequestContent(actor, { ownerUnionId: r.owner_union_id, ownerScope: r.union_scope, userId: r.user_id }) ? r.subject : null,
      ownerUnion: { id: r.owner_union_id, name: r.union_name }, createdAt: r.created_at.toISOString(),
    })) : [],
    memberships: showMemberships ? memberships.map((m) => ({
      id: m.id, refNo: m.ref_no, status: m.status, memberNo: m.member_no, ownerUnion: { id: m.owner_union_id, name: m.union_name }, createdAt: m.created_at.toISOString(),
    })) : [],
    hidden: !shared && ((!showRequests && requests.length > 0) || (!showMemberships && memberships.length > 0) || v.checked_in_at !== null),
    prefill: { name: v.name, phone: ctx.crypto.decrypt(v.phone_enc) },
  };
}

async function audit(db: Executor, actor: Actor, action: string, fair: { id: number; name: string; host_scope: string }, v: repo.DeskVisitor, meta: RequestMeta, reason?: string) {
  await recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'event_visitor', subjectId: String(v.id),
    subjectLabel: `${fair.name} · ${v.phone_masked}`, scopePrefix: fair.host_scope, fields: ['name', 'phone'], reason: reason ?? null, ip: meta.ip, requestId: meta.requestId,
  });
}

async function lookup(ctx: AppContext, actor: Actor, eventId: number, find: (fair: { id: number }) => Promise<repo.DeskVisitor | undefined>, desk: Desk, meta: RequestMeta) {
  requireDeskStaff(actor);
  const fair = await loadFair(ctx.db, eventId);
  const v = await find(fair);
  if (!v) throw notFound('services.desk.visitor_not_found');
  await audit(ctx.db, actor, 'services.desk.lookup', fair, v, meta, desk);
  return view(ctx, ctx.db, actor, fair, v, desk);
}

/** Look a visitor up by the typed ticket code or the scanned QR token (audited). */
export async function lookupByTicket(ctx: AppContext, actor: Actor, eventId: number, code: string, desk: Desk, meta: RequestMeta): Promise<DeskView> {
  requireDeskStaff(actor);
  const ticket = parseTicket(ctx.crypto, code);
  if (ticket.kind === 'forged') throw new AppError('seasons.ticket_invalid', 400);
  if (ticket.kind === 'token' && ticket.eventId !== eventId) throw new AppError('seasons.ticket_other_event', 409);
  return lookup(ctx, actor, eventId, (fair) => repo.findVisitorByCode(ctx.db, fair.id, ticket.code), desk, meta);
}

/** The same card again by the visitor's id (after recording something for him; audited). */
export async function lookupVisitor(ctx: AppContext, actor: Actor, eventId: number, visitorId: number, desk: Desk, meta: RequestMeta): Promise<DeskView> {
  return lookup(ctx, actor, eventId, (fair) => repo.findVisitor(ctx.db, fair.id, visitorId), desk, meta);
}

/** The visitor agreed (the wording services.consent.visitor_share read to him): recorded by the staff member, audited. */
export async function shareVisitor(ctx: AppContext, actor: Actor, eventId: number, visitorId: number, desk: Desk, meta: RequestMeta): Promise<DeskView> {
  requireDeskStaff(actor);
  const fair = await loadFair(ctx.db, eventId);
  return ctx.db.transaction().execute(async (trx) => {
    let v = await repo.findVisitor(trx, eventId, visitorId);
    if (!v) throw notFound('services.desk.visitor_not_found');
    if (!v.services_shared_at) {
      const at = new Date();
      await recordConsent(trx, {
        userId: v.user_id, subjectHash: phoneHash(ctx.crypto, ctx.crypto.decrypt(v.phone_enc)), purpose: 'visitor_share', recordType: 'event_visitor',
        recordId: String(v.id), channel: 'desk', recordedBy: actor.id,
      });
      await repo.setShared(trx, v.id, at);
      v = { ...v, services_shared_at: at };
      await audit(trx, actor, 'services.desk.share', fair, v, meta, desk);
    }
    return view(ctx, trx, actor, fair, v, desk);
  });
}

/** The visitor withdrew his consent: each desk sees only its own records again. */
export async function unshareVisitor(ctx: AppContext, actor: Actor, eventId: number, visitorId: number, desk: Desk, meta: RequestMeta): Promise<DeskView> {
  requireDeskStaff(actor);
  const fair = await loadFair(ctx.db, eventId);
  return ctx.db.transaction().execute(async (trx) => {
    let v = await repo.findVisitor(trx, eventId, visitorId);
    if (!v) throw notFound('services.desk.visitor_not_found');
    await repo.withdrawShareConsents(trx, v.id);
    if (v.services_shared_at) {
      await repo.setShared(trx, v.id, null);
      v = { ...v, services_shared_at: null };
      await audit(trx, actor, 'services.desk.unshare', fair, v, meta, desk);
    }
    return view(ctx, trx, actor, fair, v, desk);
  });
}
