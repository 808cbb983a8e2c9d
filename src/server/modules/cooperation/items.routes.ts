import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PageQuerySchema } from '../../platform/pagination.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import * as agreements from './agreements.service.js';
import {
  AgreementInputSchema, AgreementListSchema, AgreementSchema, AgreementUpdateSchema, AreaInputSchema, AreaListSchema, AreaQuerySchema, AreaSchema,
  AreaUpdateSchema, FileParamsSchema, IdParamsSchema, ItemInputSchema, ItemListQuerySchema, ItemListSchema, ItemSchema, ItemUpdateSchema, OptionsSchema,
  ProgressEntryInputSchema, SignoffInputSchema, UploadedFileSchema, WithdrawInputSchema,
} from './items.schemas.js';
import * as items from './items.service.js';
import * as tracking from './tracking.service.js';

// The agreement, its areas and work items, progress with evidence and sign-off (issue 7 §1, §4).
// HTTP only: parse → one service call → reply.

const MAX_UPLOAD = agreements.AGREEMENT_UPLOAD.maxBytes;

/** The uploaded file (field `file`) and an optional `title` of a multipart request. */
async function uploaded(request: FastifyRequest): Promise<{ name: string; data: Buffer; title?: string }> {
  if (!request.isMultipart()) throw new AppError('files.required', 400);
  let title: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field' && part.fieldname === 'title') title = String(part.value);
      if (part.type === 'file' && part.fieldname === 'file') return { name: part.filename, data: await part.toBuffer(), ...(title ? { title } : {}) };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('files.too_large', 413, { limitMb: MAX_UPLOAD / 1024 / 1024 });
    throw error;
  }
  throw new AppError('files.required', 400);
}

const send = (reply: FastifyReply, file: { name: string; mime: string; data: Buffer }) => {
  noStore(reply);
  return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
};

