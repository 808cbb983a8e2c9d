import { z } from 'zod';

// Score entry, verification and locks (issue 6 §3). Marks travel as numbers in requests and as
// exact decimal text in answers ("4.5", "-2.5").

const Id = z.number().int().min(1);
export const ContestParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const ItemParamsSchema = ContestParamsSchema.extend({ itemId: z.coerce.number().int().min(1) });
export const MarkParamsSchema = ItemParamsSchema.extend({ markId: z.coerce.number().int().min(1) });
export const TimeParamsSchema = ItemParamsSchema.extend({ contestantId: z.coerce.number().int().min(1) });

const DeductionPickSchema = z.object({ code: z.string().min(1).max(20), count: z.number().int().min(1).max(50).optional() });
const Reason = z.string().trim().min(1).max(500);

/** One judge's entry: a value (measurement, judgement) or the deductions ticked (deduction). */
export const EnterMarkSchema = z.object({
  contestantId: Id,
  aspectId: Id,
  value: z.number().optional(),
  deductions: z.array(DeductionPickSchema).max(50).optional(),
});
export type EnterMark = z.infer<typeof EnterMarkSchema>;

/** A change of an entry; after the lock a reason is required. */
export const ChangeMarkSchema = z.object({
  value: z.number().optional(),
  deductions: z.array(DeductionPickSchema).max(50).optional(),
  reason: Reason.optional(),
});
export type ChangeMark = z.infer<typeof ChangeMarkSchema>;

/** Completion time of a timed sub-item, in seconds (a change after the lock needs a reason). */
export const TimeBodySchema = z.object({ seconds: z.number().int().min(1).max(359_999), reason: Reason.optional() });
export const ResolveSchema = z.object({ aspectId: Id, contestantId: Id, note: Reason });

const FlagSchema = z.enum(['mismatch', 'spread']).nullable();
const LockStateSchema = z.enum(['open', 'locked', 'reopened']);

export const MarkSchema = z.object({
  id: z.number(),
  aspectId: z.number(),
  contestantId: z.number(),
  workNumber: z.string(),
  /** The judge who entered it (the chief judge and managers see every judge; a judge only himself). */
  judge: z.object({ id: z.string(), name: z.string() }),
  value: z.string(),
  deductions: z.array(z.object({ code: z.string(), count: z.number(), points: z.number() })).nullable(),
  version: z.number(),
  enteredAt: z.string(),
  updatedAt: z.string(),
});
export type Mark = z.infer<typeof MarkSchema>;

/** The state of one aspect of one contestant after a write. */
export const SlotSchema = z.object({
  entries: z.number(),
  needed: z.number(),
  complete: z.boolean(),
  flag: FlagSchema,
  flagOpen: z.boolean(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const MarkResultSchema = z.object({ mark: MarkSchema, slot: SlotSchema, lockState: LockStateSchema });
export type MarkResult = z.infer<typeof MarkResultSchema>;

export const TimeResultSchema = z.object({ contestantId: z.number(), workNumber: z.string(), seconds: z.number(), lockState: LockStateSchema });

const ItemHeadSchema = z.object({
  id: z.number(), code: z.string(), name: z.string(), max: z.string().nullable(), isTimed: z.boolean(), timeLimitSeconds: z.number().nullable(),
  lockState: LockStateSchema, lockedAt: z.string().nullable(), lockCount: z.number(),
});

export const SheetAspectSchema = z.object({
  id: z.number(), code: z.string(), seq: z.number(), type: z.enum(['measurement', 'judgement', 'deduction']), max: z.string(),
  description: z.string(), descriptors: z.array(z.string()).nullable(),
  deductions: z.array(z.object({ code: z.string(), text: z.string(), points: z.number() })).nullable(), judges: z.number(),
});

export const SheetSchema = z.object({
  contest: z.object({ id: z.number(), name: z.string(), lotsDrawn: z.boolean(), revealed: z.boolean() }),
  item: ItemHeadSchema,
  aspects: z.array(SheetAspectSchema),
  me: z.object({ isJudge: z.boolean(), isChiefJudge: z.boolean(), canEnter: z.boolean(), canLock: z.boolean(), canSeeNames: z.boolean(), canSeeAll: z.boolean() }),
  /** A judge: slots done (his entry, or the aspect already full) of all; others: complete slots of all. */
  progress: z.object({ done: z.number(), total: z.number() }),
  openFlags: z.number(),
  contestants: z.array(z.object({
    id: z.number(),
    workNumber: z.string(),
    /** Only for who may see names (organisers; everyone after the reveal). */
    name: z.string().nullable(), team: z.string().nullable(), employer: z.string().nullable(),
    timeSeconds: z.number().nullable(),
    complete: z.boolean(),
    aspects: z.array(SlotSchema.extend({
      aspectId: z.number(),
      mine: MarkSchema.nullable(),
      /** Every entry: the chief judge and managers only (a judge's double entry stays blind). */
      marks: z.array(MarkSchema),
      resolution: z.object({ note: z.string(), resolvedAt: z.string(), by: z.string().nullable() }).nullable(),
    })),
  })),
});
export type Sheet = z.infer<typeof SheetSchema>;

export const LockResultSchema = z.object({ item: ItemHeadSchema });

export const HistorySchema = z.object({
  items: z.array(z.object({
    id: z.number(), action: z.enum(['enter', 'change', 'time', 'lock', 'reopen', 'relock', 'resolve', 'reveal', 'draw']),
    itemId: z.number().nullable(), itemCode: z.string().nullable(), aspectCode: z.string().nullable(), workNumber: z.string().nullable(),
    judge: z.string().nullable(), oldValue: z.string().nullable(), newValue: z.string().nullable(), reason: z.string().nullable(),
    actor: z.string().nullable(), at: z.string(),
  })),
});
export type History = z.infer<typeof HistorySchema>;

export const HistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) });

export const ScoringSchema = z.object({
  contest: z.object({ id: z.number(), name: z.string(), lotsDrawn: z.boolean(), revealed: z.boolean() }),
  me: z.object({ isChiefJudge: z.boolean(), canLock: z.boolean(), canManage: z.boolean() }),
  finalists: z.number(),
  items: z.array(z.object({
    id: z.number(), code: z.string(), name: z.string(), parentName: z.string().nullable(), isTimed: z.boolean(),
    lockState: LockStateSchema, lockedAt: z.string().nullable(), lockCount: z.number(),
    aspects: z.number(), slots: z.number(), completeSlots: z.number(), completeContestants: z.number(), openFlags: z.number(), timesMissing: z.number(),
  })),
});
export type Scoring = z.infer<typeof ScoringSchema>;

export const JudgeContestsSchema = z.object({
  items: z.array(z.object({
    id: z.number(), name: z.string(), venue: z.string(), startsOn: z.string(), endsOn: z.string(), lotsDrawn: z.boolean(), revealed: z.boolean(),
    isChiefJudge: z.boolean(),
    items: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), lockState: LockStateSchema, isTimed: z.boolean(), done: z.number(), total: z.number() })),
  })),
});
export type JudgeContests = z.infer<typeof JudgeContestsSchema>;
