import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor, uploadedFile } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../platform/notify.js';
import { pageOffset } from '../../platform/pagination.js';
import {
  DueListSchema, DueQuerySchema, HighlightSchema, NotificationIdParamsSchema, NotificationListQuerySchema, NotificationListSchema, ReportFileParamsSchema,
  ReportIdParamsSchema, ReportInputSchema, ReportListQuerySchema, ReportListSchema, ReportSchema, ReportUpdateSchema, ReturnSchema, ReviewSchema,
} from './reports.schemas.js';
import * as service from './reports.service.js';

// Progress reports (issue 7 §2) and the header's notifications. HTTP only: parse → service → reply.

export const reportsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: service.REPORT_UPLOAD.maxBytes, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation'];
  const path = '/api/cooperation/reports';

  app.get(path, {
    schema: { tags, summary: '进展报告列表（本单位 / 待我审核 / 全部；按事项、单位、报告期、状态筛选）/ progress reports', querystring: ReportListQuerySchema, response: { 200: ReportListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listReports(ctx, requireActor(request), request.query);
  });

  app.get(`${path}/due`, {
    schema: { tags, summary: '应报未报的进展报告（每季度一份，季末后 10 天内；逾期标出）/ reports owed', querystring: DueQuerySchema, response: { 200: DueListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listDue(ctx, requireActor(request), request.query.today);
  });

  app.post(path, {
    schema: {
      tags, summary: '新建进展报告草稿（本单位须为该事项责任单位；每事项每单位每期一份）/ start a report', body: ReportInputSchema, response: { 201: ReportSchema },
      description: 'Accepts Idempotency-Key. 403 `coop.reports.not_responsible` names the item; 409 `coop.reports.duplicate` names the existing report.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => service.createReport(ctx, actor, request.body, requestMeta(request))));
  });

  app.get(`${path}/:id`, {
    schema: { tags, summary: '进展报告（正文、数据、附件与我的权限）/ a report', params: ReportIdParamsSchema, response: { 200: ReportSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getReport(ctx, requireActor(request), request.params.id);
  });

  app.patch(`${path}/:id`, {
    schema: { tags, summary: '修改草稿或被退回的报告（带 version；已通过的 409）/ change a report', params: ReportIdParamsSchema, body: ReportUpdateSchema, response: { 200: ReportSchema } },
  }, async (request) => service.updateReport(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.delete(`${path}/:id`, {
    schema: { tags, summary: '删除草稿或被退回的报告（已通过的 409）/ delete a report', params: ReportIdParamsSchema },
  }, async (request, reply) => {
    await service.deleteReport(ctx, requireActor(request), request.params.id, requestMeta(request));
    return reply.code(204).send();
  });

  app.post(`${path}/:id/submit`, {
    schema: { tags, summary: '提交（或退回后再次提交）审核 / submit for review', params: ReportIdParamsSchema, response: { 200: ReportSchema }, description: 'Accepts Idempotency-Key.' },
  }, async (request) => {
    const actor = requireActor(request);
    return withIdempotency(ctx, request, actor.id, () => service.submitReport(ctx, actor, request.params.id, requestMeta(request)));
  });

  app.post(`${path}/:id/accept`, {
    schema: { tags, summary: '审核通过（本省总工会；可同时列为年度亮点）/ accept', params: ReportIdParamsSchema, body: ReviewSchema, response: { 200: ReportSchema } },
  }, async (request) => service.acceptReport(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post(`${path}/:id/return`, {
    schema: { tags, summary: '退回修改（须填写意见）/ return with a note', params: ReportIdParamsSchema, body: ReturnSchema, response: { 200: ReportSchema } },
  }, async (request) => service.returnReport(ctx, requireActor(request), request.params.id, request.body.note, requestMeta(request)));

  app.post(`${path}/:id/highlight`, {
    schema: { tags, summary: '列为（或取消）年度亮点 / mark as a highlight for the yearly report', params: ReportIdParamsSchema, body: HighlightSchema, response: { 200: ReportSchema } },
  }, async (request) => service.setHighlight(ctx, requireActor(request), request.params.id, request.body.highlight, requestMeta(request)));

  app.post(`${path}/:id/files`, {
    bodyLimit: service.REPORT_UPLOAD.maxBytes + 64 * 1024,
    schema: {
      tags, summary: '上传附件（图片、PDF、Word，10 MB 以内，按内容识别）/ attach a file', params: ReportIdParamsSchema, response: { 201: ReportSchema },
      description: 'multipart/form-data with `file`.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const file = await uploadedFile(request, service.REPORT_UPLOAD.maxBytes);
    return reply.code(201).send(await service.addReportFile(ctx, actor, request.params.id, file, requestMeta(request)));
  });

  app.get(`${path}/:id/files/:fileId`, {
    schema: { tags, summary: '下载附件 / download an attachment', params: ReportFileParamsSchema },
  }, async (request, reply) => {
    const file = await service.openReportFile(ctx, requireActor(request), request.params.id, request.params.fileId);
    noStore(reply);
    return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
  });

  app.delete(`${path}/:id/files/:fileId`, {
    schema: { tags, summary: '删除附件 / remove an attachment', params: ReportFileParamsSchema, response: { 200: ReportSchema } },
  }, async (request) => service.removeReportFile(ctx, requireActor(request), request.params.id, request.params.fileId, requestMeta(request)));

  // ---- notifications (header bell) ----

  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: '我的和本单位的通知（未读数，分页）/ my and my union\'s notifications', querystring: NotificationListQuerySchema, response: { 200: NotificationListSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return listNotifications(ctx.db, actor, request.lang, { offset: pageOffset(request.query), limit: request.query.pageSize, unreadOnly: request.query.unread === 'true' });
  });

  app.post('/api/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: '标为已读 / mark read', params: NotificationIdParamsSchema, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (request) => {
    if (!(await markNotificationRead(ctx.db, requireActor(request), request.params.id))) throw new AppError('coop.reports.notification_not_found', 404);
    return { ok: true };
  });

  app.post('/api/notifications/read-all', {
    schema: { tags: ['notifications'], summary: '全部标为已读 / mark all read', response: { 200: z.object({ marked: z.number().int() }) } },
  }, async (request) => ({ marked: await markAllNotificationsRead(ctx.db, requireActor(request)) }));
};
