import { sql } from 'kysely';
import { z } from 'zod';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { permissionsOf } from '../accounts/accounts.policy.js';
import { findJobType } from './job-types.repo.js';

/** The catalogue is kept by platform admins and federation staff (issue 3 §2: "editable by admins"). */
export const canEditJobTypes = (actor: Actor): boolean => permissionsOf(actor).editJobTypes;

const Synonyms = z.array(z.string().trim().min(1).max(20)).max(30);

export const JobTypeCreateSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/, { message: 'validation.job_type_code' }),
  categoryCode: z.string().min(1).max(40),
  name: z.string().trim().min(2).max(30),
  synonyms: Synonyms.default([]),
  occupationMajorGroup: z.number().int().min(1).max(8).nullable().default(null),
});
export const JobTypeUpdateSchema = JobTypeCreateSchema.omit({ code: true }).partial().extend({ isActive: z.boolean().optional() });

export const AdminJobTypeSchema = z.object({
  code: z.string(), categoryCode: z.string(), name: z.string(), synonyms: z.array(z.string()),
  occupationMajorGroup: z.number().nullable(), isActive: z.boolean(), editedAt: z.string().nullable(),
});

async function toAdmin(ctx: AppContext, code: string) {
  const row = (await findJobType(ctx.db, code))!;
  return {
    code: row.code, categoryCode: row.category_code, name: row.name, synonyms: row.synonyms, occupationMajorGroup: row.occupation_major_group,
    isActive: row.is_active, editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
  };
}

export async function listJobTypesForAdmin(ctx: AppContext, actor: Actor) {
  if (!canEditJobTypes(actor)) throw forbidden();
  const rows = await ctx.db.selectFrom('job_types').select('code').orderBy('category_code').orderBy('sort').execute();
  return Promise.all(rows.map((r) => toAdmin(ctx, r.code)));
}

async function checkCategory(ctx: AppContext, code: string | undefined) {
  if (code === undefined) return;
  const category = await ctx.db.selectFrom('job_categories').select('code').where('code', '=', code).executeTakeFirst();
  if (!category) throw invalid([{ path: 'categoryCode', code: 'validation.invalid_value', params: { options: '' } }]);
}

const unique = (name: string) => (error: unknown): never => {
  if ((error as { code?: string }).code === '23505') throw conflict('job_types.name_taken', { name });
  throw error;
};

export async function createJobType(ctx: AppContext, actor: Actor, input: z.infer<typeof JobTypeCreateSchema>, meta: RequestMeta) {
  if (!canEditJobTypes(actor)) throw forbidden();
  await checkCategory(ctx, input.categoryCode);
  if (await findJobType(ctx.db, input.code)) throw conflict('job_types.code_taken', { code: input.code });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('job_types').values({
      code: input.code, category_code: input.categoryCode, name: input.name, synonyms: input.synonyms,
      occupation_major_group: input.occupationMajorGroup, sort: 1000, edited_at: new Date(), edited_by: actor.id,
    }).execute().catch(unique(input.name));
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'job_type.create', subjectType: 'job_type', subjectId: input.code, subjectLabel: input.name, ip: meta.ip, requestId: meta.requestId });
  });
  return toAdmin(ctx, input.code);
}

/** Edit a job type; once edited, the repo's data file no longer overwrites it. */
export async function updateJobType(ctx: AppContext, actor: Actor, code: string, input: z.infer<typeof JobTypeUpdateSchema>, meta: RequestMeta) {
  if (!canEditJobTypes(actor)) throw forbidden();
  const row = await findJobType(ctx.db, code);
  if (!row) throw notFound('job_types.not_found');
  await checkCategory(ctx, input.categoryCode);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('job_types').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.categoryCode !== undefined ? { category_code: input.categoryCode } : {}),
      ...(input.synonyms !== undefined ? { synonyms: [...new Set(input.synonyms)] } : {}),
      ...(input.occupationMajorGroup !== undefined ? { occupation_major_group: input.occupationMajorGroup } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
      edited_at: sql`now()`, edited_by: actor.id,
    }).where('code', '=', code).execute().catch(unique(input.name ?? row.name));
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: 'job_type.update', subjectType: 'job_type', subjectId: code,
      subjectLabel: row.name, fields: Object.keys(input), ip: meta.ip, requestId: meta.requestId,
    });
  });
  return toAdmin(ctx, code);
}
