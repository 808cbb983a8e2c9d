import type { Updateable } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, PostingStatus, PostingTable } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { findIndustryDivision, findIndustrySection } from '../../../shared/industries.js';
import { maskPhone } from '../../../shared/validators.js';
import { canManageEnterprise } from '../orgs/enterprises.policy.js';
import * as enterprisesRepo from '../orgs/enterprises.repo.js';
import { scopePrefixOf } from '../orgs/divisions.js';
import { regionIndex, regionRef } from '../orgs/regions.cache.js';
import { findJobType } from './job-types.repo.js';
import { checkTransition, EDITABLE, isPublic, statusAfterEdit, TRANSITIONS, type PostingAction, type PostingActor } from './lifecycle.js';
import * as repo from './postings.repo.js';
import type { Posting, PostingInput, PostingListQuery, PostingUpdate } from './postings.schemas.js';
import { POSTING_ACTIONS } from './postings.schemas.js';
import { postingSearchTokens } from './search/search.service.js';
import { sanitizeDescription } from './sanitize.js';

/** Default validity when none is given: 60 days, a season's typical posting life. */
const DEFAULT_VALID_DAYS = 60;

export const todayIso = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China time (UTC+8)
/** yyyy-mm-dd plus days. */
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How the actor stands to an enterprise's postings. */
async function roleFor(db: Executor, actor: Actor, enterpriseId: string, ownerScope: string): Promise<PostingActor | null> {
  if (canManageEnterprise(actor, ownerScope)) return 'staff';
  const member = await enterprisesRepo.findMembership(db, enterpriseId, actor.id);
  return member?.status === 'active' ? 'employer' : null;
}

async function toPosting(ctx: AppContext, row: repo.PostingRow, who: PostingActor | null): Promise<Posting> {
  const section = findIndustrySection(row.industry_section);
  const division = row.industry_division ? findIndustryDivision(row.industry_division) : undefined;
  const actions = POSTING_ACTIONS.filter((a) => who && TRANSITIONS[a].by.includes(who) && TRANSITIONS[a].from.includes(row.status));
  return {
    id: row.id,
    title: row.title,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, status: row.enterprise_status },
    ownerUnion: { id: row.owner_union_id, name: row.owner_union_name },
    jobType: { code: row.job_type_code, name: row.job_type_name },
    industry: { section: row.industry_section, sectionName: section?.name ?? row.industry_section, division: row.industry_division, divisionName: division?.name ?? null },
    region: await regionRef(ctx.db, row.region_code),
    salaryNegotiable: row.salary_negotiable,
    salaryMin: row.salary_min,
    salaryMax: row.salary_max,
    headcount: row.headcount,
    education: row.education as Posting['education'],
    experience: row.experience as Posting['experience'],
    descriptionHtml: row.description_html,
    benefits: row.benefits,
    contactName: row.contact_name,
    contactPhoneMasked: row.contact_phone_masked,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    statusReason: row.status_reason,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    isPublic: isPublic({ status: row.status, enterpriseStatus: row.enterprise_status, validFrom: row.valid_from, validUntil: row.valid_until }, todayIso()),
    permissions: { edit: !!who && EDITABLE.includes(row.status), review: who === 'staff', actions },
  };
}

type Fields = Partial<Omit<PostingInput, 'submit'>>;

/**
 * Check a posting's fields against each other and the catalogues; every problem is collected.
 * `base` holds the current values for an update.
 */
