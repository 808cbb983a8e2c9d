import { describe, expect, it } from 'vitest';
import { countStatuses, dueDates, figuresText, highlightsOf, meanPercent, type YearlyItem, type YearlyReport } from './yearly-data.js';

// The yearly report's and dashboard's sums over itemProgress's results (issue 7 §5, §6).

const item = (code: string, over: Partial<YearlyItem> = {}): YearlyItem => ({
  id: Number(code.replace(/\D/g, '')), code, title: code, lead: '重庆市总工会', unions: { 50: [], 51: [] }, unionIds: [], startsOn: '2023-01-01', dueOn: '2023-12-31',
  value: 0, target: 10, unit: '场', percent: 0, status: 'on_track', awaitingSignOff: false, rule: '', source: '', computed: false, signoffs: {}, ...over,
});

describe('yearly sums', () => {
  it.each([
    { name: 'empty', items: [], counts: { total: 0, on_track: 0, at_risk: 0, late: 0, done: 0, awaitingSignOff: 0 } },
    {
      name: 'one of each, one awaiting sign-off',
      items: [item('a1', { status: 'done' }), item('a2', { status: 'late' }), item('a3', { status: 'at_risk' }), item('a4', { status: 'on_track', awaitingSignOff: true })],
      counts: { total: 4, on_track: 1, at_risk: 1, late: 1, done: 1, awaitingSignOff: 1 },
    },
  ])('counts lights: $name', ({ items, counts }) => {
    expect(countStatuses(items)).toEqual(counts);
  });

  it.each([
    [[], 0],
    [[100], 100],
    [[100, 50, 0], 50],
    [[33.3, 33.3, 33.4], 33.3],
    [[12.5, 12.6], 12.6], // 12.55 rounds up to one decimal
  ])('means %j as %d', (percents, mean) => {
    expect(meanPercent(percents.map((percent) => ({ percent })))).toBe(mean);
  });

  it('lists due dates of items not done, nearest first, overdue ones with negative days', () => {
    const items = [
      item('b1', { dueOn: '2023-06-30', status: 'done' }), item('b2', { dueOn: '2023-09-30', status: 'late' }),
      item('b3', { dueOn: '2023-12-31' }), item('b4', { dueOn: '2023-11-30' }),
    ];
    expect(dueDates(items, '2023-10-01', 2).map((d) => [d.item.code, d.daysLeft])).toEqual([['b2', -1], ['b4', 60]]);
  });

  it('writes figures as one line and keeps only accepted highlights', () => {
    expect(figuresText([{ label: '联合宣讲', value: 13, unit: '场' }, { label: '覆盖职工', value: 2600, unit: '人次' }, { label: '结案率', value: 0.9 }]))
      .toBe('联合宣讲 13 场；覆盖职工 2,600 人次；结案率 0.9');
    const r = (status: YearlyReport['status'], highlight: boolean) => ({ status, highlight }) as YearlyReport;
    expect(highlightsOf([r('accepted', true), r('submitted', true), r('accepted', false), r('returned', true)])).toHaveLength(1);
  });
});
