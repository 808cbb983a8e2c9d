import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * Retried writes (API.md): with an `Idempotency-Key` header the first result is stored per actor
 * and key, and a retry returns it without writing again. Keys are kept for a day.
 */
export async function withIdempotency<T>(ctx: AppContext, request: FastifyRequest, actorId: string, run: () => Promise<T>): Promise<T> {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' && KEY_PATTERN.test(header) ? header : null;
  if (!key) return run();
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const previous = await ctx.db.selectFrom('idempotency_keys').select(['body', 'route'])
    .where('actor', '=', actorId).where('key', '=', key).where('created_at', '>', new Date(Date.now() - 86_400_000)).executeTakeFirst();
  if (previous && previous.route === route) return previous.body as T;
  const result = await run();
  await ctx.db.insertInto('idempotency_keys')
    .values({ actor: actorId, key, route, status: 200, body: JSON.stringify(result) })
    .onConflict((oc) => oc.columns(['actor', 'key']).doUpdateSet({ route, status: 200, body: JSON.stringify(result), created_at: new Date() }))
    .execute();
  return result;
}
