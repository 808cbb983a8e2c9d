import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.js';
import { loadJobTypeSeed } from './job-types.js';

/**
 * Bring the catalogue in line with data/job-types.json: new types are added, unedited ones
 * follow the file, rows an admin has edited are left alone. Skipped when the file is unchanged.
 */
export async function syncJobTypes(db: Db): Promise<{ changed: boolean; types: number }> {
  const seed = loadJobTypeSeed();
  const total = seed.reduce((n, c) => n + c.jobTypes.length, 0);
  const digest = createHash('sha256').update(JSON.stringify(seed)).digest('hex');
  const stored = await db.selectFrom('app_settings').select('value').where('key', '=', 'job_types.digest').executeTakeFirst();
  if (stored?.value === digest) return { changed: false, types: total };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('job_categories')
      .values(seed.map((c, i) => ({ code: c.code, name: c.name, sort: i })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), sort: eb.ref('excluded.sort') })))
      .execute();
    const rows = seed.flatMap((c) => c.jobTypes.map((t, i) => ({
      code: t.code, category_code: c.code, name: t.name, synonyms: t.synonyms,
      occupation_major_group: t.occupationMajorGroup, sort: i,
    })));
    await trx
      .insertInto('job_types')
      .values(rows)
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        category_code: eb.ref('excluded.category_code'), name: eb.ref('excluded.name'), synonyms: eb.ref('excluded.synonyms'),
        occupation_major_group: eb.ref('excluded.occupation_major_group'), sort: eb.ref('excluded.sort'),
      })).where('job_types.edited_at', 'is', null))
      .execute();
    await trx
      .insertInto('app_settings')
      .values({ key: 'job_types.digest', value: JSON.stringify(digest) })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: sql`now()` })))
      .execute();
  });
  return { changed: true, types: total };
}

export function listJobCategories(db: Executor) {
  return db.selectFrom('job_categories').selectAll().orderBy('sort').execute();
}

export function listJobTypes(db: Executor, options: { includeInactive?: boolean } = {}) {
  let q = db.selectFrom('job_types').selectAll().orderBy('category_code').orderBy('sort');
  if (!options.includeInactive) q = q.where('is_active', '=', true);
  return q.execute();
}

export function findJobType(db: Executor, code: string) {
  return db.selectFrom('job_types').selectAll().where('code', '=', code).executeTakeFirst();
}
