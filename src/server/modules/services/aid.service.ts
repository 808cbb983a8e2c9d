import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { isAdmin, isStaff } from '../accounts/accounts.policy.js';
import { todayIso } from '../jobs/postings.service.js';
import * as repo from './aid.repo.js';
import type { Plan, PlanInput, PlanListQuery, PlanUpdate } from './aid.schemas.js';
import { canManageAidPlans } from './services.policy.js';

// Mutual-aid plans (职工互助保障, issue 8 §3): a federation's staff write a plan as a draft, open it
// (workers see it on their phones, employers enrol for it) and close it. Price and period are the
// terms employers pay by: fixed once the plan is open. Everyone sees open plans; staff of a
// federation's unions also see its drafts and closed plans.

type Federation = '50' | '51';

/** Which plans besides open ones the actor sees: his federation's (staff), all (admin), none (the public). */
export function plansVisibleTo(actor: Actor | null): Federation | 'all' | null {
  if (!actor || !isStaff(actor)) return null;
  if (isAdmin(actor)) return 'all';
  const fed = actor.scopePrefix?.slice(0, 2);
  return fed === '50' || fed === '51' ? fed : null;
}

const canSeePlan = (actor: Actor | null, row: { status: string; federation: Federation }) => {
  const also = plansVisibleTo(actor);
  return row.status === 'open' || also === 'all' || also === row.federation;
};

function planOf(actor: Actor | null, row: repo.PlanRow): Plan {
  const also = plansVisibleTo(actor);
  return {
    id: row.id, federation: row.federation, name: row.name, summary: row.summary, startsOn: row.starts_on, endsOn: row.ends_on, price: row.price,
    benefits: row.benefits.map((b) => ({ name: b.name, amount: b.amount, note: b.note ?? '' })), status: row.status, version: row.version,
    updatedAt: row.updated_at.toISOString(),
    enrolledPeople: also === 'all' || also === row.federation ? row.enrolled_people : null,
    me: { canEdit: canManageAidPlans(actor, row.federation) && row.status !== 'closed' },
  };
}

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, plan: { id: number; name: string; federation: Federation }, reason?: string) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'aid_plan', subjectId: String(plan.id), subjectLabel: plan.name,
    scopePrefix: plan.federation, ip: meta.ip, requestId: meta.requestId, reason: reason ?? null,
  });

const notManager = (federation: Federation) => new AppError('services.aid.not_plan_manager', 403, { federation: `services.aid.federation.${federation}` });

/** A plan the actor may see (drafts and closed ones: staff of its federation); 404 otherwise, like a missing one. */
export async function loadPlan(db: Executor, actor: Actor | null, id: number, options: { forUpdate?: boolean } = {}): Promise<repo.PlanRow> {
  const row = await repo.findPlan(db, id, options);
  if (!row || !canSeePlan(actor, row)) throw notFound('services.aid.plan_not_found');
  return row;
}

async function loadForManage(db: Executor, actor: Actor, id: number): Promise<repo.PlanRow> {
  const row = await loadPlan(db, actor, id, { forUpdate: true });
  if (!canManageAidPlans(actor, row.federation)) throw notManager(row.federation);
  return row;
}

export async function getPlan(ctx: AppContext, actor: Actor | null, id: number): Promise<Plan> {
  return planOf(actor, await loadPlan(ctx.db, actor, id));
}

/** Open plans for everyone; with its drafts and closed plans for a federation's staff. */
export async function listPlans(ctx: AppContext, actor: Actor | null, query: PlanListQuery): Promise<{ total: number; items: Plan[] }> {
  const { rows, total } = await repo.listPlans(ctx.db, {
    status: query.status, federation: query.federation, alsoFederation: plansVisibleTo(actor), offset: pageOffset(query), limit: query.pageSize,
  });
  return { total, items: rows.map((r) => planOf(actor, r)) };
}

/** A new draft plan of the actor's federation (an admin names the federation). */
export async function createPlan(ctx: AppContext, actor: Actor, input: PlanInput, meta: RequestMeta): Promise<Plan> {
  const federation = input.federation ?? plansVisibleTo(actor);
  if (federation === null || federation === 'all') {
    if (isAdmin(actor)) throw invalid([{ path: 'federation', code: 'services.aid.federation_required' }]);
    throw new AppError('services.aid.not_plan_manager_any', 403);
  }
  if (!canManageAidPlans(actor, federation)) {
    throw isStaff(actor) && plansVisibleTo(actor) === federation ? new AppError('services.aid.not_plan_manager_any', 403) : notManager(federation);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const planId = await repo.insertPlan(trx, federation, input, actor.id);
    await audit(trx, actor, meta, 'services.aid.plan.create', { id: planId, name: input.name, federation });
    return planId;
  });
  return getPlan(ctx, actor, id);
}

/** Change a plan (with its version: a stale one is 409). Price and period are fixed once it opened. */
export async function updatePlan(ctx: AppContext, actor: Actor, id: number, input: PlanUpdate, meta: RequestMeta): Promise<Plan> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForManage(trx, actor, id);
    if (row.status === 'closed') throw conflict('services.aid.plan_closed', { name: row.name });
    if (row.version !== input.version) throw conflict('http.conflict_edit');
    if (row.status !== 'draft' && (input.price !== row.price || input.startsOn !== row.starts_on || input.endsOn !== row.ends_on)) {
      throw conflict('services.aid.terms_locked');
    }
    const { version, ...values } = input;
    if (!(await repo.updatePlan(trx, id, version, values))) throw conflict('http.conflict_edit');
    await audit(trx, actor, meta, 'services.aid.plan.update', row);
  });
  return getPlan(ctx, actor, id);
}

/** Open a draft: it needs at least one benefit and a period that has not ended. */
export async function openPlan(ctx: AppContext, actor: Actor, id: number, version: number, meta: RequestMeta): Promise<Plan> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForManage(trx, actor, id);
    if (row.status !== 'draft') throw conflict('services.aid.plan_status', { status: `services.aid.plan_status.${row.status}` });
    if (row.version !== version) throw conflict('http.conflict_edit');
    const issues = [
      ...(row.benefits.length ? [] : [{ path: 'benefits', code: 'services.aid.benefits_required' as const }]),
      ...(row.ends_on < todayIso() ? [{ path: 'endsOn', code: 'services.aid.plan_ended' as const, params: { endsOn: row.ends_on } }] : []),
    ];
    if (issues.length) throw invalid(issues);
    if (!(await repo.updatePlan(trx, id, version, { status: 'open' }))) throw conflict('http.conflict_edit');
    await audit(trx, actor, meta, 'services.aid.plan.open', row);
  });
  return getPlan(ctx, actor, id);
}

/** Close a plan (no new enrolments or claims); enrolments already submitted are still confirmed or returned. */
export async function closePlan(ctx: AppContext, actor: Actor, id: number, version: number, meta: RequestMeta): Promise<Plan> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForManage(trx, actor, id);
    if (row.status === 'closed') throw conflict('services.aid.plan_closed', { name: row.name });
    if (row.version !== version) throw conflict('http.conflict_edit');
    if (!(await repo.updatePlan(trx, id, version, { status: 'closed' }))) throw conflict('http.conflict_edit');
    await audit(trx, actor, meta, 'services.aid.plan.close', row);
  });
  return getPlan(ctx, actor, id);
}
