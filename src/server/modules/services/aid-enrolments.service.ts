import { createHash } from 'node:crypto';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type RowIssue } from '../../platform/errors.js';
import { notify } from '../../platform/notify.js';
import { pageOffset } from '../../platform/pagination.js';
import { isAdmin, isStaff, isWithinScope } from '../accounts/accounts.policy.js';
import { readAidList, type ListMember } from './aid-sheet.js';
import * as repo from './aid-enrolments.repo.js';
import type { Enrolment, EnrolmentListQuery, EnrolmentSummary } from './aid.schemas.js';
import { loadPlan } from './aid.service.js';
import { idCardHash, sealIdCard, sealPhone } from './services.pii.js';
import { canConfirmEnrolment, canEnrolFor } from './services.policy.js';

// Enrolment in a mutual-aid plan by an employer's agent (issue 8 §3): he uploads the list of his
// workers (all or nothing, every bad row named) → a draft with people and amount (people × price)
// → he confirms it → submitted → staff of the enterprise's union (or a union above it) confirm it,
// or return it with a note; a draft or returned list may be cancelled. A returned or cancelled
// list's members are deleted, so those workers can be listed again. The same file uploaded twice
// is the same enrolment.

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

function summaryOf(row: repo.EnrolmentRow): EnrolmentSummary {
  return {
    id: row.id, plan: { id: row.plan_id, name: row.plan_name, price: row.plan_price, federation: row.plan_federation },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name }, ownerUnion: { id: row.owner_union_id, name: row.union_name },
    status: row.status, people: row.people, amount: row.amount, returnNote: row.return_note,
    submittedBy: ref(row.submitted_by, row.submitted_by_name), submittedAt: iso(row.submitted_at),
    confirmedBy: ref(row.confirmed_by, row.confirmed_by_name), confirmedAt: iso(row.confirmed_at),
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), version: row.version,
  };
}

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, row: { id: number; enterprise_name: string; plan_name: string; union_scope: string }, extra: { reason?: string; fields?: string[] } = {}) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'aid_enrolment', subjectId: String(row.id),
    subjectLabel: `${row.enterprise_name} ${row.plan_name}`, scopePrefix: row.union_scope, ip: meta.ip, requestId: meta.requestId,
    reason: extra.reason ?? null, fields: extra.fields ?? [],
  });

interface Access { agent: boolean; staff: boolean }

/** Who the actor is to this enrolment: an agent of its employer, or staff whose scope covers its union. */
async function accessTo(db: Executor, actor: Actor, row: repo.EnrolmentRow): Promise<Access> {
  const agent = actor.roles.includes('employer') && (await repo.isActiveAgent(db, actor.id, row.enterprise_id));
  const staff = isStaff(actor) && isWithinScope(actor, row.union_scope) && row.status !== 'draft' && row.status !== 'cancelled';
  return { agent, staff };
}

/** An enrolment the actor may see: agents their employer's (404 for others: ids are sequential), staff in scope (403 naming the union). */
async function loadVisible(db: Executor, actor: Actor, id: number, options: { forUpdate?: boolean } = {}): Promise<{ row: repo.EnrolmentRow; access: Access }> {
  const row = await repo.findEnrolment(db, id, options);
  if (!row) throw notFound('services.aid.enrolment_not_found');
  const access = await accessTo(db, actor, row);
  if (access.agent || access.staff) return { row, access };
  if (isStaff(actor) && row.status !== 'draft' && row.status !== 'cancelled') throw new AppError('services.aid.other_union', 403, { union: row.union_name });
  throw notFound('services.aid.enrolment_not_found');
}

