import { z } from 'zod';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';
import { ContestRulesSchema, QualificationSchema } from './contests.rules.js';

// Contests, rounds, teams and contestants (issue 6 §1): the setup slice's requests and responses.
// Field messages are catalogue keys (validation.*, contest.setup.*).

export const CONTEST_STATUSES = ['draft', 'published'] as const;
export const ROUND_KINDS = ['preliminary', 'final'] as const;
export const STAGES = ['entered', 'finalist', 'eliminated', 'withdrawn'] as const;

const Day = z.iso.date({ message: 'validation.date' });
const Text = (max: number) => z.string().trim().max(max);

export const ContestIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

export const RoundInputSchema = z.object({
  name: Text(50).min(1),
  kind: z.enum(ROUND_KINDS),
  startsOn: Day.nullable().default(null),
  endsOn: Day.nullable().default(null),
  qualification: QualificationSchema.nullable().default(null),
});
export type RoundInput = z.infer<typeof RoundInputSchema>;

// Without defaults: a change names only what changes.
const ContestFields = z.object({
  name: Text(100).min(2),
  theme: Text(200),
  description: Text(5000),
  organisers: z.array(Text(100).min(1)).max(20),
  /** The union that runs it; by default the creator's own. */
  ownerUnionId: z.uuid(),
  venue: Text(200),
  startsOn: Day,
  endsOn: Day,
  rules: ContestRulesSchema,
  status: z.enum(CONTEST_STATUSES),
  chiefJudgeId: z.uuid().nullable(),
});

export const ContestInputSchema = ContestFields.extend({
  theme: ContestFields.shape.theme.default(''),
  description: ContestFields.shape.description.default(''),
  organisers: ContestFields.shape.organisers.default([]),
  ownerUnionId: ContestFields.shape.ownerUnionId.optional(),
  venue: ContestFields.shape.venue.default(''),
  rules: ContestRulesSchema.optional(),
  status: ContestFields.shape.status.default('draft'),
  chiefJudgeId: ContestFields.shape.chiefJudgeId.default(null),
  /** Rounds in order; by default only the final. */
  rounds: z.array(RoundInputSchema).min(1).max(5).optional(),
});
export type ContestInput = z.infer<typeof ContestInputSchema>;

export const ContestUpdateSchema = ContestFields.partial().extend({ version: z.number().int().min(1) });
export type ContestUpdate = z.infer<typeof ContestUpdateSchema>;

export const ContestListQuerySchema = PageQuerySchema.extend({ status: z.enum(CONTEST_STATUSES).optional() });

export const ContestSummarySchema = z.object({
  id: z.number(), name: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(CONTEST_STATUSES), venue: z.string(),
  ownerUnion: z.object({ id: z.string(), name: z.string() }),
});
export const ContestListSchema = pageOf(ContestSummarySchema);

export const RoundSchema = z.object({
  id: z.number(), seq: z.number(), name: z.string(), kind: z.enum(ROUND_KINDS), startsOn: z.string().nullable(), endsOn: z.string().nullable(),
  qualification: QualificationSchema.nullable(), qualifiedAt: z.string().nullable(),
});

export const ContestSchema = z.object({
  id: z.number(), name: z.string(), theme: z.string(), description: z.string(), organisers: z.array(z.string()),
  ownerUnion: z.object({ id: z.string(), name: z.string() }), venue: z.string(), startsOn: z.string(), endsOn: z.string(),
  rules: ContestRulesSchema, status: z.enum(CONTEST_STATUSES), chiefJudge: z.object({ id: z.string(), name: z.string() }).nullable(),
  lotsDrawnAt: z.string().nullable(),
  /** The draw's recorded seed (organisers only), to re-check the work numbers. */
  lotsSeed: z.string().nullable(), revealedAt: z.string().nullable(), version: z.number(),
  rounds: z.array(RoundSchema),
  counts: z.object({ teams: z.number(), contestants: z.number(), finalists: z.number() }),
  me: z.object({
    canManage: z.boolean(), isChiefJudge: z.boolean(), judgeItemIds: z.array(z.number()), canSeeNames: z.boolean(), canSeeLiveResults: z.boolean(),
  }),
});
export type Contest = z.infer<typeof ContestSchema>;

// ---- teams ----

const TeamFields = z.object({
  name: Text(50).min(1),
  /** The union that sends the team: its staff register its contestants. */
  unionId: z.uuid(),
  leader: Text(50),
});
export const TeamInputSchema = TeamFields.extend({ leader: TeamFields.shape.leader.default('') });
export type TeamInput = z.infer<typeof TeamInputSchema>;
export const TeamUpdateSchema = TeamFields.partial();
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;
export const TeamParamsSchema = ContestIdParamsSchema.extend({ teamId: z.coerce.number().int().min(1) });

export const TeamSchema = z.object({
  id: z.number(), name: z.string(), union: z.object({ id: z.string(), name: z.string() }), leader: z.string(), seq: z.number(),
  contestants: z.number(), finalists: z.number(),
  /** Whether the caller may register this team's contestants. */
  canRegister: z.boolean(),
});
export const TeamListSchema = z.object({ items: z.array(TeamSchema) });

// ---- rounds ----

export const RoundParamsSchema = ContestIdParamsSchema.extend({ roundId: z.coerce.number().int().min(1) });
export const RoundUpdateSchema = z.object({
  name: Text(50).min(1), startsOn: Day.nullable(), endsOn: Day.nullable(), qualification: QualificationSchema.nullable(),
}).partial();
export type RoundUpdate = z.infer<typeof RoundUpdateSchema>;
export const PreliminaryInputSchema = RoundInputSchema.omit({ kind: true });

/** A round's scores (0–9999.99, two decimals); null clears one. */
const Score = z.number().min(0).max(9999.99).multipleOf(0.01, { message: 'contest.setup.two_decimals' });
export const RoundScoresInputSchema = z.object({ scores: z.array(z.object({ contestantId: z.number().int().min(1), score: Score.nullable() })).min(1).max(2000) });
export const RoundScoresSchema = z.object({ items: z.array(z.object({ contestantId: z.number(), score: z.string() })) });
export const QualifyResultSchema = z.object({ qualified: z.number(), eliminated: z.number(), tiedAtBoundary: z.number() });
