import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeRegion, isValidCreditCode, normalizeCreditCode } from './credit-code.js';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of well-known organisations, used only as check-digit examples.
  it.each([
    '91350100M000100Y43',
    '91110108551385082Q',
    '91440300708461136T',
  ])('accepts %s', (code) => expect(isValidCreditCode(code)).toBe(true));

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['too short', '91350100M000100Y4'],
    ['a forbidden letter (I)', '91350100M000100I43'],
    ['letters in the region part', '9135A100M000100Y43'],
    ['empty', ''],
  ])('rejects %s', (_label, code) => expect(isValidCreditCode(code)).toBe(false));

  it('normalises case and spaces, and reads the region', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('91350100 m000100y43')).toBe(true);
    expect(creditCodeRegion('91350100M000100Y43')).toBe('350100');
  });
});
