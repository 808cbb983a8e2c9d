import { describe, expect, it } from 'vitest';
import { computeResults, describeScoringError, ScoringError, type ScoringInput } from './scoring.js';

type Contestant = ScoringInput['contestants'][number];
type Aspect = ScoringInput['items'][number]['aspects'][number];

const RULES: ScoringInput['rules'] = {
  writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-best', n: 6 }, itemAwards: 3, tieBreak: ['practical', 'written', 'time'],
};

/** The issue's §4 example input, verbatim. */
export const EXAMPLE: ScoringInput = {
  rules: RULES,
  items: [{ id: 'A1', name: '冷缩电缆终端制作', aspects: [{ id: 'A1.1', type: 'measurement', max: 5 }, { id: 'A1.2', type: 'judgement', max: 3 }, { id: 'A1.3', type: 'deduction', max: 10 }] }],
  contestants: [{ id: 'c1', team: '广安1队', written: 86.5, timeSeconds: { A1: 5400 }, marks: { 'A1.1': [5], 'A1.2': [2, 3, 2], 'A1.3': [-2, -0.5] } }],
};

/** One item with one aspect; each contestant's marks for it. */
function single(aspect: Aspect, marks: number[][], rules: Partial<ScoringInput['rules']> = {}) {
  return computeResults({
    rules: { ...RULES, ...rules },
    items: [{ id: 'I', name: 'item', aspects: [aspect] }],
    contestants: marks.map((m, i) => ({ id: `c${i + 1}`, team: 'T', written: 0, marks: { [aspect.id]: m } })),
  });
}
const aspectMark = (aspect: Aspect, marks: number[], rules: Partial<ScoringInput['rules']> = {}) => single(aspect, [marks], rules).items[0]!.ranking[0]!.score;

/** Contestants on one item with a single measurement aspect (max 100), written score and time given. */
function field(rows: { id: string; team?: string; written?: number; practical: number; time?: number }[], rules: Partial<ScoringInput['rules']> = {}) {
  return computeResults({
    rules: { ...RULES, ...rules },
    items: [{ id: 'I', name: 'item', aspects: [{ id: 'I.1', type: 'measurement', max: 100 }] }],
    contestants: rows.map((r): Contestant => ({
      id: r.id, team: r.team ?? 'T', written: r.written ?? 0, marks: { 'I.1': [r.practical] }, ...(r.time === undefined ? {} : { timeSeconds: { I: r.time } }),
    })),
  });
}

describe('computeResults: the §4 example', () => {
  it('gives the documented output shape and exact figures', () => {
    const out = computeResults(EXAMPLE);
    // 5 + 3 × (7/3)/3 = 2.33 + (10 − 2.5) = 14.83 of 18 → 82.39 %; 86.5 × 0.3 + 82.39 × 0.7 = 83.623 → 83.62
    expect(out.individuals).toEqual([{ rank: 1, contestantId: 'c1', team: '广安1队', written: 86.5, practical: 82.39, total: 83.62, practicalPoints: 14.83, practicalMax: 18, timeSeconds: 5400 }]);
    expect(out.teams).toEqual([{ rank: 1, team: '广安1队', score: 83.62, members: 1 }]);
    expect(out.items).toEqual([{ itemId: 'A1', ranking: [{ rank: 1, contestantId: 'c1', score: 14.83, timeSeconds: 5400 }], awarded: ['c1'] }]);
  });
});

