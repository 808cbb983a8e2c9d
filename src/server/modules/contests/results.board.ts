/**
 * The results board of a contest (issue 6 §5), pure: the rows read by results.repo.ts become the
 * ScoringInput of scoring.ts, and its output becomes the board the API, the pages, the .xlsx and the
 * certificates show (names, work numbers, teams, items, prizes, what is still provisional).
 */
import type { ContestRules } from './contests.rules.js';
import { computeResults, ScoringError, type ScoringInput, type ScoringOutput } from './scoring.js';

export interface SubItemRow {
  id: number; code: string; name: string; major: string | null; max: number; isTimed: boolean;
  lockState: 'open' | 'locked' | 'reopened';
}
export interface AspectRow { id: number; code: string; itemId: number; type: 'measurement' | 'judgement' | 'deduction'; max: number }
export interface FinalistRow { id: number; name: string; workNumber: string | null; written: number | null; teamId: number; team: string }
export interface MarkRow { aspectId: number; contestantId: number; value: number }
export interface TimeRow { itemId: number; contestantId: number; seconds: number }

export interface ResultRows {
  rules: ContestRules;
  subItems: SubItemRow[];
  aspects: AspectRow[];
  finalists: FinalistRow[];
  /** Marks of locked sub-items only. */
  marks: MarkRow[];
  times: TimeRow[];
}

export type Prize = 'first' | 'second' | 'third';

export interface BoardIndividual {
  rank: number; contestantId: number; workNumber: string | null; name?: string | undefined; team: string; teamId: number;
  written: number; practical: number; practicalPoints: number; total: number; timeSeconds: number | null; prize: Prize | null;
}
export interface BoardTeam { rank: number; teamId: number; team: string; score: number; members: number; awarded: boolean }
export interface BoardItemEntry { rank: number; contestantId: number; workNumber: string | null; name?: string | undefined; team: string; score: number; timeSeconds: number | null }
export interface BoardItem {
  itemId: number; code: string; name: string; major: string | null; max: number; locked: boolean; lockState: SubItemRow['lockState'];
  ranking: BoardItemEntry[]; awarded: number[];
}
export interface Board {
  /** Every sub-item locked: the results are final (until a change reopens one). */
  complete: boolean;
  lockedItems: number;
  totalItems: number;
  /** 'locked-items': ranked on the locked sub-items; 'written-only': none locked yet, practical counted 0. */
  basis: 'locked-items' | 'written-only';
  prizes: { first: number; second: number; third: number; teams: number };
  individuals: BoardIndividual[];
  teams: BoardTeam[];
  items: BoardItem[];
}

/** What failed when a locked sub-item's marks cannot be computed: names contestant and aspect (codes). */
export class BoardError extends Error {
  constructor(readonly kind: 'missing' | 'invalid' | 'disagree', readonly contestantId: number | null, readonly aspect: string | null, readonly reason: string) {
    super(`${kind}: ${contestantId ?? '-'} ${aspect ?? '-'} ${reason}`);
  }
}

/**
 * Individual prizes when the rules name none: 一等奖 10 %, 二等奖 20 %, 三等奖 30 % of the finalists
 * (the usual 1:2:3 of skills contests), rounded, at least one each while finalists remain (a small
 * contest still has a first prize); the top 3 teams get a team award.
 */
export function prizeCounts(rules: ContestRules, finalists: number): Board['prizes'] {
  if (rules.prizes) return rules.prizes;
  const first = Math.min(finalists, Math.max(1, Math.round(finalists * 0.1)));
  const second = Math.min(finalists - first, Math.max(1, Math.round(finalists * 0.2)));
  const third = Math.min(finalists - first - second, Math.max(1, Math.round(finalists * 0.3)));
  return { first, second, third, teams: 3 };
}

/** The prize of a rank: ranks are shared, so a tie at a boundary gives everyone tied the higher prize. */
export function prizeOf(rank: number, p: Board['prizes']): Prize | null {
  if (rank <= p.first) return 'first';
  if (rank <= p.first + p.second) return 'second';
  if (rank <= p.first + p.second + p.third) return 'third';
  return null;
}

/**
 * The scoring input from the rows: locked sub-items only, with their aspects; each finalist's
 * written score, times and marks (measurement/deduction: the agreed value of the double entry;
 * judgement: every judge's score). A mark missing in a locked item is left missing, so scoring.ts
 * names it — never a silent zero.
 */