async function checkFields(ctx: AppContext, input: Fields, base: Partial<Record<'salaryNegotiable' | 'salaryMin' | 'salaryMax' | 'validFrom' | 'validUntil' | 'industrySection', unknown>>, issues: FieldIssue[]) {
  if (input.jobTypeCode !== undefined) {
    const jt = await findJobType(ctx.db, input.jobTypeCode);
    if (!jt || !jt.is_active) issues.push({ path: 'jobTypeCode', code: 'postings.job_type_unknown', params: { value: input.jobTypeCode } });
  }
  if (input.regionCode !== undefined) {
    const region = (await regionIndex(ctx.db)).get(input.regionCode);
    if (!region) issues.push({ path: 'regionCode', code: 'orgs.region_not_found', params: { code: input.regionCode } });
    else if (region.level !== 'county') issues.push({ path: 'regionCode', code: 'postings.region_not_county' });
  }
  const section = input.industrySection ?? (base.industrySection as string | undefined);
  if (input.industryDivision && section) {
    const division = findIndustryDivision(input.industryDivision);
    if (!division || division.section !== section) issues.push({ path: 'industryDivision', code: 'enterprises.division_mismatch', params: { division: input.industryDivision, section } });
  }
  const negotiable = input.salaryNegotiable ?? (base.salaryNegotiable as boolean | undefined) ?? false;
  const min = input.salaryMin !== undefined ? input.salaryMin : (base.salaryMin as number | null | undefined);
  const max = input.salaryMax !== undefined ? input.salaryMax : (base.salaryMax as number | null | undefined);
  if (!negotiable && (min === null || min === undefined)) issues.push({ path: 'salaryMin', code: 'postings.salary_required' });
  if (!negotiable && min != null && max != null && max < min) issues.push({ path: 'salaryMax', code: 'postings.salary_range' });
  const from = input.validFrom ?? (base.validFrom as string | undefined);
  const until = input.validUntil ?? (base.validUntil as string | undefined);
  if (from && until && until < from) issues.push({ path: 'validUntil', code: 'postings.valid_range' });
  for (const [path, value] of [['validFrom', input.validFrom], ['validUntil', input.validUntil]] as const) {
    if (value && Number.isNaN(Date.parse(`${value}T00:00:00Z`))) issues.push({ path, code: 'validation.date' });
  }
  return { negotiable };
}

function salaryColumns(negotiable: boolean, min: number | null | undefined, max: number | null | undefined) {
  return negotiable ? { salary_negotiable: true, salary_min: null, salary_max: null } : { salary_negotiable: false, salary_min: min ?? null, salary_max: max ?? null };
}

const uniqueTitle = (title: string) => (error: unknown): never => {
  if ((error as { code?: string }).code === '23505') throw conflict('postings.title_taken', { title });
  throw error;
};

/** Create a posting for an enterprise: its employers or the staff over its owning union. */
export async function createPosting(ctx: AppContext, actor: Actor, enterpriseId: string, input: PostingInput): Promise<Posting> {
  const enterprise = await enterprisesRepo.findEnterprise(ctx.db, enterpriseId);
  if (!enterprise) throw notFound('enterprises.not_found');
  const who = await roleFor(ctx.db, actor, enterpriseId, enterprise.owner_scope);
  if (!who) throw notFound('enterprises.not_found');
  const issues: FieldIssue[] = [];
  const { negotiable } = await checkFields(ctx, input, { industrySection: enterprise.industry_section }, issues);
  if (issues.length) throw invalid(issues);
  const validFrom = input.validFrom ?? todayIso();
  const validUntil = input.validUntil ?? addDays(validFrom, DEFAULT_VALID_DAYS);
  if (validUntil < validFrom) throw invalid([{ path: 'validUntil', code: 'postings.valid_range' }]);
  const status: PostingStatus = input.submit ? 'pending' : 'draft';
  const descriptionHtml = sanitizeDescription(input.descriptionHtml);
  const benefits = [...new Set(input.benefits)];
  const regionCode = input.regionCode ?? enterprise.region_code;
  const searchTokens = await postingSearchTokens(ctx.db, { title: input.title, enterpriseName: enterprise.name, regionCode, benefits, descriptionHtml });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.insertPosting(trx, {
      enterprise_id: enterpriseId, owner_union_id: enterprise.owner_union_id, title: input.title, job_type_code: input.jobTypeCode,
      industry_section: input.industrySection ?? enterprise.industry_section,
      industry_division: input.industryDivision !== undefined ? input.industryDivision : (input.industrySection ? null : enterprise.industry_division),
      region_code: regionCode, ...salaryColumns(negotiable, input.salaryMin, input.salaryMax),
      headcount: input.headcount, education: input.education, experience: input.experience,
      description_html: descriptionHtml, benefits, search_tokens: searchTokens,
      contact_name: input.contactName ?? enterprise.contact_name, ...phoneColumns(ctx, input.contactPhone),
      valid_from: validFrom, valid_until: validUntil, status, created_by: actor.id,
    }).catch(uniqueTitle(input.title));
    await repo.insertHistory(trx, { postingId: created.id, actorId: actor.id, action: 'create', changes: { status: [null, status] } });
    return created.id;
  });
  return getPosting(ctx, actor, id);
}

