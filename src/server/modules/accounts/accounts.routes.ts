import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import {
  AdminUserSchema, CreateUserBodySchema, IdParamsSchema, LoginBodySchema, MeResponseSchema, RevealBodySchema,
  RevealResponseSchema, UpdateUserBodySchema, UserListQuerySchema, UserListSchema,
} from './accounts.schemas.js';
import * as service from './accounts.service.js';

export const LOGIN_RATE_PER_MINUTE = 120;

const cookieOptions = (request: FastifyRequest, maxAgeSeconds?: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: request.protocol === 'https',
  ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
});

export const accountsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post('/api/auth/login', {
    // Per-IP ceiling on top of the per-account lock in the service; generous because a fair's
    // Wi-Fi puts hundreds of phones behind one address.
    config: { rateLimit: { max: LOGIN_RATE_PER_MINUTE, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '登录 / log in', body: LoginBodySchema, response: { 200: MeResponseSchema } },
  }, async (request, reply) => {
    const result = await service.login(ctx, request.body, requestMeta(request));
    noStore(reply);
    reply.setCookie(service.SESSION_COOKIE, result.token, cookieOptions(request, ctx.config.sessionHours * 3600));
    return { user: result.me };
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: '退出登录 / log out', response: { 204: z.null() } },
  }, async (request, reply: FastifyReply) => {
    const token = request.cookies[service.SESSION_COOKIE];
    if (token) await service.logout(ctx, token, request.actor, requestMeta(request));
    reply.clearCookie(service.SESSION_COOKIE, cookieOptions(request));
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], summary: '当前用户 / current user', response: { 200: MeResponseSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return { user: await service.getMe(ctx, actor.id) };
  });

  app.get('/api/admin/users', {
    schema: { tags: ['users'], summary: '用户列表 / users in scope', querystring: UserListQuerySchema, response: { 200: UserListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listUsers(ctx, requireActor(request), request.query);
  });

  app.post('/api/admin/users', {
    schema: { tags: ['users'], summary: '创建用户 / create a user', body: CreateUserBodySchema, response: { 201: AdminUserSchema } },
  }, async (request, reply) => {
    const user = await service.createUser(ctx, requireActor(request), request.body, requestMeta(request));
    return reply.code(201).send(user);
  });

  app.patch('/api/admin/users/:id', {
    schema: { tags: ['users'], summary: '修改用户 / update a user', params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: AdminUserSchema } },
  }, async (request) => service.updateUser(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/admin/users/:id/reveal', {
    schema: {
      tags: ['users'], summary: '查看完整手机号（记录审计）/ reveal the full phone (audited)',
      params: IdParamsSchema, body: RevealBodySchema, response: { 200: RevealResponseSchema },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.revealUserPhone(ctx, requireActor(request), request.params.id, request.body.reason, requestMeta(request));
  });
};
