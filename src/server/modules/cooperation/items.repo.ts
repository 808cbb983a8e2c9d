import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

// All SQL of the items slice: indicators' sources, items' progress inputs, agreements, areas,
// work items, progress entries, sign-offs and the item's history.

// ---- indicators ----

export async function seasonExists(db: Executor, seasonId: number): Promise<boolean> {
  return !!(await db.selectFrom('seasons').select('id').where('id', '=', seasonId).executeTakeFirst());
}

export async function contestExists(db: Executor, contestId: number): Promise<boolean> {
  return !!(await db.selectFrom('contests').select('id').where('id', '=', contestId).executeTakeFirst());
}

/** The season's livestream events that were held. */
export async function countHeldLivestreams(db: Executor, seasonId: number): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('season_id', '=', seasonId).where('kind', '=', 'livestream').where('status', '=', 'held').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Finalists per contest. */
export async function countFinalists(db: Executor, contestIds: number[]): Promise<Map<number, number>> {
  if (!contestIds.length) return new Map();
  const rows = await db.selectFrom('contest_contestants').select(['contest_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('contest_id', 'in', contestIds).where('stage', '=', 'finalist').groupBy('contest_id').execute();
  return new Map(rows.map((r) => [r.contest_id, Number(r.n)]));
}

/**
 * Joint contests per year: published contests whose final (the last final round's end, else the
 * contest's end) falls in the year and whose teams come from both federations.
 */
export async function countJointContests(db: Executor, years: number[]): Promise<Map<number, number>> {
  if (!years.length) return new Map();
  const rows = await sql<{ year: number; n: string }>`
    SELECT extract(year FROM f.final_on)::int AS year, count(*) AS n FROM (
      SELECT c.id, COALESCE((SELECT max(r.ends_on) FROM contest_rounds r WHERE r.contest_id = c.id AND r.kind = 'final'), c.ends_on) AS final_on
      FROM contests c
      WHERE c.status = 'published'
        AND (SELECT count(DISTINCT u.federation) FROM contest_teams t JOIN unions u ON u.id = t.union_id WHERE t.contest_id = c.id) = 2
    ) f
    WHERE extract(year FROM f.final_on)::int = ANY(${years}::int[])
    GROUP BY 1`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.year), Number(r.n)]));
}

// ---- progress inputs ----

export async function progressInputs(db: Executor, itemIds: number[]) {
  if (!itemIds.length) return { items: [], signoffs: [] };
  const [items, signoffs] = await Promise.all([
    db.selectFrom('work_items').select(['id', 'target', 'unit', 'progress_kind', 'indicator', 'manual_value', 'starts_on', 'due_on', 'done_at'])
      .where('id', 'in', itemIds).execute(),
    db.selectFrom('work_item_signoffs').select(['item_id', 'federation']).where('item_id', 'in', itemIds).execute(),
  ]);
  return { items, signoffs };
}
