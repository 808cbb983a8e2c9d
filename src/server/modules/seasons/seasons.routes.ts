import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { z } from 'zod';
import {
  EventInputSchema, EventListQuerySchema, EventListSchema, EventSchema, EventUpdateSchema, FloorPlanSchema, MoveBoothSchema, ReviewSchema, SeasonIdParamsSchema,
  SeasonInputSchema, SeasonListQuerySchema, SeasonListSchema, SeasonSchema, SeasonUpdateSchema, SignupInputSchema, SignupListQuerySchema, SignupListSchema,
  SignupSchema, StatsSchema, PublicBoothSchema, CheckinInputSchema, HourlySchema, TicketSchema, VisitorInputSchema, VisitorResultSchema, VisitorSummarySchema,
  FollowUpInputSchema, FollowUpListSchema, FollowUpQuerySchema, FollowUpReportSchema, FollowUpSchema, ScreenSchema, AnswerIntentSchema, BoothRecordInputSchema, BoothRecordSchema, IntentInputSchema, IntentSchema, TicketParamsSchema, TicketViewSchema,
} from './seasons.schemas.js';
import * as booth from './booth.service.js';
import * as followUps from './followups.service.js';
import * as visitors from './visitors.service.js';
import * as service from './seasons.service.js';
import * as signups from './signups.service.js';

