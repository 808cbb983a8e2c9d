import { describe, expect, it } from 'vitest';
import { centsOf, checkEntry, describeGaps, entrySlot, flagOf, formatCents, isComplete, isFlagOpen, lockGaps, toCents, type AspectRule, type Entry } from './flags.js';

const measurement: AspectRule = { id: 1, code: 'A1.1', type: 'measurement', maxCents: 500, judges: 2, deductions: [] };
const judgement: AspectRule = { id: 2, code: 'A1.2', type: 'judgement', maxCents: 300, judges: 3, deductions: [] };
const deduction: AspectRule = { id: 3, code: 'A1.3', type: 'deduction', maxCents: 1000, judges: 2, deductions: [{ code: 'D1', pointsCents: 200 }, { code: 'D2', pointsCents: 50 }, { code: 'D9', pointsCents: 800 }] };
const at = (s: number) => new Date(Date.UTC(2023, 1, 21, 9, 0, s));
const e = (judgeId: string, cents: number, s = 0): Entry => ({ judgeId, cents, at: at(s) });

describe('cents', () => {
  it.each([
    [0, 0], [5, 500], [4.5, 450], [2.75, 275], [0.1, 10], [4.999, null], [1.005, null], [Number.NaN, null],
  ])('toCents(%s) = %s', (x, c) => expect(toCents(x)).toBe(c));
  it.each([['2.50', 250], ['-2.50', -250], ['0.00', 0], ['10', 1000], ['-0.05', -5]])('centsOf(%s) = %s', (s, c) => expect(centsOf(s)).toBe(c));
  it.each([[250, '2.5'], [-250, '-2.5'], [0, '0'], [1005, '10.05'], [-5, '-0.05']])('formatCents(%s) = %s', (c, s) => expect(formatCents(c)).toBe(s));
});

describe('checkEntry', () => {
  it.each([
    ['measurement 0', measurement, { value: 0 }, 0],
    ['measurement max', measurement, { value: 5 }, 500],
    ['measurement 2 decimals', measurement, { value: 3.25 }, 325],
    ['judgement 3', judgement, { value: 3 }, 300],
    ['judgement 0', judgement, { value: 0 }, 0],
    ['deduction none ticked', deduction, { deductions: [] }, 0],
    ['deduction once each', deduction, { deductions: [{ code: 'D1' }, { code: 'D2' }] }, -250],
    ['deduction with a count', deduction, { deductions: [{ code: 'D2', count: 3 }] }, -150],
    ['deduction floored at −max', deduction, { deductions: [{ code: 'D9', count: 2 }] }, -1000],
  ])('accepts %s', (_name, aspect, input, cents) => {
    expect(checkEntry(aspect, input)).toMatchObject({ ok: true, cents });
  });

  it.each([
    ['measurement above max', measurement, { value: 5.01 }, 'contest.scores.value_range', { aspect: 'A1.1', min: '0', max: '5' }],
    ['measurement below 0', measurement, { value: -1 }, 'contest.scores.value_range', { aspect: 'A1.1' }],
    ['measurement 3 decimals', measurement, { value: 1.234 }, 'contest.scores.value_decimals', { aspect: 'A1.1' }],
    ['measurement without a value', measurement, {}, 'contest.scores.value_decimals', { aspect: 'A1.1' }],
    ['judgement 4', judgement, { value: 4 }, 'contest.scores.value_range', { aspect: 'A1.2', min: '0', max: '3' }],
    ['judgement −1', judgement, { value: -1 }, 'contest.scores.value_range', { aspect: 'A1.2' }],
    ['judgement 2.5', judgement, { value: 2.5 }, 'contest.scores.judgement_whole', { aspect: 'A1.2' }],
    ['deduction not listed', deduction, { deductions: [{ code: 'X' }] }, 'contest.scores.deduction_unknown', { aspect: 'A1.3', code: 'X' }],
    ['deduction as a value', deduction, { value: -2 }, 'contest.scores.deduction_required', { aspect: 'A1.3' }],
  ])('refuses %s', (_name, aspect, input, code, params) => {
    const r = checkEntry(aspect, input);
    expect(r.ok).toBe(false);
    if (!r.ok) { expect(r.refusal.code).toBe(code); expect(r.refusal.params).toMatchObject(params); }
  });

  it('merges a deduction ticked twice into one count', () => {
    expect(checkEntry(deduction, { deductions: [{ code: 'D2' }, { code: 'D2', count: 2 }] })).toEqual({ ok: true, cents: -150, deductions: [{ code: 'D2', count: 3 }] });
  });
});

