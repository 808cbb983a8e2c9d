import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './contests.rules.js';
import { BoardError, buildScoringInput, computeBoard, prizeCounts, prizeOf, withoutNames, type ResultRows } from './results.board.js';

const rows = (over: Partial<ResultRows> = {}): ResultRows => ({
  rules: DEFAULT_RULES,
  subItems: [
    { id: 1, code: 'A1', name: '冷缩电缆终端制作', major: '配电检修', max: 10, isTimed: true, lockState: 'locked' },
    { id: 2, code: 'B1', name: '装表接电', major: '电能计量', max: 10, isTimed: false, lockState: 'reopened' },
  ],
  aspects: [
    { id: 11, code: 'A1.1', itemId: 1, type: 'measurement', max: 5 }, { id: 12, code: 'A1.2', itemId: 1, type: 'judgement', max: 5 },
    { id: 21, code: 'B1.1', itemId: 2, type: 'measurement', max: 10 },
  ],
  finalists: [
    { id: 7, name: '张三', workNumber: '001', written: 80, teamId: 1, team: '广安1队' },
    { id: 8, name: '李四', workNumber: '002', written: 90, teamId: 2, team: '北碚队' },
  ],
  marks: [
    { aspectId: 11, contestantId: 7, value: 4 }, { aspectId: 11, contestantId: 7, value: 4 },
    { aspectId: 12, contestantId: 7, value: 3 }, { aspectId: 12, contestantId: 7, value: 2 }, { aspectId: 12, contestantId: 7, value: 3 },
    { aspectId: 11, contestantId: 8, value: 3 }, { aspectId: 11, contestantId: 8, value: 3 },
    { aspectId: 12, contestantId: 8, value: 1 }, { aspectId: 12, contestantId: 8, value: 1 }, { aspectId: 12, contestantId: 8, value: 2 },
    { aspectId: 21, contestantId: 8, value: 9 },
  ],
  times: [{ itemId: 1, contestantId: 7, seconds: 3000 }, { itemId: 2, contestantId: 7, seconds: 10 }],
  ...over,
});

describe('prizes', () => {
  it.each([
    [83, { first: 8, second: 17, third: 25, teams: 3 }],
    [6, { first: 1, second: 1, third: 2, teams: 3 }],
    [4, { first: 1, second: 1, third: 1, teams: 3 }],
    [2, { first: 1, second: 1, third: 0, teams: 3 }],
    [0, { first: 0, second: 0, third: 0, teams: 3 }],
  ])('default for %i finalists: 10 / 20 / 30 %%, at least one each while finalists remain', (n, want) => expect(prizeCounts(DEFAULT_RULES, n)).toEqual(want));

  it('the rules\' own counts win', () => {
    expect(prizeCounts({ ...DEFAULT_RULES, prizes: { first: 3, second: 6, third: 9, teams: 1 } }, 83)).toEqual({ first: 3, second: 6, third: 9, teams: 1 });
  });

  it.each([[1, 'first'], [2, 'first'], [3, 'second'], [5, 'second'], [6, 'third'], [9, 'third'], [10, null]] as const)(
    'rank %i → %s (first 2, second 3, third 4: a shared rank inside a band keeps its prize)', (rank, want) => {
      expect(prizeOf(rank, { first: 2, second: 3, third: 4, teams: 3 })).toBe(want);
    });
});

describe('scoring input from rows', () => {
  it('takes locked sub-items only, one value of a double entry, every judgement score, and the locked items\' times', () => {
    const { input, locked } = buildScoringInput(rows());
    expect(locked.map((i) => i.code)).toEqual(['A1']);
    expect(input.items).toEqual([{ id: 'A1', name: '冷缩电缆终端制作', aspects: [{ id: 'A1.1', type: 'measurement', max: 5 }, { id: 'A1.2', type: 'judgement', max: 5 }] }]);
    expect(input.contestants[0]).toEqual({ id: '7', team: '广安1队', written: 80, timeSeconds: { A1: 3000 }, marks: { 'A1.1': [4], 'A1.2': [3, 2, 3] } });
    expect((input.rules as Record<string, unknown>).prizes).toBeUndefined();
  });

  it('refuses two differing entries, naming contestant and aspect', () => {
    const bad = rows({ marks: [...rows().marks.slice(0, 1), { aspectId: 11, contestantId: 7, value: 3.5 }, ...rows().marks.slice(2)] });
    expect(() => buildScoringInput(bad)).toThrow(BoardError);
    try { buildScoringInput(bad); } catch (e) { expect(e).toMatchObject({ kind: 'disagree', contestantId: 7, aspect: 'A1.1' }); }
  });

  it('leaves a missing mark missing, so the board names it', () => {
    expect(() => computeBoard(rows({ marks: rows().marks.filter((m) => !(m.contestantId === 8 && m.aspectId === 12)) })))
      .toThrow(expect.objectContaining({ kind: 'missing', contestantId: 8, aspect: 'A1.2' }));
  });
});

describe('board', () => {
  it('ranks on locked items, lists every sub-item with its state, flags the board as not complete', () => {
    const b = computeBoard(rows());
    expect(b).toMatchObject({ complete: false, lockedItems: 1, totalItems: 2, basis: 'locked-items' });
    // 张三: 4 + 5×(8/3)/3 = 4 + 4.44 = 8.44 of 10 → 84.4 %, total 80×0.3 + 84.4×0.7 = 83.08; 李四: 3 + 2.22 → 52.2 %, 27 + 36.54 = 63.54
    expect(b.individuals.map((r) => [r.name, r.rank, r.practical, r.total])).toEqual([['张三', 1, 84.4, 83.08], ['李四', 2, 52.2, 63.54]]);
    expect(b.items.map((i) => [i.code, i.locked, i.ranking.length])).toEqual([['A1', true, 2], ['B1', false, 0]]);
    expect(withoutNames(b).individuals.every((r) => !('name' in r))).toBe(true);
  });

  it('before any lock: the written exam alone, practical 0', () => {
    const b = computeBoard(rows({ subItems: rows().subItems.map((i) => ({ ...i, lockState: 'open' })) }));
    expect(b).toMatchObject({ basis: 'written-only', lockedItems: 0, complete: false });
    expect(b.individuals.map((r) => [r.name, r.total, r.practical])).toEqual([['李四', 27, 0], ['张三', 24, 0]]);
    expect(b.items.every((i) => i.ranking.length === 0)).toBe(true);
  });
});
