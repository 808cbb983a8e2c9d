/**
 * The contest results computation of issue 6 §4: one pure function, no I/O, used by the server and
 * by `chuanyu contest compute < input.json > results.json`. Arithmetic is exact (BigInt rationals,
 * see exact.ts); JS numbers appear only at the edges, read through their shortest decimal spelling.
 */
import { add, cmp, div, fromNumber, int, max, mean, mul, round2, sqrtRound2, sub, sum, toNumber, ZERO, type Q } from './exact.js';

export type AspectType = 'measurement' | 'judgement' | 'deduction';
export type TieBreakKey = 'practical' | 'written' | 'time';
export type TeamMethod = 'mean-all' | 'mean-best' | 'sum-best';

export interface ScoringInput {
  rules: {
    writtenWeight: number;
    judgementDropHighLowFrom: number;
    team: { method: TeamMethod; n?: number };
    itemAwards: number;
    tieBreak: TieBreakKey[];
    standardise?: boolean;
  };
  /** `timed`: the sub-item records completion time; when any item says so, only timed items enter the time tie-break. */
  items: { id: string; name: string; timed?: boolean; aspects: { id: string; type: AspectType; max: number }[] }[];
  contestants: {
    id: string;
    team: string;
    written: number;
    timeSeconds?: Record<string, number>;
    marks: Record<string, number[]>;
  }[];
}

export interface ScoringOutput {
  individuals: {
    rank: number; contestantId: string; team: string; written: number;
    /** practical% (0–100), the figure weighted into the total */
    practical: number;
    total: number;
    practicalPoints?: number; practicalMax?: number;
    timeSeconds?: number | null;
    standardised?: number;
  }[];
  teams: { rank: number; team: string; score: number; members?: number }[];
  items: { itemId: string; ranking: { rank: number; contestantId: string; score: number; timeSeconds?: number | null }[]; awarded: string[] }[];
}

export type ScoringErrorCode =
  | 'contest.scoring.badInput' | 'contest.scoring.missingMark' | 'contest.scoring.markOutOfRange'
  | 'contest.scoring.judgementNotInteger' | 'contest.scoring.deductionPositive' | 'contest.scoring.writtenOutOfRange'
  | 'contest.scoring.unknownAspect' | 'contest.scoring.duplicateId';

/** A scoring input that cannot be computed: names the contestant and aspect (or field) at fault. */
export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  constructor(
    readonly code: ScoringErrorCode,
    readonly contestantId: string | null,
    readonly aspectId: string | null,
    readonly detail: string = '',
  ) {
    super(`${code}: contestant ${contestantId ?? '-'}, aspect ${aspectId ?? '-'}${detail ? ` (${detail})` : ''}`);
  }
}

const MESSAGES: Record<ScoringErrorCode, [string, string]> = {
  'contest.scoring.badInput': ['输入格式有误', 'the input is malformed'],
  'contest.scoring.missingMark': ['缺少评分', 'a mark is missing'],
  'contest.scoring.markOutOfRange': ['评分超出范围', 'a mark is out of range'],
  'contest.scoring.judgementNotInteger': ['评价分须为 0、1、2、3 之一', 'a judgement score must be 0, 1, 2 or 3'],
  'contest.scoring.deductionPositive': ['扣分须记为负数', 'a deduction must be given as a negative number'],
  'contest.scoring.writtenOutOfRange': ['理论成绩须在 0 到 100 之间', 'the written score must be between 0 and 100'],
  'contest.scoring.unknownAspect': ['评分对应的评分项不存在', 'marks given for an aspect that does not exist'],
  'contest.scoring.duplicateId': ['编号重复', 'a duplicate id'],
};

/** A one-line zh-CN / English message naming contestant and aspect, for the CLI and logs. */
export function describeScoringError(e: ScoringError): string {
  const [zh, en] = MESSAGES[e.code];
  const who = `${e.contestantId ? `选手 ${e.contestantId}` : ''}${e.aspectId ? ` 评分项 ${e.aspectId}` : ''}`.trim();
  const whoEn = [e.contestantId ? `contestant ${e.contestantId}` : '', e.aspectId ? `aspect ${e.aspectId}` : ''].filter(Boolean).join(', ');
  return `${zh}${who ? `：${who}` : ''} / ${en}${whoEn ? `: ${whoEn}` : ''}${e.detail ? ` (${e.detail})` : ''}`;
}

