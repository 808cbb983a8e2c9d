import type { Executor } from './db.js';

/** What one audit entry says: who did what to whose data, and why. */
export interface AuditEntry {
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  subjectLabel?: string | null;
  /** Region prefix of the subject's owning union, for scoped viewing. */
  scopePrefix?: string | null;
  /** Personal-data fields read or changed. */
  fields?: string[];
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Append to the audit log, inside the caller's transaction so the log and the change commit together. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      subject_label: entry.subjectLabel ?? null,
      scope_prefix: entry.scopePrefix ?? null,
      fields: entry.fields ?? [],
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      request_id: entry.requestId ?? null,
    })
    .execute();
}
