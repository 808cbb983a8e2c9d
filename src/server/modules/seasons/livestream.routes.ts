import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { ApplicationSummarySchema, ApplyBodySchema } from '../hiring/hiring.schemas.js';
import { AddFeaturedSchema, LiveParamsSchema, LivePostingParamsSchema, LiveRoomSchema, OrderSchema, PinSchema, ViewersSchema } from './livestream.schemas.js';
import * as service from './livestream.service.js';

/** Livestream rooms: the public room, in-room apply, the host's console. */
export const livestreamRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['livestream'];
  const room = { 200: LiveRoomSchema };

  app.get('/api/events/:id/live', {
    schema: { tags, summary: '直播间（公开）：直播链接、岗位卡片（直播顺序，讲解中置顶）、实时数据 / a livestream room', params: LiveParamsSchema, response: room },
  }, async (request, reply) => {
    noStore(reply);
    return service.getRoom(ctx, request.actor, request.params.id);
  });

  app.get('/api/events/:id/live/stream', {
    schema: { tags, summary: '直播间实时推送（SSE）/ the room as Server-Sent Events, pushed on change', params: LiveParamsSchema },
  }, async (request, reply) => {
    const produce = await service.roomProducer(ctx, request.actor, request.params.id); // 404 before the stream opens
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const unsubscribe = await ctx.live.subscribe(`live:${request.params.id}`, produce, (f) => { res.write(f); });
    request.raw.on('close', unsubscribe);
  });

  app.post('/api/events/:id/live/postings', {
    schema: { tags, summary: '主播方添加精选岗位（两省均可）/ feature a posting', params: LiveParamsSchema, body: AddFeaturedSchema, response: { 201: LiveRoomSchema } },
  }, async (request, reply) => reply.code(201).send(await service.addFeatured(ctx, requireActor(request), request.params.id, request.body.postingId, requestMeta(request))));

  app.delete('/api/events/:id/live/postings/:postingId', {
    schema: { tags, summary: '移出精选岗位 / take a posting off the room', params: LivePostingParamsSchema, response: room },
  }, async (request) => service.removeFeatured(ctx, requireActor(request), request.params.id, request.params.postingId, requestMeta(request)));

  app.put('/api/events/:id/live/order', {
    schema: { tags, summary: '调整直播顺序（须列出全部精选岗位）/ the live order', params: LiveParamsSchema, body: OrderSchema, response: room },
  }, async (request) => service.reorder(ctx, requireActor(request), request.params.id, request.body.postingIds, requestMeta(request)));

  app.put('/api/events/:id/live/pin', {
    schema: { tags, summary: '置顶正在讲解的岗位（null 取消）/ pin the job on air', params: LiveParamsSchema, body: PinSchema, response: room },
  }, async (request) => service.pin(ctx, requireActor(request), request.params.id, request.body.postingId, requestMeta(request)));

  app.put('/api/events/:id/live/viewers', {
    schema: { tags, summary: '录入观看人数（带版本号，过期版本 409）/ enter the viewer count', params: LiveParamsSchema, body: ViewersSchema, response: room },
  }, async (request) => service.enterViewers(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/events/:id/live/postings/:postingId/applications', {
    schema: {
      tags, summary: '直播间内投递（幂等；重复投递 409，计入本场）/ apply from the room', params: LivePostingParamsSchema,
      body: ApplyBodySchema, response: { 201: ApplicationSummarySchema },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id, postingId } = request.params;
    const result = await withIdempotency(ctx, request, actor.id, () => service.applyInRoom(ctx, actor, id, postingId, request.body?.message ?? null));
    return reply.code(201).send(result);
  });
};
