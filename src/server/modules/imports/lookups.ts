import type { Executor } from '../../platform/db.js';
import { createJobTypeResolver } from '../jobs/job-types.js';
import { listJobTypes } from '../jobs/job-types.repo.js';
import { regionIndex, type RegionInfo } from '../orgs/regions.cache.js';
import type { Lookups, RegionLookup } from './validate.js';

/**
 * Regions as people write them: 500106, 沙坪坝区, 重庆市沙坪坝区, 广安市华蓥市, 四川省广安市华蓥市.
 * A bare county name shared by two units (市中区 in 内江 and 乐山) must carry its city.
 */
export function createRegionResolver(regions: Map<string, RegionInfo>): RegionLookup {
  const byName = new Map<string, RegionInfo[]>();
  const add = (key: string, r: RegionInfo) => byName.set(key, [...(byName.get(key) ?? []), r]);
  for (const r of regions.values()) {
    add(r.name, r);
    const names = r.fullName.split(' ');
    add(names.join(''), r);
    if (names.length === 3) add(names.slice(1).join(''), r); // 广安市华蓥市
  }
  return (raw) => {
    const value = raw.replace(/[\s\u3000]/g, '');
    const direct = regions.get(value);
    const found = direct ? [direct] : (byName.get(value) ?? []);
    if (found.length === 0) return { error: 'unknown' };
    if (found.length > 1) return { error: 'ambiguous' };
    return found[0]!.level === 'county' ? { code: found[0]!.code } : { error: 'not_county' };
  };
}

export async function buildLookups(db: Executor): Promise<Lookups> {
  const [regions, types] = await Promise.all([regionIndex(db), listJobTypes(db)]);
  return { region: createRegionResolver(regions), jobType: createJobTypeResolver(types) };
}
