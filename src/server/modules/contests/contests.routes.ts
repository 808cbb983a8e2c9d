import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/files.js';
import { noStore, requestMeta, requireActor } from '../../platform/http.js';
import { withIdempotency } from '../../platform/idempotency.js';
import { LIMITS } from '../imports/read.js';
import {
  ContestIdParamsSchema, ContestInputSchema, ContestListQuerySchema, ContestListSchema, ContestSchema, ContestUpdateSchema, PreliminaryInputSchema,
  QualifyResultSchema, RoundParamsSchema, RoundScoresInputSchema, RoundScoresSchema, RoundUpdateSchema, TeamInputSchema, TeamListSchema, TeamParamsSchema,
  TeamSchema, TeamUpdateSchema,
} from './contests.schemas.js';
import * as service from './contests.service.js';
import {
  ContestantInputSchema, ContestantListQuerySchema, ContestantListSchema, ContestantParamsSchema, ContestantSchema, ContestantUpdateSchema,
  ImportResultSchema, RevealBodySchema, RevealResultSchema, WrittenInputSchema,
} from './contestants.schemas.js';
import * as contestants from './contestants.service.js';
import { contestantTemplate, importContestants, importWritten, writtenTemplate } from './contestants.import.js';
import * as stages from './stages.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The one uploaded file of a multipart request (field `file`). */
async function uploadedFile(request: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError('imports.file_required', 400);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') return { name: part.filename, data: await part.toBuffer() };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('imports.too_large', 413);
    throw error;
  }
  throw new AppError('imports.file_required', 400);
}

// The setup slice of skills competitions (issue 6 §1): contests, rounds, teams, contestants, written
// scores, lots and reveal. HTTP only: parse → one service call → reply.

