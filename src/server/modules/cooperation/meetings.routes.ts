import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor, uploadedFile } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import {
  MeetingCreateSchema, MeetingFileParamsSchema, MeetingFileSchema, MeetingIdParamsSchema, MeetingListQuerySchema, MeetingListSchema, MeetingOptionsQuerySchema,
  MeetingOptionsSchema, MeetingSchema, MeetingUpdateSchema,
} from './meetings.schemas.js';
import * as service from './meetings.service.js';

// Joint meetings (联席会议, issue 7 §3) and their meeting pack. HTTP only: parse → one service call → reply.

export const meetingsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: service.MEETING_UPLOAD.maxBytes, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation'];

  app.get('/api/cooperation/meetings', {
    schema: { tags, summary: '联席会议列表（新的在前；可按协议筛选）/ joint meetings, newest first', querystring: MeetingListQuerySchema, response: { 200: MeetingListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listMeetings(ctx, requireActor(request), request.query);
  });

  app.post('/api/cooperation/meetings', {
    schema: { tags, summary: '新建联席会议（整份文档；两省市总工会工作人员）/ create a joint meeting', body: MeetingCreateSchema, response: { 201: MeetingSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => service.createMeeting(ctx, actor, request.body, requestMeta(request))));
  });

  app.get('/api/cooperation/meetings/options', {
    schema: {
      tags, summary: '编辑用选项：协议，及所选协议的工作事项 / agreements and the work items decisions may link to',
      querystring: MeetingOptionsQuerySchema, response: { 200: MeetingOptionsSchema },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.meetingOptions(ctx, requireActor(request), request.query.agreementId);
  });

  app.get('/api/cooperation/meetings/:id', {
    schema: { tags, summary: '联席会议：出席、议程、交流发言、观摩、议定事项、纪要 / a joint meeting', params: MeetingIdParamsSchema, response: { 200: MeetingSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getMeeting(ctx, requireActor(request), request.params.id);
  });

  app.put('/api/cooperation/meetings/:id', {
    schema: {
      tags, summary: '保存整份会议（带 version，过期 409；所有错误一次列出）/ replace a joint meeting', params: MeetingIdParamsSchema, body: MeetingUpdateSchema,
      response: { 200: MeetingSchema },
    },
  }, async (request) => service.updateMeeting(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/cooperation/meeting-files', {
    bodyLimit: service.MEETING_UPLOAD.maxBytes + 64 * 1024,
    schema: {
      tags, summary: '上传交流发言附件（PDF、Word、JPG/PNG，按内容识别，20 MB 以内）/ upload a speech attachment',
      description: 'multipart/form-data with `file`; put the returned id in a speech\'s `fileId` and save the meeting.', response: { 200: MeetingFileSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const file = await uploadedFile(request, service.MEETING_UPLOAD.maxBytes);
    return withIdempotency(ctx, request, actor.id, () => service.uploadMeetingFile(ctx, actor, file));
  });

  app.get('/api/cooperation/meetings/:id/files/:fileId', {
    schema: { tags, summary: '交流发言附件 / a speech attachment', params: MeetingFileParamsSchema },
  }, async (request, reply) => {
    const file = await service.downloadMeetingFile(ctx, requireActor(request), request.params.id, request.params.fileId);
    noStore(reply);
    return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
  });

  app.get('/api/cooperation/meetings/:id/pack.pdf', {
    schema: { tags, summary: '会议材料 PDF（封面、议程、年度工作事项进展、交流发言、观摩、议定事项）/ the meeting pack', params: MeetingIdParamsSchema },
  }, async (request, reply) => {
    const pack = await service.meetingPack(ctx, requireActor(request), request.params.id, request.lang, requestMeta(request));
    noStore(reply);
    return reply.type('application/pdf').header('content-disposition', attachmentHeader(pack.name)).header('x-render-ms', String(pack.ms)).send(pack.data);
  });
};
