import { z } from 'zod';
import { PageQuerySchema } from '../../platform/pagination.js';

// Request and response shapes of the marking scheme (issue 6 §2). Requests are checked for shape
// only: the scheme's rules (sums, descriptors, codes …) are in scheme.validate.ts, which names every
// problem at once.

export const ContestIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const ItemParamsSchema = ContestIdParamsSchema.extend({ itemId: z.coerce.number().int().positive() });

const Text = (max: number) => z.string().max(max);

export const DeductionSchema = z.object({ code: Text(40), text: Text(400), points: z.number() });
export const AspectInputSchema = z.object({
  code: Text(40),
  type: z.enum(['measurement', 'judgement', 'deduction']),
  max: z.number(),
  description: Text(2000).optional(),
  descriptors: z.array(Text(1000)).max(20).nullish(),
  deductions: z.array(DeductionSchema).max(200).nullish(),
  judges: z.number().nullish(),
});
export const ItemInputSchema = z.object({
  code: Text(40),
  name: Text(200),
  parent: Text(40).nullish(),
  max: z.number().nullish(),
  isTimed: z.boolean().optional(),
  timeLimitSeconds: z.number().nullish(),
  aspects: z.array(AspectInputSchema).max(200).optional(),
});
export const SchemeInputSchema = z.object({ items: z.array(ItemInputSchema).max(1000) });

export const JudgeRefSchema = z.object({ id: z.string(), name: z.string() });
export const AspectSchema = z.object({
  id: z.number(), code: z.string(), seq: z.number(), type: z.enum(['measurement', 'judgement', 'deduction']), max: z.number(),
  description: z.string(), descriptors: z.array(z.string()).nullable(),
  deductions: z.array(z.object({ code: z.string(), text: z.string(), points: z.number() })).nullable(), judges: z.number(),
});
export const SchemeItemSchema = z.object({
  id: z.number(), code: z.string(), name: z.string(), seq: z.number(), parentId: z.number().nullable(), max: z.number().nullable(),
  isTimed: z.boolean(), timeLimitSeconds: z.number().nullable(), lockState: z.enum(['open', 'locked', 'reopened']), lockedAt: z.string().nullable(),
  aspects: z.array(AspectSchema),
  /** Judges assigned to a sub-item: shown to the contest's managers, chief judge and judges. */
  judges: z.array(JudgeRefSchema),
});
export const SchemeWarningSchema = z.object({ path: z.string(), itemId: z.number(), aspectId: z.number().nullable(), code: z.string(), message: z.string() });
export const SchemeSchema = z.object({
  contestId: z.number(),
  items: z.array(SchemeItemSchema),
  /** Marks exist: the scheme is fixed (judges may still change). */
  hasMarks: z.boolean(),
  me: z.object({ canManage: z.boolean(), canEdit: z.boolean() }),
  /** Problems that do not block (a judgement aspect asking for more judges than assigned). */
  warnings: z.array(SchemeWarningSchema),
});
export type Scheme = z.infer<typeof SchemeSchema>;
export type SchemeWarning = z.infer<typeof SchemeWarningSchema>;

export const JudgesInputSchema = z.object({ userIds: z.array(z.uuid()).max(50) });
export const JudgesResultSchema = z.object({ itemId: z.number(), judges: z.array(JudgeRefSchema) });

export const CandidatesQuerySchema = PageQuerySchema.extend({ q: z.string().trim().max(50).optional() });
export const CandidateSchema = z.object({ id: z.string(), name: z.string(), username: z.string().nullable(), union: z.object({ id: z.string(), name: z.string() }).nullable() });
export const CandidateListSchema = z.object({ total: z.number().int(), items: z.array(CandidateSchema) });
export type Candidate = z.infer<typeof CandidateSchema>;