function phoneColumns(ctx: AppContext, phone: string | null | undefined) {
  if (phone === undefined) return {};
  return phone ? { contact_phone_enc: ctx.crypto.encrypt(phone), contact_phone_masked: maskPhone(phone) } : { contact_phone_enc: null, contact_phone_masked: null };
}

async function loadFor(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findPosting(ctx.db, id);
  if (!row) throw notFound('postings.not_found');
  const who = await roleFor(ctx.db, actor, row.enterprise_id, row.owner_scope);
  if (!who) throw notFound('postings.not_found');
  return { row, who };
}

export async function getPosting(ctx: AppContext, actor: Actor, id: number): Promise<Posting> {
  const { row, who } = await loadFor(ctx, actor, id);
  return toPosting(ctx, row, who);
}

/** Postings in the actor's scope (staff) or of their enterprises (employers). */
export async function listPostings(ctx: AppContext, actor: Actor, query: PostingListQuery) {
  const staff = actor.scopePrefix !== null;
  if (!staff && !actor.roles.includes('employer')) throw forbidden();
  const result = await repo.listPostings(ctx.db, {
    scopePrefix: staff ? actor.scopePrefix : null, memberUserId: staff ? undefined : actor.id,
    enterpriseId: query.enterpriseId, status: query.status, jobType: query.jobType, q: query.q || undefined,
    regionPrefix: query.region ? scopePrefixOf(query.region) : undefined,
  }, query);
  const items = await Promise.all(result.items.map(async (row) => toPosting(ctx, row, staff && canManageEnterprise(actor, row.owner_scope) ? 'staff' : 'employer')));
  return { total: result.total, items };
}

const FIELD_COLUMNS: Record<string, keyof PostingTable> = {
  title: 'title', jobTypeCode: 'job_type_code', industrySection: 'industry_section', industryDivision: 'industry_division',
  regionCode: 'region_code', headcount: 'headcount', education: 'education', experience: 'experience',
  descriptionHtml: 'description_html', benefits: 'benefits', contactName: 'contact_name', validFrom: 'valid_from', validUntil: 'valid_until',
};

/** Edit a posting; every changed field goes into its history. */
export async function updatePosting(ctx: AppContext, actor: Actor, id: number, input: PostingUpdate): Promise<Posting> {
  const { row, who } = await loadFor(ctx, actor, id);
  if (!EDITABLE.includes(row.status)) throw new AppError('postings.not_editable', 409, { status: `postings.status.${row.status}` });
  const issues: FieldIssue[] = [];
  const { negotiable } = await checkFields(ctx, input, {
    salaryNegotiable: row.salary_negotiable, salaryMin: row.salary_min, salaryMax: row.salary_max,
    validFrom: row.valid_from, validUntil: row.valid_until, industrySection: row.industry_section,
  }, issues);
  if (issues.length) throw invalid(issues);

  const set: Updateable<PostingTable> = {};
  const changes: Record<string, [unknown, unknown]> = {};
  const current = row as unknown as Record<string, unknown>;
  for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
    let value = (input as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (field === 'descriptionHtml') value = sanitizeDescription(value as string);
    if (field === 'benefits') value = [...new Set(value as string[])];
    if (JSON.stringify(value) === JSON.stringify(current[column])) continue;
    (set as Record<string, unknown>)[column] = value;
    changes[field] = [current[column], value];
  }
  if (input.salaryNegotiable !== undefined || input.salaryMin !== undefined || input.salaryMax !== undefined) {
    const salary = salaryColumns(negotiable, input.salaryMin !== undefined ? input.salaryMin : row.salary_min, input.salaryMax !== undefined ? input.salaryMax : row.salary_max);
    for (const [column, value] of Object.entries(salary)) {
      if (current[column] !== value) {
        (set as Record<string, unknown>)[column] = value;
        changes[column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = [current[column], value];
      }
    }
  }
  if (input.contactPhone !== undefined) {
    Object.assign(set, phoneColumns(ctx, input.contactPhone));
    changes.contactPhone = [row.contact_phone_masked, input.contactPhone ? maskPhone(input.contactPhone) : null];
  }
  if (!Object.keys(changes).length) return toPosting(ctx, row, who);
  if (set.title !== undefined || set.region_code !== undefined || set.benefits !== undefined || set.description_html !== undefined) {
    set.search_tokens = await postingSearchTokens(ctx.db, {
      title: (set.title as string | undefined) ?? row.title, enterpriseName: row.enterprise_name, regionCode: (set.region_code as string | undefined) ?? row.region_code,
      benefits: (set.benefits as string[] | undefined) ?? row.benefits, descriptionHtml: (set.description_html as string | undefined) ?? row.description_html,
    });
  }
  const nextStatus = statusAfterEdit(row.status, who);
  if (nextStatus !== row.status) {
    set.status = nextStatus;
    changes.status = [row.status, nextStatus];
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updatePosting(trx, id, set, input.version).catch(uniqueTitle(input.title ?? row.title));
    if (!ok) throw new AppError('http.conflict_edit', 409);
    await repo.insertHistory(trx, { postingId: id, actorId: actor.id, action: 'update', changes });
  });
  return getPosting(ctx, actor, id);
}