export function buildScoringInput(rows: ResultRows): { input: ScoringInput; locked: SubItemRow[] } {
  const locked = rows.subItems.filter((i) => i.lockState === 'locked');
  const lockedIds = new Set(locked.map((i) => i.id));
  const aspects = rows.aspects.filter((a) => lockedIds.has(a.itemId));
  const aspectById = new Map(aspects.map((a) => [a.id, a]));
  const itemCode = new Map(locked.map((i) => [i.id, i.code]));
  const values = new Map<string, number[]>(); // `${contestant}:${aspect}` → entries
  for (const m of rows.marks) {
    if (!aspectById.has(m.aspectId)) continue;
    const key = `${m.contestantId}:${m.aspectId}`;
    values.set(key, [...(values.get(key) ?? []), m.value]);
  }
  const contestants = rows.finalists.map((f) => {
    const marks: Record<string, number[]> = {};
    for (const a of aspects) {
      const entries = values.get(`${f.id}:${a.id}`);
      if (!entries?.length) continue;
      if (a.type === 'judgement') { marks[a.code] = entries; continue; }
      // double entry: both entries must agree; the agreed value is the mark — issue 6 §3
      if (entries.some((v) => v !== entries[0])) throw new BoardError('disagree', f.id, a.code, entries.join(' / '));
      marks[a.code] = [entries[0]!];
    }
    const timeSeconds: Record<string, number> = {};
    for (const t of rows.times) if (t.contestantId === f.id && itemCode.has(t.itemId)) timeSeconds[itemCode.get(t.itemId)!] = t.seconds;
    return { id: String(f.id), team: f.team, written: f.written as number, timeSeconds, marks };
  });
  const { prizes: _prizes, ...rules } = rows.rules;
  return {
    input: { rules, items: locked.map((i) => ({ id: i.code, name: i.name, aspects: aspects.filter((a) => a.itemId === i.id).map((a) => ({ id: a.code, type: a.type, max: a.max })) })), contestants },
    locked,
  };
}

/**
 * Computes the board. When no sub-item is locked yet the finalists are ranked on what exists — the
 * written exam — with practical counted 0 (total = written × w) and the board flagged provisional
 * ('written-only'): a stand-in item of one zero mark lets scoring.ts rank them by its own rules.
 */
export function computeBoard(rows: ResultRows): Board {
  const { input, locked } = buildScoringInput(rows);
  const none = locked.length === 0;
  const run: ScoringInput = none
    ? { ...input, items: [{ id: '_', name: '_', aspects: [{ id: '_', type: 'measurement', max: 1 }] }], contestants: input.contestants.map((c) => ({ ...c, marks: { _: [0] } })) }
    : input;
  let out: ScoringOutput;
  try {
    out = computeResults(run);
  } catch (e) {
    if (e instanceof ScoringError) {
      throw new BoardError(e.code === 'contest.scoring.missingMark' ? 'missing' : 'invalid', e.contestantId ? Number(e.contestantId) : null, e.aspectId, e.code);
    }
    throw e;
  }
  const people = new Map(rows.finalists.map((f) => [f.id, f]));
  const teamId = new Map(rows.finalists.map((f) => [f.team, f.teamId]));
  const prizes = prizeCounts(rows.rules, rows.finalists.length);
  const who = (id: number) => {
    const f = people.get(id)!;
    return { contestantId: id, workNumber: f.workNumber, name: f.name, team: f.team };
  };
  const individuals = out.individuals.map((r): BoardIndividual => ({
    rank: r.rank, ...who(Number(r.contestantId)), teamId: teamId.get(r.team)!, written: r.written,
    practical: none ? 0 : r.practical, practicalPoints: none ? 0 : r.practicalPoints ?? 0, total: r.total,
    timeSeconds: none ? null : r.timeSeconds ?? null, prize: prizeOf(r.rank, prizes),
  }));
  const teams = out.teams.map((r): BoardTeam => ({ rank: r.rank, teamId: teamId.get(r.team)!, team: r.team, score: r.score, members: r.members ?? 0, awarded: r.rank <= prizes.teams }));
  const byCode = new Map(none ? [] : out.items.map((i) => [i.itemId, i]));
  const items = rows.subItems.map((s): BoardItem => {
    const r = byCode.get(s.code);
    return {
      itemId: s.id, code: s.code, name: s.name, major: s.major, max: s.max, locked: s.lockState === 'locked', lockState: s.lockState,
      ranking: r ? r.ranking.map((e) => ({ rank: e.rank, ...who(Number(e.contestantId)), score: e.score, timeSeconds: e.timeSeconds ?? null })) : [],
      awarded: r ? r.awarded.map(Number) : [],
    };
  });
  return {
    complete: rows.subItems.length > 0 && locked.length === rows.subItems.length, lockedItems: locked.length, totalItems: rows.subItems.length,
    basis: none ? 'written-only' : 'locked-items', prizes, individuals, teams, items,
  };
}

/** The board without names (before the reveal, for those who may not see them): work numbers only. */
export function withoutNames(board: Board): Board {
  return {
    ...board,
    individuals: board.individuals.map(({ name: _n, ...r }) => r),
    items: board.items.map((i) => ({ ...i, ranking: i.ranking.map(({ name: _n, ...e }) => e) })),
  };
}
