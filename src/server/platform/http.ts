import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../../shared/i18n/index.js';
import type { Actor, RequestMeta } from './actor.js';
import { AppError, unauthenticated } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
    lang: Lang;
  }
}

/** The logged-in actor, or 401 (saying "expired" when the session ran out). */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  if (request.sessionExpired) throw new AppError('auth.session_expired', 401);
  throw unauthenticated();
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null, requestId: String(request.id), userAgent: request.headers['user-agent'] ?? null };
}

/** Never cache personal or per-user responses. */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}
