import { describe, expect, it } from 'vitest';
import { addDays, owedReports, parsePeriod, periodWithinItem, quarterOf, quartersOf, reminderOccasion, reportDueOn, type ReportState } from './periods.js';

describe('periods', () => {
  it.each([
    ['2023-Q1', { kind: 'quarter', start: '2023-01-01', end: '2023-03-31' }],
    ['2023-Q4', { kind: 'quarter', start: '2023-10-01', end: '2023-12-31' }],
    ['2024-02', { kind: 'month', start: '2024-02-01', end: '2024-02-29' }],
    ['2023-02', { kind: 'month', start: '2023-02-01', end: '2023-02-28' }],
    ['2023-12', { kind: 'month', start: '2023-12-01', end: '2023-12-31' }],
  ])('reads %s', (id, expected) => {
    expect(parsePeriod(id)).toEqual({ id, ...expected });
  });

  it.each(['2023-13', '2023-Q5', '2023-Q0', '2023-1', '23-Q1', '2023Q1', '', '2023-00'])('refuses %j', (id) => {
    expect(parsePeriod(id)).toBeNull();
  });

  it.each([
    ['2023-Q1', '2023-04-10'],
    ['2023-Q4', '2024-01-10'],
    ['2023-02', '2023-03-10'],
    ['2024-02', '2024-03-10'],
  ])('%s is due on %s (10 days after it ends)', (id, due) => {
    expect(reportDueOn(parsePeriod(id)!)).toBe(due);
  });

  it.each([
    ['2023-Q1', '2023-02-15', '2023-11-30', true],
    ['2023-Q4', '2023-02-15', '2023-11-30', true],
    ['2023-01', '2023-02-15', '2023-11-30', false],
    ['2023-12', '2023-02-15', '2023-11-30', false],
    ['2024-Q1', '2023-01-01', '2023-12-31', false],
    ['2022-Q4', '2023-01-01', '2023-12-31', false],
  ])('%s within %s..%s: %s', (id, startsOn, dueOn, expected) => {
    expect(periodWithinItem(parsePeriod(id)!, startsOn, dueOn)).toBe(expected);
  });

  it('lists the quarters of an item and finds a date\'s quarter', () => {
    expect(quartersOf('2023-02-15', '2023-11-30').map((q) => q.id)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(quartersOf('2023-12-01', '2024-01-05').map((q) => q.id)).toEqual(['2023-Q4', '2024-Q1']);
    expect([quarterOf('2023-01-01'), quarterOf('2023-06-30'), quarterOf('2023-07-01')]).toEqual(['2023-Q1', '2023-Q2', '2023-Q3']);
    expect(addDays('2023-12-25', 10)).toBe('2024-01-04');
  });

  it.each([
    ['2023-04-10', '2023-04-02', null],
    ['2023-04-10', '2023-04-03', 'due-7'],
    ['2023-04-10', '2023-04-08', 'due-7'],
    ['2023-04-10', '2023-04-09', 'due-1'],
    ['2023-04-10', '2023-04-10', 'due-1'],
    ['2023-04-10', '2023-04-11', null],
  ] as const)('a due date %s seen on %s is occasion %s', (due, today, occasion) => {
    expect(reminderOccasion(due, today)).toBe(occasion);
  });

  it('names the overdue occasion only when asked', () => {
    expect(reminderOccasion('2023-04-10', '2023-04-12', { overdue: true })).toBe('overdue');
    expect(reminderOccasion('2023-04-10', '2023-04-12')).toBeNull();
  });
});

describe('owed reports (quarterly, due 10 days after the quarter)', () => {
  const item = { id: 1, startsOn: '2023-01-01', dueOn: '2023-12-31', done: false, unionIds: ['jb', 'cd'] };
  const report = (unionId: string, period: string, status: ReportState['status'], id = 1): ReportState => ({ id, itemId: 1, unionId, period, status });

  it.each([
    ['before the item starts nothing is owed', '2022-12-31', [], []],
    ['the first quarter is owed from its first day', '2023-01-01', [], ['jb 2023-Q1 2023-04-10 99', 'cd 2023-Q1 2023-04-10 99']],
    ['an overdue quarter stays listed with the next', '2023-04-12', [], ['jb 2023-Q1 2023-04-10 -2', 'cd 2023-Q1 2023-04-10 -2', 'jb 2023-Q2 2023-07-10 89', 'cd 2023-Q2 2023-07-10 89']],
    ['a submitted quarterly report covers the quarter', '2023-03-05', [report('jb', '2023-Q1', 'submitted')], ['cd 2023-Q1 2023-04-10 36']],
    ['an accepted one too', '2023-03-05', [report('jb', '2023-Q1', 'accepted')], ['cd 2023-Q1 2023-04-10 36']],
    ['a draft does not', '2023-03-05', [report('jb', '2023-Q1', 'draft')], ['jb 2023-Q1 2023-04-10 36 draft', 'cd 2023-Q1 2023-04-10 36']],
    ['a returned one does not', '2023-03-05', [report('jb', '2023-Q1', 'returned')], ['jb 2023-Q1 2023-04-10 36 returned', 'cd 2023-Q1 2023-04-10 36']],
    ['three monthly reports cover the quarter', '2023-03-05', ['2023-01', '2023-02', '2023-03'].map((p) => report('jb', p, 'accepted')), ['cd 2023-Q1 2023-04-10 36']],
    ['two of three do not', '2023-03-05', ['2023-01', '2023-02'].map((p) => report('jb', p, 'accepted')), ['jb 2023-Q1 2023-04-10 36', 'cd 2023-Q1 2023-04-10 36']],
  ])('%s', (_, today, reports, expected) => {
    const owed = owedReports([item], reports, today);
    expect(owed.map((o) => `${o.unionId} ${o.period} ${o.dueOn} ${o.daysLeft}${o.report ? ` ${o.report.status}` : ''}`).sort()).toEqual([...expected].sort());
    expect(owed.every((o) => o.overdue === o.daysLeft < 0)).toBe(true);
  });

  it('owes nothing on a done item, and nothing after the item\'s last quarter', () => {
    expect(owedReports([{ ...item, done: true }], [], '2023-05-01')).toEqual([]);
    const short = { ...item, dueOn: '2023-02-28', unionIds: ['jb'] };
    expect(owedReports([short], [], '2023-09-01').map((o) => o.period)).toEqual(['2023-Q1']);
  });
});
