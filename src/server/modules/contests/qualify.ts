import type { Qualification } from './contests.rules.js';

// Qualification from a round to the next (issue 6 §1: top N overall, top K per team, or a score
// threshold). Pure: scores come in as the exact decimals PostgreSQL keeps (numeric(6,2) strings).

export interface Entrant {
  id: number;
  teamId: number;
  /** The round's score, e.g. '86.50'; a missing score is the caller's error, never a silent zero. */
  score: string | number;
}

export interface QualifyResult {
  qualified: number[];
  eliminated: number[];
  /** Entrants tied with the last qualifying place who went through beyond N or K (the boundary tie). */
  tiedAtBoundary: number[];
}

/** Hundredths of a point as an integer: '86.5' → 8650 (exact; scores have at most 2 decimals). */
export function toHundredths(score: string | number): number {
  const text = typeof score === 'number' ? score.toFixed(2) : score.trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new RangeError(`not a score: ${text}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * The best `places` of a group by score. Ties at the boundary all go through (contest rules, as
 * for item awards in issue 6 §4: nobody is cut by the order of a list), so more than `places` may qualify.
 */
function best(group: { id: number; h: number }[], places: number): { inside: number[]; ties: number[] } {
  const sorted = [...group].sort((a, b) => b.h - a.h || a.id - b.id);
  if (places >= sorted.length) return { inside: sorted.map((e) => e.id), ties: [] };
  const cut = sorted[places - 1]!.h;
  const inside = sorted.filter((e, i) => i < places || e.h === cut);
  return { inside: inside.map((e) => e.id), ties: inside.slice(places).map((e) => e.id) };
}

/** Who qualifies under a rule; every entrant is either qualified or eliminated. */
export function qualify(rule: Qualification, entrants: readonly Entrant[]): QualifyResult {
  const scored = entrants.map((e) => ({ id: e.id, teamId: e.teamId, h: toHundredths(e.score) }));
  let inside: number[] = [];
  const ties: number[] = [];
  if (rule.method === 'top-n') {
    const r = best(scored, rule.n);
    inside = r.inside;
    ties.push(...r.ties);
  } else if (rule.method === 'top-per-team') {
    const teams = new Map<number, typeof scored>();
    for (const e of scored) teams.set(e.teamId, [...(teams.get(e.teamId) ?? []), e]);
    for (const group of teams.values()) {
      const r = best(group, rule.k);
      inside.push(...r.inside);
      ties.push(...r.ties);
    }
  } else {
    // A score equal to the threshold passes ("达到 60 分", contest rules).
    const bar = toHundredths(rule.score);
    inside = scored.filter((e) => e.h >= bar).map((e) => e.id);
  }
  const set = new Set(inside);
  const byId = (a: number, b: number) => a - b;
  return {
    qualified: [...set].sort(byId),
    eliminated: scored.filter((e) => !set.has(e.id)).map((e) => e.id).sort(byId),
    tiedAtBoundary: ties.sort(byId),
  };
}
