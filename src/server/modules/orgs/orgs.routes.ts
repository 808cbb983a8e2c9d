import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { findRegion, listRegionsByParent, listUnions } from './orgs.repo.js';
import { regionIndex } from './regions.cache.js';

const RegionSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });
const UnionSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(['federation', 'city', 'county']),
  federation: z.enum(['50', '51']),
  parentId: z.string().nullable(),
});

export const orgsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/regions', {
    schema: {
      tags: ['orgs'], summary: '行政区划 (GB/T 2260) / regions',
      querystring: z.object({ parent: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }).optional() }),
      response: { 200: z.array(RegionSchema) },
    },
  }, async (request, reply) => {
    const parent = request.query.parent ?? null;
    if (parent && !(await findRegion(ctx.db, parent))) throw notFound('orgs.region_not_found', { code: parent });
    reply.header('cache-control', 'public, max-age=3600');
    return listRegionsByParent(ctx.db, parent);
  });

  app.get('/api/regions/:code', {
    schema: {
      tags: ['orgs'], summary: '一个行政区划及其上级 / one region with its ancestors (province first)',
      params: z.object({ code: z.string().regex(/^\d{6}$/, { message: 'validation.region_code' }) }),
      response: { 200: RegionSchema.extend({ fullName: z.string(), path: z.array(RegionSchema) }) },
    },
  }, async (request, reply) => {
    const index = await regionIndex(ctx.db);
    const region = index.get(request.params.code);
    if (!region) throw notFound('orgs.region_not_found', { code: request.params.code });
    const path = [];
    for (let r: typeof region | undefined = region; r; r = r.parentCode ? index.get(r.parentCode) : undefined) path.unshift({ code: r.code, name: r.name, level: r.level });
    reply.header('cache-control', 'public, max-age=3600');
    return { code: region.code, name: region.name, level: region.level, fullName: region.fullName, path };
  });

  app.get('/api/unions', {
    schema: {
      tags: ['orgs'], summary: '工会组织 / the union tree (flat, with parentId)',
      response: { 200: z.object({ total: z.number(), items: z.array(UnionSchema) }) },
    },
  }, async (_request, reply) => {
    const rows = await listUnions(ctx.db);
    reply.header('cache-control', 'public, max-age=300');
    return {
      total: rows.length,
      items: rows.map((r) => ({
        id: r.id, name: r.name, regionCode: r.region_code, regionName: r.region_name, level: r.level,
        federation: r.federation, parentId: r.parent_id,
      })),
    };
  });
};
