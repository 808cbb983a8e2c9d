import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { MeResponseSchema } from '../accounts/accounts.schemas.js';
import { SESSION_COOKIE } from '../accounts/accounts.service.js';
import { DeleteAccountSchema, ProfileSchema, ProfileUpdateSchema, SeekerRegisterSchema } from './seekers.schemas.js';
import * as service from './seekers.service.js';

export const seekersRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: service.RESUME_UPLOAD.maxBytes, files: 1, fields: 2 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['seekers'];
  const cookie = (secure: boolean, maxAge?: number) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(maxAge ? { maxAge } : {}) });

  app.post('/api/seekers/register', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: '求职者注册（手机号）/ seeker sign-up by phone, with consent', body: SeekerRegisterSchema, response: { 201: MeResponseSchema } },
  }, async (request, reply) => {
    const result = await service.registerSeeker(ctx, request.body, requestMeta(request));
    reply.setCookie(SESSION_COOKIE, result.token, cookie(request.protocol === 'https', ctx.config.sessionHours * 3600));
    noStore(reply);
    return reply.code(201).send({ user: result.user });
  });

  app.get('/api/me/profile', {
    schema: { tags, summary: '我的求职资料 / my profile', response: { 200: ProfileSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getProfile(ctx, requireActor(request));
  });

  app.patch('/api/me/profile', {
    schema: { tags, summary: '修改求职资料 / change my profile', body: ProfileUpdateSchema, response: { 200: ProfileSchema } },
  }, async (request) => service.updateProfile(ctx, requireActor(request), request.body, requestMeta(request)));

  app.put('/api/me/resume', {
    bodyLimit: service.RESUME_UPLOAD.maxBytes + 64 * 1024,
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '上传简历文件（PDF、Word、JPG/PNG，5 MB 以内）/ upload my résumé file',
      description: 'multipart/form-data with `file`. Replaces the previous file.', response: { 200: ProfileSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!request.isMultipart()) throw new AppError('files.required', 400);
    let file: { name: string; data: Buffer } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file' && part.fieldname === 'file') file = { name: part.filename, data: await part.toBuffer() };
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('files.too_large', 413, { limitMb: 5 });
      throw error;
    }
    if (!file) throw new AppError('files.required', 400);
    return service.uploadResume(ctx, actor, file);
  });

  app.get('/api/me/resume', {
    schema: { tags, summary: '下载我的简历文件 / download my résumé file' },
  }, async (request, reply) => {
    const file = await service.downloadMyResume(ctx, requireActor(request));
    noStore(reply);
    return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('x-content-type-options', 'nosniff').send(file.data);
  });

  app.delete('/api/me/resume', {
    schema: { tags, summary: '删除简历文件 / delete my résumé file', response: { 200: ProfileSchema } },
  }, async (request) => service.deleteResume(ctx, requireActor(request)));

  app.get('/api/me/export', {
    schema: { tags, summary: '导出我的全部数据（JSON）/ export all my data', response: { 200: z.record(z.string(), z.unknown()) } },
  }, async (request, reply) => {
    noStore(reply);
    reply.header('content-disposition', `attachment; filename="chuanyu-my-data-${new Date().toISOString().slice(0, 10)}.json"`);
    return service.exportMyData(ctx, requireActor(request), requestMeta(request));
  });

  app.delete('/api/me', {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: { tags, summary: '注销账号并删除个人信息 / delete my account and personal data', body: DeleteAccountSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await service.deleteMyAccount(ctx, requireActor(request), request.body.password, requestMeta(request));
    reply.clearCookie(SESSION_COOKIE, cookie(request.protocol === 'https'));
    return reply.code(204).send(null);
  });
};
