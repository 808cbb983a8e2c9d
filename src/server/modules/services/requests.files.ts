import type { FastifyRequest } from 'fastify';
import type { Actor, RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { checkUpload, openFile, storeFile, type FileKind } from '../../platform/files.js';
import * as repo from './requests.repo.js';
import type { FileInfo } from './requests.schemas.js';
import { auditContentRead, loadRequest } from './requests.view.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT } from './services.rules.js';

// Attachments of a request (photos of documents, PDFs): known by their content, at most 10 MB and
// 6 per request or message; read by the worker and the owner union's staff only (staff audited).

const KINDS: FileKind[] = ['jpeg', 'png', 'pdf'];
const LIMIT = `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;

export interface Upload { name: string; data: Buffer; messageId: number | null }

/** The multipart body: `file` and an optional `messageId` field (413 past the size limit). */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('files.required', 400);
  let file: { name: string; data: Buffer } | null = null;
  let messageId: number | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { name: part.filename, data };
      } else if (part.fieldname === 'messageId' && String(part.value).trim()) {
        const value = Number(part.value);
        if (!Number.isInteger(value) || value < 1) throw invalid([{ path: 'messageId', code: 'services.requests.message_not_found' }]);
        messageId = value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    throw error;
  }
  if (!file) throw new AppError('files.required', 400);
  return { ...file, messageId };
}

const fileTooLarge = () => new AppError('services.requests.file_too_large', 413, { limit: LIMIT });

/** Check a file by its content (image or PDF, within the limit), with the requests' own messages. */
export function checkAttachment(data: Buffer): FileKind {
  try {
    return checkUpload(data, { kinds: KINDS, maxBytes: ATTACHMENT_MAX_BYTES });
  } catch (error) {
    if (error instanceof AppError && error.code === 'files.too_large') throw fileTooLarge();
    if (error instanceof AppError && error.code === 'files.type_not_allowed') throw new AppError('services.requests.file_type', 415);
    throw error;
  }
}

/** Attach a file to an open request (or to one of the uploader's own messages): the worker or the owner union's staff. */
export async function addRequestFile(ctx: AppContext, actor: Actor, id: string, upload: Upload, meta?: RequestMeta): Promise<FileInfo> {
  const kind = checkAttachment(upload.data);
  return ctx.db.transaction().execute(async (trx) => {
    const { row, access } = await loadRequest(trx, actor, id, { forUpdate: true });
    if (access === 'above') throw new AppError('services.requests.not_owner', 403, { union: row.owner_union_name });
    if (row.status === 'closed') throw conflict('services.requests.closed', { ref: row.ref_no });
    if (upload.messageId !== null) {
      const message = await repo.findMessage(trx, id, upload.messageId);
      if (!message) throw invalid([{ path: 'messageId', code: 'services.requests.message_not_found' }]);
      if (message.author_id !== actor.id) throw invalid([{ path: 'messageId', code: 'services.requests.message_not_yours' }]);
    }
    if ((await repo.countFiles(trx, id, upload.messageId)) >= ATTACHMENT_MAX_COUNT) throw conflict('services.requests.too_many_files', { max: ATTACHMENT_MAX_COUNT });
    const stored = await storeFile(trx, ctx.crypto, { purpose: 'service', ownerUserId: actor.id, name: upload.name, kind, data: upload.data });
    await repo.addFile(trx, id, stored.id, upload.messageId);
    await repo.updateRequest(trx, id, {});
    await auditContentRead(trx, actor, row, meta, { action: 'services.request.file_add', fields: ['files'], reason: stored.name });
    return stored;
  });
}

/** An attachment for the worker (not of internal notes) or the owner union's staff (audited). */
export async function openRequestFile(ctx: AppContext, actor: Actor, id: string, fileId: string, meta?: RequestMeta) {
  const { row, access } = await loadRequest(ctx.db, actor, id);
  if (access === 'above') throw new AppError('services.requests.not_owner', 403, { union: row.owner_union_name });
  const link = /^[0-9a-f-]{36}$/i.test(fileId) ? await repo.findFile(ctx.db, id, fileId) : undefined;
  if (!link || (access === 'worker' && link.is_internal)) throw notFound('files.not_found');
  const file = await openFile(ctx.db, ctx.crypto, fileId);
  if (!file) throw notFound('files.not_found');
  if (access === 'owner') await auditContentRead(ctx.db, actor, row, meta, { action: 'services.request.file_read', fields: ['files'], reason: file.name });
  return file;
}