const bad = (detail: string, contestantId: string | null = null, aspectId: string | null = null): never => {
  throw new ScoringError('contest.scoring.badInput', contestantId, aspectId, detail);
};
const num = (x: unknown, what: string, c: string | null = null, a: string | null = null): Q =>
  (typeof x === 'number' ? fromNumber(x) : null) ?? bad(`${what} must be a finite number`, c, a);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One aspect's mark, exact and rounded half-up to 2 decimals. */
function aspectMark(cid: string, aspect: { id: string; type: AspectType; max: Q }, raw: unknown, dropFrom: number): Q {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0 && aspect.type !== 'deduction')) {
    // missing marks are an error naming contestant and aspect, never a silent zero — issue 6 §4
    throw new ScoringError('contest.scoring.missingMark', cid, aspect.id);
  }
  if (!Array.isArray(raw)) return bad('marks must be a list of numbers', cid, aspect.id);
  const marks = raw.map((m) => num(m, 'a mark', cid, aspect.id));
  let mark: Q;
  if (aspect.type === 'measurement') {
    // measurement: a judge gives 0..max; several judges' marks → their mean — issue 6 §2
    for (const m of marks) if (cmp(m, ZERO) < 0 || cmp(m, aspect.max) > 0) throw new ScoringError('contest.scoring.markOutOfRange', cid, aspect.id, `0..${toNumber(aspect.max)}`);
    mark = mean(marks);
  } else if (aspect.type === 'judgement') {
    // judgement: each judge scores 0, 1, 2 or 3 against written descriptors — issue 6 §2
    for (const m of marks) {
      if (cmp(m, ZERO) < 0 || cmp(m, int(3)) > 0) throw new ScoringError('contest.scoring.markOutOfRange', cid, aspect.id, '0..3');
      if (m.d !== 1n) throw new ScoringError('contest.scoring.judgementNotInteger', cid, aspect.id);
    }
    const sorted = [...marks].sort(cmp);
    // judgement: with ≥ judgementDropHighLowFrom judges (5) one highest and one lowest are dropped first — issue 6 §2
    const kept = sorted.length >= dropFrom ? sorted.slice(1, -1) : sorted;
    // judgement: mark = max × mean / 3 — issue 6 §2
    mark = div(mul(aspect.max, mean(kept)), int(3));
  } else {
    // deduction (扣分): full marks minus the listed deductions, floored at 0 — issue 6 §2.
    // Deductions are written as negative numbers (as in §4: [-2, -0.5]); a positive entry is refused
    // rather than guessed (it may be a bonus typed by mistake); [] means no deduction.
    for (const m of marks) if (cmp(m, ZERO) > 0) throw new ScoringError('contest.scoring.deductionPositive', cid, aspect.id);
    mark = max(ZERO, add(aspect.max, sum(marks)));
  }
  // each aspect mark rounded half-up to 2 decimals — issue 6 §4
  return round2(mark);
}

/** Shared ranks over a list already in order: equal neighbours share a rank, the next skips (1, 1, 3) — issue 6 §4. */
function sharedRanks<T>(sorted: T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((x, i) => ranks.push(i > 0 && same(sorted[i - 1]!, x) ? ranks[i - 1]! : i + 1));
  return ranks;
}

/** Times compare lower first; a missing time sorts last — issue 6 §4 (time: less is better). */
const cmpTime = (a: Q | null, b: Q | null): number => (a && b ? cmp(a, b) : a ? -1 : b ? 1 : 0);

