import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FieldCrypto } from './crypto.js';
import type { Executor } from './db.js';
import { AppError } from './errors.js';

// Uploaded files (migration 0005): what a file is comes from its first bytes, never from its
// name or the browser's content type; the content is sealed with the field key before it is stored.

export type FileKind = 'pdf' | 'docx' | 'jpeg' | 'png';

const MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const EXTENSION: Record<FileKind, string> = { pdf: '.pdf', docx: '.docx', jpeg: '.jpg', png: '.png' };

/** The kind of a file by its signature; a .docx is a zip holding word/document.xml. */
export function sniffFile(data: Buffer): FileKind | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    // The entry's name is stored uncompressed in its header; the file is never inflated here.
    if (data.includes('word/document.xml', 0, 'latin1')) return 'docx';
  }
  return null;
}

/** A name safe to show and to send back: no folders, no control characters, the kind's extension. */
export function cleanFileName(name: string, kind: FileKind): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 100) || 'file';
  return `${stem}${EXTENSION[kind]}`;
}

export interface UploadRules {
  kinds: FileKind[];
  maxBytes: number;
}

/** Check an upload against the rules: the error names the allowed kinds or the limit. */
export function checkUpload(data: Buffer, rules: UploadRules): FileKind {
  if (!data.length) throw new AppError('files.empty', 400);
  if (data.length > rules.maxBytes) throw new AppError('files.too_large', 413, { limitMb: Math.round(rules.maxBytes / 1024 / 1024) });
  const kind = sniffFile(data);
  if (!kind || !rules.kinds.includes(kind)) throw new AppError('files.type_not_allowed', 415, { kinds: rules.kinds.map((k) => k.toUpperCase()).join(' / ') });
  return kind;
}

export interface StoredFileInfo { id: string; name: string; mime: string; size: number; createdAt: string }

/** Seal and store a checked upload; returns its id. */
export async function storeFile(db: Executor, crypto: FieldCrypto, input: { purpose: 'resume' | 'agreement' | 'evidence' | 'report' | 'meeting' | 'service'; ownerUserId: string; name: string; kind: FileKind; data: Buffer }): Promise<StoredFileInfo> {
  const row = await db.insertInto('stored_files').values({
    purpose: input.purpose, owner_user_id: input.ownerUserId, name: cleanFileName(input.name, input.kind), mime: MIME[input.kind],
    size: input.data.length, sha256: createHash('sha256').update(input.data).digest(), content_enc: crypto.encryptBytes(input.data),
  }).returning(['id', 'name', 'mime', 'size', 'created_at']).executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, mime: row.mime, size: row.size, createdAt: row.created_at.toISOString() };
}

/** A file's description without its content. */
export async function describeFile(db: Executor, id: string): Promise<StoredFileInfo | null> {
  const row = await db.selectFrom('stored_files').select(['id', 'name', 'mime', 'size', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name, mime: row.mime, size: row.size, createdAt: row.created_at.toISOString() } : null;
}

/** A file opened for sending. */
export async function openFile(db: Executor, crypto: FieldCrypto, id: string): Promise<{ name: string; mime: string; data: Buffer } | null> {
  const row = await db.selectFrom('stored_files').select(['name', 'mime', 'content_enc']).where('id', '=', id).executeTakeFirst();
  return row ? { name: row.name, mime: row.mime, data: crypto.decryptBytes(row.content_enc) } : null;
}

/** Content-Disposition for a download whose name may be Chinese (RFC 6266 filename*). */
export function attachmentHeader(name: string, inline = false): string {
  const ascii = encodeURIComponent(name).replace(/%[0-9A-F]{2}/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
