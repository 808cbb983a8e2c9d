import { z } from 'zod';
import { isValidCreditCode, normalizeCreditCode } from '../../../shared/credit-code.js';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { NameSchema, PasswordSchema, PhoneSchema } from '../accounts/accounts.schemas.js';

export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const OWNERSHIPS = ['state', 'collective', 'private', 'foreign', 'hmt', 'mixed', 'other'] as const;

export const CreditCodeSchema = z
  .string()
  .transform(normalizeCreditCode)
  .refine(isValidCreditCode, { message: 'validation.credit_code' });
export const RegionCodeSchema = z.string().regex(/^\d{6}$/, { message: 'validation.region_code' });
export const IndustrySectionSchema = z.string().regex(/^[A-T]$/, { message: 'validation.industry' });
export const IndustryDivisionSchema = z.string().regex(/^\d{2}$/, { message: 'validation.industry' });

export const RegionRefSchema = z.object({ code: z.string(), name: z.string(), fullName: z.string() });
export const IndustryRefSchema = z.object({ section: z.string(), sectionName: z.string(), division: z.string().nullable(), divisionName: z.string().nullable() });

export const EnterpriseInputSchema = z.object({
  creditCode: CreditCodeSchema,
  name: z.string().trim().min(2).max(100),
  regionCode: RegionCodeSchema,
  address: z.string().trim().max(200).nullable().optional(),
  industrySection: IndustrySectionSchema,
  industryDivision: IndustryDivisionSchema.nullable().optional(),
  size: z.enum(ENTERPRISE_SIZES).nullable().optional(),
  ownership: z.enum(OWNERSHIPS).nullable().optional(),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: PhoneSchema.nullable().optional(),
  /** Staff only: defaults to the union of the enterprise's region. */
  ownerUnionId: z.uuid().nullable().optional(),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInputSchema>;

export const EnterpriseUpdateSchema = EnterpriseInputSchema.partial();
export type EnterpriseUpdate = z.infer<typeof EnterpriseUpdateSchema>;

export const EnterpriseSchema = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  region: RegionRefSchema,
  address: z.string().nullable(),
  industry: IndustryRefSchema,
  size: z.enum(ENTERPRISE_SIZES).nullable(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  ownerUnion: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(['submitted', 'verified', 'rejected']),
  statusReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  postings: z.object({ published: z.number(), pending: z.number(), total: z.number() }),
  permissions: z.object({ edit: z.boolean(), review: z.boolean(), editKeys: z.boolean() }),
});
export type Enterprise = z.infer<typeof EnterpriseSchema>;

export const EnterpriseListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  region: RegionCodeSchema.optional(),
  industry: IndustrySectionSchema.optional(),
  status: z.enum(['submitted', 'verified', 'rejected']).optional(),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>;
export const EnterpriseListSchema = pageOf(EnterpriseSchema);

export const ReviewBodySchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('verified'), reason: z.string().trim().max(200).optional() }),
  z.object({ decision: z.literal('rejected'), reason: z.string().trim().min(2).max(200) }),
]);

export const EmployerRegisterSchema = z.object({
  phone: PhoneSchema,
  password: PasswordSchema,
  name: NameSchema,
  enterprise: EnterpriseInputSchema.omit({ ownerUnionId: true }),
});
export type EmployerRegister = z.infer<typeof EmployerRegisterSchema>;

export const EnterpriseIdParamsSchema = z.object({ id: z.uuid() });
