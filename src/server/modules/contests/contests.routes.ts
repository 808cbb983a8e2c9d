import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import {
  ContestIdParamsSchema, ContestInputSchema, ContestListQuerySchema, ContestListSchema, ContestSchema, ContestUpdateSchema,
} from './contests.schemas.js';
import * as service from './contests.service.js';

// The setup slice of skills competitions (issue 6 §1): contests, rounds, teams, contestants, written
// scores, lots and reveal. HTTP only: parse → one service call → reply.

export const contestsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];

  app.get('/api/contests', {
    schema: { tags, summary: '技能竞赛列表（公开的；工作人员另见本范围草稿；裁判见所执裁的）/ contests', querystring: ContestListQuerySchema, response: { 200: ContestListSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return service.listContests(ctx, request.actor, request.query);
  });

  app.post('/api/contests', {
    schema: { tags, summary: '新建竞赛（默认含决赛一轮）/ create a contest', body: ContestInputSchema, response: { 201: ContestSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createContest(ctx, requireActor(request), request.body, requestMeta(request))));

  app.get('/api/contests/:id', {
    schema: { tags, summary: '竞赛详情：轮次、人数与我的权限 / a contest', params: ContestIdParamsSchema, response: { 200: ContestSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return service.getContest(ctx, request.actor, request.params.id);
  });

  app.patch('/api/contests/:id', {
    schema: { tags, summary: '修改竞赛（带 version，过期 409）/ change a contest', params: ContestIdParamsSchema, body: ContestUpdateSchema, response: { 200: ContestSchema } },
  }, async (request) => service.updateContest(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.get('/api/contests/:id/chief-judge-candidates', {
    schema: {
      tags, summary: '可选的裁判长（具有裁判长角色的用户）/ chief judge candidates', params: ContestIdParamsSchema,
      querystring: z.object({ q: z.string().trim().max(50).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string().nullable() })) }) },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.chiefJudgeCandidates(ctx, requireActor(request), request.params.id, request.query.q);
  });
};
