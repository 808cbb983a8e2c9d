import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { likeEscape, pageOf, pageOffset, PageQuerySchema } from '../../platform/pagination.js';
import { canViewAudit } from '../accounts/accounts.policy.js';

export const AuditListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(60).optional(),
});

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), username: z.string().nullable() }).nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  subjectLabel: z.string().nullable(),
  fields: z.array(z.string()),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const AuditListSchema = pageOf(AuditEntrySchema);

/** Audit entries about people in the actor's scope (platform admins see every entry). */
export async function listAudit(ctx: AppContext, actor: Actor, query: z.infer<typeof AuditListQuerySchema>) {
  if (!canViewAudit(actor) || actor.scopePrefix === null) throw forbidden();
  let q = ctx.db.selectFrom('audit_log').leftJoin('users as u', 'u.id', 'audit_log.actor_id');
  if (actor.scopePrefix !== '') {
    const prefix = actor.scopePrefix;
    // Staff see entries about their people, and what they themselves did.
    q = q.where((eb) => eb.or([eb('scope_prefix', 'like', `${likeEscape(prefix)}%`), eb('actor_id', '=', actor.id)]));
  }
  if (query.action) q = q.where('action', '=', query.action);
  if (query.q) {
    const pattern = `%${likeEscape(query.q)}%`;
    q = q.where((eb) => eb.or([eb('actor_label', 'ilike', pattern), eb('subject_label', 'ilike', pattern), eb('reason', 'ilike', pattern)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('audit_log').select(['u.name as actor_name', 'u.username as actor_username']).orderBy('audit_log.id', 'desc').limit(query.pageSize).offset(pageOffset(query)).execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? r.actor_label ?? '', username: r.actor_username ?? null } : null,
      actorLabel: r.actor_label,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectLabel: r.subject_label,
      fields: r.fields,
      reason: r.reason,
      ip: r.ip,
      requestId: r.request_id,
    })),
  };
}
