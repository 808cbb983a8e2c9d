import { describe, expect, it } from 'vitest';
import { buildRegions } from '../orgs/divisions.js';
import type { RegionInfo } from '../orgs/regions.cache.js';
import { createRegionResolver } from './lookups.js';

function index(): Map<string, RegionInfo> {
  const rows = buildRegions();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const full = (code: string): string => {
    const r = byCode.get(code)!;
    return r.parentCode ? `${full(r.parentCode)} ${r.name}` : r.name;
  };
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, fullName: full(r.code) }]));
}

describe('region resolver', () => {
  const resolve = createRegionResolver(index());
  it.each([
    ['500106', '500106'],
    ['沙坪坝区', '500106'],
    ['重庆市沙坪坝区', '500106'],
    ['华蓥市', '511681'],
    ['广安市华蓥市', '511681'],
    ['四川省 广安市 华蓥市', '511681'],
    ['内江市市中区', '511002'],
  ])('%s → %s', (text, code) => expect(resolve(text)).toEqual({ code }));

  it('asks for the city when a county name is shared', () => {
    expect(resolve('市中区')).toEqual({ error: 'ambiguous' });
  });

  it('refuses cities and unknown places', () => {
    expect(resolve('广安市')).toEqual({ error: 'not_county' });
    expect(resolve('510000')).toEqual({ error: 'not_county' });
    expect(resolve('朝阳区')).toEqual({ error: 'unknown' });
  });
});