describe('aspect marks', () => {
  const meas: Aspect = { id: 'm', type: 'measurement', max: 5 };
  const judg: Aspect = { id: 'j', type: 'judgement', max: 6 };
  const ded: Aspect = { id: 'd', type: 'deduction', max: 10 };
  it.each([
    ['measurement, one judge', meas, [4.5], 4.5],
    ['measurement, several judges → mean', meas, [4, 5, 5], 4.67],
    ['measurement, half-up 2.675 → 2.68 (float gives 2.67)', meas, [2.675], 2.68],
    ['measurement, half-up 1.005 → 1.01 (float gives 1)', meas, [1.005], 1.01],
    ['measurement, mean 0.1 + 0.2 exact', meas, [0.1, 0.2, 0.3, 0.2], 0.2],
    ['judgement, 3 judges: 6 × mean/3', judg, [2, 3, 2], 4.67],
    ['judgement, 4 judges: nothing dropped', judg, [0, 3, 3, 3], 4.5],
    ['judgement, 5 judges: highest and lowest dropped', judg, [0, 3, 3, 3, 3], 6],
    ['judgement, 5 judges: one high and one low dropped', judg, [0, 3, 3, 1, 1], 3.33],
    ['judgement, 5 judges all equal', judg, [2, 2, 2, 2, 2], 4],
    ['deduction, negative list', ded, [-2, -0.5], 7.5],
    ['deduction, 0.1 + 0.2 exact', { id: 'd', type: 'deduction', max: 1 } as Aspect, [-0.1, -0.2], 0.7],
    ['deduction, none listed → full marks', ded, [], 10],
    ['deduction, floored at 0', ded, [-6, -7], 0],
  ] as const)('%s', (_name, aspect, marks, expected) => {
    expect(aspectMark(aspect, [...marks])).toBe(expected);
  });

  it('drops high/low from the configured judge count', () => {
    expect(aspectMark(judg, [0, 3, 3, 3], { judgementDropHighLowFrom: 4 })).toBe(6);
  });

  it('item score is the sum of rounded aspect marks, exactly', () => {
    const out = computeResults({
      rules: RULES,
      items: [{ id: 'I', name: 'i', aspects: [{ id: 'a', type: 'measurement', max: 1 }, { id: 'b', type: 'measurement', max: 1 }] }],
      contestants: [{ id: 'c1', team: 'T', written: 0, marks: { a: [0.1], b: [0.2] } }],
    });
    expect(out.items[0]!.ranking[0]!.score).toBe(0.3);
    expect(out.individuals[0]!.practical).toBe(15); // 0.3 / 2 × 100
  });
});

describe('bad marks are errors naming contestant and aspect', () => {
  const base = (marks: Record<string, number[]>, extra: Partial<Contestant> = {}): ScoringInput => ({
    ...EXAMPLE, contestants: [...EXAMPLE.contestants, { id: 'c2', team: 'T', written: 50, marks, ...extra }],
  });
  const full = { 'A1.1': [5], 'A1.2': [2], 'A1.3': [] as number[] };
  it.each([
    ['missing aspect', { 'A1.1': [5], 'A1.3': [] }, 'A1.2', 'contest.scoring.missingMark'],
    ['empty judgement list', { ...full, 'A1.2': [] }, 'A1.2', 'contest.scoring.missingMark'],
    ['measurement above max', { ...full, 'A1.1': [5.5] }, 'A1.1', 'contest.scoring.markOutOfRange'],
    ['measurement below 0', { ...full, 'A1.1': [-1] }, 'A1.1', 'contest.scoring.markOutOfRange'],
    ['judgement of 4', { ...full, 'A1.2': [2, 4, 3] }, 'A1.2', 'contest.scoring.markOutOfRange'],
    ['judgement of 2.5', { ...full, 'A1.2': [2.5] }, 'A1.2', 'contest.scoring.judgementNotInteger'],
    ['positive deduction', { ...full, 'A1.3': [2] }, 'A1.3', 'contest.scoring.deductionPositive'],
    ['marks for an unknown aspect', { ...full, 'B9.1': [1] }, 'B9.1', 'contest.scoring.unknownAspect'],
  ] as const)('%s', (_name, marks, aspectId, code) => {
    let caught: unknown;
    try { computeResults(base(marks as unknown as Record<string, number[]>)); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ScoringError);
    expect(caught).toMatchObject({ contestantId: 'c2', aspectId, code });
    expect(describeScoringError(caught as ScoringError)).toContain(`选手 c2 评分项 ${aspectId}`);
  });
  it('a missing or out-of-range written score', () => {
    expect(() => computeResults(base(full, { written: undefined as unknown as number }))).toThrow(expect.objectContaining({ contestantId: 'c2', aspectId: 'written', code: 'contest.scoring.missingMark' }));
    expect(() => computeResults(base(full, { written: 101 }))).toThrow(expect.objectContaining({ code: 'contest.scoring.writtenOutOfRange' }));
  });
  it('malformed input', () => {
    expect(() => computeResults({} as ScoringInput)).toThrow(expect.objectContaining({ code: 'contest.scoring.badInput' }));
    expect(() => computeResults({ ...EXAMPLE, rules: { ...RULES, writtenWeight: 1.5 } })).toThrow(expect.objectContaining({ code: 'contest.scoring.badInput' }));
  });
});

