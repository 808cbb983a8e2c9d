import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { EnterpriseTable, Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { findIndustryDivision, findIndustrySection } from '../../../shared/industries.js';
import { maskPhone } from '../../../shared/validators.js';
import { isAdmin, isWithinScope } from '../accounts/accounts.policy.js';
import { getMe, insertPreparedUser, openSession, prepareUser } from '../accounts/accounts.service.js';
import { canManageEnterprise, canReviewEnterprise, canViewEnterprise, EMPLOYER_EDITABLE } from './enterprises.policy.js';
import * as repo from './enterprises.repo.js';
import type { Enterprise, EnterpriseInput, EnterpriseListQuery, EnterpriseUpdate, EmployerRegister } from './enterprises.schemas.js';
import { findUnion, findUnionByRegion } from './orgs.repo.js';
import { retokenizeEnterprise } from '../jobs/search/search.service.js';
import { scopePrefixOf } from './divisions.js';
import { regionIndex, regionRef } from './regions.cache.js';
import type { Updateable } from 'kysely';

const CONTACT_INDEX = 'enterprise.contact_phone';

async function toEnterprise(ctx: AppContext, row: repo.EnterpriseRow, actor: Actor | null, isMember: boolean, counts?: Enterprise['postings']): Promise<Enterprise> {
  const section = findIndustrySection(row.industry_section);
  const division = row.industry_division ? findIndustryDivision(row.industry_division) : undefined;
  const manage = actor ? canManageEnterprise(actor, row.owner_scope) : false;
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    region: await regionRef(ctx.db, row.region_code),
    address: row.address,
    industry: { section: row.industry_section, sectionName: section?.name ?? row.industry_section, division: row.industry_division, divisionName: division?.name ?? null },
    size: row.size,
    ownership: row.ownership,
    contactName: row.contact_name,
    contactPhoneMasked: row.contact_phone_masked,
    ownerUnion: { id: row.owner_union_id, name: row.owner_union_name },
    status: row.status,
    statusReason: row.status_reason,
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    postings: counts ?? { published: 0, pending: 0, total: 0 },
    permissions: { edit: manage || isMember, review: actor ? canReviewEnterprise(actor, row.owner_scope) : false, editKeys: manage },
  };
}

/** Check region, industry and owning union; every problem is collected. Returns the owning union. */
async function checkEnterpriseFields(
  db: Executor, actor: Actor | null,
  input: { regionCode?: string; industrySection?: string; industryDivision?: string | null; ownerUnionId?: string | null },
  issues: FieldIssue[],
) {
  let owner: Awaited<ReturnType<typeof findUnion>>;
  if (input.regionCode !== undefined) {
    const region = (await regionIndex(db)).get(input.regionCode);
    if (!region) issues.push({ path: 'regionCode', code: 'orgs.region_not_found', params: { code: input.regionCode } });
    else if (region.level !== 'county') issues.push({ path: 'regionCode', code: 'enterprises.region_not_county' });
  }
  if (input.industrySection && input.industryDivision) {
    const division = findIndustryDivision(input.industryDivision);
    if (!division || division.section !== input.industrySection) {
      issues.push({ path: 'industryDivision', code: 'enterprises.division_mismatch', params: { division: input.industryDivision, section: input.industrySection } });
    }
  }
  if (input.ownerUnionId) {
    owner = await findUnion(db, input.ownerUnionId);
    if (!owner) issues.push({ path: 'ownerUnionId', code: 'orgs.union_not_found' });
  } else if (input.regionCode && !issues.some((i) => i.path === 'regionCode')) {
    owner = await findUnionByRegion(db, input.regionCode);
  }
  if (owner && actor && !isWithinScope(actor, owner.scope_prefix)) {
    issues.push({ path: input.ownerUnionId ? 'ownerUnionId' : 'regionCode', code: 'accounts.scope_outside' });
  }
  return owner;
}

function contactColumns(ctx: AppContext, phone: string | null | undefined) {
  if (phone === undefined) return {};
  return phone
    ? { contact_phone_enc: ctx.crypto.encrypt(phone), contact_phone_hash: ctx.crypto.blindIndex(CONTACT_INDEX, phone), contact_phone_masked: maskPhone(phone) }
    : { contact_phone_enc: null, contact_phone_hash: null, contact_phone_masked: null };
}

