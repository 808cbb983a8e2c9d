import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import {
  ChangeMarkSchema, ContestParamsSchema, EnterMarkSchema, HistoryQuerySchema, HistorySchema, ItemParamsSchema, JudgeContestsSchema, LockResultSchema,
  MarkParamsSchema, MarkResultSchema, ResolveSchema, ScoringSchema, SheetSchema, SlotSchema, TimeBodySchema, TimeParamsSchema, TimeResultSchema,
} from './scores.schemas.js';
import * as service from './scores.service.js';
import * as sheet from './scores.sheet.js';

/** Judges' score entry, the chief judge's verification and locks, the scoring trail (issue 6 §3). */
export const scoresRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];

  app.get('/api/judge/contests', {
    schema: { tags, summary: '我评判的竞赛与分项（含我的进度）/ my contests as a judge or chief judge', response: { 200: JudgeContestsSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return sheet.listJudgeContests(ctx, requireActor(request));
  });

  app.get('/api/contests/:id/scoring', {
    schema: { tags, summary: '裁判长核分总览：各分项完成度、待处理标记、锁定状态 / the chief judge overview', params: ContestParamsSchema, response: { 200: ScoringSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return sheet.getScoring(ctx, requireActor(request), request.params.id);
  });

  app.get('/api/contests/:id/items/:itemId/sheet', {
    schema: { tags, summary: '分项评分表：裁判看工位号与本人录入；裁判长与组委会看全部录入与标记 / a sub-item sheet', params: ItemParamsSchema, response: { 200: SheetSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return sheet.getSheet(ctx, requireActor(request), request.params.id, request.params.itemId);
  });

  app.post('/api/contests/:id/items/:itemId/marks', {
    schema: {
      tags, summary: '录入评分（Idempotency-Key；同一裁判重复录入 409；双录第三条 409）/ enter a mark', params: ItemParamsSchema,
      body: EnterMarkSchema, response: { 201: MarkResultSchema },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id, itemId } = request.params;
    const result = await withIdempotency(ctx, request, actor.id, (claim) => service.enterMark(ctx, actor, id, itemId, request.body, claim), { keptByWrite: true });
    return reply.code(201).send(result);
  });

  app.patch('/api/contests/:id/items/:itemId/marks/:markId', {
    schema: { tags, summary: '修改评分（锁定后须填原因，分项重新开放待复锁）/ change a mark', params: MarkParamsSchema, body: ChangeMarkSchema, response: { 200: MarkResultSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    const { id, itemId, markId } = request.params;
    return withIdempotency(ctx, request, actor.id, () => service.changeMark(ctx, actor, id, itemId, markId, request.body, requestMeta(request)));
  });

  app.put('/api/contests/:id/items/:itemId/times/:contestantId', {
    schema: { tags, summary: '录入完成用时（秒）/ completion time', params: TimeParamsSchema, body: TimeBodySchema, response: { 200: TimeResultSchema } },
  }, async (request) => {
    const { id, itemId, contestantId } = request.params;
    return service.enterTime(ctx, requireActor(request), id, itemId, contestantId, request.body, requestMeta(request));
  });

  app.post('/api/contests/:id/items/:itemId/flags/resolve', {
    schema: {
      tags, summary: '裁判长处理评判分差异标记（附说明）/ settle a flag', params: ItemParamsSchema, body: ResolveSchema,
      response: { 200: SlotSchema.extend({ aspectId: SlotSchema.shape.entries, contestantId: SlotSchema.shape.entries }) },
    },
  }, async (request) => service.resolveFlag(ctx, requireActor(request), request.params.id, request.params.itemId, request.body, requestMeta(request)));

  app.post('/api/contests/:id/items/:itemId/lock', {
    schema: { tags, summary: '裁判长锁定 / 复锁分项（未完成 409 列出缺项）/ lock or re-lock', params: ItemParamsSchema, response: { 200: LockResultSchema } },
  }, async (request) => service.lockItem(ctx, requireActor(request), request.params.id, request.params.itemId, requestMeta(request)));

  app.get('/api/contests/:id/items/:itemId/history', {
    schema: { tags, summary: '分项评分记录（录入、修改、锁定……）/ a sub-item trail', params: ItemParamsSchema, querystring: HistoryQuerySchema, response: { 200: HistorySchema } },
  }, async (request, reply) => {
    noStore(reply);
    return sheet.getHistory(ctx, requireActor(request), request.params.id, request.params.itemId, request.query.limit);
  });

  app.get('/api/contests/:id/scoring/history', {
    schema: { tags, summary: '整个竞赛的评分记录（裁判长、组委会）/ the contest trail', params: ContestParamsSchema, querystring: HistoryQuerySchema, response: { 200: HistorySchema } },
  }, async (request, reply) => {
    noStore(reply);
    return sheet.getHistory(ctx, requireActor(request), request.params.id, null, request.query.limit);
  });
};