async function detailOf(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta | null): Promise<Enrolment> {
  const { row, access } = await loadVisible(ctx.db, actor, id);
  const members = await repo.listMembers(ctx.db, id);
  // Staff reading the names on an employer's list is an access to personal data.
  if (meta && access.staff && !access.agent && members.length) await audit(ctx.db, actor, meta, 'services.aid.enrolment.read', row, { fields: ['name'] });
  const staffCanAct = access.staff && canConfirmEnrolment(actor, { ownerScope: row.union_scope }) && row.status === 'submitted';
  return {
    ...summaryOf(row),
    members: members.map((m) => ({ rowNo: m.row_no, name: m.name, idCardMasked: m.id_card_masked, phoneMasked: m.phone_masked })),
    can: {
      submit: access.agent && row.status === 'draft' && row.plan_status === 'open',
      cancel: access.agent && (row.status === 'draft' || row.status === 'returned'),
      confirm: staffCanAct, return: staffCanAct,
    },
  };
}

export const getEnrolment = (ctx: AppContext, actor: Actor, id: number, meta: RequestMeta) => detailOf(ctx, actor, id, meta);

/** The employers the actor enrols for, with the union that will confirm. */
export async function myEnterprises(ctx: AppContext, actor: Actor) {
  const rows = actor.roles.includes('employer') ? await repo.agentEnterprises(ctx.db, actor.id) : [];
  return rows.map((r) => ({ id: r.id, name: r.name, verified: r.status === 'verified', ownerUnion: { id: r.union_id, name: r.union_name } }));
}

/** Agents: their employers' enrolments; staff: submitted and later ones of the unions in their scope. */
export async function listEnrolments(ctx: AppContext, actor: Actor, query: EnrolmentListQuery): Promise<{ total: number; items: EnrolmentSummary[] }> {
  const page = { status: query.status, planId: query.planId, offset: pageOffset(query), limit: query.pageSize };
  let filter: repo.EnrolmentFilter;
  if (isStaff(actor)) filter = { ...page, scopePrefix: isAdmin(actor) ? '' : actor.scopePrefix ?? '\u0000none' };
  else if (actor.roles.includes('employer')) filter = { ...page, enterpriseIds: (await repo.agentEnterprises(ctx.db, actor.id)).map((e) => e.id) };
  else throw forbidden();
  const { rows, total } = await repo.listEnrolments(ctx.db, filter);
  return { total, items: rows.map(summaryOf) };
}

/** Members already on a list of this plan, named by their rows in the new file. */
async function alreadyEnrolled(db: Executor, ctx: AppContext, planId: number, enterpriseId: string, members: ListMember[], at: { sheet: string; column: string }): Promise<RowIssue[]> {
  const hashes = members.map((m) => idCardHash(ctx.crypto, m.idCard));
  const found = new Map((await repo.enrolledHashes(db, planId, hashes)).map((r) => [r.id_card_hash!.toString('hex'), r]));
  return members.flatMap((m, i) => {
    const there = found.get(hashes[i]!.toString('hex'));
    if (!there) return [];
    return [there.enterprise_id === enterpriseId
      ? { sheet: at.sheet, row: m.rowNo, column: at.column, code: 'services.aid.already_enrolled_own' as const, params: { id: there.enrolment_id, status: `services.aid.status.${there.status}` } }
      : { sheet: at.sheet, row: m.rowNo, column: at.column, code: 'services.aid.already_enrolled' as const }];
  });
}

const listInvalid = (issues: RowIssue[]) =>
  new AppError('services.aid.list_invalid', 422, { count: issues.length }, [], {}, [...issues].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)));

/**
 * Upload a list for a plan and one of the actor's employers: every bad row named and nothing
 * written, or a draft enrolment with its members sealed and a consent per member. The same file
 * again gives the same enrolment (`created: false`).
 */
