import type { Executor } from '../../platform/db.js';

export interface RegionInfo {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
  /** 四川省 广安市 华蓥市 */
  fullName: string;
}

let cache: Promise<Map<string, RegionInfo>> | undefined;

/** Regions change only with the registry package: load them once per process. */
export function regionIndex(db: Executor): Promise<Map<string, RegionInfo>> {
  cache ??= (async () => {
    const rows = await db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const fullName = (code: string): string => {
      const r = byCode.get(code);
      if (!r) return code;
      return r.parent_code ? `${fullName(r.parent_code)} ${r.name}` : r.name;
    };
    return new Map(rows.map((r) => [r.code, {
      code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, fullName: fullName(r.code),
    }]));
  })().catch((error) => {
    cache = undefined;
    throw error;
  });
  return cache;
}

export async function regionRef(db: Executor, code: string): Promise<{ code: string; name: string; fullName: string }> {
  const r = (await regionIndex(db)).get(code);
  return { code, name: r?.name ?? code, fullName: r?.fullName ?? code };
}
