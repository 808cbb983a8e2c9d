import { z } from 'zod';

/** The computing rules of a contest, as scoring.ts takes them (issue 6 §4); stored in contests.rules. */
export const ContestRulesSchema = z.object({
  writtenWeight: z.number().min(0).max(1),
  judgementDropHighLowFrom: z.number().int().min(3).max(99),
  team: z.object({ method: z.enum(['mean-all', 'mean-best', 'sum-best']), n: z.number().int().min(1).max(100).optional() }),
  itemAwards: z.number().int().min(0).max(100),
  tieBreak: z.array(z.enum(['practical', 'written', 'time'])).max(3),
  standardise: z.boolean().optional(),
  // Individual prizes (一等奖/二等奖/三等奖) by rank, and how many teams get a team award; when absent
  // the results slice uses 10 % / 20 % / 30 % of the finalists and the top 3 teams (results.board.ts).
  prizes: z.object({ first: z.number().int().min(0).max(1000), second: z.number().int().min(0).max(1000), third: z.number().int().min(0).max(1000), teams: z.number().int().min(0).max(100) }).optional(),
}).refine((r) => r.team.method === 'mean-all' || r.team.n !== undefined, { path: ['team', 'n'], message: 'contest.rules_team_n' });
export type ContestRules = z.infer<typeof ContestRulesSchema>;

/** The rules a new contest starts with (those of the 2023 electric-power contest). */
export const DEFAULT_RULES: ContestRules = {
  writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-best', n: 6 }, itemAwards: 3, tieBreak: ['practical', 'written', 'time'],
};

/** Qualification from one round to the next (issue 6 §1). */
export const QualificationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('top-n'), n: z.number().int().min(1).max(10000) }),
  z.object({ method: z.literal('top-per-team'), k: z.number().int().min(1).max(1000) }),
  z.object({ method: z.literal('threshold'), score: z.number().min(0).max(1000) }),
]);
export type Qualification = z.infer<typeof QualificationSchema>;