export const seasonsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['seasons'];

  app.get('/api/seasons', {
    schema: { tags, summary: '服务季列表（公开）/ seasons', querystring: SeasonListQuerySchema, response: { 200: SeasonListSchema } },
  }, async (request) => service.listSeasons(ctx, request.actor, request.query));

  app.post('/api/seasons', {
    schema: { tags, summary: '新建服务季 / create a season (staff)', body: SeasonInputSchema, response: { 201: SeasonSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createSeason(ctx, requireActor(request), request.body, requestMeta(request))));

  app.get('/api/seasons/:id', {
    schema: { tags, summary: '服务季详情与目标进度 / a season with its goals', params: SeasonIdParamsSchema, response: { 200: SeasonSchema } },
  }, async (request) => service.getSeason(ctx, request.actor, request.params.id));

  app.patch('/api/seasons/:id', {
    schema: { tags, summary: '修改服务季 / change a season', params: SeasonIdParamsSchema, body: SeasonUpdateSchema, response: { 200: SeasonSchema } },
  }, async (request) => service.updateSeason(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.get('/api/seasons/:id/stats', {
    schema: { tags, summary: '服务季实时数据（计数器）/ live figures', params: SeasonIdParamsSchema, response: { 200: StatsSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getStats(ctx, request.params.id);
  });

  app.get('/api/seasons/:id/screen', {
    schema: { tags, summary: '数据大屏：实时数据、每小时入场、热门工种与行业 / the big screen', params: SeasonIdParamsSchema, response: { 200: ScreenSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getScreen(ctx, request.params.id);
  });

  app.get('/api/seasons/:id/stats/stream', {
    schema: { tags, summary: '服务季实时数据推送（SSE）/ live figures as Server-Sent Events', params: SeasonIdParamsSchema },
  }, async (request, reply) => {
    const id = request.params.id;
    await service.getStats(ctx, id); // 404 before the stream opens
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const unsubscribe = await ctx.live.subscribe(`season:${id}`, async () => JSON.stringify(await service.getStats(ctx, id)), (f) => { res.write(f); });
    request.raw.on('close', unsubscribe);
  });

  app.get('/api/seasons/:id/events', {
    schema: { tags, summary: '服务季的活动 / events of a season', params: SeasonIdParamsSchema, querystring: EventListQuerySchema, response: { 200: EventListSchema } },
  }, async (request) => service.listEvents(ctx, request.actor, request.params.id, request.query));

  app.post('/api/seasons/:id/events', {
    schema: { tags, summary: '新建活动（招聘会、网络招聘会、直播带岗、论坛）/ add an event', params: SeasonIdParamsSchema, body: EventInputSchema, response: { 201: EventSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createEvent(ctx, requireActor(request), request.params.id, request.body, requestMeta(request))));

  app.get('/api/events/:id', {
    schema: { tags, summary: '活动详情 / an event', params: SeasonIdParamsSchema, response: { 200: EventSchema } },
  }, async (request) => service.getEvent(ctx, request.actor, request.params.id));

  app.patch('/api/events/:id', {
    schema: { tags, summary: '修改活动 / change an event', params: SeasonIdParamsSchema, body: EventUpdateSchema, response: { 200: EventSchema } },
  }, async (request) => service.updateEvent(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/events/:id/signups', {
    schema: { tags, summary: '企业报名参会（携带岗位；幂等）/ an employer signs up with its postings', params: SeasonIdParamsSchema, body: SignupInputSchema, response: { 201: SignupSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const result = await withIdempotency(ctx, request, actor.id, () => signups.createSignup(ctx, actor, request.params.id, request.body, requestMeta(request)));
    return reply.code(201).send(result);
  });

  app.get('/api/events/:id/signups', {
    schema: { tags, summary: '报名企业（主办方看全部，企业看自己的）/ sign-ups', params: SeasonIdParamsSchema, querystring: SignupListQuerySchema, response: { 200: SignupListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return signups.listSignups(ctx, requireActor(request), request.params.id, request.query);
  });

  app.get('/api/signups/:id', {
    schema: { tags, summary: '一条报名 / one sign-up', params: SeasonIdParamsSchema, response: { 200: SignupSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return signups.getSignup(ctx, requireActor(request), request.params.id);
  });

  app.post('/api/signups/:id/review', {
    schema: { tags, summary: '审核报名（通过计入服务季数据）/ approve or reject', params: SeasonIdParamsSchema, body: ReviewSchema, response: { 200: SignupSchema } },
  }, async (request) => signups.reviewSignup(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post('/api/signups/:id/withdraw', {
    schema: { tags, summary: '撤回报名 / withdraw', params: SeasonIdParamsSchema, response: { 200: SignupSchema } },
  }, async (request) => signups.withdrawSignup(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.get('/api/events/:id/floor-plan', {
    schema: { tags, summary: '展位图 / the floor plan with its booths', params: SeasonIdParamsSchema, response: { 200: FloorPlanSchema } },
  }, async (request) => signups.getFloorPlan(ctx, request.actor, request.params.id));

  app.get('/api/events/:id/booths/:number', {
    schema: {
      tags, summary: '展位（展位卡二维码打开）：企业与所带岗位（公开）/ one booth for the public', params: SeasonIdParamsSchema.extend({ number: z.string().trim().min(1).max(10) }),
      response: { 200: PublicBoothSchema },
    },
  }, async (request) => signups.getPublicBooth(ctx, request.params.id, request.params.number));

  app.post('/api/events/:id/booths/auto-assign', {
    schema: { tags, summary: '按行业自动分配展位 / assign booths, grouped by industry', params: SeasonIdParamsSchema, response: { 200: z.object({ assigned: z.number(), unplaced: z.number() }) } },
  }, async (request) => signups.autoAssignBooths(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.put('/api/signups/:id/booth', {
    schema: { tags, summary: '调整展位（拖动）/ move to a booth', params: SeasonIdParamsSchema, body: MoveBoothSchema, response: { 200: SignupSchema } },
  }, async (request) => signups.moveToBooth(ctx, requireActor(request), request.params.id, request.body.boothId, requestMeta(request)));

  app.post('/api/events/:id/visitors', {
    // Thousands of phones on a fair's Wi-Fi share one address: the limit only stops a flood.
    config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '观众登记（手机预约得二维码门票；现场工作人员登记可直接入场）/ register a visitor', params: SeasonIdParamsSchema,
      body: VisitorInputSchema, response: { 200: VisitorResultSchema, 201: VisitorResultSchema },
    },
  }, async (request, reply) => {
    const actor = request.actor;
    const run = () => visitors.registerVisitor(ctx, actor, request.params.id, request.body, requestMeta(request));
    const result = actor ? await withIdempotency(ctx, request, actor.id, run) : await run();
    noStore(reply);
    return reply.code(result.registered ? 201 : 200).send(result);
  });

  app.get('/api/events/:id/my-ticket', {
    schema: { tags, summary: '我的门票 / my ticket', params: SeasonIdParamsSchema, response: { 200: TicketSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return visitors.myTicket(ctx, requireActor(request), request.params.id);
  });

  app.post('/api/events/:id/checkins', {
    schema: {
      tags, summary: '扫码或输入短码入场（重复入场识别，不重复计数；幂等）/ check a visitor in', params: SeasonIdParamsSchema,
      body: CheckinInputSchema, response: { 200: VisitorResultSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    return withIdempotency(ctx, request, actor.id, (claim) => visitors.checkIn(ctx, actor, request.params.id, request.body.code, requestMeta(request), claim), { keptByWrite: true });
  });

  app.get('/api/events/:id/checkins/hourly', {
    schema: { tags, summary: '每小时入场人数 / check-ins per hour', params: SeasonIdParamsSchema, response: { 200: HourlySchema } },
  }, async (request) => visitors.hourlyCheckins(ctx, request.params.id));

  app.get('/api/events/:id/visitors/summary', {
    schema: { tags, summary: '观众登记与入场人数（主办方）/ registered and checked-in visitors', params: SeasonIdParamsSchema, response: { 200: VisitorSummarySchema } },
  }, async (request, reply) => {
    noStore(reply);
    return visitors.visitorSummary(ctx, requireActor(request), request.params.id);
  });

  app.post('/api/events/:id/booth-records', {
    schema: { tags, summary: '展位扫码：咨询或面试记录（幂等）/ a consultation or interview at the booth', params: SeasonIdParamsSchema, body: BoothRecordInputSchema, response: { 201: BoothRecordSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, (claim) => booth.recordAtBooth(ctx, actor, request.params.id, request.body, requestMeta(request), claim), { keptByWrite: true }));
  });

  app.post('/api/events/:id/intents', {
    schema: { tags, summary: '签订就业意向（求职者在手机上确认；幂等）/ propose a hiring intent', params: SeasonIdParamsSchema, body: IntentInputSchema, response: { 201: IntentSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => booth.proposeIntent(ctx, actor, request.params.id, request.body, requestMeta(request))));
  });

  app.get('/api/tickets/:token', {
    schema: { tags, summary: '我的门票与待确认的就业意向（凭门票令牌）/ my ticket and the intents offered', params: TicketParamsSchema, response: { 200: TicketViewSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return booth.ticketView(ctx, request.params.token);
  });

  app.post('/api/tickets/:token/intents/:intentId/answer', {
    schema: {
      tags, summary: '求职者确认或拒绝就业意向 / the visitor confirms or declines', params: TicketParamsSchema.extend({ intentId: z.coerce.number().int().min(1) }),
      body: AnswerIntentSchema, response: { 200: IntentSchema },
    },
  }, async (request) => booth.answerIntent(ctx, request.params.token, request.params.intentId, request.body.accept, requestMeta(request)));

  app.get('/api/follow-ups', {
    schema: { tags, summary: '就业意向回访（30/90 天，按管辖范围）/ follow-ups of hiring intents', querystring: FollowUpQuerySchema, response: { 200: FollowUpListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return followUps.listFollowUps(ctx, requireActor(request), request.query);
  });

  app.put('/api/follow-ups/:id', {
    schema: { tags, summary: '登记回访结果 / record a follow-up', params: SeasonIdParamsSchema, body: FollowUpInputSchema, response: { 200: FollowUpSchema } },
  }, async (request) => followUps.recordFollowUp(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.get('/api/seasons/:id/follow-up-report', {
    schema: { tags, summary: '回访结果统计 / outcome report', params: SeasonIdParamsSchema, response: { 200: FollowUpReportSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return followUps.followUpReport(ctx, requireActor(request), request.params.id);
  });
};