describe('totals and individual ranking', () => {
  it('total = written × w + practical% × (1 − w), half-up to 2 dp', () => {
    // 0.3 × 80.05 + 0.7 × 50 = 59.015 → 59.02 (float: 59.01499…)
    expect(field([{ id: 'a', written: 80.05, practical: 50 }]).individuals[0]!.total).toBe(59.02);
  });
  it('shared ranks 1, 1, 3 when every key ties', () => {
    const out = field([{ id: 'a', practical: 80, written: 70 }, { id: 'b', practical: 90, written: 70 }, { id: 'c', practical: 90, written: 70 }], { tieBreak: [] });
    expect(out.individuals.map((i) => [i.contestantId, i.rank])).toEqual([['b', 1], ['c', 1], ['a', 3]]);
  });
  it('ties on the rounded total are broken by practical, then written, then time (missing last)', () => {
    // w = 0.5: a 60/80 (70), b 80/60 (70) → practical: b first
    const rules = { writtenWeight: 0.5 };
    let out = field([{ id: 'a', written: 80, practical: 60 }, { id: 'b', written: 60, practical: 80 }], rules);
    expect(out.individuals.map((i) => [i.contestantId, i.rank])).toEqual([['b', 1], ['a', 2]]);
    out = field([{ id: 'a', written: 80, practical: 60 }, { id: 'b', written: 60, practical: 80 }], { ...rules, tieBreak: ['written', 'practical'] });
    expect(out.individuals.map((i) => i.contestantId)).toEqual(['a', 'b']);
    // equal practical and written: time decides, a missing time last, equal everything shares
    out = field([
      { id: 'a', written: 70, practical: 70, time: 600 }, { id: 'b', written: 70, practical: 70, time: 500 },
      { id: 'c', written: 70, practical: 70 }, { id: 'd', written: 70, practical: 70, time: 500 },
    ], rules);
    expect(out.individuals.map((i) => [i.contestantId, i.rank])).toEqual([['b', 1], ['d', 1], ['a', 3], ['c', 4]]);
  });
  it('ranks on rounded totals: 70.004 and 70.001 tie', () => {
    const out = field([{ id: 'a', written: 70, practical: 70.004 }, { id: 'b', written: 70, practical: 70.001 }], { tieBreak: [] });
    expect(out.individuals.map((i) => i.rank)).toEqual([1, 1]);
  });
});

describe('teams', () => {
  const rows = [
    { id: 'a1', team: 'A', written: 90, practical: 90 }, { id: 'a2', team: 'A', written: 80, practical: 80 }, { id: 'a3', team: 'A', written: 40, practical: 40 },
    { id: 'b1', team: 'B', written: 85, practical: 85 }, { id: 'b2', team: 'B', written: 80, practical: 80 },
    { id: 'c1', team: 'C', written: 85, practical: 85 },
  ];
  it.each([
    ['mean-all', { method: 'mean-all' as const }, [['C', 85, 1], ['B', 82.5, 2], ['A', 70, 3]]],
    ['mean-best n=2 (C is short: mean of all)', { method: 'mean-best' as const, n: 2 }, [['A', 85, 1], ['C', 85, 1], ['B', 82.5, 3]]],
    ['sum-best n=2', { method: 'sum-best' as const, n: 2 }, [['A', 170, 1], ['B', 165, 2], ['C', 85, 3]]],
    ['mean-best n=3, rounded half-up', { method: 'mean-best' as const, n: 3 }, [['C', 85, 1], ['B', 82.5, 2], ['A', 70, 3]]],
  ])('%s', (_name, team, expected) => {
    const out = field(rows, { team });
    expect(out.teams.map((t) => [t.team, t.score, t.rank])).toEqual(expected);
  });
  it('mean of 3 totals rounds to 2 dp', () => {
    const out = field([{ id: 'a', team: 'A', written: 100, practical: 100 }, { id: 'b', team: 'A', written: 100, practical: 100 }, { id: 'c', team: 'A', written: 0, practical: 0 }], { team: { method: 'mean-all' } });
    expect(out.teams[0]!.score).toBe(66.67);
  });
});

