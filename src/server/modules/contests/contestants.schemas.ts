import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { isMainlandMobile, isValidIdCard, normalizePhone } from '../../../shared/validators.js';
import { ContestIdParamsSchema, STAGES } from './contests.schemas.js';

// Contestants of a contest (issue 6 §1): registration by union staff, written exam scores, and the
// list that shows names only to those who may see them (judges see work numbers until reveal).

const Text = (max: number) => z.string().trim().max(max);

export const IdNumberSchema = z.string().trim().toUpperCase().refine(isValidIdCard, { message: 'validation.id_card' });
export const ContestantPhoneSchema = z.string().transform(normalizePhone).refine(isMainlandMobile, { message: 'validation.phone' });
/** Written exam score (理论成绩): 0–100 with at most two decimals. */
export const WrittenSchema = z.number().min(0).max(100).multipleOf(0.01, { message: 'contest.setup.two_decimals' });

const ContestantFields = z.object({
  teamId: z.number().int().min(1),
  name: Text(50).min(1),
  gender: z.enum(['m', 'f']).nullable(),
  employer: Text(100),
  idNumber: IdNumberSchema,
  phone: ContestantPhoneSchema.nullable(),
  isUnionMember: z.boolean(),
  memberNo: Text(30).nullable(),
});
export const ContestantInputSchema = ContestantFields.extend({
  gender: ContestantFields.shape.gender.default(null),
  employer: ContestantFields.shape.employer.default(''),
  phone: ContestantFields.shape.phone.default(null),
  isUnionMember: ContestantFields.shape.isUnionMember.default(false),
  memberNo: ContestantFields.shape.memberNo.default(null),
});
export type ContestantInput = z.infer<typeof ContestantInputSchema>;
export const ContestantUpdateSchema = ContestantFields.partial().extend({
  version: z.number().int().min(1),
  /** Withdraw (退赛) or take back a withdrawal; qualification sets the other stages. */
  withdrawn: z.boolean().optional(),
});
export type ContestantUpdate = z.infer<typeof ContestantUpdateSchema>;

export const ContestantParamsSchema = ContestIdParamsSchema.extend({ contestantId: z.coerce.number().int().min(1) });
export const ContestantListQuerySchema = PageQuerySchema.extend({
  teamId: z.coerce.number().int().min(1).optional(),
  stage: z.enum(STAGES).optional(),
  q: z.string().trim().max(50).optional(),
});
export type ContestantListQuery = z.infer<typeof ContestantListQuerySchema>;

/** One contestant; `anonymous` rows carry the work number only (judges and the public before reveal). */
export const ContestantSchema = z.object({
  id: z.number(), workNumber: z.string().nullable(), anonymous: z.boolean(), stage: z.enum(STAGES),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  name: z.string().nullable(), gender: z.enum(['m', 'f']).nullable(), employer: z.string().nullable(),
  idNumberMasked: z.string().nullable(), phoneMasked: z.string().nullable(), isUnionMember: z.boolean().nullable(), memberNo: z.string().nullable(),
  written: z.string().nullable(), version: z.number(),
});
export type Contestant = z.infer<typeof ContestantSchema>;
export const ContestantListSchema = pageOf(ContestantSchema);

export const RevealBodySchema = z.object({ field: z.enum(['idNumber', 'phone']), reason: Text(200).min(2) });
export const RevealResultSchema = z.object({ value: z.string().nullable() });

export const WrittenInputSchema = z.object({ written: WrittenSchema.nullable() });
export const ImportResultSchema = z.object({ created: z.number(), updated: z.number(), rows: z.number() });
