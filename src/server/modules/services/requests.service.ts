import type { z } from 'zod';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { forbidden, invalid, type FieldIssue } from '../../platform/errors.js';
import { keepResult, type IdempotencyClaim } from '../../platform/idempotency.js';
import { notify } from '../../platform/notify.js';
import { pageOffset, type PageQuery } from '../../platform/pagination.js';
import { zodIssuesToFieldIssues } from '../../platform/validation.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { phoneIndex } from '../accounts/accounts.service.js';
import type { Route } from './route.js';
import * as repo from './requests.repo.js';
import {
  DeskRequestInputSchema, RequestInputSchema, type DeskRequestInput, type DeskRequestValues, type QueueQuery, type RequestDetail, type RequestInput,
  type RequestList, type RequestValues,
} from './requests.schemas.js';
import { auditContentRead, detailOf, loadRequest, showsContent, summaryOf, viewAfterChange } from './requests.view.js';
import { canRecordAtDesk, isWorker } from './services.policy.js';
import { idCardHash, sealPhone, sealText } from './services.pii.js';
import { nextRefNo, recordConsent, routeByRegionAndEmployer } from './services.repo.js';
import { addWorkingDays, ANSWER_WORKING_DAYS } from './services.rules.js';

// Consultations, rights requests and mutual-aid claims (issue 8 §1, §3): a worker asks online or
// staff record it at a fair desk; it is routed to the union responsible (employer's own union, else
// the region's), with a first answer due in 2 working days; the reads of the queue and of one
// request. The thread and status changes are in requests.thread.ts, attachments in requests.files.ts.

const CLAIM_FIELDS = ['aidPlanId', 'idCard', 'claimAmount', 'incidentOn'] as const;
const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

/**
 * Check a request's input: the schema's field issues together with routing (region, employer),
 * the employer (registered or typed), the claim's plan and fields, and a desk's event and visitor —
 * every problem at once.
 */
async function checkInput<S extends typeof RequestInputSchema | typeof DeskRequestInputSchema>(ctx: AppContext, schema: S, raw: unknown, now: Date) {
  const parsed = schema.safeParse(raw);
  const issues: FieldIssue[] = parsed.success ? [] : zodIssuesToFieldIssues(parsed.error);
  const has = (path: string) => issues.some((i) => i.path === path);
  const add = (issue: FieldIssue) => { if (!has(issue.path)) issues.push(issue); };
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;

  const regionCode = typeof r.regionCode === 'string' ? r.regionCode.trim() : '';
  const enterpriseId = typeof r.enterpriseId === 'string' && r.enterpriseId.trim() ? r.enterpriseId.trim() : null;
  const routed = await routeByRegionAndEmployer(ctx.db, { regionCode, enterpriseId });
  routed.issues.forEach(add);
  if (!enterpriseId && blank(r.employerName)) add({ path: 'employerName', code: 'services.requests.employer_required' });

  let plan: Awaited<ReturnType<typeof repo.findPlan>> | undefined;
  let aidMemberId: number | null = null;
  if ((r.kind ?? 'consultation') === 'aid_claim') {
    for (const field of CLAIM_FIELDS) if (blank(r[field])) add({ path: field, code: 'validation.required' });
    if (typeof r.aidPlanId === 'number' && Number.isInteger(r.aidPlanId) && r.aidPlanId > 0) {
      plan = await repo.findPlan(ctx.db, r.aidPlanId);
      if (!plan) add({ path: 'aidPlanId', code: 'services.requests.plan_unknown' });
      else if (plan.status !== 'open') add({ path: 'aidPlanId', code: 'services.requests.plan_not_open', params: { plan: plan.name } });
    }
    if (typeof r.incidentOn === 'string' && r.incidentOn > chinaToday(now)) add({ path: 'incidentOn', code: 'services.requests.incident_future' });
    if (plan && parsed.success && parsed.data.idCard) {
      aidMemberId = (await repo.findAidMember(ctx.db, plan.id, idCardHash(ctx.crypto, parsed.data.idCard)))?.id ?? null;
    }
  } else {
    if (blank(r.category)) add({ path: 'category', code: 'validation.required' });
    for (const field of CLAIM_FIELDS) if (!blank(r[field])) add({ path: field, code: 'services.requests.claim_only' });
  }

  if (schema === DeskRequestInputSchema) {
    const eventId = typeof r.eventId === 'number' ? r.eventId : null;
    if (eventId && !(await repo.findEvent(ctx.db, eventId))) add({ path: 'eventId', code: 'services.requests.event_unknown' });
    if (typeof r.visitorId === 'number') {
      if (!eventId) add({ path: 'eventId', code: 'validation.required' });
      else {
        const visitor = await repo.findVisitor(ctx.db, r.visitorId);
        if (!visitor || visitor.event_id !== eventId) add({ path: 'visitorId', code: 'services.requests.visitor_not_of_event' });
      }
    }
  }
  if (issues.length || !parsed.success || !routed.route) throw invalid(issues.length ? issues : [{ path: 'regionCode', code: 'validation.region_code' }]);
  return { values: parsed.data as z.output<S>, route: routed.route, aidMemberId };
}

