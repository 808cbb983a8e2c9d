import { describe, expect, it } from 'vitest';
import {
  idCardCheckChar,
  isAcceptablePassword,
  isMainlandMobile,
  isValidIdCard,
  maskIdCard,
  maskName,
  maskPhone,
  normalizePhone,
} from './validators.js';

describe('isMainlandMobile', () => {
  it.each([
    ['13812341234', true],
    ['19900001111', true],
    ['12812341234', false],
    ['1381234123', false],
    ['138123412345', false],
    ['2381234123a', false],
  ])('%s → %s', (value, expected) => expect(isMainlandMobile(value)).toBe(expected));

  it('normalises +86 and separators', () => {
    expect(normalizePhone('+86 138-1234-1234')).toBe('13812341234');
    expect(normalizePhone('008613812341234')).toBe('13812341234');
  });
});

describe('身份证号 (GB 11643)', () => {
  it('computes the check character, including X', () => {
    // The standard's worked example: 11010519491231002X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('51010519900307771')).toBe(idCardCheckChar('51010519900307771'));
  });

  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105194912310021', false], // wrong check digit
    ['11010519491331002X', false], // month 13
    ['11010519490230002X', false], // 30 February
    ['1101051949123100', false], // too short
  ])('%s → %s', (value, expected) => expect(isValidIdCard(value)).toBe(expected));

  it('accepts a generated Sichuan number and rejects it with one digit changed', () => {
    const first17 = '51160219850612301';
    const valid = first17 + idCardCheckChar(first17);
    expect(isValidIdCard(valid)).toBe(true);
    const changed = `51160219850612302${valid[17]}`;
    expect(isValidIdCard(changed)).toBe(false);
  });
});

describe('masking', () => {
  it('masks phones as 138****1234', () => expect(maskPhone('13812341234')).toBe('138****1234'));
  it('masks ID numbers as 5101**********123X', () =>
    expect(maskIdCard('51010119900101123X')).toBe('5101**********123X'));
  it.each([
    ['王', '王'],
    ['李明', '李*'],
    ['张三丰', '张*丰'],
    ['欧阳小明', '欧**明'],
  ])('masks name %s → %s', (name, expected) => expect(maskName(name)).toBe(expected));
  it('never reveals short values', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskIdCard('1234')).toBe('****');
  });
});

describe('isAcceptablePassword', () => {
  it.each([
    ['chuanyu-demo', false],
    ['chuanyu2023', true],
    ['12345678', false],
    ['abc123', false],
  ])('%s → %s', (value, expected) => expect(isAcceptablePassword(value)).toBe(expected));
});
