import { describe, expect, it } from 'vitest';
import { findIndustryByName, findIndustryDivision, INDUSTRY_SECTIONS } from './industries.js';

describe('GB/T 4754-2017', () => {
  it('has 20 sections and 97 divisions numbered 01–97 in order', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const codes = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => d.code));
    expect(codes).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it.each([
    ['13', 'C', '农副食品加工业'],
    ['36', 'C', '汽车制造业'],
    ['44', 'D', '电力、热力生产和供应业'],
    ['62', 'H', '餐饮业'],
    ['65', 'I', '软件和信息技术服务业'],
    ['80', 'O', '居民服务业'],
  ])('division %s is in section %s: %s', (code, section, name) => {
    expect(findIndustryDivision(code)).toEqual({ code, name, section });
  });

  it('finds by name', () => {
    expect(findIndustryByName('制造业')).toEqual({ section: 'C', division: null });
    expect(findIndustryByName(' 房地产业 ')).toEqual({ section: 'K', division: '70' });
    expect(findIndustryByName('不存在的行业')).toBeUndefined();
  });
});