interface NewRequest {
  values: RequestValues;
  route: Route;
  aidMemberId: number | null;
  channel: 'online' | 'desk';
  userId: string | null;
  name: string | null;
  phone: string | null;
  eventId: number | null;
  visitorId: number | null;
}

/** Write a checked request with its consent, first event, audit entry and the owner union's notification. */
async function insertNew(ctx: AppContext, trx: Executor, actor: Actor, input: NewRequest, meta: RequestMeta | undefined, now: Date): Promise<string> {
  const { values, route } = input;
  const kind = values.kind;
  const enterpriseName = values.enterpriseId ? (await repo.findEnterpriseName(trx, values.enterpriseId))?.name : undefined;
  const sealed = input.phone ? sealPhone(ctx.crypto, input.phone) : { phone_enc: null, phone_hash: null, phone_masked: null };
  const { id } = await repo.insertRequest(trx, {
    ref_no: await nextRefNo(trx, 'service_request_ref_seq', kind === 'aid_claim' ? 'HZ' : 'ZX'),
    kind, category: values.category ?? 'mutual_aid', channel: input.channel, event_id: input.eventId, visitor_id: input.visitorId, user_id: input.userId,
    name: input.name ? Array.from(input.name).slice(0, 50).join('') : null, ...sealed,
    region_code: values.regionCode, enterprise_id: values.enterpriseId ?? null, employer_name: (enterpriseName ?? values.employerName).slice(0, 100),
    subject: values.subject, body_enc: sealText(ctx.crypto, values.body),
    aid_plan_id: kind === 'aid_claim' ? values.aidPlanId ?? null : null, aid_member_id: kind === 'aid_claim' ? input.aidMemberId : null,
    claim_amount: kind === 'aid_claim' ? values.claimAmount ?? null : null, incident_on: kind === 'aid_claim' ? values.incidentOn ?? null : null,
    owner_union_id: route.unionId, routed_by: route.by, answer_due_at: addWorkingDays(now, ANSWER_WORKING_DAYS), consented_at: now,
    created_by: actor.id, created_at: now, updated_at: now,
  });
  await recordConsent(trx, {
    userId: input.userId, subjectHash: sealed.phone_hash, purpose: kind === 'aid_claim' ? 'aid_claim' : 'consultation',
    recordType: 'service_request', recordId: id, channel: input.channel, recordedBy: actor.id,
  });
  await repo.insertEvent(trx, { requestId: id, actorId: actor.id, action: 'created', toStatus: 'open', toUnionId: route.unionId });
  const row = (await repo.findRequest(trx, id))!;
  await recordAudit(trx, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'services.request.create', subjectType: 'service_request', subjectId: id, subjectLabel: row.ref_no,
    scopePrefix: row.owner_scope, fields: ['name', 'phone', 'subject', 'body', ...(kind === 'aid_claim' ? ['id_card'] : [])], ip: meta?.ip ?? null, requestId: meta?.requestId ?? null,
  });
  await notify(trx, {
    target: { unionId: route.unionId }, kind: 'services.request',
    messageKey: kind === 'aid_claim' ? 'services.requests.notify.claim_created' : 'services.requests.notify.created',
    params: { ref: row.ref_no, region: row.region_name }, link: `/admin/services/requests/${id}`, dedupeKey: `service_request:${id}:created`, channels: [],
  });
  return id;
}

export interface CreateRequestOptions {
  actor: Actor;
  /** The body as posted (checked here, every issue at once). */
  input: RequestInput | unknown;
  meta?: RequestMeta;
  claim?: IdempotencyClaim | null;
  now?: Date;
}