async function assertCreditCodeFree(db: Executor, code: string, exceptId?: string) {
  const existing = await repo.findEnterpriseByCreditCode(db, code);
  if (existing && existing.id !== exceptId) throw conflict('enterprises.credit_code_taken', { code, name: existing.name });
}

const meta2 = (meta: RequestMeta | null) => ({ ip: meta?.ip ?? null, requestId: meta?.requestId ?? null });

/** Staff register an enterprise on its behalf (status submitted, owned by the union of its region unless chosen). */
export async function createEnterprise(ctx: AppContext, actor: Actor, input: EnterpriseInput, meta: RequestMeta): Promise<Enterprise> {
  if (!(isAdmin(actor) || (actor.scopePrefix !== null && actor.roles.some((r) => r === 'federation_staff' || r === 'union_staff')))) throw forbidden();
  const issues: FieldIssue[] = [];
  const owner = await checkEnterpriseFields(ctx.db, actor, input, issues);
  if (issues.length) throw invalid(issues);
  await assertCreditCodeFree(ctx.db, input.creditCode);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertEnterpriseRow(ctx, trx, input, owner!.id, actor.id).catch(rethrowCreditCode(input.creditCode));
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: 'enterprise.create', subjectType: 'enterprise', subjectId: created.id,
      subjectLabel: input.name, scopePrefix: owner!.scope_prefix, fields: input.contactPhone ? ['contactPhone'] : [], ...meta2(meta),
    });
    return created.id;
  });
  return getEnterprise(ctx, actor, id);
}

function insertEnterpriseRow(ctx: AppContext, db: Executor, input: Omit<EnterpriseInput, 'ownerUnionId'>, ownerUnionId: string, createdBy: string | null) {
  return repo.insertEnterprise(db, {
    credit_code: input.creditCode, name: input.name, region_code: input.regionCode, address: input.address ?? null,
    industry_section: input.industrySection, industry_division: input.industryDivision ?? null, size: input.size ?? null,
    ownership: input.ownership ?? null, contact_name: input.contactName ?? null, owner_union_id: ownerUnionId, created_by: createdBy,
    ...contactColumns(ctx, input.contactPhone ?? null),
  });
}

const rethrowCreditCode = (code: string) => (error: unknown): never => {
  if ((error as { code?: string; constraint?: string }).code === '23505') throw conflict('enterprises.credit_code_taken', { code, name: '' });
  throw error;
};

/**
 * An employer signs up with a phone and their enterprise: a new enterprise is created (submitted
 * for verification); a registered one gets a membership request for its union to approve.
 */
export async function registerEmployer(ctx: AppContext, input: EmployerRegister, meta: RequestMeta) {
  const issues: FieldIssue[] = [];
  const existing = await repo.findEnterpriseByCreditCode(ctx.db, input.enterprise.creditCode);
  const owner = existing ? undefined : await checkEnterpriseFields(ctx.db, null, input.enterprise, issues);
  if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `enterprise.${i.path}` })));
  const existingRow = existing ? await repo.findEnterprise(ctx.db, existing.id) : undefined;
  const prepared = await prepareUser(ctx, null, {
    phone: input.phone, username: null, name: input.name, password: input.password, roles: ['employer'],
    unionId: existingRow?.owner_union_id ?? owner!.id,
  });
  // One transaction: the account, the enterprise or the membership request, the session.
  const result = await ctx.db.transaction().execute(async (trx) => {
    const userId = await insertPreparedUser(ctx, trx, prepared, null, meta, { operator: 'self-registration' });
    const enterpriseId = existingRow
      ? existingRow.id
      : (await insertEnterpriseRow(ctx, trx, input.enterprise, owner!.id, userId).catch(rethrowCreditCode(input.enterprise.creditCode))).id;
    const membership = existingRow ? 'pending' as const : 'active' as const;
    await repo.insertMembership(trx, enterpriseId, userId, membership);
    await recordAudit(trx, {
      actorId: userId, actorLabel: input.name, action: existingRow ? 'enterprise.member_request' : 'enterprise.register',
      subjectType: 'enterprise', subjectId: enterpriseId, subjectLabel: existingRow?.name ?? input.enterprise.name,
      scopePrefix: existingRow?.owner_scope ?? owner!.scope_prefix, fields: ['phone'], ...meta2(meta),
    });
    return { userId, enterpriseId, membership, token: await openSession(ctx, trx, userId, meta) };
  });
  return { token: result.token, user: await getMe(ctx, result.userId), enterpriseId: result.enterpriseId, membership: result.membership };
}

