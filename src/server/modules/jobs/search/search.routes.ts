import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../platform/context.js';
import { noStore, requireActor } from '../../../platform/http.js';
import { searchJobsJson } from './public-search.js';
import { recommendForSeeker, similarJobs } from './recommendations.js';
import { JobIdParamsSchema, JobSearchQuerySchema, JobSearchResultSchema, LimitQuerySchema, RecommendationListSchema } from './search.schemas.js';

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
    // Sent as the JSON text it was kept as (a string with a JSON content type is sent as it is).
    // The cast: the schema describes what this text holds, for the docs; the type provider wants an object.
    return reply.type('application/json; charset=utf-8').send((await searchJobsJson(ctx, request.query)) as never);
  });

  app.get('/api/me/recommendations', {
    schema: { tags: ['jobs'], summary: '为我推荐（附理由）/ recommended for me, each with its reason', querystring: LimitQuerySchema, response: { 200: RecommendationListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return recommendForSeeker(ctx, requireActor(request), request.lang, request.query.limit);
  });

  app.get('/api/jobs/:id/similar', {
    schema: { tags: ['jobs'], summary: '相似岗位 / similar jobs', params: JobIdParamsSchema, querystring: LimitQuerySchema, response: { 200: RecommendationListSchema } },
  }, async (request) => similarJobs(ctx, request.params.id, request.lang, request.query.limit));
};
