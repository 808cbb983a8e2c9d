import { describe, expect, it } from 'vitest';
import { chinaDateOf, elapsedPercent, itemStatus, percentOf } from './status.js';

describe('percentOf', () => {
  it.each([
    { value: 0, target: 10, expected: 0 },
    { value: 3, target: 10, expected: 30 },
    { value: 1, target: 3, expected: 33.3 },
    { value: 2, target: 3, expected: 66.7 },
    { value: 10, target: 10, expected: 100 },
    { value: 12, target: 10, expected: 100 }, // above target is allowed and shows 100 %
    { value: 38, target: 40, expected: 95 },
    { value: 5, target: 0, expected: 0 },
  ])('$value / $target → $expected %', ({ value, target, expected }) => {
    expect(percentOf(value, target)).toBe(expected);
  });
});

describe('elapsedPercent', () => {
  it.each([
    { today: '2022-12-31', expected: 0 }, // before the start
    { today: '2023-01-01', expected: 0 },
    { today: '2023-07-02', expected: 50 }, // day 182 of 364
    { today: '2023-02-01', expected: 8.5 }, // day 31 of 364
    { today: '2023-12-31', expected: 100 },
    { today: '2024-03-01', expected: 100 },
  ])('2023-01-01 → 2023-12-31 on $today: $expected %', ({ today, expected }) => {
    expect(elapsedPercent('2023-01-01', '2023-12-31', today)).toBe(expected);
  });

  it('counts a one-day item as wholly elapsed on its day', () => {
    expect(elapsedPercent('2023-05-01', '2023-05-01', '2023-04-30')).toBe(0);
    expect(elapsedPercent('2023-05-01', '2023-05-01', '2023-05-01')).toBe(100);
  });
});

describe('itemStatus', () => {
  // 100 days: 2023-01-01 → 2023-04-11; day n has elapsed n %.
  const base = { startsOn: '2023-01-01', dueOn: '2023-04-11', signedBy: [] as string[] };
  it.each([
    { name: 'both federations signed: done (even at 0 % and late)', percent: 0, signedBy: ['50', '51'], today: '2023-06-01', status: 'done', awaiting: false, rule: 'coop.items.rule.done' },
    { name: 'one federation signed is not done', percent: 50, signedBy: ['51'], today: '2023-02-20', status: 'on_track', awaiting: false, rule: 'coop.items.rule.on_track' },
    { name: '100 % without sign-offs: on track, awaiting sign-off', percent: 100, signedBy: [], today: '2023-03-01', status: 'on_track', awaiting: true, rule: 'coop.items.rule.awaiting_signoff' },
    { name: '100 % with one sign-off: still awaiting', percent: 100, signedBy: ['50'], today: '2023-03-01', status: 'on_track', awaiting: true, rule: 'coop.items.rule.awaiting_signoff' },
    { name: '100 % past due: awaiting sign-off, not late', percent: 100, signedBy: [], today: '2023-05-01', status: 'on_track', awaiting: true, rule: 'coop.items.rule.awaiting_signoff' },
    { name: 'on the due date, not done: not late yet', percent: 99.9, signedBy: [], today: '2023-04-11', status: 'on_track', awaiting: false, rule: 'coop.items.rule.on_track' },
    { name: 'on the due date, far behind: at risk', percent: 70, signedBy: [], today: '2023-04-11', status: 'at_risk', awaiting: false, rule: 'coop.items.rule.at_risk' },
    { name: 'the day after the due date: late', percent: 99.9, signedBy: [], today: '2023-04-12', status: 'late', awaiting: false, rule: 'coop.items.rule.late' },
    { name: 'late with one sign-off', percent: 50, signedBy: ['50'], today: '2023-04-12', status: 'late', awaiting: false, rule: 'coop.items.rule.late' },
    { name: 'gap exactly 25 points: on track', percent: 25, signedBy: [], today: '2023-02-20', status: 'on_track', awaiting: false, rule: 'coop.items.rule.on_track' }, // 50 % elapsed
    { name: 'gap 25.1 points: at risk', percent: 24.9, signedBy: [], today: '2023-02-20', status: 'at_risk', awaiting: false, rule: 'coop.items.rule.at_risk' },
    { name: 'before the start, nothing done: on track', percent: 0, signedBy: [], today: '2022-12-01', status: 'on_track', awaiting: false, rule: 'coop.items.rule.on_track' },
    { name: 'day 26 with nothing done: at risk', percent: 0, signedBy: [], today: '2023-01-27', status: 'at_risk', awaiting: false, rule: 'coop.items.rule.at_risk' },
    { name: 'day 25 with nothing done: on track', percent: 0, signedBy: [], today: '2023-01-26', status: 'on_track', awaiting: false, rule: 'coop.items.rule.on_track' },
  ])('$name', ({ percent, signedBy, today, status, awaiting, rule }) => {
    const r = itemStatus({ ...base, percent, signedBy, today });
    expect({ status: r.status, awaiting: r.awaitingSignOff, rule: r.rule }).toEqual({ status, awaiting, rule });
  });

  it('gives the numbers the rule names', () => {
    expect(itemStatus({ ...base, percent: 10, today: '2023-02-20' }).ruleParams).toEqual({ elapsed: 50, percent: 10, dueOn: '2023-04-11', gap: 40 });
  });
});

describe('China dates', () => {
  it.each([
    { at: '2023-12-31T15:59:59Z', date: '2023-12-31' },
    { at: '2023-12-31T16:00:00Z', date: '2024-01-01' }, // midnight in Beijing, still the 31st in UTC
    { at: '2024-02-28T20:00:00Z', date: '2024-02-29' }, // leap day
    { at: '2023-06-30T23:59:59+08:00', date: '2023-06-30' },
  ])('$at is $date in China', ({ at, date }) => {
    expect(chinaDateOf(new Date(at))).toBe(date);
  });

  it('an item due 2023-12-31 turns late at 16:00 UTC, when the day ends in China', () => {
    const item = { startsOn: '2023-01-01', dueOn: '2023-12-31', percent: 60, signedBy: [] };
    expect(itemStatus({ ...item, today: chinaDateOf(new Date('2023-12-31T15:59:59Z')) }).status).toBe('at_risk');
    expect(itemStatus({ ...item, today: chinaDateOf(new Date('2023-12-31T16:00:00Z')) }).status).toBe('late');
  });
});
