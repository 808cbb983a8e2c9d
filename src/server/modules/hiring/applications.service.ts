import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { describeFile, openFile } from '../../platform/files.js';
import type { AppContext } from '../../platform/context.js';
import type { ApplicationStatus, Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { maskName } from '../../../shared/validators.js';
import { findPublicPosting } from '../jobs/postings.repo.js';
import * as enterprisesRepo from '../orgs/enterprises.repo.js';
import { canManageEnterprise } from '../orgs/enterprises.policy.js';
import { markLivestreamIntent } from '../seasons/livestream.repo.js';
import { canMove, employerMaySee } from './pipeline.js';

// Applications (issue 4 §5): a seeker applies once per posting (idempotent with a key, 409 without),
// follows its status and may withdraw; the posting's employer — and the staff over its union —
// move it through the pipeline with notes. Phone and résumé reach the employer only as the
// seeker's choices allow, and every such look is in the audit log.

export interface ApplicationSummary {
  id: number;
  postingId: number;
  status: ApplicationStatus;
  createdAt: string;
}

const requireSeeker = (actor: Actor) => { if (!actor.roles.includes('seeker')) throw forbidden(); };

/**
 * Apply to a published posting of a verified enterprise. `within` runs in the application's own
 * transaction (a livestream room attributes and counts the applications made in it).
 */
export async function applyToJob(
  ctx: AppContext, actor: Actor, postingId: number, message: string | null,
  options: { within?: (trx: Executor, application: ApplicationSummary) => Promise<void> } = {},
): Promise<ApplicationSummary> {
  requireSeeker(actor);
  const posting = await findPublicPosting(ctx.db, postingId);
  if (!posting) throw notFound('jobs.not_found');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('applications').values({
      posting_id: postingId, seeker_id: actor.id, enterprise_id: posting.enterprise_id, owner_union_id: posting.owner_union_id, message,
    }).returning(['id', 'status', 'created_at']).executeTakeFirstOrThrow().catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw conflict('hiring.already_applied', { title: posting.title });
      throw error;
    });
    await trx.insertInto('application_events').values({ application_id: row.id, actor_id: actor.id, action: 'apply', from_status: null, to_status: 'new', note: null }).execute();
    const summary = { id: row.id, postingId, status: row.status, createdAt: row.created_at.toISOString() };
    await options.within?.(trx, summary);
    return summary;
  });
}

async function loadApplication(db: Executor, id: number) {
  return db.selectFrom('applications as a').innerJoin('postings as p', 'p.id', 'a.posting_id').innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .innerJoin('unions as n', 'n.id', 'a.owner_union_id')
    .select(['a.id', 'a.posting_id', 'a.seeker_id', 'a.enterprise_id', 'a.status', 'a.message', 'a.interview_accepted_at', 'a.created_at', 'a.updated_at', 'a.version',
      'p.title', 'e.name as enterprise_name', 'n.scope_prefix as owner_scope'])
    .where('a.id', '=', id).executeTakeFirst();
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadApplication>>>;

/** The posting's employer (active member) or staff over its union; anybody else gets 404. */
async function asEmployer(ctx: AppContext, actor: Actor, row: { enterprise_id: string; owner_scope: string }): Promise<'staff' | 'employer'> {
  if (canManageEnterprise(actor, row.owner_scope)) return 'staff';
  const member = await enterprisesRepo.findMembership(ctx.db, row.enterprise_id, actor.id);
  if (member?.status === 'active') return 'employer';
  throw notFound('hiring.not_found');
}

async function move(ctx: AppContext, actor: Actor, row: Loaded, to: ApplicationStatus, who: 'seeker' | 'employer', note: string | null, extra: Record<string, unknown> = {}) {
  if (!canMove(who, row.status, to)) throw new AppError('hiring.bad_transition', 409, { from: row.status, to });
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('applications').set({ status: to, ...extra, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('http.conflict_edit', 409);
    await trx.insertInto('application_events').values({ application_id: row.id, actor_id: actor.id, action: 'status', from_status: row.status, to_status: to, note }).execute();
    // An application made in a livestream room counts as the session's intent once it gets this far.
    if (to === 'intent' || to === 'hired') await markLivestreamIntent(trx, row.id);
  });
}

/** The seeker withdraws (until an intent is reached). */
export async function withdrawApplication(ctx: AppContext, actor: Actor, id: number) {
  const row = await loadApplication(ctx.db, id);
  if (!row || row.seeker_id !== actor.id) throw notFound('hiring.not_found');
  await move(ctx, actor, row, 'withdrawn', 'seeker', null);
  return getMyApplication(ctx, actor, id);
}

/** The seeker accepts the interview he was invited to: from now on the employer may see his phone. */
export async function acceptInterview(ctx: AppContext, actor: Actor, id: number) {
  const row = await loadApplication(ctx.db, id);
  if (!row || row.seeker_id !== actor.id) throw notFound('hiring.not_found');
  if (row.status !== 'interview') throw new AppError('hiring.no_interview', 409);
  if (!row.interview_accepted_at) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('applications').set({ interview_accepted_at: new Date(), updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute();
      await trx.insertInto('application_events').values({ application_id: id, actor_id: actor.id, action: 'accept_interview', from_status: 'interview', to_status: 'interview', note: null }).execute();
    });
  }
  return getMyApplication(ctx, actor, id);
}

