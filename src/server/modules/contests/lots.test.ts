import { describe, expect, it } from 'vitest';
import { drawWorkNumbers, formatWorkNumber, newLotsSeed } from './lots.js';

const ids = Array.from({ length: 83 }, (_, i) => 1000 + i * 3);

describe('lot drawing', () => {
  it('gives every finalist one number 001…n, and the same seed gives the same draw whatever the input order', () => {
    const a = drawWorkNumbers('seed-2023', ids);
    expect(a.map((x) => x.workNumber)).toEqual(ids.map((_, i) => formatWorkNumber(i + 1, ids.length)));
    expect(new Set(a.map((x) => x.contestantId))).toEqual(new Set(ids));
    expect(drawWorkNumbers('seed-2023', [...ids].reverse())).toEqual(a);
  });

  it('is pinned: a recorded seed re-checks to the same numbers forever', () => {
    expect(drawWorkNumbers('0123456789abcdef0123456789abcdef', [11, 12, 13, 14, 15])).toMatchInlineSnapshot(`
      [
        {
          "contestantId": 13,
          "workNumber": "001",
        },
        {
          "contestantId": 11,
          "workNumber": "002",
        },
        {
          "contestantId": 14,
          "workNumber": "003",
        },
        {
          "contestantId": 12,
          "workNumber": "004",
        },
        {
          "contestantId": 15,
          "workNumber": "005",
        },
      ]
    `);
  });

  it('shuffles: another seed gives another order, and the order is not the ids\' order', () => {
    const a = drawWorkNumbers(newLotsSeed(), ids).map((x) => x.contestantId);
    const b = drawWorkNumbers(newLotsSeed(), ids).map((x) => x.contestantId);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(ids);
  });

  it('is roughly uniform: each of 4 finalists draws 001 about a quarter of the time', () => {
    const firsts = new Map<number, number>();
    for (let s = 0; s < 4000; s += 1) {
      const first = drawWorkNumbers(`s${s}`, [1, 2, 3, 4])[0]!.contestantId;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4]) expect(firsts.get(id)).toBeGreaterThan(850);
  });

  it.each([[1, 5, '001'], [83, 83, '083'], [7, 1200, '0007'], [1200, 1200, '1200']])('formats %i of %i as %s', (n, count, text) => {
    expect(formatWorkNumber(n, count)).toBe(text);
  });

  it('draws nothing for nobody and 001 for one', () => {
    expect(drawWorkNumbers('x', [])).toEqual([]);
    expect(drawWorkNumbers('x', [42])).toEqual([{ contestantId: 42, workNumber: '001' }]);
  });
});