export const contestsRoutes = (ctx: AppContext): FastifyPluginAsync => async (base) => {
  await base.register(fastifyMultipart, { limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 5 } });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['contests'];

  app.get('/api/contests', {
    schema: { tags, summary: '技能竞赛列表（公开的；工作人员另见本范围草稿；裁判见所执裁的）/ contests', querystring: ContestListQuerySchema, response: { 200: ContestListSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return service.listContests(ctx, request.actor, request.query);
  });

  app.post('/api/contests', {
    schema: { tags, summary: '新建竞赛（默认含决赛一轮）/ create a contest', body: ContestInputSchema, response: { 201: ContestSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createContest(ctx, requireActor(request), request.body, requestMeta(request))));

  app.get('/api/contests/:id', {
    schema: { tags, summary: '竞赛详情：轮次、人数与我的权限 / a contest', params: ContestIdParamsSchema, response: { 200: ContestSchema } },
  }, async (request, reply) => {
    if (request.actor) noStore(reply);
    return service.getContest(ctx, request.actor, request.params.id);
  });

  app.patch('/api/contests/:id', {
    schema: { tags, summary: '修改竞赛（带 version，过期 409）/ change a contest', params: ContestIdParamsSchema, body: ContestUpdateSchema, response: { 200: ContestSchema } },
  }, async (request) => service.updateContest(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)));

  app.get('/api/contests/:id/chief-judge-candidates', {
    schema: {
      tags, summary: '可选的裁判长（具有裁判长角色的用户）/ chief judge candidates', params: ContestIdParamsSchema,
      querystring: z.object({ q: z.string().trim().max(50).optional() }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), username: z.string().nullable() })) }) },
    },
  }, async (request, reply) => {
    noStore(reply);
    return service.chiefJudgeCandidates(ctx, requireActor(request), request.params.id, request.query.q);
  });

  // ---- teams ----

  app.get('/api/contests/:id/teams', {
    schema: { tags, summary: '代表队（派出工会、人数；我能否为其报名）/ teams', params: ContestIdParamsSchema, response: { 200: TeamListSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return service.listTeams(ctx, request.actor, request.params.id);
  });

  app.post('/api/contests/:id/teams', {
    schema: { tags, summary: '新增代表队 / add a team', params: ContestIdParamsSchema, body: TeamInputSchema, response: { 201: TeamSchema } },
  }, async (request, reply) => reply.code(201).send(await service.createTeam(ctx, requireActor(request), request.params.id, request.body, requestMeta(request))));

  app.patch('/api/contests/:id/teams/:teamId', {
    schema: { tags, summary: '修改代表队 / change a team', params: TeamParamsSchema, body: TeamUpdateSchema, response: { 200: TeamSchema } },
  }, async (request) => service.updateTeam(ctx, requireActor(request), request.params.id, request.params.teamId, request.body, requestMeta(request)));

  app.delete('/api/contests/:id/teams/:teamId', {
    schema: { tags, summary: '删除代表队（尚无选手时）/ delete a team with no contestants', params: TeamParamsSchema },
  }, async (request, reply) => {
    await service.deleteTeam(ctx, requireActor(request), request.params.id, request.params.teamId, requestMeta(request));
    return reply.code(204).send();
  });

  // ---- contestants ----

  app.get('/api/contests/:id/contestants', {
    schema: {
      tags, summary: '选手（组织方见姓名；派出工会见本队；裁判与公众揭晓前只见参赛号）/ contestants', params: ContestIdParamsSchema,
      querystring: ContestantListQuerySchema, response: { 200: ContestantListSchema },
    },
  }, async (request, reply) => {
    noStore(reply);
    return contestants.listContestants(ctx, request.actor, request.params.id, request.query);
  });

  app.post('/api/contests/:id/contestants', {
    schema: { tags, summary: '报名选手（身份证号加密；同一人只能在一个代表队，否则 409）/ register a contestant', params: ContestIdParamsSchema, body: ContestantInputSchema, response: { 201: ContestantSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    noStore(reply);
    return reply.code(201).send(await withIdempotency(ctx, request, actor.id, () => contestants.createContestant(ctx, actor, request.params.id, request.body, requestMeta(request))));
  });

  app.patch('/api/contests/:id/contestants/:contestantId', {
    schema: { tags, summary: '修改选手或退赛（带 version）/ change a contestant or withdraw', params: ContestantParamsSchema, body: ContestantUpdateSchema, response: { 200: ContestantSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return contestants.updateContestant(ctx, requireActor(request), request.params.id, request.params.contestantId, request.body, requestMeta(request));
  });

  app.delete('/api/contests/:id/contestants/:contestantId', {
    schema: { tags, summary: '撤销报名（抽签前）/ take back a registration before the draw', params: ContestantParamsSchema },
  }, async (request, reply) => {
    await contestants.deleteContestant(ctx, requireActor(request), request.params.id, request.params.contestantId, requestMeta(request));
    return reply.code(204).send();
  });

  app.post('/api/contests/:id/contestants/:contestantId/reveal', {
    schema: { tags, summary: '查看完整身份证号或手机号（组织方，记录审计）/ reveal (audited)', params: ContestantParamsSchema, body: RevealBodySchema, response: { 200: RevealResultSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return contestants.revealContestant(ctx, requireActor(request), request.params.id, request.params.contestantId, request.body.field, request.body.reason, requestMeta(request));
  });

  app.put('/api/contests/:id/contestants/:contestantId/written', {
    schema: { tags, summary: '录入理论成绩（0–100，两位小数）/ written exam score', params: ContestantParamsSchema, body: WrittenInputSchema, response: { 200: ContestantSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return contestants.setWritten(ctx, requireActor(request), request.params.id, request.params.contestantId, request.body.written, requestMeta(request));
  });

  app.get('/api/contests/:id/contestants/template.xlsx', {
    schema: { tags, summary: '选手导入模板（.xlsx，中文表头）/ the registration template', params: ContestIdParamsSchema },
  }, async (_request, reply) => reply.type(XLSX).header('content-disposition', attachmentHeader('选手报名模板.xlsx')).send(await contestantTemplate()));

  app.post('/api/contests/:id/contestants/import', {
    bodyLimit: LIMITS.uploadBytes + 1024 * 1024,
    schema: {
      tags, summary: '批量导入选手（全部成功或全部不写入；幂等）/ import contestants, all or nothing', params: ContestIdParamsSchema,
      description: 'multipart/form-data with `file` (.xlsx or .csv). Accepts Idempotency-Key. 422 `imports.invalid` with `errors` naming every bad cell.',
      response: { 200: ImportResultSchema },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const file = await uploadedFile(request);
    return withIdempotency(ctx, request, actor.id, () => importContestants(ctx, actor, request.params.id, file.data, file.name, requestMeta(request)));
  });

  app.get('/api/contests/:id/written/template.xlsx', {
    schema: { tags, summary: '理论成绩表（列出本赛选手，填成绩后导入）/ the written-score sheet', params: ContestIdParamsSchema },
  }, async (request, reply) => {
    noStore(reply);
    const data = await writtenTemplate(ctx, requireActor(request), request.params.id);
    return reply.type(XLSX).header('content-disposition', attachmentHeader('理论成绩.xlsx')).send(data);
  });

  app.post('/api/contests/:id/written/import', {
    bodyLimit: LIMITS.uploadBytes + 1024 * 1024,
    schema: { tags, summary: '导入理论成绩（全部成功或全部不写入；幂等）/ import written scores', params: ContestIdParamsSchema, response: { 200: ImportResultSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    const file = await uploadedFile(request);
    return withIdempotency(ctx, request, actor.id, () => importWritten(ctx, actor, request.params.id, file.data, file.name, requestMeta(request)));
  });

  // ---- rounds, qualification, lots, reveal ----

  app.post('/api/contests/:id/rounds', {
    schema: { tags, summary: '增加初赛（排在决赛前）/ add a preliminary round', params: ContestIdParamsSchema, body: PreliminaryInputSchema, response: { 201: ContestSchema } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await stages.addPreliminary(ctx, actor, request.params.id, request.body, requestMeta(request));
    return reply.code(201).send(await service.getContest(ctx, actor, request.params.id));
  });

  app.patch('/api/contests/:id/rounds/:roundId', {
    schema: { tags, summary: '修改轮次与晋级规则 / change a round', params: RoundParamsSchema, body: RoundUpdateSchema, response: { 200: ContestSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    await stages.updateRound(ctx, actor, request.params.id, request.params.roundId, request.body, requestMeta(request));
    return service.getContest(ctx, actor, request.params.id);
  });

  app.delete('/api/contests/:id/rounds/:roundId', {
    schema: { tags, summary: '删除初赛（抽签前）/ delete a preliminary', params: RoundParamsSchema },
  }, async (request, reply) => {
    await stages.deleteRound(ctx, requireActor(request), request.params.id, request.params.roundId, requestMeta(request));
    return reply.code(204).send();
  });

  app.get('/api/contests/:id/rounds/:roundId/scores', {
    schema: { tags, summary: '初赛成绩 / a preliminary\'s scores', params: RoundParamsSchema, response: { 200: RoundScoresSchema } },
  }, async (request, reply) => {
    noStore(reply);
    return stages.getRoundScores(ctx, requireActor(request), request.params.id, request.params.roundId);
  });

  app.put('/api/contests/:id/rounds/:roundId/scores', {
    schema: { tags, summary: '录入初赛成绩（null 清除）/ enter a preliminary\'s scores', params: RoundParamsSchema, body: RoundScoresInputSchema, response: { 200: RoundScoresSchema } },
  }, async (request) => stages.setRoundScores(ctx, requireActor(request), request.params.id, request.params.roundId, request.body.scores, requestMeta(request)));

  app.post('/api/contests/:id/rounds/:roundId/qualify', {
    schema: { tags, summary: '按晋级规则确定决赛选手（抽签前可重做）/ apply the qualification rule', params: RoundParamsSchema, response: { 200: QualifyResultSchema } },
  }, async (request) => stages.applyQualification(ctx, requireActor(request), request.params.id, request.params.roundId, requestMeta(request)));

  app.post('/api/contests/:id/lots', {
    schema: {
      tags, summary: '抽签：为决赛选手随机分配参赛号（记录种子，可复核；开始评分后不能重抽）/ draw work numbers', params: ContestIdParamsSchema,
      response: { 200: z.object({ seed: z.string(), drawnAt: z.string(), count: z.number(), redraw: z.boolean() }) },
    },
  }, async (request) => stages.drawLots(ctx, requireActor(request), request.params.id, requestMeta(request)));

  app.post('/api/contests/:id/reveal', {
    schema: { tags, summary: '裁判长揭晓选手姓名（全部分项锁定后）/ the chief judge reveals the names', params: ContestIdParamsSchema, response: { 200: ContestSchema } },
  }, async (request) => {
    const actor = requireActor(request);
    await stages.reveal(ctx, actor, request.params.id, requestMeta(request));
    return service.getContest(ctx, actor, request.params.id);
  });
};
