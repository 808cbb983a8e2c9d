import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { likeEscape } from '../../platform/pagination.js';
import { storedJudges, type ItemInput } from './scheme.validate.js';

// All SQL of the marking scheme: items (major → sub), aspects, judges per sub-item.

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];
export type AspectRow = Awaited<ReturnType<typeof listAspects>>[number];

export const listItems = (db: Executor, contestId: number) =>
  db.selectFrom('contest_items')
    .select(['id', 'code', 'name', 'seq', 'parent_id', 'max', 'is_timed', 'time_limit_seconds', 'lock_state', 'locked_at'])
    .where('contest_id', '=', contestId).orderBy('seq').orderBy('id').execute();

export const listAspects = (db: Executor, contestId: number) =>
  db.selectFrom('contest_aspects')
    .select(['id', 'item_id', 'code', 'seq', 'type', 'max', 'description', 'descriptors', 'deductions', 'judges'])
    .where('contest_id', '=', contestId).orderBy('item_id').orderBy('seq').orderBy('id').execute();

export const listJudges = (db: Executor, contestId: number) =>
  db.selectFrom('contest_judges as j').innerJoin('users as u', 'u.id', 'j.user_id')
    .select(['j.item_id', 'u.id', 'u.name']).where('j.contest_id', '=', contestId).orderBy('u.name').orderBy('u.id').execute();

/** Whether scoring has begun: any mark or completion time recorded for the contest. */
export async function hasMarks(db: Executor, contestId: number): Promise<boolean> {
  const row = await db.selectNoFrom((eb) => [
    eb.exists(eb.selectFrom('contest_marks').select(sql.lit(1).as('x')).where('contest_id', '=', contestId)).as('marks'),
    eb.exists(eb.selectFrom('contest_item_times as t').innerJoin('contest_items as i', 'i.id', 't.item_id').select(sql.lit(1).as('x')).where('i.contest_id', '=', contestId)).as('times'),
  ]).executeTakeFirstOrThrow();
  return Boolean(row.marks) || Boolean(row.times);
}

const cents = (x: number | null | undefined): string | null => (x === null || x === undefined ? null : x.toFixed(2));

/**
 * Replace the scheme, keeping rows by code: an item or aspect whose code stays keeps its id (and a
 * sub-item its judges); those no longer listed are deleted, new ones inserted. Input is valid.
 */
export async function replaceScheme(trx: Executor, contestId: number, items: ItemInput[]): Promise<void> {
  const existing = await trx.selectFrom('contest_items').select(['id', 'code']).where('contest_id', '=', contestId).execute();
  const keepItems = new Set(items.map((i) => i.code));
  const gone = existing.filter((e) => !keepItems.has(e.code)).map((e) => e.id);
  const keepAspects = items.flatMap((i) => (i.aspects ?? []).map((a) => a.code));
  // Aspects first (they may move between items), then items no longer listed (their judges go with them).
  let del = trx.deleteFrom('contest_aspects').where('contest_id', '=', contestId);
  if (keepAspects.length) del = del.where('code', 'not in', keepAspects);
  await del.execute();
  if (gone.length) await trx.deleteFrom('contest_items').where('id', 'in', gone).execute();

  const ids = new Map(existing.filter((e) => keepItems.has(e.code)).map((e) => [e.code, e.id]));
  // Major items before their sub-items, so a sub-item finds its parent's id.
  const ordered = [...items.entries()].sort(([ia, a], [ib, b]) => Number(!!a.parent) - Number(!!b.parent) || ia - ib);
  for (const [seq, item] of ordered) {
    const values = {
      name: item.name.trim(), seq: seq + 1, parent_id: item.parent ? ids.get(item.parent)! : null, max: item.parent ? cents(item.max) : null,
      is_timed: !!item.parent && !!item.isTimed, time_limit_seconds: item.parent && item.isTimed ? item.timeLimitSeconds ?? null : null,
    };
    const id = ids.get(item.code);
    if (id) await trx.updateTable('contest_items').set(values).where('id', '=', id).execute();
    else ids.set(item.code, (await trx.insertInto('contest_items').values({ contest_id: contestId, code: item.code, ...values }).returning('id').executeTakeFirstOrThrow()).id);
  }
  // A sub-item that became a major item has no judges any more.
  const majors = items.filter((i) => !i.parent).map((i) => ids.get(i.code)!);
  if (majors.length) await trx.deleteFrom('contest_judges').where('item_id', 'in', majors).execute();

  const aspectRows = items.flatMap((item) => (item.aspects ?? []).map((a, j) => ({
    contest_id: contestId, item_id: ids.get(item.code)!, code: a.code, seq: j + 1, type: a.type, max: cents(a.max)!,
    description: (a.description ?? '').trim(),
    descriptors: a.type === 'judgement' ? JSON.stringify((a.descriptors ?? []).map((d) => d.trim())) : null,
    deductions: a.type === 'deduction' ? JSON.stringify((a.deductions ?? []).map((d) => ({ code: d.code, text: d.text.trim(), points: d.points }))) : null,
    judges: storedJudges(a),
  })));
  if (aspectRows.length) {
    await trx.insertInto('contest_aspects').values(aspectRows)
      .onConflict((oc) => oc.columns(['contest_id', 'code']).doUpdateSet((eb) => ({
        item_id: eb.ref('excluded.item_id'), seq: eb.ref('excluded.seq'), type: eb.ref('excluded.type'), max: eb.ref('excluded.max'),
        description: eb.ref('excluded.description'), descriptors: eb.ref('excluded.descriptors'), deductions: eb.ref('excluded.deductions'), judges: eb.ref('excluded.judges'),
      }))).execute();
  }
}

export const findItem = (db: Executor, contestId: number, itemId: number) =>
  db.selectFrom('contest_items').select(['id', 'code', 'name', 'parent_id']).where('contest_id', '=', contestId).where('id', '=', itemId).executeTakeFirst();

/** Of `userIds`, those that are active users holding the judge role. */
export async function judgeUsers(db: Executor, userIds: string[]): Promise<{ id: string; name: string }[]> {
  if (!userIds.length) return [];
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).where('is_disabled', '=', false)
    .where(sql<boolean>`'judge' = ANY(roles)`).execute();
}

export async function replaceItemJudges(trx: Executor, contestId: number, itemId: number, userIds: string[]): Promise<void> {
  await trx.deleteFrom('contest_judges').where('item_id', '=', itemId).execute();
  if (userIds.length) await trx.insertInto('contest_judges').values(userIds.map((user_id) => ({ contest_id: contestId, item_id: itemId, user_id }))).execute();
}

/** Active users with the judge role, by name or username, a page at a time. */
export async function listJudgeCandidates(db: Executor, options: { q?: string; limit: number; offset: number }) {
  let query = db.selectFrom('users as u').leftJoin('unions as un', 'un.id', 'u.union_id')
    .where('u.is_disabled', '=', false).where(sql<boolean>`'judge' = ANY(u.roles)`);
  if (options.q) {
    const pattern = `%${likeEscape(options.q)}%`;
    query = query.where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('u.username', 'ilike', pattern)]));
  }
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query.select(['u.id', 'u.name', 'u.username', 'un.id as union_id', 'un.name as union_name']).orderBy('u.name').orderBy('u.id')
      .limit(options.limit).offset(options.offset).execute(),
  ]);
  return { total: Number(count.n), rows };
}
