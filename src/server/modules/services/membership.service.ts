import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { IdempotentReplay, keepResult, type IdempotencyClaim } from '../../platform/idempotency.js';
import { notify } from '../../platform/notify.js';
import { pageOffset } from '../../platform/pagination.js';
import { maskName } from '../../../shared/validators.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { phoneIndex } from '../accounts/accounts.service.js';
import { CARD_CODE_PATTERN, chinaDate, formatMemberNo, isReviewOverdue, newCardCode } from './member-no.js';
import * as repo from './membership.repo.js';
import type {
  Card, CardCheck, DeskMembershipInput, MembershipDetail, MembershipInput, MembershipListQuery, MembershipSummary, MyMembership,
} from './membership.schemas.js';
import { canRecordAtDesk, canReviewMembership, canSeeServiceQueue, isOwnWorkerRecord, isWorker } from './services.policy.js';
import { idCardHash, sealIdCard, sealPhone } from './services.pii.js';
import { nextRefNo, recordConsent, routeByRegionAndEmployer } from './services.repo.js';
import { addWorkingDaysToDate, MEMBERSHIP_REVIEW_WORKING_DAYS } from './services.rules.js';

// Union membership (入会, issue 8 §2): a worker applies (or staff record it at a fair desk); the
// application is routed to the employer's own union when it is registered, else to the union of
// the employer's region; that union reviews it within 5 working days; an approved one carries the
// member number and the unguessable code of the card's QR. One open or approved application per
// person, by the 身份证号's blind index.

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const statusKey = (s: string) => `services.membership.status.${s}`;
const owned = (row: repo.MembershipRow) => ({ ownerUnionId: row.owner_union_id, ownerScope: row.union_scope, userId: row.user_id });

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, row: repo.MembershipRow, extra: { fields?: string[]; reason?: string } = {}) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'membership_application', subjectId: row.id,
    subjectLabel: `${row.ref_no} ${row.union_name}`, scopePrefix: row.union_scope, fields: extra.fields ?? [], reason: extra.reason ?? null,
    ip: meta.ip, requestId: meta.requestId,
  });

function summaryOf(row: repo.MembershipRow, fullName: boolean, now = new Date()): MembershipSummary {
  const regionName = row.region_name ?? row.region_code;
  return {
    id: row.id, refNo: row.ref_no, channel: row.channel, status: row.status,
    name: row.name === null ? null : fullName ? row.name : maskName(row.name),
    region: { code: row.region_code, name: regionName }, ownerUnion: { id: row.owner_union_id, name: row.union_name }, employerName: row.employer_name,
    event: row.event_id !== null ? { id: row.event_id, name: row.event_name ?? '' } : null, createdAt: row.created_at.toISOString(),
    reviewDueOn: row.review_due_on, overdue: isReviewOverdue({ status: row.status, reviewDueOn: row.review_due_on }, now),
    reviewedAt: iso(row.reviewed_at), memberNo: row.member_no,
  };
}

/** The application as this caller may see it: the worker and the owner union in full, unions above with the name masked. */
function detailOf(row: repo.MembershipRow, actor: Actor, options: { recordedHere?: boolean } = {}): MembershipDetail {
  const own = isOwnWorkerRecord(actor, owned(row));
  const reviewer = canReviewMembership(actor, owned(row));
  return {
    ...summaryOf(row, own || reviewer || !!options.recordedHere),
    idCardMasked: row.id_card_masked, phoneMasked: row.phone_masked,
    enterprise: row.enterprise_id ? { id: row.enterprise_id, name: row.enterprise_name ?? row.employer_name } : null,
    routedBy: row.routed_by, rejectReason: row.reject_reason, reviewedBy: row.reviewer_name ?? null, joinedOn: row.joined_on,
    consentedAt: row.consented_at.toISOString(),
    can: { review: reviewer && row.status === 'submitted', reveal: reviewer && row.erased_at === null, withdraw: own && row.status === 'submitted' },
  };
}

function cardOf(row: repo.MembershipRow): Card | null {
  if (row.status !== 'approved' || !row.card_code || !row.member_no || !row.joined_on || row.erased_at) return null;
  return { name: row.name ?? '', union: row.union_name, memberNo: row.member_no, joinedOn: row.joined_on, code: row.card_code, checkPath: `/m/member-card/${row.card_code}` };
}

