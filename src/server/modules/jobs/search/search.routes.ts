import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { searchJobs } from './public-search.js';
import { JobSearchQuerySchema, JobSearchResultSchema } from './search.schemas.js';

export const searchRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/jobs', {
    schema: {
      tags: ['jobs'], summary: '岗位搜索（两省）/ public job search across both provinces',
      querystring: JobSearchQuerySchema, response: { 200: JobSearchResultSchema },
    },
    // The answer is built by our own typed code; re-validating ~250 facet entries per request cost
    // more than the search itself (measured): the schema stays for the docs, plain JSON goes out.
    serializerCompiler: () => (data) => JSON.stringify(data),
  }, async (request, reply) => {
    // Results follow postings within a second: caches may keep them only as long.
    reply.header('cache-control', 'public, max-age=1');
    return searchJobs(ctx, request.query);
  });
};
