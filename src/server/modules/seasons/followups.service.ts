import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { isStaff, isWithinScope } from '../accounts/accounts.policy.js';
import { todayIso } from '../jobs/postings.service.js';

// Follow-ups of confirmed hiring intents (issue 5 §5): at 30 and 90 days the enterprise's union
// asks whether the contract was signed and the work started, and records what it found. The
// season's outcome report counts the answers.

export interface FollowUpQuery { page: number; pageSize: number; state?: 'due' | 'overdue' | 'upcoming' | 'done' | undefined; seasonId?: number | undefined; day?: number | undefined; id?: number }

/** The follow-ups of the unions in the caller's scope: due (today or overdue), overdue, upcoming or done; of one season or day (30, 90). */
export async function listFollowUps(ctx: AppContext, actor: Actor, query: FollowUpQuery) {
  if (!isStaff(actor) || actor.scopePrefix === null) throw forbidden();
  const today = todayIso(); // a China date, as due_on is
  let q = ctx.db.selectFrom('intent_follow_ups as f').innerJoin('unions as u', 'u.id', 'f.owner_union_id').innerJoin('hiring_intents as i', 'i.id', 'f.intent_id')
    .innerJoin('events as e', 'e.id', 'i.event_id').innerJoin('enterprises as x', 'x.id', 'i.enterprise_id').innerJoin('postings as p', 'p.id', 'i.posting_id')
    .innerJoin('event_visitors as v', 'v.id', 'i.visitor_id')
    .where('u.scope_prefix', 'like', `${actor.scopePrefix}%`).where('i.status', '=', 'confirmed');
  if (query.seasonId) q = q.where('e.season_id', '=', query.seasonId);
  if (query.id) q = q.where('f.id', '=', query.id);
  if (query.day) q = q.where('f.day', '=', query.day);
  if (query.state === 'done') q = q.where('f.done_at', 'is not', null);
  else if (query.state === 'upcoming') q = q.where('f.done_at', 'is', null).where('f.due_on', '>', today);
  else if (query.state === 'due') q = q.where('f.done_at', 'is', null).where('f.due_on', '<=', today);
  else if (query.state === 'overdue') q = q.where('f.done_at', 'is', null).where('f.due_on', '<', today);
  const [rows, total] = await Promise.all([
    q.select(['f.id', 'f.day', 'f.due_on', 'f.contract_signed', 'f.started_work', 'f.note', 'f.done_at', 'u.name as union_name', 'x.name as enterprise_name', 'p.title',
      'i.salary', 'i.start_date', 'v.name as visitor_name', 'v.phone_masked', 'e.name as event_name'])
      .orderBy('f.due_on').orderBy('f.id').offset(pageOffset(query)).limit(query.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id, day: r.day, dueOn: r.due_on, overdue: !r.done_at && r.due_on < today, union: r.union_name, enterprise: r.enterprise_name, posting: r.title, event: r.event_name,
      salary: r.salary, startDate: r.start_date, visitor: { name: r.visitor_name, phoneMasked: r.phone_masked },
      outcome: r.done_at ? { contractSigned: r.contract_signed, startedWork: r.started_work, note: r.note, doneAt: r.done_at.toISOString() } : null,
    })),
  };
}

/** Record what the union found. The owning union (or one above it) answers; a later answer replaces it. */
export async function recordFollowUp(ctx: AppContext, actor: Actor, id: number, input: { contractSigned: boolean; startedWork: boolean; note?: string | undefined }, meta: RequestMeta) {
  const row = await ctx.db.selectFrom('intent_follow_ups as f').innerJoin('unions as u', 'u.id', 'f.owner_union_id').select(['f.id', 'f.day', 'f.intent_id', 'u.scope_prefix'])
    .where('f.id', '=', id).executeTakeFirst();
  if (!row || !isStaff(actor) || !isWithinScope(actor, row.scope_prefix)) throw notFound('seasons.follow_up_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('intent_follow_ups').set({ contract_signed: input.contractSigned, started_work: input.startedWork, note: input.note ?? '', done_at: sql`now()`, done_by: actor.id })
      .where('id', '=', id).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'intent.follow_up', subjectType: 'hiring_intent', subjectId: String(row.intent_id), subjectLabel: `${row.day} 天回访`, scopePrefix: row.scope_prefix, ip: meta.ip, requestId: meta.requestId });
  });
  return (await listFollowUps(ctx, actor, { page: 1, pageSize: 1, id })).items[0]!;
}

/** The season's outcome report: at 30 and 90 days, how many intents were followed up, signed, started. */
export async function followUpReport(ctx: AppContext, actor: Actor, seasonId: number) {
  if (!isStaff(actor) || actor.scopePrefix === null) throw forbidden();
  const rows = await ctx.db.selectFrom('intent_follow_ups as f').innerJoin('hiring_intents as i', 'i.id', 'f.intent_id').innerJoin('events as e', 'e.id', 'i.event_id')
    .innerJoin('unions as u', 'u.id', 'f.owner_union_id')
    .select(['f.day', 'u.federation',
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.count<number>('f.done_at').as('done'),
      sql<number>`count(*) FILTER (WHERE f.contract_signed)`.as('signed'),
      sql<number>`count(*) FILTER (WHERE f.started_work)`.as('started')])
    .where('e.season_id', '=', seasonId).where('i.status', '=', 'confirmed').where('u.scope_prefix', 'like', `${actor.scopePrefix}%`)
    .groupBy(['f.day', 'u.federation']).orderBy('f.day').orderBy('u.federation').execute();
  return rows.map((r) => ({ day: r.day, federation: r.federation as '50' | '51', total: Number(r.total), done: Number(r.done), contractSigned: Number(r.signed), startedWork: Number(r.started) }));
}
