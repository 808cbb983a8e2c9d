import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import * as service from './applications.service.js';
import {
  ApplicantDetailSchema, ApplicantRowSchema, ApplicantsQuerySchema, ApplicantUpdateSchema, ApplicationSummarySchema, ApplyBodySchema,
  IdParamsSchema, MyApplicationSchema, PageSchema,
} from './hiring.schemas.js';

export const hiringRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['hiring'];

  app.post('/api/jobs/:id/applications', {
    schema: {
      tags, summary: '投递简历（幂等；重复投递 409）/ apply (idempotent with Idempotency-Key; 409 on a second apply)',
      params: IdParamsSchema, body: ApplyBodySchema, response: { 201: ApplicationSummarySchema },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const result = await withIdempotency(ctx, request, actor.id, () => service.applyToJob(ctx, actor, request.params.id, request.body?.message ?? null));
    return reply.code(201).send(result);
  });

  app.get('/api/me/applications', {
    schema: { tags, summary: '我的投递 / my applications', querystring: PageSchema, response: { 200: z.object({ total: z.number(), items: z.array(MyApplicationSchema) }) } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listMyApplications(ctx, requireActor(request), request.query);
  });

  app.post('/api/applications/:id/withdraw', {
    schema: { tags, summary: '撤回投递 / withdraw', params: IdParamsSchema, response: { 200: MyApplicationSchema } },
  }, async (request) => service.withdrawApplication(ctx, requireActor(request), request.params.id));

  app.post('/api/applications/:id/accept-interview', {
    schema: { tags, summary: '接受面试邀请（企业此后可见手机号）/ accept the interview', params: IdParamsSchema, response: { 200: MyApplicationSchema } },
  }, async (request) => service.acceptInterview(ctx, requireActor(request), request.params.id));

  app.get('/api/postings/:id/applications', {
    schema: {
      tags, summary: '岗位的应聘者（企业/工会）/ applicants of a posting', params: IdParamsSchema, querystring: ApplicantsQuerySchema,
      response: { 200: z.object({ total: z.number(), counts: z.record(z.string(), z.number()), items: z.array(ApplicantRowSchema) }) },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.listApplicants(ctx, requireActor(request), request.params.id, request.query);
  });

  app.get('/api/applications/:id', {
    schema: { tags, summary: '应聘详情（查看即“已查看”，记入审计）/ one applicant', params: IdParamsSchema, response: { 200: ApplicantDetailSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getApplicant(ctx, requireActor(request), request.params.id, requestMeta(request));
  });

  app.get('/api/applications/:id/resume', {
    schema: { tags, summary: '下载应聘者简历文件（按求职者的公开设置，记入审计）/ the applicant\'s résumé file', params: IdParamsSchema },
  }, async (request, reply) => {
    const file = await service.downloadApplicantResume(ctx, requireActor(request), request.params.id, requestMeta(request));
    noStore(reply);
    return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
  });

  app.patch('/api/applications/:id', {
    schema: { tags, summary: '推进应聘状态或添加备注 / move along the pipeline, add a note', params: IdParamsSchema, body: ApplicantUpdateSchema, response: { 200: ApplicantDetailSchema } },
  }, async (request) => service.updateApplicant(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));
};
