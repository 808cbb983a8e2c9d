import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { DashboardAgreementsSchema, DashboardParamsSchema, DashboardQuerySchema, DashboardSchema, YearlyParamsSchema } from './yearly.schemas.js';
import * as service from './yearly.service.js';

// The yearly report (issue 7 §5) and the leaders' dashboard (§6). HTTP only: parse → one service call → reply.

export const yearlyRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['cooperation'];

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(`/api/cooperation/agreements/:id/yearly/:year.${format}`, {
      schema: { tags, summary: `年度工作报告（${format === 'pdf' ? 'PDF' : 'Excel'}：按方面的事项进展、指标、亮点、联席会议、双方确认）/ the year's report (.${format})`, params: YearlyParamsSchema },
    }, async (request, reply) => {
      const file = await service.yearlyReport(ctx, requireActor(request), request.params.id, request.params.year, format, request.lang, requestMeta(request));
      noStore(reply);
      request.log.info({ file: file.name, bytes: file.data.length, ms: file.ms, pages: file.pages }, 'yearly report generated');
      return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('server-timing', `report;dur=${file.ms}`).send(file.data);
    });
  }

  app.get('/api/cooperation/dashboard/agreements', {
    schema: { tags, summary: '领导看板：可选的协议及其年度 / agreements and their years for the dashboard', response: { 200: DashboardAgreementsSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.dashboardAgreements(ctx, requireActor(request));
  });

  app.get('/api/cooperation/agreements/:id/dashboard', {
    schema: {
      tags, summary: '领导看板：状态灯统计、各方面进度、两省市责任事项与逾期报告、临近截止、最近会议 / the leaders\' dashboard',
      params: DashboardParamsSchema, querystring: DashboardQuerySchema, response: { 200: DashboardSchema },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.dashboard(ctx, requireActor(request), request.params.id, request.query.year, request.lang);
  });
};
