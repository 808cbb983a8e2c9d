import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import * as files from './requests.files.js';
import {
  AssigneeListSchema, AssignInputSchema, CloseInputSchema, DeskRequestInputSchema, EmployerListSchema, EmployersQuerySchema, FileInfoSchema, MessageInputSchema,
  MyRequestsQuerySchema, QueueQuerySchema, ReopenInputSchema, RequestDetailSchema, RequestFileParamsSchema, RequestIdParamsSchema, RequestInputSchema,
  RequestListSchema, TransferInputSchema, UnionListSchema,
} from './requests.schemas.js';
import * as service from './requests.service.js';
import * as thread from './requests.thread.js';
import { ATTACHMENT_MAX_BYTES } from './services.rules.js';

// Consultations, rights requests and mutual-aid claims (issue 8 §1, §3) under /api/services.
// HTTP only: parse → service → reply. Creates are checked by the service (every issue at once,
// with routing), so their body schema documents the shape and a failed parse is passed on.

export const requestsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const path = '/api/services';

  app.get(`${path}/employers`, {
    schema: { tags, summary: '查找已认证的用人单位（名称，最多 10 个）/ find a registered employer', querystring: EmployersQuerySchema, response: { 200: EmployerListSchema } },
  }, async (request) => {
    requireActor(request);
    return service.searchEmployers(ctx, request.query.q);
  });

  app.post(`${path}/requests`, {
    attachValidation: true,
    schema: {
      tags, summary: '职工提交咨询、维权诉求或互助保障给付申请（按单位、地区分派工会）/ ask a question or claim', body: RequestInputSchema, response: { 201: RequestDetailSchema },
      description: 'Accepts Idempotency-Key. 400 names every bad field at once (routing, employer, claim fields included).',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    const input = request.body as unknown;
    const detail = await withIdempotency(ctx, request, actor.id, (claim) => service.createRequest(ctx, { actor, input, meta: requestMeta(request), claim }), { keptByWrite: true });
    return reply.code(201).send(detail);
  });

  app.post(`${path}/desk/requests`, {
    attachValidation: true,
    schema: {
      tags, summary: '服务台代职工登记咨询（姓名、手机号；可关联招聘会与入场人员）/ record a request at a fair desk', body: DeskRequestInputSchema, response: { 201: RequestDetailSchema },
      description: 'Accepts Idempotency-Key.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    const input = request.body as unknown;
    const detail = await withIdempotency(ctx, request, actor.id, (claim) => service.createDeskRequest(ctx, { actor, input, meta: requestMeta(request), claim }), { keptByWrite: true });
    return reply.code(201).send(detail);
  });

  app.get(`${path}/my/requests`, {
    schema: { tags, summary: '我的咨询与申请（最新在前）/ my requests', querystring: MyRequestsQuerySchema, response: { 200: RequestListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listMyRequests(ctx, requireActor(request), request.query);
  });

  app.get(`${path}/requests`, {
    schema: {
      tags, summary: '工会受理队列（本级及下级工会；按状态、类别、时限、工会、招聘会筛选）/ the staff queue', querystring: QueueQuerySchema, response: { 200: RequestListSchema },
      description: 'Subjects are shown (and searched by q) only for the caller\'s own union\'s requests.',
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.listQueue(ctx, requireActor(request), request.query);
  });

  app.get(`${path}/requests/:id`, {
    schema: {
      tags, summary: '诉求详情（对话、附件、经过）/ a request', params: RequestIdParamsSchema, response: { 200: RequestDetailSchema },
      description: 'Owner union staff reads are audited; unions above get contentHidden. Another region\'s staff: 403 services.requests.other_union; another worker: 404.',
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.getRequest(ctx, requireActor(request), request.params.id, requestMeta(request));
  });

  app.post(`${path}/requests/:id/messages`, {
    schema: {
      tags, summary: '回复（工会答复或内部备注；职工追问）/ reply', params: RequestIdParamsSchema, body: MessageInputSchema, response: { 201: RequestDetailSchema },
      description: 'Accepts Idempotency-Key (a retried reply is written once).',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    const detail = await withIdempotency(ctx, request, actor.id, (claim) => thread.postMessage(ctx, actor, request.params.id, request.body, requestMeta(request), claim), { keptByWrite: true });
    return reply.code(201).send(detail);
  });

  app.post(`${path}/requests/:id/assign`, {
    schema: { tags, summary: '指派本工会经办人 / assign', params: RequestIdParamsSchema, body: AssignInputSchema, response: { 200: RequestDetailSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return withIdempotency(ctx, request, actor.id, () => thread.assignRequest(ctx, actor, request.params.id, request.body.assigneeId, requestMeta(request)));
  });

  app.post(`${path}/requests/:id/transfer`, {
    schema: { tags, summary: '转交其他工会（须说明理由，保留经过）/ transfer', params: RequestIdParamsSchema, body: TransferInputSchema, response: { 200: RequestDetailSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return withIdempotency(ctx, request, actor.id, () => thread.transferRequest(ctx, actor, request.params.id, request.body, requestMeta(request)));
  });

  app.post(`${path}/requests/:id/close`, {
    schema: { tags, summary: '办结（职工确认已解决；工会办结须填写说明）/ close', params: RequestIdParamsSchema, body: CloseInputSchema, response: { 200: RequestDetailSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return withIdempotency(ctx, request, actor.id, () => thread.closeRequest(ctx, actor, request.params.id, request.body, requestMeta(request)));
  });

  app.post(`${path}/requests/:id/reopen`, {
    schema: { tags, summary: '重新打开（办结后 30 天内，职工）/ reopen', params: RequestIdParamsSchema, body: ReopenInputSchema, response: { 200: RequestDetailSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return withIdempotency(ctx, request, actor.id, () => thread.reopenRequest(ctx, actor, request.params.id, request.body.body, requestMeta(request)));
  });

  app.post(`${path}/requests/:id/files`, {
    bodyLimit: ATTACHMENT_MAX_BYTES + 64 * 1024,
    schema: {
      tags, summary: '上传附件（图片或 PDF，按内容识别，10 MB 以内）/ attach a file', params: RequestIdParamsSchema, response: { 201: FileInfoSchema },
      description: 'multipart/form-data with `file` and optionally `messageId` (before the file). 415 services.requests.file_type, 413 services.requests.file_too_large.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const upload = await files.readUpload(request);
    return reply.code(201).send(await files.addRequestFile(ctx, actor, request.params.id, upload, requestMeta(request)));
  });

  app.get(`${path}/requests/:id/files/:fileId`, {
    schema: { tags, summary: '下载附件 / download an attachment', params: RequestFileParamsSchema },
  }, async (request, reply) => {
    const file = await files.openRequestFile(ctx, requireActor(request), request.params.id, request.params.fileId, requestMeta(request));
    noStore(reply);
    return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
  });

  app.get(`${path}/unions`, {
    schema: { tags, summary: '全部工会（转交选择）/ unions to transfer to', response: { 200: UnionListSchema } },
  }, async (request) => service.listUnionsForTransfer(ctx, requireActor(request)));

  app.get(`${path}/assignees`, {
    schema: { tags, summary: '本工会工作人员（指派选择）/ my union\'s staff', response: { 200: AssigneeListSchema } },
  }, async (request) => service.listAssignees(ctx, requireActor(request)));
};
