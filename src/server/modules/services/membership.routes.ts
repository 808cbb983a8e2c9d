import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import {
  CardCheckSchema, CardCodeParamsSchema, DeskMembershipInputSchema, MembershipDetailSchema, MembershipIdParamsSchema, MembershipInputSchema,
  MembershipListQuerySchema, MembershipListSchema, MyCardSchema, MyMembershipSchema, RejectSchema, RevealResultSchema, RevealSchema,
} from './membership.schemas.js';
import * as service from './membership.service.js';

// Union membership (入会, issue 8 §2). HTTP only: parse → one service call → reply.

export const membershipRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const path = '/api/services/membership';

  app.post(path, {
    schema: {
      tags, summary: '职工申请入会（姓名、身份证号、手机号、单位所在区县与单位、同意书）/ apply for union membership', body: MembershipInputSchema, response: { 201: MembershipDetailSchema },
      description: 'Accepts Idempotency-Key. Routed to the registered employer\'s union, else the union of the region; review within 5 working days. 409 `services.membership.duplicate` names the union and status of the open or approved application of the same 身份证号.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, (claim) => service.applyForMembership(ctx, actor, request.body, requestMeta(request), claim)));
  });

  app.post('/api/services/desk/membership', {
    schema: {
      tags, summary: '招聘会服务台代为登记入会申请（工作人员）/ record an application at a fair desk', body: DeskMembershipInputSchema, response: { 201: MembershipDetailSchema },
      description: 'Accepts Idempotency-Key. visitorId must be a visitor of eventId.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, (claim) => service.recordMembershipAtDesk(ctx, actor, request.body, requestMeta(request), claim)));
  });

  app.get('/api/services/my/membership', {
    schema: { tags, summary: '我的入会申请（最近一份）与会员卡 / my latest application and card', response: { 200: MyMembershipSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getMyMembership(ctx, requireActor(request));
  });

  app.get('/api/services/my/card', {
    schema: { tags, summary: '我的电子会员卡（不是会员时为 null）/ my membership card', response: { 200: MyCardSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getMyCard(ctx, requireActor(request));
  });

  app.get('/api/services/cards/:code', {
    schema: { tags, summary: '会员卡公开核验（姓名脱敏）/ public check of a membership card', params: CardCodeParamsSchema, response: { 200: CardCheckSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.checkCard(ctx, request.params.code);
  });

  app.get(path, {
    schema: { tags, summary: '入会审核队列（本工会及下级；状态、逾期筛选）/ the review queue', querystring: MembershipListQuerySchema, response: { 200: MembershipListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listApplications(ctx, requireActor(request), request.query);
  });

  app.get(`${path}/:id`, {
    schema: { tags, summary: '入会申请详情（身份证号脱敏；工作人员查看记入审计）/ an application', params: MembershipIdParamsSchema, response: { 200: MembershipDetailSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getApplication(ctx, requireActor(request), request.params.id, requestMeta(request));
  });

  app.post(`${path}/:id/withdraw`, {
    schema: { tags, summary: '撤回待审核的申请（本人）/ withdraw', params: MembershipIdParamsSchema, response: { 200: MembershipDetailSchema } },
  }, async (request) => service.withdrawApplication(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.post(`${path}/:id/approve`, {
    schema: { tags, summary: '审核通过：生成会员号与电子会员卡（受理工会）/ approve', params: MembershipIdParamsSchema, response: { 200: MembershipDetailSchema } },
  }, async (request) => service.approveApplication(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.post(`${path}/:id/reject`, {
    schema: { tags, summary: '不予通过（须填写原因）/ reject with a reason', params: MembershipIdParamsSchema, body: RejectSchema, response: { 200: MembershipDetailSchema } },
  }, async (request) => service.rejectApplication(ctx, requireActor(request), request.params.id, request.body.reason, requestMeta(request)));

  app.post(`${path}/:id/reveal`, {
    schema: { tags, summary: '查看完整身份证号或手机号（受理工会，记录审计）/ reveal (audited)', params: MembershipIdParamsSchema, body: RevealSchema, response: { 200: RevealResultSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.revealApplication(ctx, requireActor(request), request.params.id, request.body.field, request.body.reason, requestMeta(request));
  });
};
