import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { PhoneSchema } from '../accounts/accounts.schemas.js';
import { IndustryDivisionSchema, IndustryRefSchema, IndustrySectionSchema, RegionCodeSchema, RegionRefSchema } from '../orgs/enterprises.schemas.js';

export const EDUCATION = ['none', 'junior_high', 'senior_high', 'vocational', 'associate', 'bachelor', 'master', 'doctor'] as const;
export const EXPERIENCE = ['none', 'lt1', '1to3', '3to5', '5to10', 'gt10'] as const;
export const POSTING_STATUSES = ['draft', 'pending', 'published', 'rejected', 'closed', 'filled', 'expired'] as const;
export const POSTING_ACTIONS = ['submit', 'approve', 'reject', 'close', 'fill', 'reopen'] as const;

/** Benefits as union fairs write them; free tags are allowed too (short ones). */
export const KNOWN_BENEFITS = [
  '五险一金', '五险', '包吃', '包住', '包吃住', '年终奖', '绩效奖金', '带薪年假', '节日福利', '加班补助', '交通补贴',
  '餐补', '住房补贴', '定期体检', '员工旅游', '技能培训', '周末双休', '单休', '提供宿舍', '工作服', '高温补贴', '全勤奖',
] as const;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

export const PostingInputSchema = z.object({
  title: z.string().trim().min(2).max(60),
  jobTypeCode: z.string().trim().min(1).max(40),
  industrySection: IndustrySectionSchema.optional(),
  industryDivision: IndustryDivisionSchema.nullable().optional(),
  regionCode: RegionCodeSchema.optional(),
  salaryNegotiable: z.boolean().default(false),
  salaryMin: z.number().int().min(0).max(1_000_000).nullable().optional(),
  salaryMax: z.number().int().min(0).max(1_000_000).nullable().optional(),
  headcount: z.number().int().min(1).max(100_000),
  education: z.enum(EDUCATION).default('none'),
  experience: z.enum(EXPERIENCE).default('none'),
  descriptionHtml: z.string().max(20_000).default(''),
  benefits: z.array(z.string().trim().min(1).max(12)).max(12).default([]),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: PhoneSchema.nullable().optional(),
  validFrom: IsoDate.optional(),
  validUntil: IsoDate.optional(),
  /** Create straight into review instead of as a draft. */
  submit: z.boolean().default(false),
});
export type PostingInput = z.infer<typeof PostingInputSchema>;

export const PostingUpdateSchema = PostingInputSchema.omit({ submit: true }).partial().extend({
  salaryNegotiable: z.boolean().optional(),
  education: z.enum(EDUCATION).optional(),
  experience: z.enum(EXPERIENCE).optional(),
  descriptionHtml: z.string().max(20_000).optional(),
  benefits: z.array(z.string().trim().min(1).max(12)).max(12).optional(),
  /** Optimistic lock: the version the editor started from. */
  version: z.number().int().optional(),
});
export type PostingUpdate = z.infer<typeof PostingUpdateSchema>;

const Ref = z.object({ code: z.string(), name: z.string() });

export const PostingSchema = z.object({
  id: z.number(),
  title: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  ownerUnion: z.object({ id: z.string(), name: z.string() }),
  jobType: Ref,
  industry: IndustryRefSchema,
  region: RegionRefSchema,
  salaryNegotiable: z.boolean(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  headcount: z.number(),
  education: z.enum(EDUCATION),
  experience: z.enum(EXPERIENCE),
  descriptionHtml: z.string(),
  benefits: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(POSTING_STATUSES),
  statusReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  isPublic: z.boolean(),
  permissions: z.object({ edit: z.boolean(), review: z.boolean(), actions: z.array(z.enum(POSTING_ACTIONS)) }),
});
export type Posting = z.infer<typeof PostingSchema>;

export const PostingListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  enterpriseId: z.uuid().optional(),
  status: z.enum(POSTING_STATUSES).optional(),
  jobType: z.string().max(40).optional(),
  region: RegionCodeSchema.optional(),
});
export type PostingListQuery = z.infer<typeof PostingListQuerySchema>;
export const PostingListSchema = pageOf(PostingSchema);

export const TransitionBodySchema = z.object({
  action: z.enum(POSTING_ACTIONS),
  reason: z.string().trim().max(200).optional(),
});

export const PostingIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const HistoryEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  reason: z.string().nullable(),
});

/** The public view of a published posting (API.md: GET /api/jobs/:id): no status, owner or contact phone. */
export const PublicJobSchema = PostingSchema.pick({
  id: true, title: true, region: true, jobType: true, industry: true, salaryMin: true, salaryMax: true, salaryNegotiable: true,
  headcount: true, education: true, experience: true, descriptionHtml: true, benefits: true, contactName: true, validUntil: true,
  publishedAt: true,
}).extend({ enterprise: z.object({ id: z.string(), name: z.string() }) });