function mine(ctx: AppContext, actor: Actor) {
  return ctx.db.selectFrom('applications as a').innerJoin('postings as p', 'p.id', 'a.posting_id').innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.posting_id', 'a.status', 'a.created_at', 'a.updated_at', 'a.interview_accepted_at', 'p.title', 'p.region_code', 'p.salary_min', 'p.salary_max',
      'p.salary_negotiable', 'p.status as posting_status', 'e.id as enterprise_id', 'e.name as enterprise_name'])
    .where('a.seeker_id', '=', actor.id);
}

type MineRow = Awaited<ReturnType<ReturnType<typeof mine>['execute']>>[number];

const toMine = (r: MineRow) => ({
  id: r.id, status: r.status, appliedAt: r.created_at.toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  interviewAccepted: r.interview_accepted_at !== null,
  posting: {
    id: r.posting_id, title: r.title, regionCode: r.region_code, salaryMin: r.salary_min, salaryMax: r.salary_max, salaryNegotiable: r.salary_negotiable,
    open: r.posting_status === 'published', enterprise: { id: r.enterprise_id, name: r.enterprise_name },
  },
});

/** The seeker's own applications, newest first. */
export async function listMyApplications(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  requireSeeker(actor);
  const [rows, total] = await Promise.all([
    mine(ctx, actor).orderBy('a.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    ctx.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('seeker_id', '=', actor.id).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), items: rows.map(toMine) };
}

export async function getMyApplication(ctx: AppContext, actor: Actor, id: number) {
  const row = await mine(ctx, actor).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('hiring.not_found');
  return toMine(row);
}

/** Applicants of one posting for its employer or the staff over it, filtered by status. */
export async function listApplicants(ctx: AppContext, actor: Actor, postingId: number, query: { status?: ApplicationStatus; page: number; pageSize: number }) {
  const posting = await ctx.db.selectFrom('postings as p').innerJoin('unions as n', 'n.id', 'p.owner_union_id')
    .select(['p.id', 'p.enterprise_id', 'n.scope_prefix as owner_scope']).where('p.id', '=', postingId).executeTakeFirst();
  if (!posting) throw notFound('postings.not_found');
  await asEmployer(ctx, actor, posting).catch(() => { throw notFound('postings.not_found'); });
  let q = ctx.db.selectFrom('applications as a').leftJoin('users as u', 'u.id', 'a.seeker_id').leftJoin('seeker_profiles as s', 's.user_id', 'a.seeker_id')
    .where('a.posting_id', '=', postingId);
  if (query.status) q = q.where('a.status', '=', query.status);
  const [rows, counts] = await Promise.all([
    q.select(['a.id', 'a.status', 'a.created_at', 'a.updated_at', 'a.interview_accepted_at', 'u.name', 's.education', 's.experience', 's.skills'])
      .orderBy('a.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    ctx.db.selectFrom('applications').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('posting_id', '=', postingId).groupBy('status').execute(),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  return {
    total: query.status ? (byStatus[query.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + b, 0),
    counts: byStatus,
    items: rows.map((r) => ({
      id: r.id, status: r.status, appliedAt: r.created_at.toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
      // The list shows a masked name only; the full record is one click away, and that click is logged.
      applicant: { name: r.name ? maskName(r.name) : '已注销用户', education: r.education ?? null, experience: r.experience ?? null, skills: r.skills ?? [] },
    })),
  };
}

/** One application for the employer: opening it marks it viewed; phone and résumé as the seeker allows (audited). */
export async function getApplicant(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta) {
  const row = await loadApplication(ctx.db, id);
  if (!row) throw notFound('hiring.not_found');
  const who = await asEmployer(ctx, actor, row);
  if (row.status === 'new' && who === 'employer') {
    await move(ctx, actor, row, 'viewed', 'employer', null);
    row.status = 'viewed';
    row.version++;
  }
  const seeker = row.seeker_id
    ? await ctx.db.selectFrom('users as u').leftJoin('seeker_profiles as s', 's.user_id', 'u.id')
      .select(['u.name', 'u.phone_enc', 'u.phone_masked', 's.education', 's.experience', 's.skills', 's.resume_text', 's.resume_file_id', 's.resume_visibility', 's.region_code'])
      .where('u.id', '=', row.seeker_id).executeTakeFirst()
    : undefined;
  const may = employerMaySee({ status: row.status, interviewAcceptedAt: row.interview_accepted_at }, seeker?.resume_visibility ?? 'none');
  const fields = [...(seeker && may.phone ? ['phone'] : []), ...(seeker && may.resume ? ['resume'] : [])];
  if (fields.length) {
    await recordAudit(ctx.db, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: 'application.view', subjectType: 'application', subjectId: String(id),
      subjectLabel: row.title, scopePrefix: row.owner_scope, fields, ip: meta.ip, requestId: meta.requestId,
    });
  }
  const events = await ctx.db.selectFrom('application_events as ev').leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select(['ev.id', 'ev.action', 'ev.from_status', 'ev.to_status', 'ev.note', 'ev.at', 'u.name as actor_name', 'ev.actor_id'])
    .where('ev.application_id', '=', id).orderBy('ev.id').execute();
  return {
    id: row.id, status: row.status, version: row.version, appliedAt: row.created_at.toISOString(), message: row.message,
    interviewAccepted: row.interview_accepted_at !== null,
    posting: { id: row.posting_id, title: row.title, enterprise: { id: row.enterprise_id, name: row.enterprise_name } },
    applicant: seeker ? {
      name: seeker.name, regionCode: seeker.region_code ?? null, education: seeker.education ?? null, experience: seeker.experience ?? null, skills: seeker.skills ?? [],
      phone: may.phone && seeker.phone_enc ? ctx.crypto.decrypt(seeker.phone_enc) : seeker.phone_masked,
      phoneVisible: may.phone, resume: may.resume ? seeker.resume_text : null, resumeHidden: !may.resume,
      resumeFile: may.resume && seeker.resume_file_id ? await fileBrief(ctx, seeker.resume_file_id) : null,
    } : null,
    history: events.map((e) => ({
      id: e.id, action: e.action, from: e.from_status, to: e.to_status, note: e.note, at: e.at.toISOString(),
      // The seeker's own steps name him no more than the list does.
      actor: e.actor_id && e.actor_id === row.seeker_id ? '求职者' : (e.actor_name ?? null),
    })),
    actions: (['viewed', 'interview', 'intent', 'hired', 'rejected'] as ApplicationStatus[]).filter((to) => canMove('employer', row.status, to)),
  };
}

async function fileBrief(ctx: AppContext, id: string) {
  const f = await describeFile(ctx.db, id);
  return f ? { name: f.name, mime: f.mime, size: f.size } : null;
}

/** The applicant's résumé file, for the employer (or the unions over it) as the seeker allows; every download audited. */
export async function downloadApplicantResume(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta) {
  const row = await loadApplication(ctx.db, id);
  if (!row) throw notFound('hiring.not_found');
  await asEmployer(ctx, actor, row);
  const seeker = row.seeker_id
    ? await ctx.db.selectFrom('seeker_profiles').select(['resume_file_id', 'resume_visibility']).where('user_id', '=', row.seeker_id).executeTakeFirst()
    : undefined;
  const may = employerMaySee({ status: row.status, interviewAcceptedAt: row.interview_accepted_at }, seeker?.resume_visibility ?? 'none');
  if (!seeker?.resume_file_id || !may.resume) throw notFound('files.not_found');
  const file = await openFile(ctx.db, ctx.crypto, seeker.resume_file_id);
  if (!file) throw notFound('files.not_found');
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'application.resume_file', subjectType: 'application', subjectId: String(id),
    subjectLabel: row.title, scopePrefix: row.owner_scope, fields: ['resume'], ip: meta.ip, requestId: meta.requestId,
  });
  return file;
}

/** Move an application along the pipeline, with an optional note (kept in its history). */
export async function updateApplicant(ctx: AppContext, actor: Actor, id: number, input: { status?: ApplicationStatus; note?: string; version: number }, meta: RequestMeta) {
  const row = await loadApplication(ctx.db, id);
  if (!row) throw notFound('hiring.not_found');
  await asEmployer(ctx, actor, row);
  if (row.version !== input.version) throw new AppError('http.conflict_edit', 409);
  if (input.status && input.status !== row.status) await move(ctx, actor, row, input.status, 'employer', input.note ?? null);
  else if (input.note) {
    await ctx.db.insertInto('application_events').values({ application_id: id, actor_id: actor.id, action: 'note', from_status: row.status, to_status: row.status, note: input.note }).execute();
  }
  return getApplicant(ctx, actor, id, meta);
}
