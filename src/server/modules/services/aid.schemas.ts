import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Mutual-aid plans (职工互助保障, issue 8 §3): requests and responses. Field messages are catalogue
// keys (validation.*, services.aid.*). Money is whole yuan.

export const PLAN_STATUSES = ['draft', 'open', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const BenefitSchema = z.object({
  name: z.string().trim().min(1).max(50),
  amount: z.number().int().min(0).max(10_000_000),
  note: z.string().trim().max(200).default(''),
});
export type Benefit = z.infer<typeof BenefitSchema>;

const PlanFields = z.object({
  name: z.string().trim().min(1).max(100),
  summary: z.string().trim().max(2000).default(''),
  startsOn: z.iso.date({ message: 'validation.date' }),
  endsOn: z.iso.date({ message: 'validation.date' }),
  /** Yuan per person for the whole period. */
  price: z.number().int().min(1).max(100_000),
  benefits: z.array(BenefitSchema).max(20).default([]),
});
const periodInOrder = (v: { startsOn: string; endsOn: string }) => v.startsOn <= v.endsOn;
const PERIOD_ORDER = { path: ['endsOn'], message: 'services.aid.period_order' };

export const PlanInputSchema = PlanFields.extend({
  /** A platform admin names the federation; federation staff create for their own. */
  federation: z.enum(['50', '51']).optional(),
}).refine(periodInOrder, PERIOD_ORDER);
export type PlanInput = z.infer<typeof PlanInputSchema>;

export const PlanUpdateSchema = PlanFields.extend({ version: z.number().int().min(1) }).refine(periodInOrder, PERIOD_ORDER);
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;

export const PlanStatusSchema = z.object({ version: z.number().int().min(1) });

export const PlanIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const PlanListQuerySchema = PageQuerySchema.extend({
  status: z.enum(PLAN_STATUSES).optional(),
  federation: z.enum(['50', '51']).optional(),
});
export type PlanListQuery = z.infer<typeof PlanListQuerySchema>;

export const PlanSchema = z.object({
  id: z.number().int(),
  federation: z.enum(['50', '51']),
  name: z.string(),
  summary: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  price: z.number().int(),
  benefits: z.array(z.object({ name: z.string(), amount: z.number().int(), note: z.string() })),
  status: z.enum(PLAN_STATUSES),
  version: z.number().int(),
  updatedAt: z.string(),
  /** People on confirmed enrolments (staff of the federation only; null for others). */
  enrolledPeople: z.number().int().nullable(),
  me: z.object({ canEdit: z.boolean() }),
});
export type Plan = z.infer<typeof PlanSchema>;
export const PlanListSchema = pageOf(PlanSchema);

// ---- enrolments ----

export const ENROLMENT_STATUSES = ['draft', 'submitted', 'confirmed', 'returned', 'cancelled'] as const;

export const EnrolmentIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const EnrolmentListQuerySchema = PageQuerySchema.extend({
  status: z.enum(ENROLMENT_STATUSES).optional(),
  planId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type EnrolmentListQuery = z.infer<typeof EnrolmentListQuerySchema>;
export const ReturnEnrolmentSchema = z.object({ note: z.string().trim().min(1, { message: 'services.aid.note_required' }).max(500) });
export const EnrolmentVersionSchema = z.object({ version: z.number().int().min(1) });
export const UploadFieldsSchema = z.object({
  planId: z.coerce.number({ message: 'services.aid.plan_required' }).int().min(1).max(2_147_483_647),
  enterpriseId: z.uuid().optional(),
});

const Ref = z.object({ id: z.string(), name: z.string() });

export const EnrolmentSummarySchema = z.object({
  id: z.number().int(),
  plan: z.object({ id: z.number().int(), name: z.string(), price: z.number().int(), federation: z.enum(['50', '51']) }),
  enterprise: Ref,
  ownerUnion: Ref,
  status: z.enum(ENROLMENT_STATUSES),
  people: z.number().int(),
  /** people × price, yuan. */
  amount: z.number().int(),
  returnNote: z.string().nullable(),
  submittedBy: Ref.nullable(),
  submittedAt: z.string().nullable(),
  confirmedBy: Ref.nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EnrolmentSummary = z.infer<typeof EnrolmentSummarySchema>;

export const EnrolmentSchema = EnrolmentSummarySchema.extend({
  /** The list as uploaded (row numbers as in the file); 身份证号 and phone masked. Empty once returned or cancelled. */
  members: z.array(z.object({ rowNo: z.number().int(), name: z.string().nullable(), idCardMasked: z.string().nullable(), phoneMasked: z.string().nullable() })),
  can: z.object({ submit: z.boolean(), cancel: z.boolean(), confirm: z.boolean(), return: z.boolean() }),
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;
export const EnrolmentListSchema = pageOf(EnrolmentSummarySchema);

export const MyEnterprisesSchema = z.array(z.object({ id: z.string(), name: z.string(), verified: z.boolean(), ownerUnion: Ref }));