export const itemsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation'];
  app.addHook('onSend', async (_request, reply) => { if (!reply.hasHeader('cache-control')) noStore(reply); });

  // ---- agreements ----
  app.get('/api/cooperation/agreements', {
    schema: { tags, summary: '合作协议列表 / framework agreements', querystring: PageQuerySchema, response: { 200: AgreementListSchema } },
  }, async (request) => agreements.listAgreements(ctx, requireActor(request), request.query));

  app.post('/api/cooperation/agreements', {
    schema: { tags, summary: '新建合作协议（两省市总工会）/ create an agreement', body: AgreementInputSchema, response: { 201: AgreementSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => agreements.createAgreement(ctx, actor, request.body, requestMeta(request))));
  });

  app.get('/api/cooperation/agreements/:id', {
    schema: { tags, summary: '合作协议：签约方、日期、正文、附件 / an agreement', params: IdParamsSchema, response: { 200: AgreementSchema } },
  }, async (request) => agreements.getAgreement(ctx, requireActor(request), request.params.id));

  app.patch('/api/cooperation/agreements/:id', {
    schema: { tags, summary: '修改合作协议（带 version）/ change an agreement', params: IdParamsSchema, body: AgreementUpdateSchema, response: { 200: AgreementSchema } },
  }, async (request) => agreements.updateAgreement(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/cooperation/agreements/:id/files', {
    bodyLimit: MAX_UPLOAD + 64 * 1024,
    schema: { tags, summary: '上传协议附件（PDF、Word、JPG/PNG）/ attach a file', description: 'multipart/form-data with `title` (optional) and `file`.', params: IdParamsSchema, response: { 200: AgreementSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    const file = await uploaded(request);
    return withIdempotency(ctx, request, actor.id, () => agreements.uploadAgreementFile(ctx, actor, request.params.id, file, requestMeta(request)));
  });

  app.get('/api/cooperation/agreements/:id/files/:fileId', {
    schema: { tags, summary: '下载协议附件 / an attachment', params: FileParamsSchema },
  }, async (request, reply) => send(reply, await agreements.downloadAgreementFile(ctx, requireActor(request), request.params.id, request.params.fileId)));

  app.delete('/api/cooperation/agreements/:id/files/:fileId', {
    schema: { tags, summary: '删除协议附件 / remove an attachment', params: FileParamsSchema, response: { 200: AgreementSchema } },
  }, async (request) => agreements.removeAgreementFile(ctx, requireActor(request), request.params.id, request.params.fileId, requestMeta(request)));

  // ---- areas ----
  app.get('/api/cooperation/agreements/:id/areas', {
    schema: { tags, summary: '年度工作方向及进度汇总 / areas with aggregated progress', params: IdParamsSchema, querystring: AreaQuerySchema, response: { 200: AreaListSchema } },
  }, async (request) => agreements.listAreas(ctx, requireActor(request), request.params.id, request.query.year));

  app.post('/api/cooperation/agreements/:id/areas', {
    schema: { tags, summary: '新建工作方向 / create an area', params: IdParamsSchema, body: AreaInputSchema, response: { 201: AreaSchema } },
  }, async (request, reply) => reply.code(201).send(await agreements.createArea(ctx, requireActor(request), request.params.id, request.body, requestMeta(request))));

  app.patch('/api/cooperation/areas/:id', {
    schema: { tags, summary: '修改工作方向 / change an area', params: IdParamsSchema, body: AreaUpdateSchema, response: { 200: AreaSchema } },
  }, async (request) => agreements.updateArea(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.delete('/api/cooperation/areas/:id', {
    schema: { tags, summary: '删除工作方向（无事项时）/ delete an empty area', params: IdParamsSchema },
  }, async (request, reply) => {
    await agreements.deleteArea(ctx, requireActor(request), request.params.id, requestMeta(request));
    return reply.code(204).send();
  });

  // ---- work items ----
  app.get('/api/cooperation/item-options', {
    schema: { tags, summary: '编辑事项用选项：两省市工会、服务季、竞赛 / unions, seasons and contests', response: { 200: OptionsSchema } },
  }, async (request) => items.itemOptions(ctx, requireActor(request)));

  app.get('/api/cooperation/agreements/:id/items', {
    schema: { tags, summary: '工作事项列表（进度与状态；按年度、单位、状态、截止日期筛选）/ work items', params: IdParamsSchema, querystring: ItemListQuerySchema, response: { 200: ItemListSchema } },
  }, async (request) => items.listItems(ctx, requireActor(request), request.params.id, request.query, request.lang));

  app.post('/api/cooperation/agreements/:id/items', {
    schema: { tags, summary: '新建工作事项 / create a work item', params: IdParamsSchema, body: ItemInputSchema, response: { 201: ItemSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => items.createItem(ctx, actor, request.params.id, request.body, requestMeta(request), request.lang)));
  });

  app.get('/api/cooperation/items/:id', {
    schema: { tags, summary: '工作事项：进度、状态规则、双方确认、历史 / a work item', params: IdParamsSchema, response: { 200: ItemSchema } },
  }, async (request) => items.getItem(ctx, requireActor(request), request.params.id, request.lang));

  app.patch('/api/cooperation/items/:id', {
    schema: { tags, summary: '修改工作事项（带 version）/ change a work item', params: IdParamsSchema, body: ItemUpdateSchema, response: { 200: ItemSchema } },
  }, async (request) => items.updateItem(ctx, requireActor(request), request.params.id, request.body, requestMeta(request), request.lang));

  app.delete('/api/cooperation/items/:id', {
    schema: { tags, summary: '删除工作事项（未完成时）/ delete a work item', params: IdParamsSchema },
  }, async (request, reply) => {
    await items.deleteItem(ctx, requireActor(request), request.params.id, requestMeta(request));
    return reply.code(204).send();
  });

  app.post('/api/cooperation/items/:id/progress', {
    schema: { tags, summary: '填报进度（数值或百分比，附佐证）/ enter progress with evidence', params: IdParamsSchema, body: ProgressEntryInputSchema, response: { 200: ItemSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    return withIdempotency(ctx, request, actor.id, () => tracking.enterProgress(ctx, actor, request.params.id, request.body, requestMeta(request), request.lang));
  });

  app.post('/api/cooperation/items/:id/evidence-files', {
    bodyLimit: MAX_UPLOAD + 64 * 1024,
    schema: { tags, summary: '上传佐证材料（PDF、Word、JPG/PNG）/ upload evidence', description: 'multipart/form-data with `file`; name the returned id in the progress entry\'s `fileIds`.', params: IdParamsSchema, response: { 200: UploadedFileSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    const file = await uploaded(request);
    return withIdempotency(ctx, request, actor.id, () => tracking.uploadEvidence(ctx, actor, request.params.id, file));
  });

  app.get('/api/cooperation/items/:id/files/:fileId', {
    schema: { tags, summary: '下载佐证材料 / an evidence file', params: FileParamsSchema },
  }, async (request, reply) => send(reply, await tracking.downloadEvidence(ctx, requireActor(request), request.params.id, request.params.fileId)));

  app.post('/api/cooperation/items/:id/signoffs', {
    schema: { tags, summary: '本省市总工会确认完成（每方一次；双方确认即完成）/ sign off for one\'s federation', params: IdParamsSchema, body: SignoffInputSchema, response: { 200: ItemSchema } },
  }, async (request) => tracking.signOff(ctx, requireActor(request), request.params.id, request.body.note, requestMeta(request), request.lang));

  app.post('/api/cooperation/items/:id/signoffs/withdraw', {
    schema: { tags, summary: '撤回本方确认（完成前，须说明理由）/ withdraw one\'s sign-off', params: IdParamsSchema, body: WithdrawInputSchema, response: { 200: ItemSchema } },
  }, async (request) => tracking.withdrawSignOff(ctx, requireActor(request), request.params.id, request.body.reason, requestMeta(request), request.lang));
};
