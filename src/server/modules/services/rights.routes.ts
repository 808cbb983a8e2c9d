import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { ConsentParamsSchema, ErasedSchema, EraseSchema, ExportSchema, SummarySchema } from './rights.schemas.js';
import * as service from './rights.service.js';

// A worker's rights over his services data (issue 8 §5). HTTP only: parse → one service call → reply.

export const rightsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const path = '/api/me/services-data';

  app.get(`${path}/summary`, {
    schema: { tags, summary: '工会服务保存了我的哪些数据（条数与同意记录）/ what the services hold about me', response: { 200: SummarySchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.summary(ctx, requireActor(request), request.lang);
  });

  app.get(path, {
    schema: { tags, summary: '导出我的工会服务数据（JSON，不打码；留痕）/ export my services data', response: { 200: ExportSchema } },
  }, async (request, reply) => {
    noStore(reply);
    reply.header('content-disposition', `attachment; filename="chuanyu-services-data-${new Date().toISOString().slice(0, 10)}.json"`);
    return service.exportData(ctx, requireActor(request), request.lang, requestMeta(request));
  });

  app.get(`${path}.pdf`, {
    schema: { tags, summary: '导出我的工会服务数据（PDF；留痕）/ my services data as PDF' },
  }, async (request, reply) => {
    const file = await service.exportPdf(ctx, requireActor(request), request.lang, requestMeta(request));
    noStore(reply);
    return reply.type('application/pdf').header('content-disposition', attachmentHeader(file.name)).header('server-timing', `pdf;dur=${file.ms}`).send(file.data);
  });

  app.post(`${path}/consents/:id/withdraw`, {
    schema: { tags, summary: '撤回在招聘会合并查看的同意 / withdraw the sharing at a fair', params: ConsentParamsSchema, response: { 200: SummarySchema } },
  }, async (request) => service.withdrawConsent(ctx, requireActor(request), request.params.id, request.lang, requestMeta(request)));

  app.delete(path, {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '删除我的工会服务数据（须输入密码；一次完成）/ erase my services data', body: EraseSchema, response: { 200: ErasedSchema },
      description: 'Names, phones, 身份证号, words, messages and attachments go; the anonymised facts the figures need stay, and an approved membership keeps its number in the union\'s register.',
    },
  }, async (request) => service.eraseMyData(ctx, requireActor(request), request.body.password, requestMeta(request)));
};
