import { describe, expect, it } from 'vitest';
import { assignBooths, type BoothSlot } from './booths.js';

const grid = (rows: number, cols: number, taken: number[] = []): BoothSlot[] =>
  Array.from({ length: rows * cols }, (_, i) => ({ id: i + 1, zone: 0, row: Math.floor(i / cols), col: i % cols, taken: taken.includes(i + 1) }));

describe('assignBooths', () => {
  it.each([
    {
      name: 'groups by industry, the larger group first, in floor order',
      booths: grid(2, 3),
      waiting: [{ id: 1, industry: 'H', name: '火锅店' }, { id: 2, industry: 'C', name: '机械厂乙' }, { id: 3, industry: 'C', name: '机械厂甲' }, { id: 4, industry: 'F', name: '商贸' }],
      expected: { assignments: [{ signupId: 3, boothId: 1 }, { signupId: 2, boothId: 2 }, { signupId: 4, boothId: 3 }, { signupId: 1, boothId: 4 }], unplaced: [] },
    },
    {
      name: 'skips booths already taken',
      booths: grid(1, 3, [1]),
      waiting: [{ id: 7, industry: 'C', name: '甲' }],
      expected: { assignments: [{ signupId: 7, boothId: 2 }], unplaced: [] },
    },
    {
      name: 'says who found no booth',
      booths: grid(1, 1),
      waiting: [{ id: 1, industry: 'C', name: '甲' }, { id: 2, industry: 'C', name: '乙' }],
      expected: { assignments: [{ signupId: 1, boothId: 1 }], unplaced: [2] },
    },
    { name: 'nothing to place', booths: grid(1, 2), waiting: [], expected: { assignments: [], unplaced: [] } },
  ])('$name', ({ booths, waiting, expected }) => {
    expect(assignBooths(booths, waiting)).toEqual(expected);
  });

  it('fills the zones in their order, row by row', () => {
    const booths: BoothSlot[] = [
      { id: 10, zone: 1, row: 0, col: 0, taken: false },
      { id: 20, zone: 0, row: 1, col: 0, taken: false },
      { id: 30, zone: 0, row: 0, col: 1, taken: false },
    ];
    const plan = assignBooths(booths, [1, 2, 3].map((id) => ({ id, industry: 'C', name: `企业${id}` })));
    expect(plan.assignments.map((a) => a.boothId)).toEqual([30, 20, 10]);
  });
});