describe('item rankings and awards', () => {
  it('orders by item score then time; ties at the boundary all awarded (4 for K = 3)', () => {
    const out = field([
      { id: 'a', practical: 95, time: 100 }, { id: 'b', practical: 90, time: 100 },
      { id: 'c', practical: 80, time: 200 }, { id: 'd', practical: 80, time: 200 }, { id: 'e', practical: 80, time: 300 },
      { id: 'f', practical: 70, time: 50 },
    ]);
    const item = out.items[0]!;
    expect(item.ranking.map((r) => [r.contestantId, r.rank])).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', 3], ['e', 5], ['f', 6]]);
    expect(item.awarded).toEqual(['a', 'b', 'c', 'd']);
  });
  it('time breaks an equal item score, missing time last', () => {
    const out = field([{ id: 'a', practical: 80 }, { id: 'b', practical: 80, time: 900 }, { id: 'c', practical: 80, time: 800 }], { itemAwards: 1 });
    expect(out.items[0]!.ranking.map((r) => [r.contestantId, r.rank])).toEqual([['c', 1], ['b', 2], ['a', 3]]);
    expect(out.items[0]!.awarded).toEqual(['c']);
  });
  it('with items marked timed, only their times make the time tie-break (an untimed item has none)', () => {
    const input = (timedB: boolean | undefined): ScoringInput => ({
      rules: { ...EXAMPLE.rules, tieBreak: ['time'] },
      items: [
        { id: 'A', name: 'A', ...(timedB === undefined ? {} : { timed: true }), aspects: [{ id: 'A.1', type: 'measurement', max: 10 }] },
        { id: 'B', name: 'B', ...(timedB === undefined ? {} : { timed: timedB }), aspects: [{ id: 'B.1', type: 'measurement', max: 10 }] },
      ],
      contestants: [
        { id: 'x', team: 'T', written: 0, timeSeconds: { A: 900 }, marks: { 'A.1': [5], 'B.1': [5] } },
        { id: 'y', team: 'T', written: 0, timeSeconds: { A: 800 }, marks: { 'A.1': [5], 'B.1': [5] } },
      ],
    });
    // B untimed: the A times decide (y faster)
    expect(computeResults(input(false)).individuals.map((i) => [i.contestantId, i.rank, i.timeSeconds])).toEqual([['y', 1, 800], ['x', 2, 900]]);
    // no item marked: every item must have a time, so both are missing and share the rank
    expect(computeResults(input(undefined)).individuals.map((i) => [i.contestantId, i.rank])).toEqual([['x', 1], ['y', 1]]);
  });
});

describe('standardised scale (WorldSkills-style)', () => {
  it('median → 700, one population SD → 100', () => {
    // totals (w = 0): 40, 50, 60 → median 50, σ = √(200/3) = 8.1650 → 700 ± 122.47
    const out = field([{ id: 'a', practical: 40 }, { id: 'b', practical: 50 }, { id: 'c', practical: 60 }], { writtenWeight: 0, standardise: true });
    expect(out.individuals.map((i) => [i.contestantId, i.standardised])).toEqual([['c', 822.47], ['b', 700], ['a', 577.53]]);
  });
  it('even count: median is the mean of the middle two; no spread → 700', () => {
    const out = field([{ id: 'a', practical: 40 }, { id: 'b', practical: 60 }], { writtenWeight: 0, standardise: true });
    expect(out.individuals.map((i) => i.standardised)).toEqual([800, 600]); // σ = 10
    expect(field([{ id: 'a', practical: 40 }], { standardise: true }).individuals[0]!.standardised).toBe(700);
  });
  it('is absent unless asked for', () => {
    expect(computeResults(EXAMPLE).individuals[0]).not.toHaveProperty('standardised');
  });
});
