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

/** The one uploaded file of a multipart request (field `file`): 400 without one, 413 past `maxBytes`. */
export async function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<{ name: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError('files.required', 400);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') return { name: part.filename, data: await part.toBuffer() };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('files.too_large', 413, { limitMb: Math.round(maxBytes / 1024 / 1024) });
    throw error;
  }
  throw new AppError('files.required', 400);
}
