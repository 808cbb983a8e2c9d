import { describe, expect, it } from 'vitest';
import { chinaDate, chinaMonth, groupBy, mean, median, membershipFigures, monthsBetween, ratio, requestFigures, type MembershipFact, type RequestFact } from './figures-math.js';

const cst = (local: string) => new Date(`${local}+08:00`);
/** Epoch seconds of a China local time. */
const sec = (local: string) => cst(local).getTime() / 1000;

describe('median and mean', () => {
  it.each([
    [[], null, null],
    [[5], 5, 5],
    [[3, 1, 2], 2, 2],
    [[4, 1, 3, 2], 2.5, 2.5],
    [[1, 1, 10], 1, 4],
    [[0.5, 100, 7, 7], 7, 28.625],
  ])('%j → median %s, mean %s', (values, med, avg) => {
    expect(median(values)).toBe(med);
    expect(mean(values)).toBe(avg);
  });

  it('does not reorder the caller\'s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('ratio, months and China dates', () => {
  it.each([[0, 0, null], [1, 3, 0.333], [2, 3, 0.667], [5, 5, 1]])('%i of %i → %s', (part, whole, expected) => {
    expect(ratio(part, whole)).toBe(expected);
  });
  it('names the China month and date, not the UTC one', () => {
    expect(chinaMonth(Date.parse('2026-01-31T16:30:00Z') / 1000)).toBe('2026-02'); // 00:30 on 1 February in China
    expect(chinaDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
  it.each([
    ['2026-01-15', '2026-01-20', ['2026-01']],
    ['2025-11-01', '2026-02-28', ['2025-11', '2025-12', '2026-01', '2026-02']],
  ])('months from %s to %s', (from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months);
  });
  it('groups in first-seen order', () => {
    expect([...groupBy([1, 2, 3, 4, 5], (n) => n % 2).entries()]).toEqual([[1, [1, 3, 5]], [0, [2, 4]]]);
  });
});

describe('requestFigures', () => {
  const now = cst('2026-11-20T12:00:00');
  const base = { unionId: 'u', category: 'other', channel: 'online' as const, escalated: false, closedAt: null, firstAnsweredAt: null };
  const created = sec('2026-11-10T08:00:00');
  const due = sec('2026-11-12T08:00:00');
  const rows: RequestFact[] = [
    // answered after 4 h (on time), closed after 48 h
    { ...base, status: 'closed', createdAt: created, answerDueAt: due, firstAnsweredAt: sec('2026-11-10T12:00:00'), closedAt: sec('2026-11-12T08:00:00') },
    // answered exactly at the due time (on time), still answered
    { ...base, status: 'answered', createdAt: created, answerDueAt: due, firstAnsweredAt: due },
    // answered late (60 h), reopened, escalated before it was answered
    { ...base, status: 'reopened', createdAt: created, answerDueAt: due, firstAnsweredAt: sec('2026-11-12T20:00:00'), escalated: true },
    // never answered, past due, escalated: overdue
    { ...base, status: 'open', createdAt: created, answerDueAt: due, escalated: true },
    // never answered, still inside its time
    { ...base, status: 'assigned', createdAt: sec('2026-11-20T08:00:00'), answerDueAt: sec('2026-11-24T08:00:00') },
    // closed by staff without an answer, past due: neither open nor overdue; 10 h to close
    { ...base, status: 'closed', createdAt: created, answerDueAt: due, closedAt: sec('2026-11-10T18:00:00') },
  ];

  it('counts, times and the on-time rate of a set of requests', () => {
    expect(requestFigures(rows, now)).toEqual({
      requests: 6,
      answered: 3,
      answeredOnTime: 2,
      onTimeRate: 0.5, // 2 on time of 3 answered + 1 overdue
      medianHoursToFirstAnswer: 48, // 4, 48, 60
      meanHoursToFirstAnswer: 37.3, // 112 / 3
      medianHoursToClose: 29, // 48 and 10
      meanHoursToClose: 29,
      open: 4,
      overdue: 1,
      escalated: 2,
    });
  });

  it('has nothing to say about no requests', () => {
    expect(requestFigures([], now)).toEqual({
      requests: 0, answered: 0, answeredOnTime: 0, onTimeRate: null, medianHoursToFirstAnswer: null, meanHoursToFirstAnswer: null,
      medianHoursToClose: null, meanHoursToClose: null, open: 0, overdue: 0, escalated: 0,
    });
  });
});

describe('membershipFigures', () => {
  const created = sec('2026-11-02T10:00:00');
  const base = { unionId: 'u', createdAt: created, reviewDueOn: '2026-11-09', reviewedAt: null };
  const rows: MembershipFact[] = [
    { ...base, status: 'approved', reviewedAt: sec('2026-11-03T10:00:00') }, // 1 day
    { ...base, status: 'approved', reviewedAt: sec('2026-11-06T22:00:00') }, // 4.5 days
    { ...base, status: 'rejected', reviewedAt: sec('2026-11-05T10:00:00') }, // 3 days
    { ...base, status: 'withdrawn' },
    { ...base, status: 'submitted' }, // due 11-09: overdue on 11-10
    { ...base, status: 'submitted', reviewDueOn: '2026-11-10' }, // due today: not yet overdue
  ];
  it('counts each state, overdue reviews and the median days to a decision', () => {
    expect(membershipFigures(rows, '2026-11-10')).toEqual({
      submitted: 6, approved: 2, rejected: 1, withdrawn: 1, pending: 2, overdueReviews: 1, medianDaysToReview: 3,
    });
  });
  it('is all zeros for none', () => {
    expect(membershipFigures([], '2026-11-10')).toEqual({ submitted: 0, approved: 0, rejected: 0, withdrawn: 0, pending: 0, overdueReviews: 0, medianDaysToReview: null });
  });
});