export async function uploadList(
  ctx: AppContext, actor: Actor, input: { planId: number; enterpriseId?: string | undefined; file: { name: string; data: Buffer } }, meta: RequestMeta,
): Promise<{ enrolment: Enrolment; created: boolean }> {
  const mine = actor.roles.includes('employer') ? await repo.agentEnterprises(ctx.db, actor.id) : [];
  if (!canEnrolFor(actor, mine.length > 0)) throw new AppError('services.aid.not_agent_any', 403);
  let enterprise = input.enterpriseId ? mine.find((e) => e.id === input.enterpriseId) : mine.length === 1 ? mine[0] : undefined;
  if (input.enterpriseId && !enterprise) {
    const other = await ctx.db.selectFrom('enterprises').select('name').where('id', '=', input.enterpriseId).executeTakeFirst();
    throw new AppError('services.aid.not_agent', 403, { enterprise: other?.name ?? input.enterpriseId });
  }
  if (!enterprise) throw invalid([{ path: 'enterpriseId', code: 'services.aid.enterprise_required' }]);
  if (enterprise.status !== 'verified') throw conflict('services.aid.enterprise_unverified', { enterprise: enterprise.name });
  const plan = await loadPlan(ctx.db, actor, input.planId);
  if (plan.status !== 'open') throw conflict('services.aid.plan_not_open', { name: plan.name });
  // A federation's plan is for the employers of its province (their unions confirm and pay out).
  if (enterprise.union_federation !== plan.federation) {
    throw conflict('services.aid.plan_other_federation', { name: plan.name, federation: `services.aid.federation.${plan.federation}` });
  }
  const chosen = enterprise;
  const digest = sha256(input.file.data);
  const same = await repo.findByFile(ctx.db, plan.id, chosen.id, digest);
  if (same) return { enrolment: await detailOf(ctx, actor, same.id, null), created: false };

  const { sheet, idCardColumn, members, issues } = await readAidList(input.file.data, input.file.name);
  const write = async (): Promise<number> => {
    const taken = await alreadyEnrolled(ctx.db, ctx, plan.id, chosen.id, members, { sheet, column: idCardColumn });
    if (issues.length || taken.length) throw listInvalid([...issues, ...taken]);
    return ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertEnrolment(trx, {
        planId: plan.id, enterpriseId: chosen.id, ownerUnionId: chosen.union_id, people: members.length, amount: members.length * plan.price, sha256: digest, createdBy: actor.id,
      });
      await repo.insertMembers(trx, id, plan.id, members.map((m) => ({ row_no: m.rowNo, name: m.name, ...sealIdCard(ctx.crypto, m.idCard), ...sealPhone(ctx.crypto, m.phone) })), actor.id);
      await audit(trx, actor, meta, 'services.aid.enrolment.upload', { id, enterprise_name: chosen.name, plan_name: plan.name, union_scope: chosen.union_scope },
        { fields: ['name', 'idCard', 'phone'], reason: `${input.file.name}: ${members.length}` });
      return id;
    });
  };
  try {
    return { enrolment: await detailOf(ctx, actor, await write(), null), created: true };
  } catch (error) {
    // Two uploads at once: the same file meets the file key (→ that enrolment), overlapping lists
    // meet the one-person-once key (→ checked again, now naming the rows).
    const e = error as { code?: string; constraint?: string };
    if (e.code !== '23505') throw error;
    const twin = await repo.findByFile(ctx.db, plan.id, chosen.id, digest);
    if (twin) return { enrolment: await detailOf(ctx, actor, twin.id, null), created: false };
    return { enrolment: await detailOf(ctx, actor, await write(), null), created: true };
  }
}

async function loadForAgent(db: Executor, actor: Actor, id: number) {
  const { row, access } = await loadVisible(db, actor, id, { forUpdate: true });
  if (!access.agent) throw new AppError('services.aid.not_agent', 403, { enterprise: row.enterprise_name });
  return row;
}

async function loadForStaff(db: Executor, actor: Actor, id: number) {
  const { row } = await loadVisible(db, actor, id, { forUpdate: true });
  if (!canConfirmEnrolment(actor, { ownerScope: row.union_scope })) throw new AppError('services.aid.other_union', 403, { union: row.union_name });
  if (row.status !== 'submitted') throw conflict('services.aid.enrolment_status', { status: `services.aid.status.${row.status}` });
  return row;
}

