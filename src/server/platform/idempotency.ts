import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import type { Executor } from './db.js';
import { AppError } from './errors.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;
const KEEP_MS = 86_400_000;

/** The key a retried write came with, for a service that keeps its result in its own transaction. */
export interface IdempotencyClaim {
  actor: string;
  key: string;
  route: string;
  /** Set once the result is stored with the write (the route then stores nothing more). */
  stored: boolean;
}

/** Thrown inside the write's transaction when a twin request already holds the key: it rolls the write back. */
export class IdempotentReplay extends Error {}

/**
 * A write that stored its key in its own statement met a unique violation: a key older than the
 * retention is dropped (`true`: write again); otherwise the key is held by a twin and the route
 * answers with its result.
 */
export async function onKeyConflict(db: Executor, claim: IdempotencyClaim, error: unknown): Promise<true> {
  const e = error as { code?: string; constraint?: string };
  if (e.code !== '23505' || e.constraint !== 'idempotency_keys_pkey') throw error;
  const dropped = await db.deleteFrom('idempotency_keys').where('actor', '=', claim.actor).where('key', '=', claim.key)
    .where('created_at', '<', new Date(Date.now() - KEEP_MS)).executeTakeFirst();
  if (Number(dropped.numDeletedRows) > 0) return true;
  throw new IdempotentReplay();
}

/**
 * Keep `result` under the claim's key inside the write's own transaction, so that a write and its
 * key commit together: a retry after a crash between the two can no longer write again, and two
 * copies of one request arriving at once meet on the key's row (the second waits for the first,
 * then rolls back and answers with the first's result).
 */
export async function keepResult(trx: Executor, claim: IdempotencyClaim | null | undefined, result: unknown): Promise<void> {
  if (!claim) return;
  const body = JSON.stringify(result);
  const row = await trx.insertInto('idempotency_keys')
    .values({ actor: claim.actor, key: claim.key, route: claim.route, status: 200, body })
    // A key older than the retention may be used again.
    .onConflict((oc) => oc.columns(['actor', 'key']).doUpdateSet({ route: claim.route, status: 200, body, created_at: new Date() })
      .where('idempotency_keys.created_at', '<', new Date(Date.now() - KEEP_MS)))
    .returning('key').executeTakeFirst();
  if (!row) throw new IdempotentReplay();
  claim.stored = true;
}

/**
 * Retried writes (API.md): with an `Idempotency-Key` header the first result is stored per actor
 * and key, and a retry returns it without writing again. Keys are kept for a day. Services whose
 * writes have no natural key of their own take the claim and store the result in their own
 * transaction (keepResult); for the others the result is stored after the write.
 */
export async function withIdempotency<T>(
  ctx: AppContext, request: FastifyRequest, actorId: string, run: (claim: IdempotencyClaim | null) => Promise<T>,
  options: { keptByWrite?: boolean } = {},
): Promise<T> {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' && KEY_PATTERN.test(header) ? header : null;
  if (!key) return run(null);
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const stored = () => ctx.db.selectFrom('idempotency_keys').select(['body', 'route'])
    .where('actor', '=', actorId).where('key', '=', key).where('created_at', '>', new Date(Date.now() - KEEP_MS)).executeTakeFirst();
  // A write that always keeps its key (keepResult on every path that succeeds) finds a retry at
  // the key's row itself: the read before it would only cost the busy gate a round trip.
  const previous = options.keptByWrite ? undefined : await stored();
  if (previous) {
    if (previous.route !== route) throw new AppError('idempotency.key_reused', 422);
    return previous.body as T;
  }
  const claim: IdempotencyClaim = { actor: actorId, key, route, stored: false };
  let result: T;
  try {
    result = await run(claim);
  } catch (error) {
    if (!(error instanceof IdempotentReplay)) {
      // Without the read before it, a retry whose first try succeeded may meet a refusal the
      // world has changed into since (the event closed): the first answer still stands.
      const first = options.keptByWrite ? await stored() : undefined;
      if (first && first.route === route) return first.body as T;
      throw error;
    }
    const twin = await stored();
    if (!twin || twin.route !== route) throw new AppError('idempotency.key_reused', 422);
    return twin.body as T;
  }
  if (!claim.stored) {
    await ctx.db.insertInto('idempotency_keys')
      .values({ actor: actorId, key, route, status: 200, body: JSON.stringify(result) })
      .onConflict((oc) => oc.columns(['actor', 'key']).doUpdateSet({ route, status: 200, body: JSON.stringify(result), created_at: new Date() }))
      .execute();
  }
  return result;
}