describe('entrySlot', () => {
  it.each([
    ['first double entry', measurement, [], 'j1', 'ok'],
    ['second by another judge', measurement, [e('j1', 1)], 'j2', 'ok'],
    ['second by the same judge', measurement, [e('j1', 1)], 'j1', 'duplicate'],
    ['a third double entry', measurement, [e('j1', 1), e('j2', 1)], 'j3', 'full'],
    ['third judgement of three', judgement, [e('j1', 1), e('j2', 1)], 'j3', 'ok'],
    ['fourth judgement of three', judgement, [e('j1', 1), e('j2', 1), e('j3', 1)], 'j4', 'full'],
  ] as const)('%s', (_name, aspect, entries, judge, expected) => expect(entrySlot(aspect, entries, judge)).toBe(expected));
});

describe('flags and completeness', () => {
  it.each([
    ['one entry', measurement, [400], null, false],
    ['two agreeing', measurement, [400, 400], null, true],
    ['two differing', measurement, [400, 450], 'mismatch', false],
    ['deductions differing', deduction, [-200, -250], 'mismatch', false],
    ['judgement within 1', judgement, [100, 200, 200], null, true],
    ['judgement 0 and 2', judgement, [0, 200, 100], 'spread', true],
    ['judgement 1 and 3 of two so far', judgement, [100, 300], 'spread', false],
    ['judgement two of three', judgement, [200, 200], null, false],
  ] as const)('%s', (_name, aspect, values, flag, complete) => {
    const entries = values.map((v, i) => e(`j${i}`, v));
    expect(flagOf(aspect, entries)).toBe(flag);
    expect(isComplete(aspect, entries)).toBe(complete);
  });

  it.each([
    ['no flag', null, null, false],
    ['spread, unresolved', 'spread', null, true],
    ['spread, resolved after the last change', 'spread', at(10), false],
    ['spread, changed after the resolution', 'spread', at(1), true],
    ['mismatch, even when resolved', 'mismatch', at(10), true],
  ] as const)('isFlagOpen: %s', (_name, flag, resolved, open) => {
    expect(isFlagOpen(flag, [e('a', 0, 0), e('b', 200, 5)], resolved)).toBe(open);
  });
});

describe('lockGaps', () => {
  const contestants = [{ id: 11, workNumber: '001' }, { id: 12, workNumber: '002' }];
  const complete = new Map<string, Entry[]>([
    ['1:11', [e('a', 400), e('b', 400)]], ['2:11', [e('a', 0), e('b', 200), e('c', 100)]], ['3:11', [e('a', -200), e('b', -200)]],
    ['1:12', [e('a', 400), e('b', 300)]], ['2:12', [e('a', 200), e('b', 200)]],
  ]);
  it('lists every finalist with the aspects (and time) still missing', () => {
    const gaps = lockGaps({ aspects: [measurement, judgement, deduction], contestants, entries: complete, resolvedAt: new Map(), timed: true, timedIds: new Set([11]) });
    expect(gaps).toEqual([{ workNumber: '001', aspects: ['A1.2'] }, { workNumber: '002', aspects: ['A1.1', 'A1.2', 'A1.3', 'time'] }]);
  });
  it('a resolved spread no longer blocks; nothing left means no gaps', () => {
    const entries = new Map(complete);
    entries.set('1:12', [e('a', 400), e('b', 400)]);
    entries.set('2:12', [e('a', 200), e('b', 200), e('c', 300)]);
    entries.set('3:12', [e('a', 0), e('b', 0)]);
    const gaps = lockGaps({ aspects: [measurement, judgement, deduction], contestants, entries, resolvedAt: new Map([['2:11', at(30)]]), timed: false, timedIds: new Set() });
    expect(gaps).toEqual([]);
  });
  it('describes the first 20 and counts all, times apart', () => {
    const gaps = Array.from({ length: 25 }, (_, i) => ({ workNumber: String(i + 1).padStart(3, '0'), aspects: i === 1 ? ['A1.1', 'time'] : ['A1.1'] }));
    gaps.unshift({ workNumber: '000', aspects: ['time'] });
    const d = describeGaps(gaps);
    expect(d.count).toBe(26);
    expect(d.times).toBe(2);
    expect(d.list.split('; ')).toHaveLength(20);
    expect(d.list.startsWith('001: A1.1; 002: A1.1; 003')).toBe(true);
  });
});
