import type { Federation, Figure } from './seasons.repo.js';
import type { Goal, Stats } from './seasons.schemas.js';

// The season's live figures from its counters (pure: the rows come from seasons.repo.readFigures).

type Figures = Omit<Stats, 'byFederation' | 'events' | 'at'>;
const FIGURES = ['enterprises', 'positions', 'openings', 'checkins', 'consultations', 'interviews', 'intents'] as const;
const zero = (): Figures => ({ enterprises: 0, jobTypes: 0, positions: 0, openings: 0, checkins: 0, consultations: 0, interviews: 0, intents: 0 });
// "13,000+ positions from 455 employers" (PRODUCT.md) counts job postings: the figure `positions`
// is the season's distinct postings; `openings` is the people they ask for (the sum of headcounts).
const FROM_COUNTER: Record<string, (typeof FIGURES)[number]> = {
  enterprises: 'enterprises', postings: 'positions', positions: 'openings', checkins: 'checkins', consultations: 'consultations', interviews: 'interviews', intents: 'intents',
};

/** Totals, each federation's share, and the season's events by kind. */
export function assembleStats(input: {
  counters: { federation: Federation; figure: Figure; value: number }[];
  jobTypes: { federation: Federation; code: string }[];
  events: { kind: string; status: string; count: number }[];
}, at: Date): Stats {
  const byFederation: Record<Federation, Figures> = { 50: zero(), 51: zero() };
  for (const c of input.counters) {
    const figure = FROM_COUNTER[c.figure];
    if (figure) byFederation[c.federation][figure] += c.value;
  }
  for (const j of input.jobTypes) byFederation[j.federation].jobTypes++;
  const total = zero();
  for (const f of FIGURES) total[f] = byFederation[50][f] + byFederation[51][f];
  // A job type offered in both provinces is one job type of the season.
  total.jobTypes = new Set(input.jobTypes.map((j) => j.code)).size;
  const events = { fair: 0, online: 0, livestream: 0, forum: 0, held: 0 };
  for (const e of input.events) {
    if (e.kind in events) events[e.kind as 'fair'] += e.count;
    if (e.status === 'held') events.held += e.count;
  }
  return { ...total, byFederation: { 50: byFederation[50], 51: byFederation[51] }, events, at: at.toISOString() };
}

/** Progress against each goal: the figure it names now, and how far along (capped at 1). */
export function goalProgress(goals: Partial<Record<Goal, number>>, stats: Stats, held: Record<'fair' | 'online' | 'livestream' | 'forum', number>) {
  const value = (goal: Goal): number => {
    switch (goal) {
      case 'fairs': return held.fair;
      case 'livestreams': return held.livestream;
      case 'onlineFairs': return held.online;
      case 'forums': return held.forum;
      default: return stats[goal];
    }
  };
  return Object.entries(goals).map(([goal, target]) => {
    const v = value(goal as Goal);
    return { goal: goal as Goal, target: target!, value: v, ratio: Math.min(1, v / target!) };
  });
}