async function loadVisible(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db) {
  const row = await repo.findEnterprise(db, id);
  if (!row) throw notFound('enterprises.not_found');
  const member = await repo.findMembership(db, id, actor.id);
  const isMember = member?.status === 'active';
  if (!canViewEnterprise(actor, row.owner_scope, isMember)) throw notFound('enterprises.not_found');
  return { row, isMember };
}

export async function getEnterprise(ctx: AppContext, actor: Actor, id: string): Promise<Enterprise> {
  const { row, isMember } = await loadVisible(ctx, actor, id);
  const counts = (await repo.postingCounts(ctx.db, [id])).get(id);
  return toEnterprise(ctx, row, actor, isMember, counts);
}

/** Enterprises owned by unions in the actor's scope; employers get their own. */
export async function listEnterprises(ctx: AppContext, actor: Actor, query: EnterpriseListQuery) {
  const staffScope = actor.scopePrefix;
  const filter: repo.EnterpriseFilter = staffScope !== null
    ? { scopePrefix: staffScope }
    : actor.roles.includes('employer') ? { scopePrefix: null, memberUserId: actor.id } : (() => { throw forbidden(); })();
  const region = query.region ? (await regionIndex(ctx.db)).get(query.region) : undefined;
  const result = await repo.listEnterprises(ctx.db, {
    ...filter, q: query.q || undefined, industry: query.industry, status: query.status,
    regionPrefix: query.region ? (region ? scopePrefixOf(query.region) : 'none') : undefined,
  }, query);
  const counts = await repo.postingCounts(ctx.db, result.items.map((r) => r.id));
  return {
    total: result.total,
    items: await Promise.all(result.items.map((r) => toEnterprise(ctx, r, actor, staffScope === null, counts.get(r.id)))),
  };
}

/** Staff change anything in scope; employers change details but not name, code or region. */
export async function updateEnterprise(ctx: AppContext, actor: Actor, id: string, input: EnterpriseUpdate, meta: RequestMeta): Promise<Enterprise> {
  const { row, isMember } = await loadVisible(ctx, actor, id);
  const manage = canManageEnterprise(actor, row.owner_scope);
  if (!manage && !isMember) throw forbidden();
  const issues: FieldIssue[] = [];
  if (!manage) {
    for (const key of Object.keys(input)) {
      if (!(EMPLOYER_EDITABLE as readonly string[]).includes(key)) issues.push({ path: key, code: 'enterprises.key_fields_locked' });
    }
  }
  const section = input.industrySection ?? row.industry_section;
  const owner = await checkEnterpriseFields(ctx.db, manage ? actor : null, {
    regionCode: input.regionCode, industrySection: section,
    industryDivision: input.industryDivision !== undefined ? input.industryDivision : (input.industrySection ? row.industry_division : null),
    ownerUnionId: input.ownerUnionId,
  }, issues);
  if (issues.length) throw invalid(issues);
  if (input.creditCode && input.creditCode !== row.credit_code) await assertCreditCodeFree(ctx.db, input.creditCode, id);

  const set: Updateable<EnterpriseTable> = {};
  const changed: string[] = [];
  const assign = <K extends keyof EnterpriseTable>(field: string, column: K, value: EnterpriseTable[K] | undefined, current: unknown) => {
    if (value === undefined || value === current) return;
    (set as Record<string, unknown>)[column] = value;
    changed.push(field);
  };
  assign('creditCode', 'credit_code', input.creditCode, row.credit_code);
  assign('name', 'name', input.name, row.name);
  assign('regionCode', 'region_code', input.regionCode, row.region_code);
  assign('address', 'address', input.address, row.address);
  assign('industrySection', 'industry_section', input.industrySection, row.industry_section);
  assign('industryDivision', 'industry_division', input.industryDivision, row.industry_division);
  assign('size', 'size', input.size, row.size);
  assign('ownership', 'ownership', input.ownership, row.ownership);
  assign('contactName', 'contact_name', input.contactName, row.contact_name);
  if (input.contactPhone !== undefined) { Object.assign(set, contactColumns(ctx, input.contactPhone)); changed.push('contactPhone'); }
  if (owner && (input.ownerUnionId || input.regionCode) && owner.id !== row.owner_union_id) { set.owner_union_id = owner.id; changed.push('ownerUnion'); }
  // A verified enterprise whose identity changes is checked again.
  if (row.status === 'verified' && changed.some((f) => f === 'creditCode' || f === 'name') && !manage) set.status = 'submitted';
  if (changed.length) {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateEnterprise(trx, id, set);
      if (changed.includes('name')) await retokenizeEnterprise(trx, id);
      await recordAudit(trx, {
        actorId: actor.id, actorLabel: actorLabel(actor), action: 'enterprise.update', subjectType: 'enterprise', subjectId: id,
        subjectLabel: row.name, scopePrefix: owner?.scope_prefix ?? row.owner_scope, fields: changed, ...meta2(meta),
      });
    });
  }
  return getEnterprise(ctx, actor, id);
}

