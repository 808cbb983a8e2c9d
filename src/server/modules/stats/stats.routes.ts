import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import * as cards from './booth-cards.service.js';
import { BoothCardQuerySchema, IntentsQuerySchema, ReportIdParamsSchema } from './reports.schemas.js';
import * as reports from './reports.service.js';

/** Send a generated file: a download with its (Chinese) name, never cached; its making time in Server-Timing. */
function sendFile(request: FastifyRequest, reply: FastifyReply, file: reports.ReportFile) {
  noStore(reply);
  request.log.info({ file: file.name, bytes: file.data.length, ms: file.ms, pages: file.pages }, 'report generated');
  return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('server-timing', `report;dur=${file.ms}`).send(file.data);
}

/** The public address the booth QR codes point to: the one this request came in by (behind a proxy, its X-Forwarded-*). */
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Season and event reports (.xlsx, PDF), the intents CSV and the booth cards. */
export const statsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const params = ReportIdParamsSchema;

  for (const format of ['xlsx', 'pdf'] as const) {
    const what = format === 'xlsx' ? 'Excel' : 'PDF';
    app.get(`/api/seasons/:id/report.${format}`, {
      schema: { tags, summary: `服务季报表（${what}：总数、按省份/地区/行业/工种、参会企业、活动、直播带岗）/ season report (.${format})`, params },
    }, async (request, reply) =>
      sendFile(request, reply, await reports.seasonReport(ctx, requireActor(request), request.params.id, format, request.lang, requestMeta(request))));

    app.get(`/api/events/:id/report.${format}`, {
      schema: { tags, summary: `活动报表（${what}）/ event report (.${format})`, params },
    }, async (request, reply) =>
      sendFile(request, reply, await reports.eventReport(ctx, requireActor(request), request.params.id, format, request.lang, requestMeta(request))));
  }

  app.get('/api/seasons/:id/intents.csv', {
    schema: { tags, summary: '就业意向名单 CSV（供回访；手机号脱敏，下载留痕）/ hiring intents for follow-up (CSV, audited)', params, querystring: IntentsQuerySchema },
  }, async (request, reply) =>
    sendFile(request, reply, await reports.intentsReport(ctx, requireActor(request), request.params.id, request.query.eventId, request.lang, requestMeta(request))));

  app.get('/api/signups/:id/booth-card.pdf', {
    schema: { tags, summary: '展位牌 PDF（展位号、企业、岗位、展位二维码）/ the booth card', params, querystring: BoothCardQuerySchema },
  }, async (request, reply) =>
    sendFile(request, reply, await cards.boothCard(ctx, requireActor(request), request.params.id, { origin: origin(request), lang: request.lang, size: request.query.size })));

  app.get('/api/events/:id/booth-cards.pdf', {
    schema: { tags, summary: '全部展位牌 PDF（每个展位一页，供打印）/ every booth card of an event', params, querystring: BoothCardQuerySchema },
  }, async (request, reply) =>
    sendFile(request, reply, await cards.boothCards(ctx, requireActor(request), request.params.id, { origin: origin(request), lang: request.lang, size: request.query.size })));
};
