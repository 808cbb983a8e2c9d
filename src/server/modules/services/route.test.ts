import { describe, expect, it } from 'vitest';
import { routeRecord, unionForRegion, type UnionRef } from './route.js';

const unions: UnionRef[] = [
  { id: 'cq', regionCode: '500000', scopePrefix: '50' },
  { id: 'jb', regionCode: '500105', scopePrefix: '500105' },
  { id: 'spb', regionCode: '500106', scopePrefix: '500106' },
  { id: 'sc', regionCode: '510000', scopePrefix: '51' },
  { id: 'cd', regionCode: '510100', scopePrefix: '5101' },
  { id: 'ga', regionCode: '511600', scopePrefix: '5116' },
  { id: 'hy', regionCode: '511681', scopePrefix: '511681' },
];

describe('unionForRegion', () => {
  it.each([
    ['500105', 'jb'], // 江北区: its district union
    ['500106', 'spb'], // 沙坪坝区
    ['500112', 'cq'], // a Chongqing district without a union of its own here: the federation
    ['511681', 'hy'], // 华蓥市: its county union
    ['511602', 'ga'], // 广安区: no county union, so 广安市
    ['510104', 'cd'], // 锦江区 → 成都市
    ['513401', 'sc'], // a prefecture without a city union here → 四川省总工会
  ])('%s → %s', (code, expected) => {
    expect(unionForRegion(unions, code)?.id).toBe(expected);
  });

  it('returns null outside both provinces', () => {
    expect(unionForRegion(unions, '110101')).toBeNull();
  });
});

describe('routeRecord', () => {
  it('routes a registered employer to its own union, whatever region the worker gave', () => {
    expect(routeRecord(unions, { regionCode: '500105', enterprise: { ownerUnionId: 'ga' } })).toEqual({ unionId: 'ga', by: 'employer' });
  });
  it('routes by region otherwise', () => {
    expect(routeRecord(unions, { regionCode: '511681', enterprise: null })).toEqual({ unionId: 'hy', by: 'region' });
    expect(routeRecord(unions, { regionCode: '110101', enterprise: null })).toBeNull();
  });
});
