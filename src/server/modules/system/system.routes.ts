import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requireActor } from '../../platform/http.js';
import type { Metrics } from '../../platform/metrics.js';
import { AuditListQuerySchema, AuditListSchema, listAudit } from './audit.service.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  version: z.string(),
  demo: z.boolean(),
  uptimeSeconds: z.number(),
});

async function pingDb(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(ctx.db),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('db ping timeout')), 2_000); }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const systemRoutes = (ctx: AppContext, metrics: Metrics): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/health', {
    schema: { tags: ['system'], summary: '健康检查 / health', response: { 200: HealthSchema, 503: HealthSchema } },
  }, async (_request, reply) => {
    const dbOk = await pingDb(ctx);
    metrics.dbUp.set(dbOk ? 1 : 0);
    noStore(reply);
    return reply.code(dbOk ? 200 : 503).send({
      status: dbOk ? 'ok' : 'degraded', db: dbOk ? 'ok' : 'down', version: ctx.version, demo: ctx.demo,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/api/admin/audit', {
    schema: { tags: ['audit'], summary: '审计日志 / audit log', querystring: AuditListQuerySchema, response: { 200: AuditListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return listAudit(ctx, requireActor(request), request.query);
  });
};