/** Move a posting along its lifecycle (submit, approve, reject with reason, close, fill, reopen). */
export async function transitionPosting(ctx: AppContext, actor: Actor, id: number, action: PostingAction, reason: string | undefined): Promise<Posting> {
  const { row, who } = await loadFor(ctx, actor, id);
  const check = checkTransition(action, row.status, who, reason);
  if (!check.ok) {
    const params = { status: `postings.status.${row.status}`, action: `postings.action.${action}` };
    if (check.reason === 'reason_required') throw invalid([{ path: 'reason', code: 'postings.reason_required' }]);
    if (check.reason === 'not_allowed_for') throw new AppError('postings.transition_forbidden', 403, params);
    throw new AppError('postings.transition_not_allowed', 409, params);
  }
  const set: Updateable<PostingTable> = { status: check.to, status_reason: reason ?? null };
  if (action === 'approve') { set.published_at = new Date(); set.reviewed_by = actor.id; }
  if (action === 'reject') set.reviewed_by = actor.id;
  if (action === 'reopen' && row.valid_until < todayIso()) {
    // Reopening an expired posting starts a fresh validity window.
    set.valid_from = todayIso();
    set.valid_until = addDays(todayIso(), DEFAULT_VALID_DAYS);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePosting(trx, id, set);
    await repo.insertHistory(trx, { postingId: id, actorId: actor.id, action, changes: { status: [row.status, check.to] }, reason: reason ?? null });
  });
  return getPosting(ctx, actor, id);
}

export async function getHistory(ctx: AppContext, actor: Actor, id: number) {
  await loadFor(ctx, actor, id);
  const rows = await repo.listHistory(ctx.db, id);
  return rows.map((h) => ({
    id: h.id, at: new Date(h.at).toISOString(), actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? '' } : null,
    action: h.action, changes: h.changes as Record<string, [unknown, unknown]>, reason: h.reason,
  }));
}

/** The public view of one posting (API.md GET /api/jobs/:id). */
export async function getPublicJob(ctx: AppContext, id: number) {
  const row = await repo.findPublicPosting(ctx.db, id);
  if (!row) throw notFound('jobs.not_found');
  const p = await toPosting(ctx, row, null);
  return {
    id: p.id, title: p.title, enterprise: { id: p.enterprise.id, name: p.enterprise.name }, region: p.region, jobType: p.jobType,
    industry: p.industry, salaryMin: p.salaryMin, salaryMax: p.salaryMax, salaryNegotiable: p.salaryNegotiable, headcount: p.headcount,
    education: p.education, experience: p.experience, descriptionHtml: p.descriptionHtml, benefits: p.benefits,
    contactName: p.contactName, validUntil: p.validUntil, publishedAt: p.publishedAt,
  };
}

/** Expire published postings past their end date, with a history line each (run periodically). */
export async function expirePostings(ctx: AppContext): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const ids = await repo.expireDuePostings(trx);
    for (const postingId of ids) await repo.insertHistory(trx, { postingId, actorId: null, action: 'expire', changes: { status: ['published', 'expired'] } });
    return ids.length;
  });
}
