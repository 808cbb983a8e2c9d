import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import type { ReportFile } from '../stats/reports.service.js';
import * as certificates from './certificates.service.js';
import {
  AwardsSchema, CertificateCheckSchema, CertificateCodeParamsSchema, CertificateListSchema, CertificateParamsSchema, ResultsParamsSchema, ResultsSchema,
} from './results.schemas.js';
import * as service from './results.service.js';

/** The public address certificates' QR codes point to: the one this request came in by. */
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function sendFile(request: FastifyRequest, reply: FastifyReply, file: ReportFile) {
  noStore(reply);
  request.log.info({ file: file.name, bytes: file.data.length, ms: file.ms, pages: file.pages }, 'contest file generated');
  return reply.type(file.mime).header('content-disposition', attachmentHeader(file.name)).header('server-timing', `file;dur=${file.ms}`).send(file.data);
}

/** Results, freeze, live stream, awards, certificates and their public check (issue 6 §5). */
export const resultsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];
  const params = ResultsParamsSchema;

  app.get('/api/contests/:id/results', {
    schema: { tags, summary: '竞赛成绩（公众看冻结榜；组委会与裁判长看实时）/ results', params, response: { 200: ResultsSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.getResults(ctx, request.actor, request.params.id);
  });

  app.get('/api/contests/:id/results/stream', {
    schema: { tags, summary: '成绩实时推送（SSE，公众榜：冻结期间不变）/ the public board as Server-Sent Events', params },
  }, async (request, reply) => {
    const id = request.params.id;
    await service.publicResults(ctx, id).catch((e: { status?: number }) => { if (e.status === 404) throw e; }); // 404 before the stream opens
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    // One payload per change for every subscriber: the public board (a 409 while a locked item cannot be computed is sent as its error).
    const produce = async () => JSON.stringify(await service.publicResults(ctx, id).catch((e: { code?: string; status?: number }) => ({ error: { code: e.code ?? 'system.error', status: e.status ?? 500 } })));
    const unsubscribe = await ctx.live.subscribe(`contest:${id}`, produce, (f) => { res.write(f); });
    request.raw.on('close', unsubscribe);
  });

  app.post('/api/contests/:id/results/freeze', {
    schema: { tags, summary: '冻结成绩榜（组委会或裁判长；再次冻结则更新为当前成绩）/ freeze the public board', params, response: { 200: ResultsSchema } },
  }, async (request) => service.freezeResults(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.delete('/api/contests/:id/results/freeze', {
    schema: { tags, summary: '解除冻结 / unfreeze', params },
  }, async (request, reply) => {
    await service.unfreezeResults(ctx, requireActor(request), request.params.id, requestMeta(request));
    return reply.code(204).send();
  });

  app.get('/api/contests/:id/awards', {
    schema: { tags, summary: '获奖名单（团体、个人一二三等奖、单项奖）/ award lists', params, response: { 200: AwardsSchema } },
  }, async (request, reply) => {
    noStore(reply);
    const { results, lines } = await service.getAwards(ctx, request.actor, request.params.id, request.lang);
    return { complete: results.complete, lockedItems: results.lockedItems, totalItems: results.totalItems, frozen: results.frozen, live: results.live, items: lines };
  });

  app.get('/api/contests/:id/results.xlsx', {
    schema: { tags, summary: '成绩 Excel（个人、团体、各分项、获奖名单）/ results workbook', params },
  }, async (request, reply) => sendFile(request, reply, await service.resultsXlsx(ctx, request.actor, request.params.id, request.lang)));

  app.post('/api/contests/:id/certificates', {
    schema: { tags, summary: '颁发证书（成绩全部锁定并揭晓后；重复调用返回已颁发的）/ issue certificates', params, response: { 200: CertificateListSchema } },
  }, async (request) => certificates.issueCertificates(ctx, requireActor(request), request.params.id, origin(request), requestMeta(request)));

  app.get('/api/contests/:id/certificates', {
    schema: { tags, summary: '已颁发的证书 / certificates in force', params, response: { 200: CertificateListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return certificates.listCertificates(ctx, requireActor(request), request.params.id, origin(request));
  });

  app.get('/api/contests/:id/certificates.pdf', {
    schema: { tags, summary: '全部证书 PDF（A4 横版，每页一张）/ every certificate', params },
  }, async (request, reply) => sendFile(request, reply, await certificates.certificatesPdf(ctx, requireActor(request), request.params.id, origin(request))));

  app.get('/api/contests/:id/certificates/:certId.pdf', {
    schema: { tags, summary: '一张证书 PDF / one certificate', params: CertificateParamsSchema },
  }, async (request, reply) => sendFile(request, reply, await certificates.certificatesPdf(ctx, requireActor(request), request.params.id, origin(request), request.params.certId)));

  app.get('/api/certificates/:code', {
    schema: { tags, summary: '证书验证（公开：姓名、代表队、奖项、竞赛；已撤销的标明）/ check a certificate', params: CertificateCodeParamsSchema, response: { 200: CertificateCheckSchema } },
  }, async (request) => certificates.checkCertificate(ctx, request.params.code));
};