const duplicateOf = (row: repo.MembershipRow) => conflict('services.membership.duplicate', { union: row.union_name, status: statusKey(row.status), refNo: row.ref_no });

interface NewApplication {
  channel: 'online' | 'desk'; userId: string | null; name: string; phone: string; idCard: string; regionCode: string;
  enterpriseId: string | null; employerName: string | undefined; eventId: number | null; visitorId: number | null;
}

/** Route, check and store an application with its consent, in one transaction; the owner union is told. */
async function createApplication(ctx: AppContext, actor: Actor, input: NewApplication, extraIssues: FieldIssue[], meta: RequestMeta, claim: IdempotencyClaim | null) {
  const issues = [...extraIssues];
  if (!input.enterpriseId && !input.employerName) issues.push({ path: 'employerName', code: 'services.membership.employer_required' });
  const routing = await routeByRegionAndEmployer(ctx.db, { regionCode: input.regionCode, enterpriseId: input.enterpriseId });
  issues.push(...routing.issues);
  if (issues.length || !routing.route) throw invalid(issues);
  const route = routing.route;
  const hash = idCardHash(ctx.crypto, input.idCard);
  const existing = (await repo.findLiveByIdCard(ctx.db, hash)) ?? (input.userId ? await liveOfUser(ctx.db, input.userId) : undefined);
  if (existing) throw duplicateOf(existing);
  const employerName = input.enterpriseId ? (await repo.enterpriseName(ctx.db, input.enterpriseId)) ?? input.employerName ?? '' : input.employerName!;
  const now = new Date();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const refNo = await nextRefNo(trx, 'membership_ref_seq', 'RH');
      const reviewDueOn = addWorkingDaysToDate(now, MEMBERSHIP_REVIEW_WORKING_DAYS);
      const id = await repo.insertApplication(trx, {
        refNo, channel: input.channel, eventId: input.eventId, visitorId: input.visitorId, userId: input.userId, name: input.name,
        sealed: { ...sealIdCard(ctx.crypto, input.idCard), ...sealPhone(ctx.crypto, input.phone) }, regionCode: input.regionCode,
        enterpriseId: input.enterpriseId, employerName, ownerUnionId: route.unionId, routedBy: route.by, reviewDueOn, consentedAt: now, createdBy: actor.id,
      });
      await recordConsent(trx, {
        userId: input.userId, subjectHash: hash, purpose: 'membership', recordType: 'membership_application', recordId: id, channel: input.channel,
        recordedBy: input.channel === 'desk' ? actor.id : null,
      });
      const row = (await repo.findApplication(trx, id))!;
      await audit(trx, actor, meta, input.channel === 'desk' ? 'services.membership.desk_record' : 'services.membership.apply', row);
      await notify(trx, {
        target: { unionId: route.unionId }, kind: 'services.membership', messageKey: 'services.membership.notify.submitted',
        params: { refNo, dueOn: reviewDueOn }, link: `/admin/services/membership?id=${id}`, dedupeKey: `membership:${id}:submitted`, channels: [],
      });
      const result = detailOf(row, actor, { recordedHere: true });
      await keepResult(trx, claim, result);
      return result;
    });
  } catch (error) {
    // Two submits at once meet on the unique index of the 身份证号: a twin of this very request (same key) answers with the first's result.
    if ((error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'membership_once_key') {
      if (claim && (await repo.hasIdempotencyKey(ctx.db, claim.actor, claim.key))) throw new IdempotentReplay();
      const twin = await repo.findLiveByIdCard(ctx.db, hash);
      if (twin) throw duplicateOf(twin);
    }
    throw error;
  }
}

async function liveOfUser(db: Executor, userId: string) {
  const latest = await repo.latestOfUser(db, userId);
  return latest && (latest.status === 'submitted' || latest.status === 'approved') ? latest : (await repo.approvedOfUser(db, userId));
}

