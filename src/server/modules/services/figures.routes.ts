import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { noStore, requireActor } from '../../platform/http.js';
import { FiguresQuerySchema, FiguresSchema } from './figures.schemas.js';
import * as service from './figures.service.js';

// Worker-services figures (issue 8 §1, §6). HTTP only: parse → one service call → reply.

export const figuresRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/api/services/figures', {
    schema: {
      tags: ['services'],
      summary: '职工服务数据：按工会、类别、渠道、月份的诉求量、按时答复率、首次答复与办结用时、逾期与督办；入会审核数据 / worker-services figures',
      description: 'Staff only; unions within the caller\'s scope (a district union itself, a federation its province, admins both). '
        + '`from`/`to` are China dates (default: the last 12 months); `unionId` takes that union and the unions under it. '
        + '403 `services.figures.other_union` names a union outside the scope.',
      querystring: FiguresQuerySchema, response: { 200: FiguresSchema },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.serviceFigures(ctx, requireActor(request), request.query);
  });
};