/** Verify or reject (with a reason) — staff of the owning union or above. */
export async function reviewEnterprise(
  ctx: AppContext, actor: Actor, id: string, review: { decision: 'verified' | 'rejected'; reason?: string }, meta: RequestMeta,
): Promise<Enterprise> {
  const { row } = await loadVisible(ctx, actor, id);
  if (!canReviewEnterprise(actor, row.owner_scope)) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateEnterprise(trx, id, {
      status: review.decision, status_reason: review.reason ?? null, reviewed_at: new Date(), reviewed_by: actor.id,
    });
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: `enterprise.${review.decision === 'verified' ? 'verify' : 'reject'}`,
      subjectType: 'enterprise', subjectId: id, subjectLabel: row.name, scopePrefix: row.owner_scope, reason: review.reason ?? null, ...meta2(meta),
    });
  });
  return getEnterprise(ctx, actor, id);
}

export async function revealEnterpriseContact(ctx: AppContext, actor: Actor, id: string, reason: string, meta: RequestMeta) {
  const { row } = await loadVisible(ctx, actor, id);
  if (!canManageEnterprise(actor, row.owner_scope)) throw forbidden();
  const cipher = await repo.findContactCipher(ctx.db, id);
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'pii.reveal', subjectType: 'enterprise', subjectId: id,
    subjectLabel: row.name, scopePrefix: row.owner_scope, fields: ['contactPhone'], reason, ...meta2(meta),
  });
  return { value: cipher?.contact_phone_enc ? ctx.crypto.decrypt(cipher.contact_phone_enc) : null };
}

export async function listMembers(ctx: AppContext, actor: Actor, id: string) {
  const { row, isMember } = await loadVisible(ctx, actor, id);
  if (!isMember && !canManageEnterprise(actor, row.owner_scope)) throw forbidden();
  const members = await repo.listMembers(ctx.db, id);
  return members.map((m) => ({ userId: m.user_id, name: m.name, username: m.username, phoneMasked: m.phone_masked, status: m.status, createdAt: new Date(m.created_at).toISOString() }));
}

/** Staff, or an active member, let a colleague's account join the enterprise. */
export async function approveMember(ctx: AppContext, actor: Actor, id: string, userId: string, meta: RequestMeta) {
  const { row, isMember } = await loadVisible(ctx, actor, id);
  if (!isMember && !canManageEnterprise(actor, row.owner_scope)) throw forbidden();
  const result = await repo.activateMembership(ctx.db, id, userId);
  if (!result.numUpdatedRows) throw new AppError('enterprises.member_not_found', 404);
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'enterprise.member_approve', subjectType: 'user', subjectId: userId,
    subjectLabel: row.name, scopePrefix: row.owner_scope, ...meta2(meta),
  });
  return listMembers(ctx, actor, id);
}

