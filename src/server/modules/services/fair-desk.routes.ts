import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import {
  DeskEventParamsSchema, DeskFairListSchema, DeskQuerySchema, DeskTicketParamsSchema, DeskViewSchema, DeskVisitorParamsSchema, ShareSchema,
} from './fair-desk.schemas.js';
import * as service from './fair-desk.service.js';

// The fair desks (issue 8 §4). HTTP only: parse → one service call → reply.

export const fairDeskRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const path = '/api/services/fair';

  app.get(`${path}/events`, {
    schema: { tags, summary: '服务台可选的现场招聘会（进行中的在前）/ fairs with desks', response: { 200: DeskFairListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listFairs(ctx, requireActor(request));
  });

  app.get(`${path}/:eventId/visitors/by-ticket/:code`, {
    schema: {
      tags, summary: '服务台按门票短码或二维码查观众（经观众同意合并查看本场记录；留痕）/ look a visitor up at a desk',
      params: DeskTicketParamsSchema, querystring: DeskQuerySchema, response: { 200: DeskViewSchema },
      description: 'Any union staff (they staff the rights zone of either province). Without the visitor\'s consent a desk sees only its own kind of record. Audited as services.desk.lookup.',
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.lookupByTicket(ctx, requireActor(request), request.params.eventId, request.params.code, request.query.desk, requestMeta(request));
  });

  app.get(`${path}/:eventId/visitors/:visitorId`, {
    schema: { tags, summary: '服务台再次查看观众（留痕）/ a visitor again', params: DeskVisitorParamsSchema, querystring: DeskQuerySchema, response: { 200: DeskViewSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.lookupVisitor(ctx, requireActor(request), request.params.eventId, request.params.visitorId, request.query.desk, requestMeta(request));
  });

  app.post(`${path}/:eventId/visitors/:visitorId/share`, {
    schema: { tags, summary: '记录观众同意各服务台合并查看 / record the visitor\'s consent to share', params: DeskVisitorParamsSchema, querystring: DeskQuerySchema, body: ShareSchema, response: { 200: DeskViewSchema } },
  }, async (request) => service.shareVisitor(ctx, requireActor(request), request.params.eventId, request.params.visitorId, request.query.desk, requestMeta(request)));

  app.delete(`${path}/:eventId/visitors/:visitorId/share`, {
    schema: { tags, summary: '观众撤回同意 / the visitor withdraws', params: DeskVisitorParamsSchema, querystring: DeskQuerySchema, response: { 200: DeskViewSchema } },
  }, async (request) => service.unshareVisitor(ctx, requireActor(request), request.params.eventId, request.params.visitorId, request.query.desk, requestMeta(request)));
};