/** A worker asks online: his name and phone come from his account. */
export async function createRequest(ctx: AppContext, options: CreateRequestOptions): Promise<RequestDetail> {
  const { actor } = options;
  if (!isWorker(actor)) throw forbidden();
  const now = options.now ?? new Date();
  const checked = await checkInput(ctx, RequestInputSchema, options.input, now);
  return ctx.db.transaction().execute(async (trx) => {
    const account = await repo.findAccount(trx, actor.id);
    const id = await insertNew(ctx, trx, actor, {
      ...checked, channel: 'online', userId: actor.id, name: account?.name ?? actor.name,
      phone: account?.phone_enc ? ctx.crypto.decrypt(account.phone_enc) : null, eventId: null, visitorId: null,
    }, options.meta, now);
    const detail = await viewAfterChange(ctx, trx, actor, id, now);
    await keepResult(trx, options.claim, detail);
    return detail;
  });
}

export interface CreateDeskRequestOptions extends Omit<CreateRequestOptions, 'input'> {
  input: DeskRequestInput | unknown;
}

/** Staff record a worker's request at a fair desk: name and phone typed; linked to his account when the phone matches one. */
export async function createDeskRequest(ctx: AppContext, options: CreateDeskRequestOptions): Promise<RequestDetail> {
  const { actor } = options;
  if (!canRecordAtDesk(actor)) throw forbidden();
  const now = options.now ?? new Date();
  const checked = await checkInput(ctx, DeskRequestInputSchema, options.input, now);
  const values = checked.values as DeskRequestValues;
  return ctx.db.transaction().execute(async (trx) => {
    const account = await repo.findAccountByPhoneHash(trx, phoneIndex(ctx, values.phone));
    const id = await insertNew(ctx, trx, actor, {
      ...checked, channel: 'desk', userId: account?.id ?? null, name: values.name, phone: values.phone,
      eventId: values.eventId ?? null, visitorId: values.visitorId ?? null,
    }, options.meta, now);
    const detail = await viewAfterChange(ctx, trx, actor, id, now);
    await keepResult(trx, options.claim, detail);
    return detail;
  });
}

/** One request: the worker's own, the owner union's staff in full (audited), unions above without its words. */
export async function getRequest(ctx: AppContext, actor: Actor, id: string, meta?: RequestMeta): Promise<RequestDetail> {
  const { row, access } = await loadRequest(ctx.db, actor, id);
  if (access === 'owner') await auditContentRead(ctx.db, actor, row, meta, { action: 'services.request.read', fields: ['name', 'phone', 'subject', 'body', 'messages'] });
  return detailOf(ctx, ctx.db, actor, row, access);
}

/** The caller's own requests, newest first. */
export async function listMyRequests(ctx: AppContext, actor: Actor, query: PageQuery): Promise<RequestList> {
  const now = new Date();
  const { total, rows } = await repo.listRequests(ctx.db, { userId: actor.id, now, offset: pageOffset(query), limit: query.pageSize });
  return { total, items: rows.map((row) => summaryOf(row, true, now)) };
}

/** The staff queue: requests of unions within the caller's scope; subjects only for his own union's rows. */
export async function listQueue(ctx: AppContext, actor: Actor, query: QueueQuery): Promise<RequestList> {
  if (!isStaff(actor) || actor.scopePrefix === null) throw forbidden();
  const now = new Date();
  const { total, rows } = await repo.listRequests(ctx.db, {
    scopePrefix: actor.scopePrefix, viewerUnionId: actor.unionId, status: query.status, category: query.category, kind: query.kind, sla: query.sla,
    unionId: query.unionId, eventId: query.eventId, assigneeId: query.assigneeId === 'me' ? actor.id : query.assigneeId, q: query.q || undefined,
    now, offset: pageOffset(query), limit: query.pageSize,
  });
  return { total, items: rows.map((row) => summaryOf(row, showsContent(actor, row), now)) };
}

/** Verified enterprises for the employer picker. */
export async function searchEmployers(ctx: AppContext, q: string) {
  if (!q.trim()) return [];
  const rows = await repo.searchEmployers(ctx.db, q.trim());
  return rows.map((r) => ({ id: r.id, name: r.name, region: { code: r.region_code, name: r.region_name } }));
}

/** Every union, for the transfer picker (staff). */
export async function listUnionsForTransfer(ctx: AppContext, actor: Actor) {
  if (!isStaff(actor)) throw forbidden();
  return repo.listAllUnions(ctx.db);
}

/** The caller's union's staff, for the assignee picker. */
export async function listAssignees(ctx: AppContext, actor: Actor) {
  if (!isStaff(actor)) throw forbidden();
  return actor.unionId ? repo.listUnionStaff(ctx.db, actor.unionId) : [];
}
