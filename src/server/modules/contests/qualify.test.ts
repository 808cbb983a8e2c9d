import { describe, expect, it } from 'vitest';
import { qualify, toHundredths, type Entrant } from './qualify.js';

const e = (id: number, teamId: number, score: string): Entrant => ({ id, teamId, score });
// Team 1: 90, 85.5, 85.5, 70; team 2: 88, 85.5, 60, 59.99.
const field = [e(1, 1, '90.00'), e(2, 1, '85.50'), e(3, 1, '85.5'), e(4, 1, '70'), e(5, 2, '88'), e(6, 2, '85.50'), e(7, 2, '60.00'), e(8, 2, '59.99')];

describe('qualify', () => {
  it.each([
    ['top-n: the n best', { method: 'top-n', n: 2 } as const, [1, 5], []],
    ['top-n: ties at the boundary all go through (3 places, 3 tied on 85.5)', { method: 'top-n', n: 3 } as const, [1, 2, 3, 5, 6], [3, 6]],
    ['top-n: the boundary tie at the last place counts once per entrant', { method: 'top-n', n: 5 } as const, [1, 2, 3, 5, 6], []],
    ['top-n: n beyond the field takes everyone', { method: 'top-n', n: 100 } as const, [1, 2, 3, 4, 5, 6, 7, 8], []],
    ['top-per-team: k per team', { method: 'top-per-team', k: 1 } as const, [1, 5], []],
    ['top-per-team: ties at a team\'s boundary all go through', { method: 'top-per-team', k: 2 } as const, [1, 2, 3, 5, 6], [3]],
    ['threshold: 60.00 passes, 59.99 does not (exact hundredths)', { method: 'threshold', score: 60 } as const, [1, 2, 3, 4, 5, 6, 7], []],
    ['threshold: 85.5 exactly passes, whatever the written form (85.5, 85.50)', { method: 'threshold', score: 85.5 } as const, [1, 2, 3, 5, 6], []],
  ])('%s', (_name, rule, qualified, ties) => {
    const r = qualify(rule, field);
    expect(r.qualified).toEqual(qualified);
    expect(r.tiedAtBoundary).toEqual(ties);
    expect([...r.qualified, ...r.eliminated].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('handles an empty field', () => {
    expect(qualify({ method: 'top-n', n: 3 }, [])).toEqual({ qualified: [], eliminated: [], tiedAtBoundary: [] });
  });

  it.each([['86.5', 8650], ['86.50', 8650], ['0', 0], ['100.05', 10005], [0.1 + 0.2, 30]])('reads %s as %i hundredths', (input, h) => {
    expect(toHundredths(input)).toBe(h);
  });

  it('refuses a value that is not a score', () => {
    expect(() => toHundredths('-1')).toThrow(RangeError);
    expect(() => toHundredths('1.234')).toThrow(RangeError);
  });
});
