import { describe, expect, it } from 'vitest';
import { CARD_CODE_LENGTH, CARD_CODE_PATTERN, chinaDate, formatMemberNo, isReviewOverdue, newCardCode } from './member-no.js';

describe('membership numbers and card codes', () => {
  it.each([
    ['2026-03-02T01:00:00Z', '2026-03-02'],
    ['2026-03-01T16:00:00Z', '2026-03-02'], // midnight in China
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2025-12-31T16:30:00Z', '2026-01-01'],
  ])('the China date of %s is %s', (at, date) => {
    expect(chinaDate(new Date(at))).toBe(date);
  });

  it.each([
    ['50', '2026-05-01T02:00:00Z', 1, '5020260000001'],
    ['51', '2026-05-01T02:00:00Z', 1234567, '5120261234567'],
    // A New Year's Eve approval after 16:00 UTC is already the next year in China.
    ['50', '2025-12-31T17:00:00Z', 42, '5020260000042'],
  ] as const)('%s / %s / %i → %s', (federation, at, seq, no) => {
    expect(formatMemberNo(federation, new Date(at), seq)).toBe(no);
  });

  it('refuses a sequence that does not fit seven digits', () => {
    expect(() => formatMemberNo('50', new Date(), 10_000_000)).toThrow(RangeError);
    expect(() => formatMemberNo('50', new Date(), 0)).toThrow(RangeError);
  });

  it('draws card codes of 24 base64url characters that differ', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCardCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toHaveLength(CARD_CODE_LENGTH);
      expect(code).toMatch(CARD_CODE_PATTERN);
    }
    expect(newCardCode(() => Buffer.alloc(18, 0xff))).toBe('________________________');
  });

  it.each([
    ['submitted', '2026-03-06', '2026-03-06T10:00:00Z', false], // the due day itself is on time
    ['submitted', '2026-03-06', '2026-03-06T16:00:00Z', true], // the next China day
    ['approved', '2026-03-06', '2026-04-01T00:00:00Z', false],
    ['rejected', '2026-03-06', '2026-04-01T00:00:00Z', false],
  ])('%s due %s at %s: overdue %s', (status, reviewDueOn, now, overdue) => {
    expect(isReviewOverdue({ status, reviewDueOn }, new Date(now))).toBe(overdue);
  });
});
