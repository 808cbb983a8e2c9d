import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { LIMITS } from '../imports/read.js';
import {
  CandidateListSchema, CandidatesQuerySchema, ContestIdParamsSchema, ItemParamsSchema, JudgesInputSchema, JudgesResultSchema, SchemeInputSchema, SchemeSchema,
} from './scheme.schemas.js';
import * as service from './scheme.service.js';
import { attachmentHeader } from '../../platform/files.js';

// The scheme slice of skills competitions (issue 6 §2): marking schemes, their .xlsx, judges per
// sub-item. HTTP only: parse → one service call → reply.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const schemeRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];

  app.get('/api/contests/:id/scheme', {
    schema: { tags, summary: '评分标准：大项、小项、评分项、裁判与锁定状态 / the marking scheme', params: ContestIdParamsSchema, response: { 200: SchemeSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getScheme(ctx, request.actor, request.params.id, request.lang);
  });

  app.put('/api/contests/:id/scheme', {
    schema: {
      tags, summary: '整体替换评分标准（竞赛管理者；已有评分记录时 409；可带 Idempotency-Key）/ replace the scheme',
      params: ContestIdParamsSchema, body: SchemeInputSchema, response: { 200: SchemeSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    return withIdempotency(ctx, request, actor.id, () => service.replaceScheme(ctx, actor, request.params.id, request.body, requestMeta(request), request.lang));
  });

  app.get('/api/contests/:id/scheme.xlsx', {
    schema: { tags, summary: '导出评分标准（.xlsx，可原样导入）/ the scheme as .xlsx', params: ContestIdParamsSchema },
  }, async (request, reply) => {
    const file = await service.exportScheme(ctx, request.actor, request.params.id);
    noStore(reply);
    return reply.type(XLSX).header('content-disposition', attachmentHeader(file.name)).send(file.data);
  });

  app.post('/api/contests/:id/scheme/import', {
    bodyLimit: LIMITS.uploadBytes + 1024 * 1024,
    schema: {
      tags, summary: '从 .xlsx 导入评分标准（全部成功或全部不写入）/ import the scheme from .xlsx',
      description: 'multipart/form-data with `file` (.xlsx). 422 imports.invalid names every bad cell. Accepts Idempotency-Key.',
      params: ContestIdParamsSchema, response: { 200: SchemeSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!request.isMultipart()) throw new AppError('imports.file_required', 400);
    let file: { name: string; data: Buffer } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file' && part.fieldname === 'file') file = { name: part.filename, data: await part.toBuffer() };
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('imports.too_large', 413);
      throw error;
    }
    if (!file) throw new AppError('imports.file_required', 400);
    const upload = file;
    return withIdempotency(ctx, request, actor.id, () => service.importScheme(ctx, actor, request.params.id, upload, requestMeta(request), request.lang));
  });

  app.put('/api/contests/:id/items/:itemId/judges', {
    schema: {
      tags, summary: '指派小项裁判（须持裁判角色；竞赛管理者；留痕）/ assign a sub-item\'s judges',
      params: ItemParamsSchema, body: JudgesInputSchema, response: { 200: JudgesResultSchema },
    },
  }, async (request) => service.assignJudges(ctx, requireActor(request), request.params.id, request.params.itemId, request.body.userIds, requestMeta(request)));

  app.get('/api/contests/:id/judge-candidates', {
    schema: { tags, summary: '可指派的裁判（持裁判角色的用户，可搜索、分页）/ judges to assign', params: ContestIdParamsSchema, querystring: CandidatesQuerySchema, response: { 200: CandidateListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listJudgeCandidates(ctx, requireActor(request), request.params.id, request.query);
  });
};
