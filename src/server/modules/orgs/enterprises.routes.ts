import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { MeResponseSchema, RevealBodySchema, RevealResponseSchema } from '../accounts/accounts.schemas.js';
import { SESSION_COOKIE } from '../accounts/accounts.service.js';
import {
  EmployerRegisterSchema, EnterpriseIdParamsSchema, EnterpriseInputSchema, EnterpriseListQuerySchema, EnterpriseListSchema,
  EnterpriseSchema, EnterpriseUpdateSchema, ReviewBodySchema,
} from './enterprises.schemas.js';
import * as service from './enterprises.service.js';

const MemberSchema = z.object({
  userId: z.string(), name: z.string(), username: z.string().nullable(), phoneMasked: z.string().nullable(),
  status: z.enum(['pending', 'active']), createdAt: z.string(),
});

export const enterprisesRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  app.post('/api/employers/register', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '企业用户注册 / employer sign-up (phone + enterprise)', body: EmployerRegisterSchema,
      response: { 201: MeResponseSchema.extend({ enterpriseId: z.string(), membership: z.enum(['active', 'pending']) }) },
    },
  }, async (request, reply) => {
    const result = await service.registerEmployer(ctx, request.body, requestMeta(request));
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: ctx.config.sessionHours * 3600,
    });
    noStore(reply);
    return reply.code(201).send({ user: result.user, enterpriseId: result.enterpriseId, membership: result.membership });
  });

  app.get('/api/enterprises', {
    schema: { tags, summary: '企业列表（按管辖范围）/ enterprises in scope', querystring: EnterpriseListQuerySchema, response: { 200: EnterpriseListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listEnterprises(ctx, requireActor(request), request.query);
  });

  app.post('/api/enterprises', {
    schema: { tags, summary: '登记企业 / register an enterprise (staff)', body: EnterpriseInputSchema, response: { 201: EnterpriseSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createEnterprise(ctx, requireActor(request), request.body, requestMeta(request))));

  app.get('/api/enterprises/:id', {
    schema: { tags, summary: '企业详情 / one enterprise', params: EnterpriseIdParamsSchema, response: { 200: EnterpriseSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getEnterprise(ctx, requireActor(request), request.params.id);
  });

  app.patch('/api/enterprises/:id', {
    schema: { tags, summary: '修改企业信息 / update an enterprise', params: EnterpriseIdParamsSchema, body: EnterpriseUpdateSchema, response: { 200: EnterpriseSchema } },
  }, async (request) => service.updateEnterprise(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/enterprises/:id/review', {
    schema: { tags, summary: '认证或驳回 / verify or reject', params: EnterpriseIdParamsSchema, body: ReviewBodySchema, response: { 200: EnterpriseSchema } },
  }, async (request) => service.reviewEnterprise(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/enterprises/:id/reveal', {
    schema: { tags, summary: '查看联系人完整手机号（记录审计）', params: EnterpriseIdParamsSchema, body: RevealBodySchema.extend({ field: z.enum(['contactPhone']) }), response: { 200: RevealResponseSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.revealEnterpriseContact(ctx, requireActor(request), request.params.id, request.body.reason, requestMeta(request));
  });

  app.get('/api/enterprises/:id/members', {
    schema: { tags, summary: '企业账号 / employer accounts of an enterprise', params: EnterpriseIdParamsSchema, response: { 200: z.array(MemberSchema) } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listMembers(ctx, requireActor(request), request.params.id);
  });

  app.post('/api/enterprises/:id/members/:userId/approve', {
    schema: { tags, summary: '通过关联申请 / approve a membership request', params: EnterpriseIdParamsSchema.extend({ userId: z.uuid() }), response: { 200: z.array(MemberSchema) } },
  }, async (request) => service.approveMember(ctx, requireActor(request), request.params.id, request.params.userId, requestMeta(request)));
};
