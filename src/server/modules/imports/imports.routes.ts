import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { buildTemplate, exportSpreadsheet } from './export.js';
import { importSpreadsheet } from './imports.service.js';
import { LIMITS } from './read.js';
import { attachmentHeader } from '../../platform/files.js';

const KindSchema = z.enum(['enterprises', 'postings']);
const ResultSchema = z.object({
  created: z.number(), updated: z.number(), unchanged: z.number(), rows: z.number(),
  enterprises: z.object({ created: z.number(), updated: z.number() }),
  postings: z.object({ created: z.number(), updated: z.number() }),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


export const importsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 5 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];

  app.post('/api/imports', {
    bodyLimit: LIMITS.uploadBytes + 1024 * 1024,
    schema: {
      tags, summary: '导入企业或岗位表格（全部成功或全部不写入）/ all-or-nothing spreadsheet import',
      description: 'multipart/form-data with `kind` (enterprises | postings) and `file` (.xlsx or .csv, UTF-8 or GB18030). Accepts Idempotency-Key.',
      response: { 200: ResultSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!request.isMultipart()) throw new AppError('imports.file_required', 400);
    let kind: string | undefined;
    let file: { name: string; data: Buffer } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field' && part.fieldname === 'kind') kind = String(part.value);
        if (part.type === 'file' && part.fieldname === 'file') {
          file = { name: part.filename, data: await part.toBuffer() };
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('imports.too_large', 413);
      throw error;
    }
    const parsedKind = KindSchema.safeParse(kind);
    if (!parsedKind.success) throw new AppError('imports.unknown_kind', 400);
    if (!file) throw new AppError('imports.file_required', 400);
    const upload = file;
    return withIdempotency(ctx, request, actor.id, async () =>
      importSpreadsheet(ctx, { actor }, parsedKind.data, upload.data, upload.name, { meta: requestMeta(request) }));
  });

  app.get('/api/imports/templates/:kind', {
    schema: { tags, summary: '导入模板（.xlsx，中文表头）/ the template', params: z.object({ kind: KindSchema }) },
  }, async (request, reply) => {
    const name = request.params.kind === 'enterprises' ? '企业导入模板.xlsx' : '岗位导入模板.xlsx';
    return reply.type(XLSX).header('content-disposition', attachmentHeader(name)).send(await buildTemplate(request.params.kind));
  });

  app.get('/api/exports/:kind', {
    schema: { tags, summary: '导出企业或岗位（与导入同表头）/ export in scope', params: z.object({ kind: KindSchema }) },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const stream = await exportSpreadsheet(ctx.db, actor, request.params.kind);
    noStore(reply);
    const date = new Date().toISOString().slice(0, 10);
    const name = `${request.params.kind === 'enterprises' ? '企业' : '岗位'}-${date}.xlsx`;
    return reply.type(XLSX).header('content-disposition', attachmentHeader(name)).send(stream);
  });
};
