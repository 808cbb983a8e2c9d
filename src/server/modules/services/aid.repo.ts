import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { Benefit, PlanStatus } from './aid.schemas.js';

// All SQL of mutual-aid plans (issue 8 §3).

const planSelect = (db: Executor) => db.selectFrom('aid_plans as p').select([
  'p.id', 'p.federation', 'p.name', 'p.summary', sql<string>`p.starts_on::text`.as('starts_on'), sql<string>`p.ends_on::text`.as('ends_on'),
  'p.price', 'p.benefits', 'p.status', 'p.version', 'p.updated_at',
  sql<number>`(SELECT coalesce(sum(e.people), 0)::int FROM aid_enrolments e WHERE e.plan_id = p.id AND e.status = 'confirmed')`.as('enrolled_people'),
]);

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function findPlan(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  let q = planSelect(db).where('p.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export interface PlanFilter {
  status?: PlanStatus | undefined;
  federation?: '50' | '51' | undefined;
  /** Which plans besides open ones the caller may see: a federation's (its staff), every one (admin), or none. */
  alsoFederation: '50' | '51' | 'all' | null;
  offset: number;
  limit: number;
}

/** Open plans first (then drafts, closed), newest period first. */
export async function listPlans(db: Executor, f: PlanFilter) {
  let q = planSelect(db);
  const also = f.alsoFederation;
  if (also !== 'all') q = q.where((eb) => (also ? eb.or([eb('p.status', '=', 'open'), eb('p.federation', '=', also)]) : eb('p.status', '=', 'open')));
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.federation) q = q.where('p.federation', '=', f.federation);
  const rows = await q.select(sql<number>`count(*) OVER ()::int`.as('total'))
    .orderBy(sql`CASE p.status WHEN 'open' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`).orderBy('p.starts_on', 'desc').orderBy('p.id', 'desc')
    .offset(f.offset).limit(f.limit).execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

export interface PlanValues {
  name: string;
  summary: string;
  startsOn: string;
  endsOn: string;
  price: number;
  benefits: Benefit[];
}

export async function insertPlan(db: Executor, federation: '50' | '51', v: PlanValues, createdBy: string): Promise<number> {
  const row = await db.insertInto('aid_plans').values({
    federation, name: v.name, summary: v.summary, starts_on: v.startsOn, ends_on: v.endsOn, price: v.price, benefits: JSON.stringify(v.benefits), created_by: createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Change a plan if its version is still `version`; false when someone changed it first. */
export async function updatePlan(db: Executor, id: number, version: number, change: Partial<PlanValues> & { status?: PlanStatus }): Promise<boolean> {
  const { startsOn, endsOn, benefits, ...rest } = change;
  const done = await db.updateTable('aid_plans').set({
    ...rest,
    ...(startsOn !== undefined ? { starts_on: startsOn } : {}),
    ...(endsOn !== undefined ? { ends_on: endsOn } : {}),
    ...(benefits !== undefined ? { benefits: JSON.stringify(benefits) } : {}),
    version: sql`version + 1`, updated_at: sql`now()`,
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
