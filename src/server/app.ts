import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isMessageKey, pickLang, translate, type Lang, type MessageParams } from '../shared/i18n/index.js';
import type { AppContext } from './platform/context.js';
import { AppError, type FieldIssue } from './platform/errors.js';
import './platform/http.js';
import { createMetrics } from './platform/metrics.js';
import { toFieldIssue, type ZodLikeIssue } from './platform/validation.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { resolveSession, SESSION_COOKIE } from './modules/accounts/accounts.service.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { postingsRoutes } from './modules/jobs/postings.routes.js';
import { searchRoutes } from './modules/jobs/search/search.routes.js';
import { seasonsRoutes } from './modules/seasons/seasons.routes.js';
import { livestreamRoutes } from './modules/seasons/livestream.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { contestsRoutes } from './modules/contests/contests.routes.js';
import { schemeRoutes } from './modules/contests/scheme.routes.js';
import { scoresRoutes } from './modules/contests/scores.routes.js';
import { resultsRoutes } from './modules/contests/results.routes.js';
import { reportsRoutes } from './modules/cooperation/reports.routes.js';
import { meetingsRoutes } from './modules/cooperation/meetings.routes.js';
import { itemsRoutes } from './modules/cooperation/items.routes.js';
import { yearlyRoutes } from './modules/cooperation/yearly.routes.js';
import { aidRoutes } from './modules/services/aid.routes.js';
import { requestsRoutes } from './modules/services/requests.routes.js';
import { membershipRoutes } from './modules/services/membership.routes.js';
import { figuresRoutes } from './modules/services/figures.routes.js';
import { fairDeskRoutes } from './modules/services/fair-desk.routes.js';
import { rightsRoutes } from './modules/services/rights.routes.js';
import { hiringRoutes } from './modules/hiring/hiring.routes.js';
import { seekersRoutes } from './modules/seekers/seekers.routes.js';
import { enterprisesRoutes } from './modules/orgs/enterprises.routes.js';
import { orgsRoutes } from './modules/orgs/orgs.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { registerWeb, type WebOptions } from './web.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  logger?: FastifyBaseLogger;
  web?: WebOptions;
}

export type App = FastifyInstance;

/** Build the Fastify app: platform plugins, error handling, the modules' routes and the web app. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: ctx.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const metrics = createMetrics();
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: options.web?.mode === 'dev' ? false : {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false, // set by the TLS-terminating proxy, which knows whether HTTPS is in use
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('http.too_many_requests', 429, { seconds: Math.ceil(context.ttl / 1000) }, [], {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });

  // Sessions: resolve the cookie once per API request.
  app.addHook('preHandler', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const found = await resolveSession(ctx, token);
    if (found && 'actor' in found) request.actor = found.actor;
    else if (found) request.sessionExpired = true;
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const lang = request.lang ?? pickLang(request.headers['accept-language']);
    const { status, body, headers } = toErrorResponse(error, lang, String(request.id));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status }, 'request rejected');
    return reply.code(status).headers(headers).send(body);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'chuanyu 川渝工会协作平台 API', version: ctx.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(systemRoutes(ctx, metrics));
  await app.register(accountsRoutes(ctx));
  await app.register(orgsRoutes(ctx));
  await app.register(enterprisesRoutes(ctx));
  await app.register(postingsRoutes(ctx));
  await app.register(searchRoutes(ctx));
  await app.register(seekersRoutes(ctx));
  await app.register(hiringRoutes(ctx));
  await app.register(importsRoutes(ctx));
  await app.register(seasonsRoutes(ctx));
  await app.register(livestreamRoutes(ctx));
  await app.register(statsRoutes(ctx));
  await app.register(contestsRoutes(ctx));
  await app.register(schemeRoutes(ctx));
  await app.register(scoresRoutes(ctx));
  await app.register(resultsRoutes(ctx));
  await app.register(reportsRoutes(ctx));
  await app.register(meetingsRoutes(ctx));
  await app.register(itemsRoutes(ctx));
  await app.register(yearlyRoutes(ctx));
  await app.register(aidRoutes(ctx));
  await app.register(requestsRoutes(ctx));
  await app.register(membershipRoutes(ctx));
  await app.register(figuresRoutes(ctx));
  await app.register(fairDeskRoutes(ctx));
  await app.register(rightsRoutes(ctx));

  await registerWeb(app, options.web);
  return app;
}

interface ErrorBody {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
  errors?: { sheet: string; row: number; column: string; message: string }[];
}

function translateParams(lang: Lang, params: MessageParams): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && isMessageKey(v) ? translate(lang, v) : v]),
  );
}

const issueOut = (lang: Lang) => (issue: FieldIssue) => ({
  path: issue.path,
  message: translate(lang, issue.code, translateParams(lang, issue.params ?? {})),
});

/** Map any error to the API's error shape; messages in the request's language, never a stack trace. */
export function toErrorResponse(error: unknown, lang: Lang, requestId: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: translate(lang, error.code, translateParams(lang, error.params)) };
    if (error.issues.length) body.issues = error.issues.map(issueOut(lang));
    if (error.rowIssues.length) {
      body.errors = error.rowIssues.map((r) => ({
        sheet: r.sheet, row: r.row, column: r.column, message: translate(lang, r.code, translateParams(lang, r.params ?? {})),
      }));
    }
    return { status: error.status, body, headers: error.headers };
  }
  const e = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const issues = e.validation.map((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      return toFieldIssue({ ...(v.params as object), code: v.keyword, message: v.message ?? '', path } as ZodLikeIssue);
    });
    const body: ErrorBody = {
      code: 'validation.failed',
      message: translate(lang, 'validation.failed', { count: issues.length }),
      issues: issues.map(issueOut(lang)),
    };
    return { status: 400, body, headers: {} };
  }
  const simple = (status: number, code: Parameters<typeof translate>[1], params: MessageParams = {}) => ({
    status, body: { code, message: translate(lang, code, params) }, headers: {},
  });
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return simple(413, 'http.payload_too_large', { limit: `${BODY_LIMIT_BYTES / 1024 / 1024} MB` });
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return simple(415, 'http.unsupported_media_type', { type: String(e.message).split(': ').pop() ?? '' });
  }
  if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return simple(400, 'http.invalid_json');
  }
  if (isDbDown(e)) return simple(503, 'system.db_unavailable');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return simple(e.statusCode, 'http.bad_request');
  }
  return simple(500, 'http.internal', { requestId });
}

/** Connection-level failures (refused, reset, pool timeout) mean the database is unreachable. */
export function isDbDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001'].includes(e.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Connection refused/i.test(e.message ?? '')
  );
}