/** A worker applies online; his name and phone default to his account's. */
export async function applyForMembership(ctx: AppContext, actor: Actor, input: MembershipInput, meta: RequestMeta, claim: IdempotencyClaim | null): Promise<MembershipDetail> {
  if (!isWorker(actor)) throw new AppError('services.membership.workers_only', 403);
  const account = await repo.findAccount(ctx.db, actor.id);
  const phone = input.phone ?? (account?.phone_enc ? ctx.crypto.decrypt(account.phone_enc) : null);
  const issues: FieldIssue[] = phone ? [] : [{ path: 'phone', code: 'validation.phone' }];
  return createApplication(ctx, actor, {
    channel: 'online', userId: actor.id, name: input.name ?? account?.name ?? actor.name, phone: phone ?? '', idCard: input.idCard,
    regionCode: input.regionCode, enterpriseId: input.enterpriseId || null, employerName: input.employerName || undefined, eventId: null, visitorId: null,
  }, issues, meta, claim);
}

/** Staff record a worker's application at a fair desk; it belongs to his account when the phone is one's. */
export async function recordMembershipAtDesk(ctx: AppContext, actor: Actor, input: DeskMembershipInput, meta: RequestMeta, claim: IdempotencyClaim | null): Promise<MembershipDetail> {
  if (!canRecordAtDesk(actor)) throw new AppError('services.membership.desk_only', 403);
  const issues: FieldIssue[] = [];
  if (input.visitorId && !input.eventId) issues.push({ path: 'eventId', code: 'services.membership.event_required' });
  if (input.eventId && !(await repo.eventExists(ctx.db, input.eventId))) issues.push({ path: 'eventId', code: 'services.membership.event_unknown' });
  else if (input.eventId && input.visitorId && !(await repo.isVisitorOf(ctx.db, input.eventId, input.visitorId))) issues.push({ path: 'visitorId', code: 'services.membership.visitor_unknown' });
  const userId = await repo.userIdByPhoneHash(ctx.db, phoneIndex(ctx, input.phone));
  return createApplication(ctx, actor, {
    channel: 'desk', userId, name: input.name, phone: input.phone, idCard: input.idCard, regionCode: input.regionCode,
    enterpriseId: input.enterpriseId || null, employerName: input.employerName || undefined, eventId: input.eventId ?? null, visitorId: input.visitorId ?? null,
  }, issues, meta, claim);
}

/** The worker's latest application and his card (if he is a member). */
export async function getMyMembership(ctx: AppContext, actor: Actor): Promise<MyMembership> {
  const [latest, approved] = await Promise.all([repo.latestOfUser(ctx.db, actor.id), repo.approvedOfUser(ctx.db, actor.id)]);
  return { application: latest ? detailOf(latest, actor) : null, card: approved ? cardOf(approved) : null };
}

export async function getMyCard(ctx: AppContext, actor: Actor): Promise<{ card: Card | null }> {
  const approved = await repo.approvedOfUser(ctx.db, actor.id);
  return { card: approved ? cardOf(approved) : null };
}

/** The public check behind a card's QR: valid or not, the masked name, union, number and date. */
export async function checkCard(ctx: AppContext, code: string): Promise<CardCheck> {
  const row = CARD_CODE_PATTERN.test(code) ? await repo.findByCardCode(ctx.db, code) : undefined;
  if (!row || !row.member_no || !row.joined_on) throw notFound('services.membership.card_not_found');
  return { valid: row.status === 'approved' && row.erased_at === null, name: row.name ? maskName(row.name) : null, union: row.union_name, memberNo: row.member_no, joinedOn: row.joined_on };
}

/**
 * Load an application for the caller: the worker his own (anyone else's is 404, like a missing
 * one); staff whose scope covers the owner union; other staff 403 naming the owner union.
 */