export function computeResults(input: ScoringInput): ScoringOutput {
  if (!isObj(input) || !isObj(input.rules) || !Array.isArray(input.items) || !Array.isArray(input.contestants)) {
    return bad('expected { rules, items[], contestants[] }');
  }
  const { rules } = input;
  const w = num(rules.writtenWeight, 'rules.writtenWeight');
  if (cmp(w, ZERO) < 0 || cmp(w, int(1)) > 0) bad('rules.writtenWeight must be between 0 and 1');
  const dropFrom = Number.isInteger(rules.judgementDropHighLowFrom) ? rules.judgementDropHighLowFrom : bad('rules.judgementDropHighLowFrom must be an integer');
  const awardsK = Number.isInteger(rules.itemAwards) && rules.itemAwards >= 0 ? rules.itemAwards : bad('rules.itemAwards must be a whole number');
  const tieBreak = Array.isArray(rules.tieBreak) ? rules.tieBreak : bad('rules.tieBreak must be a list');
  for (const k of tieBreak) if (!['practical', 'written', 'time'].includes(k)) bad(`rules.tieBreak: unknown key ${String(k)}`);
  const method = rules.team?.method;
  if (!['mean-all', 'mean-best', 'sum-best'].includes(method)) bad('rules.team.method must be mean-all, mean-best or sum-best');
  const teamN = method === 'mean-all' ? Infinity : Number.isInteger(rules.team.n) && rules.team.n! > 0 ? rules.team.n! : bad('rules.team.n must be a positive whole number');

  const aspectIds = new Set<string>();
  const items = input.items.map((it) => {
    if (!isObj(it) || typeof it.id !== 'string' || !Array.isArray(it.aspects) || !it.aspects.length) bad('each item needs an id and aspects');
    return {
      id: it.id,
      timed: it.timed,
      aspects: it.aspects.map((a) => {
        if (!isObj(a) || typeof a.id !== 'string' || !['measurement', 'judgement', 'deduction'].includes(a.type)) bad(`item ${it.id}: each aspect needs an id and a type`);
        if (aspectIds.has(a.id)) throw new ScoringError('contest.scoring.duplicateId', null, a.id);
        aspectIds.add(a.id);
        const m = num(a.max, 'max', null, a.id);
        if (cmp(m, ZERO) <= 0) bad('max must be positive', null, a.id);
        return { id: a.id, type: a.type, max: m };
      }),
    };
  });
  const practicalMax = sum(items.flatMap((it) => it.aspects.map((a) => a.max)));
  // Which items' times make up the time tie-break: the timed ones when the input marks any, else all.
  const timedIds = new Set(items.some((it) => it.timed !== undefined) ? items.filter((it) => it.timed).map((it) => it.id) : items.map((it) => it.id));

  const seen = new Set<string>();
  const people = input.contestants.map((c) => {
    if (!isObj(c) || typeof c.id !== 'string' || typeof c.team !== 'string' || !isObj(c.marks)) bad('each contestant needs id, team and marks');
    if (seen.has(c.id)) throw new ScoringError('contest.scoring.duplicateId', c.id, null);
    seen.add(c.id);
    for (const key of Object.keys(c.marks)) if (!aspectIds.has(key)) throw new ScoringError('contest.scoring.unknownAspect', c.id, key);
    if (c.written === undefined || c.written === null) throw new ScoringError('contest.scoring.missingMark', c.id, 'written');
    const written = num(c.written, 'written', c.id, 'written');
    if (cmp(written, ZERO) < 0 || cmp(written, int(100)) > 0) throw new ScoringError('contest.scoring.writtenOutOfRange', c.id, 'written');
    const itemScores = new Map<string, { score: Q; time: Q | null }>();
    for (const it of items) {
      // item score = sum of its rounded aspect marks, rounded half-up to 2 decimals — issue 6 §4
      const score = round2(sum(it.aspects.map((a) => aspectMark(c.id, a, c.marks[a.id], dropFrom))));
      const t = c.timeSeconds?.[it.id];
      const time = t === undefined || t === null ? null : num(t, 'timeSeconds', c.id, it.id);
      itemScores.set(it.id, { score, time });
    }
    const practicalPoints = round2(sum([...itemScores.values()].map((s) => s.score)));
    // practical% = practical points / practical max × 100, rounded half-up to 2 decimals — issue 6 §2, §4
    const practical = round2(div(mul(practicalPoints, int(100)), practicalMax));
    // total = written × w + practical% × (1 − w), rounded half-up to 2 decimals — issue 6 §2
    const total = round2(add(mul(written, w), mul(practical, sub(int(1), w))));
    const times = [...itemScores.entries()].filter(([id]) => timedIds.has(id)).map(([, s]) => s.time);
    // time tie-break = the sum of the (timed) sub-items' times; missing if any of them has no time — issue 6 §4
    const time = times.length && times.every((t) => t !== null) ? sum(times as Q[]) : null;
    return { id: c.id, team: c.team, written, practical, practicalPoints, total, time, itemScores };
  });

  // individual ranking on rounded totals, then the tie-break keys in rules.tieBreak order — issue 6 §4
  type P = (typeof people)[number];
  const tieCmp = (a: P, b: P): number => {
    const byTotal = cmp(b.total, a.total);
    if (byTotal) return byTotal;
    for (const k of tieBreak) {
      const r = k === 'practical' ? cmp(b.practical, a.practical) : k === 'written' ? cmp(b.written, a.written) : cmpTime(a.time, b.time);
      if (r) return r;
    }
    return 0;
  };
  const ordered = [...people].sort((a, b) => tieCmp(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranks = sharedRanks(ordered, (a, b) => tieCmp(a, b) === 0);

  let standardised: Map<string, Q> | null = null;
  if (rules.standardise) {
    // WorldSkills-style scale: 700 + 100 × (total − median) / σ, σ the population standard deviation
    // of the rounded totals; the offset is rounded half-up to 2 decimals on its magnitude; σ = 0 → 700 — issue 6 §4
    const totals = people.map((p) => p.total).sort(cmp);
    const n = totals.length;
    const median = n % 2 ? totals[(n - 1) / 2]! : div(add(totals[n / 2 - 1]!, totals[n / 2]!), int(2));
    const mu = mean(totals);
    const variance = mean(totals.map((t) => mul(sub(t, mu), sub(t, mu))));
    standardised = new Map(people.map((p) => {
      if (cmp(variance, ZERO) === 0) return [p.id, int(700)];
      const dev = sub(p.total, median);
      const offset = sqrtRound2(div(mul(mul(dev, dev), int(10_000)), variance));
      return [p.id, cmp(dev, ZERO) < 0 ? sub(int(700), offset) : add(int(700), offset)];
    }));
  }

  const individuals = ordered.map((p, i) => ({
    rank: ranks[i]!, contestantId: p.id, team: p.team, written: toNumber(p.written), practical: toNumber(p.practical), total: toNumber(p.total),
    practicalPoints: toNumber(p.practicalPoints), practicalMax: toNumber(practicalMax), timeSeconds: p.time ? toNumber(p.time) : null,
    ...(standardised ? { standardised: toNumber(standardised.get(p.id)!) } : {}),
  }));

  // teams: mean-all | mean-best (mean of the n best totals, all if fewer than n) | sum-best, rounded 2 dp — issue 6 §4
  const byTeam = new Map<string, Q[]>();
  for (const p of people) byTeam.set(p.team, [...(byTeam.get(p.team) ?? []), p.total]);
  const teamRows = [...byTeam].map(([team, totals]) => {
    const best = [...totals].sort((a, b) => cmp(b, a)).slice(0, teamN);
    return { team, members: totals.length, score: round2(method === 'sum-best' ? sum(best) : mean(best)) };
  }).sort((a, b) => cmp(b.score, a.score) || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
  const teamRanks = sharedRanks(teamRows, (a, b) => cmp(a.score, b.score) === 0);
  const teams = teamRows.map((t, i) => ({ rank: teamRanks[i]!, team: t.team, score: toNumber(t.score), members: t.members }));

  // items: ranked by item score, then time (less is better), shared ranks; the top K awarded, ties at the boundary all awarded — issue 6 §4
  const itemResults = items.map((it) => {
    const rows = people.map((p) => ({ id: p.id, ...p.itemScores.get(it.id)! }));
    const itemCmp = (a: (typeof rows)[number], b: (typeof rows)[number]) => cmp(b.score, a.score) || cmpTime(a.time, b.time);
    rows.sort((a, b) => itemCmp(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const r = sharedRanks(rows, (a, b) => itemCmp(a, b) === 0);
    return {
      itemId: it.id,
      ranking: rows.map((row, i) => ({ rank: r[i]!, contestantId: row.id, score: toNumber(row.score), timeSeconds: row.time ? toNumber(row.time) : null })),
      awarded: rows.filter((_, i) => r[i]! <= awardsK).map((row) => row.id),
    };
  });

  return { individuals, teams, items: itemResults };
}
