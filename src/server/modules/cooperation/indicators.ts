import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import type { FieldIssue } from '../../platform/errors.js';
import { AppError } from '../../platform/errors.js';
import { getStats } from '../seasons/seasons.service.js';
import * as repo from './items.repo.js';

// Indicators: a work item's value computed at read time from platform data (issue 7 §1):
//   livestreams_held  — the season's livestream events with status 'held';
//   season_figure     — one of the season's live figures, through the seasons stats service
//                       (the same numbers as GET /api/seasons/:id/stats, each a count of records);
//   joint_contests    — published contests whose final ends in the year, with teams from both federations;
//   contest_finalists — the contest's finalists.

export const SEASON_FIGURES = ['positions', 'enterprises', 'jobTypes', 'checkins', 'consultations', 'interviews', 'intents'] as const;
export type SeasonFigure = (typeof SEASON_FIGURES)[number];

export const IndicatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('livestreams_held'), seasonId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('season_figure'), seasonId: z.number().int().positive(), figure: z.enum(SEASON_FIGURES) }).strict(),
  z.object({ kind: z.literal('joint_contests'), year: z.number().int().min(2000).max(2100) }).strict(),
  z.object({ kind: z.literal('contest_finalists'), contestId: z.number().int().positive() }).strict(),
]);
export type Indicator = z.infer<typeof IndicatorSchema>;
export const INDICATOR_KINDS = ['livestreams_held', 'season_figure', 'joint_contests', 'contest_finalists'] as const;

/** A stored indicator, read defensively: null when it is not one we know (its value is then 0). */
export function parseIndicator(raw: unknown): Indicator | null {
  const parsed = IndicatorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Whether what the indicator names exists (season, contest): issues at `path`. */
export async function checkIndicator(db: Executor, spec: Indicator, path = 'indicator'): Promise<FieldIssue[]> {
  if (spec.kind === 'livestreams_held' || spec.kind === 'season_figure') {
    return (await repo.seasonExists(db, spec.seasonId)) ? [] : [{ path: `${path}.seasonId`, code: 'coop.items.indicator_season_not_found', params: { id: spec.seasonId } }];
  }
  if (spec.kind === 'contest_finalists') {
    return (await repo.contestExists(db, spec.contestId)) ? [] : [{ path: `${path}.contestId`, code: 'coop.items.indicator_contest_not_found', params: { id: spec.contestId } }];
  }
  return [];
}

const key = (spec: Indicator): string => JSON.stringify(spec);

/**
 * The values of several indicators at once (each distinct indicator computed once; each season's
 * figures read once). Keyed by JSON.stringify(spec) of the parsed spec — use `indicatorValueOf`.
 */
export async function computeIndicators(ctx: AppContext, specs: readonly Indicator[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = new Map(specs.map((s) => [key(s), s]));
  const seasons = new Set<number>();
  const contests = new Set<number>();
  const years = new Set<number>();
  for (const s of unique.values()) {
    if (s.kind === 'livestreams_held' || s.kind === 'season_figure') seasons.add(s.seasonId);
    else if (s.kind === 'contest_finalists') contests.add(s.contestId);
    else years.add(s.year);
  }
  const [seasonStats, finalists, joint] = await Promise.all([
    Promise.all([...seasons].map(async (id) => [id, await seasonFigures(ctx, id)] as const)).then((rows) => new Map(rows)),
    repo.countFinalists(ctx.db, [...contests]),
    repo.countJointContests(ctx.db, [...years]),
  ]);
  for (const [k, s] of unique) {
    switch (s.kind) {
      case 'livestreams_held': out.set(k, seasonStats.get(s.seasonId)?.livestreamsHeld ?? 0); break;
      case 'season_figure': out.set(k, seasonStats.get(s.seasonId)?.figures[s.figure] ?? 0); break;
      case 'contest_finalists': out.set(k, finalists.get(s.contestId) ?? 0); break;
      case 'joint_contests': out.set(k, joint.get(s.year) ?? 0); break;
    }
  }
  return out;
}

export const indicatorValueOf = (values: Map<string, number>, spec: Indicator): number => values.get(key(spec)) ?? 0;

/** One season's figures through the seasons module (a draft or missing season counts 0). */
async function seasonFigures(ctx: AppContext, seasonId: number): Promise<{ figures: Record<SeasonFigure, number>; livestreamsHeld: number }> {
  try {
    const stats = await getStats(ctx, seasonId);
    const livestreamsHeld = await repo.countHeldLivestreams(ctx.db, seasonId);
    return { figures: stats, livestreamsHeld };
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return { figures: { positions: 0, enterprises: 0, jobTypes: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 }, livestreamsHeld: 0 };
    throw e;
  }
}