const notifyParams = (row: repo.EnrolmentRow) => ({ enterprise: row.enterprise_name, plan: row.plan_name, people: row.people, amount: row.amount, union: row.union_name });

/** The agent confirms the people and amount: the list goes to the enterprise's union, whose staff are notified. */
export async function submitEnrolment(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta): Promise<Enrolment> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForAgent(trx, actor, id);
    if (row.status !== 'draft') throw conflict('services.aid.enrolment_status', { status: `services.aid.status.${row.status}` });
    if (row.plan_status !== 'open') throw conflict('services.aid.plan_not_open', { name: row.plan_name });
    await repo.updateEnrolment(trx, id, { status: 'submitted', submitted_by: actor.id, submitted_at: new Date() });
    await audit(trx, actor, meta, 'services.aid.enrolment.submit', row, { reason: `${row.people} / ${row.amount}` });
    await notify(trx, {
      target: { unionId: row.owner_union_id }, kind: 'services.aid.enrolment', messageKey: 'services.aid.notify.submitted', params: notifyParams(row),
      link: `/admin/services/aid?enrolment=${id}`, dedupeKey: `aid-enrolment:${id}:submitted:${row.version}`,
    });
  });
  return detailOf(ctx, actor, id, null);
}

/** The agent withdraws a draft or returned list; its members are deleted. */
export async function cancelEnrolment(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta): Promise<Enrolment> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForAgent(trx, actor, id);
    if (row.status !== 'draft' && row.status !== 'returned') throw conflict('services.aid.enrolment_status', { status: `services.aid.status.${row.status}` });
    await repo.deleteMembers(trx, id);
    await repo.updateEnrolment(trx, id, { status: 'cancelled' });
    await audit(trx, actor, meta, 'services.aid.enrolment.cancel', row);
  });
  return detailOf(ctx, actor, id, null);
}

/** Staff of the enterprise's union (or above) confirm a submitted list; the agent is notified. */
export async function confirmEnrolment(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta): Promise<Enrolment> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(trx, actor, id);
    await repo.updateEnrolment(trx, id, { status: 'confirmed', confirmed_by: actor.id, confirmed_at: new Date() });
    await audit(trx, actor, meta, 'services.aid.enrolment.confirm', row);
    const to = row.submitted_by ?? row.created_by;
    if (to) {
      await notify(trx, {
        target: { userId: to }, kind: 'services.aid.enrolment', messageKey: 'services.aid.notify.confirmed', params: notifyParams(row),
        link: '/admin/aid-enrolments', dedupeKey: `aid-enrolment:${id}:confirmed`,
      });
    }
  });
  return detailOf(ctx, actor, id, meta);
}

/** Return a submitted list with a note: its members are deleted (they may be listed again) and the agent notified. */
export async function returnEnrolment(ctx: AppContext, actor: Actor, id: number, note: string, meta: RequestMeta): Promise<Enrolment> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadForStaff(trx, actor, id);
    await repo.deleteMembers(trx, id);
    // The same file may be uploaded again once the reason is dealt with (the file key frees it).
    await repo.updateEnrolment(trx, id, { status: 'returned', return_note: note, file_sha256: null });
    await audit(trx, actor, meta, 'services.aid.enrolment.return', row, { reason: note });
    const to = row.submitted_by ?? row.created_by;
    if (to) {
      await notify(trx, {
        target: { userId: to }, kind: 'services.aid.enrolment', messageKey: 'services.aid.notify.returned', params: { ...notifyParams(row), note },
        link: '/admin/aid-enrolments', dedupeKey: `aid-enrolment:${id}:returned:${row.version}`,
      });
    }
  });
  return detailOf(ctx, actor, id, null);
}
