import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requireActor } from '../../platform/http.js';
import { EnterpriseIdParamsSchema } from '../orgs/enterprises.schemas.js';
import { listJobCategories, listJobTypes } from './job-types.repo.js';
import {
  HistoryEntrySchema, PostingIdParamsSchema, PostingInputSchema, PostingListQuerySchema, PostingListSchema, PostingSchema,
  PostingUpdateSchema, PublicJobSchema, TransitionBodySchema,
} from './postings.schemas.js';
import * as service from './postings.service.js';
import { INDUSTRY_SECTIONS } from '../../../shared/industries.js';
import { requestMeta } from '../../platform/http.js';
import * as jobTypes from './job-types.service.js';

const JobTypeCatalogueSchema = z.array(z.object({
  code: z.string(), name: z.string(),
  jobTypes: z.array(z.object({ code: z.string(), name: z.string(), synonyms: z.array(z.string()), occupationMajorGroup: z.number().nullable() })),
}));

export const postingsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['postings'];

  app.get('/api/job-types', {
    schema: { tags: ['catalogues'], summary: '工种目录 / job-type catalogue', response: { 200: JobTypeCatalogueSchema } },
  }, async (_request, reply) => {
    const [categories, types] = await Promise.all([listJobCategories(ctx.db), listJobTypes(ctx.db)]);
    reply.header('cache-control', 'public, max-age=300');
    return categories.map((c) => ({
      code: c.code, name: c.name,
      jobTypes: types.filter((t) => t.category_code === c.code).map((t) => ({ code: t.code, name: t.name, synonyms: t.synonyms, occupationMajorGroup: t.occupation_major_group })),
    }));
  });

  app.get('/api/admin/job-types', {
    schema: { tags: ['catalogues'], summary: '工种目录维护 / job types for editing', response: { 200: z.array(jobTypes.AdminJobTypeSchema) } },
  }, async (request, reply) => {
    noStore(reply);
    return jobTypes.listJobTypesForAdmin(ctx, requireActor(request));
  });

  app.post('/api/admin/job-types', {
    schema: { tags: ['catalogues'], summary: '新增工种 / add a job type', body: jobTypes.JobTypeCreateSchema, response: { 201: jobTypes.AdminJobTypeSchema } },
  }, async (request, reply) => reply.code(201).send(await jobTypes.createJobType(ctx, requireActor(request), request.body, requestMeta(request))));

  app.patch('/api/admin/job-types/:code', {
    schema: { tags: ['catalogues'], summary: '修改工种 / edit a job type', params: z.object({ code: z.string().max(40) }), body: jobTypes.JobTypeUpdateSchema, response: { 200: jobTypes.AdminJobTypeSchema } },
  }, async (request) => jobTypes.updateJobType(ctx, requireActor(request), request.params.code, request.body, requestMeta(request)));

  app.get('/api/industries', {
    schema: {
      tags: ['catalogues'], summary: '国民经济行业分类 GB/T 4754-2017',
      response: { 200: z.array(z.object({ code: z.string(), name: z.string(), divisions: z.array(z.object({ code: z.string(), name: z.string() })) })) },
    },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=86400');
    return INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.name, divisions: s.divisions }));
  });

  app.get('/api/jobs/:id', {
    schema: { tags: ['jobs'], summary: '公开岗位 / one published posting', params: PostingIdParamsSchema, response: { 200: PublicJobSchema } },
  }, async (request) => service.getPublicJob(ctx, request.params.id));

  app.post('/api/enterprises/:id/postings', {
    schema: { tags, summary: '发布岗位（草稿或提交审核）/ create a posting', params: EnterpriseIdParamsSchema, body: PostingInputSchema, response: { 201: PostingSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createPosting(ctx, requireActor(request), request.params.id, request.body)));

  app.get('/api/postings', {
    schema: { tags, summary: '岗位管理列表 / postings in scope', querystring: PostingListQuerySchema, response: { 200: PostingListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listPostings(ctx, requireActor(request), request.query);
  });

  app.get('/api/postings/:id', {
    schema: { tags, summary: '岗位详情 / one posting', params: PostingIdParamsSchema, response: { 200: PostingSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getPosting(ctx, requireActor(request), request.params.id);
  });

  app.patch('/api/postings/:id', {
    schema: { tags, summary: '修改岗位 / edit a posting', params: PostingIdParamsSchema, body: PostingUpdateSchema, response: { 200: PostingSchema } },
  }, async (request) => service.updatePosting(ctx, requireActor(request), request.params.id, request.body));

  app.post('/api/postings/:id/transition', {
    schema: { tags, summary: '提交/审核/驳回/关闭/招满/重开', params: PostingIdParamsSchema, body: TransitionBodySchema, response: { 200: PostingSchema } },
  }, async (request) => service.transitionPosting(ctx, requireActor(request), request.params.id, request.body.action, request.body.reason));

  app.get('/api/postings/:id/history', {
    schema: { tags, summary: '修改记录 / history', params: PostingIdParamsSchema, response: { 200: z.array(HistoryEntrySchema) } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getHistory(ctx, requireActor(request), request.params.id);
  });
};
