import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { buildRegions, buildUnions } from './divisions.js';

/** Upsert every region and union from the registry package; idempotent, run after migrations. */
export async function syncDivisions(db: Db): Promise<{ regions: number; unions: number; changed: boolean }> {
  const regions = buildRegions();
  const unions = buildUnions(regions);
  // Skip the upserts on a normal start: only a new registry package version changes the data.
  const digest = createHash('sha256').update(JSON.stringify([regions, unions])).digest('hex');
  const stored = await db.selectFrom('app_settings').select('value').where('key', '=', 'divisions.digest').executeTakeFirst();
  if (stored?.value === digest) return { regions: regions.length, unions: unions.length, changed: false };
  await db.transaction().execute(async (trx) => {
    // Parents first: provinces, then prefectures, then counties.
    const order = { province: 0, prefecture: 1, county: 2 } as const;
    const sorted = [...regions].sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < sorted.length; i += 500) {
      await trx
        .insertInto('regions')
        .values(sorted.slice(i, i + 500).map((r) => ({
          code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, scope_prefix: r.scopePrefix,
        })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'), level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'), scope_prefix: eb.ref('excluded.scope_prefix'),
        })))
        .execute();
    }
    for (const level of ['federation', 'city', 'county'] as const) {
      const batch = unions.filter((u) => u.level === level);
      if (!batch.length) continue;
      await sql`
        INSERT INTO unions (region_code, name, level, parent_id, federation, scope_prefix)
        SELECT v.region_code, v.name, v.level, p.id, v.federation, v.scope_prefix
        FROM jsonb_to_recordset(${JSON.stringify(batch.map((u) => ({
          region_code: u.regionCode, name: u.name, level: u.level, parent_region_code: u.parentRegionCode,
          federation: u.federation, scope_prefix: u.scopePrefix,
        })))}::jsonb) AS v(region_code text, name text, level text, parent_region_code text, federation text, scope_prefix text)
        LEFT JOIN unions p ON p.region_code = v.parent_region_code
        ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
          parent_id = EXCLUDED.parent_id, federation = EXCLUDED.federation, scope_prefix = EXCLUDED.scope_prefix
      `.execute(trx);
    }
    await trx
      .insertInto('app_settings')
      .values({ key: 'divisions.digest', value: JSON.stringify(digest) })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: sql`now()` })))
      .execute();
  });
  return { regions: regions.length, unions: unions.length, changed: true };
}

export function listRegionsByParent(db: Executor, parent: string | null) {
  let q = db.selectFrom('regions').select(['code', 'name', 'level']).orderBy('code');
  q = parent === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', parent);
  return q.execute();
}

export function findRegion(db: Executor, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listUnions(db: Executor) {
  return db
    .selectFrom('unions as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.name', 'u.region_code', 'r.name as region_name', 'u.level', 'u.federation', 'u.parent_id', 'u.scope_prefix'])
    .orderBy('u.region_code')
    .execute();
}

export function findUnion(db: Executor, id: string) {
  return db.selectFrom('unions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUnionByRegion(db: Executor, regionCode: string) {
  return db.selectFrom('unions').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
}
