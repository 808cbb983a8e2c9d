import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { MembershipFact, RequestFact } from './figures-math.js';

// SQL of the worker-services figures: one row per request or application made in the period by a
// union within the scope (its facts only: times, states; never a person or the words), which
// figures-math.ts sums.

export interface FiguresScope {
  /** The caller's scope prefix ('' = everything). */
  scopePrefix: string;
  federation?: '50' | '51' | undefined;
  /** One union and the unions under it. */
  unionScope?: string | undefined;
  /** China midnight of the first day, and of the day after the last. */
  start: Date;
  end: Date;
}

/** The owner union `u` lies within the scope (and the filters). */
function inScope(s: FiguresScope) {
  const parts = [sql`starts_with(u.scope_prefix, ${s.scopePrefix})`];
  if (s.federation) parts.push(sql`u.federation = ${s.federation}`);
  if (s.unionScope !== undefined) parts.push(sql`starts_with(u.scope_prefix, ${s.unionScope})`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** Epoch seconds as a float (parsing a number is ~3× cheaper than parsing a timestamp into a Date). */
const epoch = (column: string) => sql<number>`extract(epoch FROM ${sql.ref(column)})::float8`;
const epochOrNull = (column: string) => sql<number | null>`extract(epoch FROM ${sql.ref(column)})::float8`;

export async function requestFacts(db: Executor, s: FiguresScope): Promise<RequestFact[]> {
  return db.selectFrom('service_requests as r').innerJoin('unions as u', 'u.id', 'r.owner_union_id')
    .select(['r.owner_union_id as unionId', 'r.category', 'r.channel', 'r.status', epoch('r.created_at').as('createdAt'), epoch('r.answer_due_at').as('answerDueAt'),
      epochOrNull('r.first_answered_at').as('firstAnsweredAt'), epochOrNull('r.closed_at').as('closedAt'), sql<boolean>`r.escalated_at IS NOT NULL`.as('escalated')])
    .where('r.created_at', '>=', s.start).where('r.created_at', '<', s.end).where(inScope(s))
    .execute();
}

export async function membershipFacts(db: Executor, s: FiguresScope): Promise<MembershipFact[]> {
  return db.selectFrom('membership_applications as m').innerJoin('unions as u', 'u.id', 'm.owner_union_id')
    .select(['m.owner_union_id as unionId', 'm.status', epoch('m.created_at').as('createdAt'), 'm.review_due_on as reviewDueOn', epochOrNull('m.reviewed_at').as('reviewedAt')])
    .where('m.created_at', '>=', s.start).where('m.created_at', '<', s.end).where(inScope(s))
    .execute();
}

export interface UnionRow { id: string; name: string; federation: '50' | '51'; level: 'federation' | 'city' | 'county'; scope_prefix: string }

export function unionsByIds(db: Executor, ids: readonly string[]): Promise<UnionRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('unions').select(['id', 'name', 'federation', 'level', 'scope_prefix']).where('id', 'in', [...ids]).execute();
}

export function findUnion(db: Executor, id: string): Promise<UnionRow | undefined> {
  return db.selectFrom('unions').select(['id', 'name', 'federation', 'level', 'scope_prefix']).where('id', '=', id).executeTakeFirst();
}