async function loadVisible(db: Executor, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<repo.MembershipRow> {
  const row = await repo.findApplication(db, id, options);
  if (!row) throw notFound('services.membership.not_found');
  if (isOwnWorkerRecord(actor, owned(row))) return row;
  if (!isStaff(actor)) throw notFound('services.membership.not_found');
  if (!canSeeServiceQueue(actor, owned(row))) throw new AppError('services.membership.other_union', 403, { union: row.union_name });
  return row;
}

async function loadForReview(db: Executor, actor: Actor, id: string): Promise<repo.MembershipRow> {
  const row = await loadVisible(db, actor, id, { forUpdate: true });
  if (!canReviewMembership(actor, owned(row))) throw new AppError('services.membership.review_owner_only', 403, { union: row.union_name });
  return row;
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<MembershipDetail> {
  const row = await loadVisible(ctx.db, actor, id);
  if (isStaff(actor)) await audit(ctx.db, actor, meta, 'services.membership.read', row, { fields: canReviewMembership(actor, owned(row)) ? ['name', 'phone_masked', 'id_card_masked'] : [] });
  return detailOf(row, actor);
}

/** The review queue within the caller's scope (staff only), waiting and overdue ones first. */
export async function listApplications(ctx: AppContext, actor: Actor, query: MembershipListQuery): Promise<{ total: number; items: MembershipSummary[] }> {
  if (!isStaff(actor) || actor.scopePrefix === null) throw forbidden();
  const now = new Date();
  const { rows, total } = await repo.listApplications(ctx.db, {
    scopePrefix: actor.scopePrefix, status: query.status, overdueBefore: query.overdue === 'true' ? chinaDate(now) : undefined, unionId: query.unionId,
    q: query.q || undefined, offset: pageOffset(query), limit: query.pageSize,
  });
  return { total, items: rows.map((r) => summaryOf(r, canReviewMembership(actor, owned(r)), now)) };
}

/** The worker takes back his application while it waits for review. */
export async function withdrawApplication(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<MembershipDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findApplication(trx, id, { forUpdate: true });
    if (!row || !isOwnWorkerRecord(actor, owned(row))) throw notFound('services.membership.not_found');
    if (row.status !== 'submitted') throw conflict('services.membership.not_submitted', { status: statusKey(row.status) });
    await repo.updateApplication(trx, id, { status: 'withdrawn' });
    await audit(trx, actor, meta, 'services.membership.withdraw', row);
    return detailOf((await repo.findApplication(trx, id))!, actor);
  });
}

/** Approve (owner union staff): the member number, the card's code and the day he joined; the worker is told. */
export async function approveApplication(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<MembershipDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForReview(trx, actor, id);
    if (row.status !== 'submitted') throw conflict('services.membership.not_submitted', { status: statusKey(row.status) });
    const now = new Date();
    const memberNo = formatMemberNo(row.union_federation, now, await repo.nextMemberSeq(trx));
    await repo.updateApplication(trx, id, { status: 'approved', reviewed_by: actor.id, reviewed_at: now, member_no: memberNo, card_code: newCardCode(), joined_on: chinaDate(now) });
    await audit(trx, actor, meta, 'services.membership.approve', row);
    if (row.user_id) {
      await notify(trx, {
        target: { userId: row.user_id }, kind: 'services.membership', messageKey: 'services.membership.notify.approved',
        params: { memberNo, union: row.union_name }, link: '/m/services/card', dedupeKey: `membership:${id}:approved`,
      });
    }
    return detailOf((await repo.findApplication(trx, id))!, actor);
  });
}

/** Reject with a reason (owner union staff); the worker is told and may apply again. */
export async function rejectApplication(ctx: AppContext, actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<MembershipDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadForReview(trx, actor, id);
    if (row.status !== 'submitted') throw conflict('services.membership.not_submitted', { status: statusKey(row.status) });
    await repo.updateApplication(trx, id, { status: 'rejected', reviewed_by: actor.id, reviewed_at: new Date(), reject_reason: reason });
    await audit(trx, actor, meta, 'services.membership.reject', row, { reason });
    if (row.user_id) {
      await notify(trx, {
        target: { userId: row.user_id }, kind: 'services.membership', messageKey: 'services.membership.notify.rejected',
        params: { refNo: row.ref_no, reason }, link: '/m/services/join', dedupeKey: `membership:${id}:rejected`,
      });
    }
    return detailOf((await repo.findApplication(trx, id))!, actor);
  });
}

/** The full 身份证号 or phone, for the owner union's staff only, with the reason in the audit log. */
export async function revealApplication(ctx: AppContext, actor: Actor, id: string, field: 'idCard' | 'phone', reason: string, meta: RequestMeta): Promise<{ value: string | null }> {
  const row = await loadVisible(ctx.db, actor, id);
  if (!canReviewMembership(actor, owned(row))) throw new AppError('services.membership.review_owner_only', 403, { union: row.union_name });
  const cipher = await repo.findCipher(ctx.db, id, field);
  await audit(ctx.db, actor, meta, 'pii.reveal', row, { fields: [field === 'idCard' ? 'id_card' : 'phone'], reason });
  return { value: cipher ? ctx.crypto.decrypt(cipher) : null };
}
