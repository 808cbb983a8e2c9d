import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { zodIssuesToFieldIssues } from '../../platform/validation.js';
import { aidListTemplate, MAX_LIST_BYTES } from './aid-sheet.js';
import * as enrolments from './aid-enrolments.service.js';
import {
  EnrolmentIdParamsSchema, EnrolmentListQuerySchema, EnrolmentListSchema, EnrolmentSchema, MyEnterprisesSchema, PlanIdParamsSchema, PlanInputSchema,
  PlanListQuerySchema, PlanListSchema, PlanSchema, PlanStatusSchema, PlanUpdateSchema, ReturnEnrolmentSchema, UploadFieldsSchema,
} from './aid.schemas.js';
import * as plans from './aid.service.js';

// Mutual aid (职工互助保障, issue 8 §3): plans and employers' enrolments. HTTP only: parse → service → reply.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The list upload: fields planId, enterpriseId and the file (400 naming what is missing, 413 past the limit). */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) throw new AppError('imports.file_required', 400);
  const fields: Record<string, string> = {};
  let file: { name: string; data: Buffer } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
      else if (part.fieldname === 'file') file = { name: part.filename, data: await part.toBuffer() };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('services.aid.list_too_large', 413, { limitMb: MAX_LIST_BYTES / 1024 / 1024 });
    throw error;
  }
  const parsed = UploadFieldsSchema.safeParse({ planId: fields.planId, enterpriseId: fields.enterpriseId || undefined });
  const issues = parsed.success ? [] : zodIssuesToFieldIssues(parsed.error);
  if (!file) issues.push({ path: 'file', code: 'imports.file_required' });
  if (!parsed.success || !file) throw invalid(issues);
  return { ...parsed.data, file };
}

export const aidRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: MAX_LIST_BYTES, files: 1, fields: 4 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['services'];
  const P = '/api/services/aid/plans';
  const E = '/api/services/aid/enrolments';

  app.get(P, {
    schema: { tags, summary: '互助保障计划（公开：开放中的；本省工会工作人员另见草稿与已结束的）/ mutual-aid plans', querystring: PlanListQuerySchema, response: { 200: PlanListSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return plans.listPlans(ctx, request.actor, request.query);
  });

  app.get(`${P}/:id`, {
    schema: { tags, summary: '互助保障计划详情 / one plan', params: PlanIdParamsSchema, response: { 200: PlanSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return plans.getPlan(ctx, request.actor, request.params.id);
  });

  app.post(P, {
    schema: {
      tags, summary: '新建互助保障计划草稿（省/市总工会工作人员）/ create a draft plan', body: PlanInputSchema, response: { 201: PlanSchema },
      description: 'Accepts Idempotency-Key. 403 `services.aid.not_plan_manager` names the federation.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => plans.createPlan(ctx, actor, request.body, requestMeta(request))));
  });

  app.patch(`${P}/:id`, {
    schema: { tags, summary: '修改计划（带 version；开放后价格与期限不可改）/ change a plan', params: PlanIdParamsSchema, body: PlanUpdateSchema, response: { 200: PlanSchema } },
  }, async (request) => plans.updatePlan(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.post(`${P}/:id/open`, {
    schema: { tags, summary: '开放计划（职工可见，单位可参保）/ open a draft plan', params: PlanIdParamsSchema, body: PlanStatusSchema, response: { 200: PlanSchema } },
  }, async (request) => plans.openPlan(ctx, requireActor(request), request.params.id, request.body.version, requestMeta(request)));

  app.post(`${P}/:id/close`, {
    schema: { tags, summary: '结束计划（不再受理参保）/ close a plan', params: PlanIdParamsSchema, body: PlanStatusSchema, response: { 200: PlanSchema } },
  }, async (request) => plans.closePlan(ctx, requireActor(request), request.params.id, request.body.version, requestMeta(request)));

  // ---- enrolments by employers' agents ----

  app.get('/api/services/aid/enrolment-template', {
    schema: { tags, summary: '参保名单模板（.xlsx：姓名、身份证号、手机号）/ the list template' },
  }, async (_request, reply) => reply.type(XLSX).header('content-disposition', attachmentHeader('互助保障参保名单模板.xlsx')).send(await aidListTemplate()));

  app.get('/api/services/aid/my-enterprises', {
    schema: { tags, summary: '我可为其参保的单位（及确认名单的工会）/ my employers', response: { 200: MyEnterprisesSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return enrolments.myEnterprises(ctx, requireActor(request));
  });

  app.post(E, {
    bodyLimit: MAX_LIST_BYTES + 64 * 1024,
    schema: {
      tags, summary: '上传参保名单（全部通过或全部不写入；同一文件再传得到同一草稿）/ upload a list', response: { 200: EnrolmentSchema, 201: EnrolmentSchema },
      description: 'multipart/form-data: `planId`, `enterpriseId` (optional with one employer), `file` (.xlsx or .csv, UTF-8 or GB18030). Accepts Idempotency-Key. '
        + '422 `services.aid.list_invalid` with `errors: [{ sheet, row, column, message }]` naming every bad row; 201 a new draft, 200 the draft of the same file.',
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const upload = await readUpload(request);
    noStore(reply);
    const result = await withIdempotency(ctx, request, actor.id, () => enrolments.uploadList(ctx, actor, upload, requestMeta(request)));
    return reply.code(result.created ? 201 : 200).send(result.enrolment);
  });

  app.get(E, {
    schema: { tags, summary: '参保名单（单位：本单位的；工会：辖区内已提交的）/ enrolments', querystring: EnrolmentListQuerySchema, response: { 200: EnrolmentListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return enrolments.listEnrolments(ctx, requireActor(request), request.query);
  });

  app.get(`${E}/:id`, {
    schema: { tags, summary: '参保名单详情（成员身份证号、手机号脱敏；工会查看留痕）/ one enrolment', params: EnrolmentIdParamsSchema, response: { 200: EnrolmentSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return enrolments.getEnrolment(ctx, requireActor(request), request.params.id, requestMeta(request));
  });

  app.post(`${E}/:id/submit`, {
    schema: { tags, summary: '确认人数与金额并提交工会 / submit to the union', params: EnrolmentIdParamsSchema, response: { 200: EnrolmentSchema }, description: 'Accepts Idempotency-Key.' },
  }, async (request) => {
    const actor = requireActor(request);
    return withIdempotency(ctx, request, actor.id, () => enrolments.submitEnrolment(ctx, actor, request.params.id, requestMeta(request)));
  });

  app.post(`${E}/:id/cancel`, {
    schema: { tags, summary: '撤销草稿或被退回的名单 / cancel', params: EnrolmentIdParamsSchema, response: { 200: EnrolmentSchema } },
  }, async (request) => enrolments.cancelEnrolment(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.post(`${E}/:id/confirm`, {
    schema: { tags, summary: '工会确认参保 / confirm (the enterprise\'s union or above)', params: EnrolmentIdParamsSchema, response: { 200: EnrolmentSchema } },
  }, async (request) => enrolments.confirmEnrolment(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.post(`${E}/:id/return`, {
    schema: { tags, summary: '退回名单（须填写原因；名单成员删除，可重新参保）/ return with a note', params: EnrolmentIdParamsSchema, body: ReturnEnrolmentSchema, response: { 200: EnrolmentSchema } },
  }, async (request) => enrolments.returnEnrolment(ctx, requireActor(request), request.params.id, request.body.note, requestMeta(request)));
};
