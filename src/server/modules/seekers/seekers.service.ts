import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { checkUpload, describeFile, openFile, storeFile, type UploadRules } from '../../platform/files.js';
import { maskIdCard } from '../../../shared/validators.js';
import * as accountsRepo from '../accounts/accounts.repo.js';
import { getMe, insertPreparedUser, openSession, prepareUser } from '../accounts/accounts.service.js';
import { hashPassword, verifyPassword } from '../accounts/passwords.js';
import { listJobTypes } from '../jobs/job-types.repo.js';
import { regionIndex } from '../orgs/regions.cache.js';
import { eraseServicesData } from '../services/rights.service.js';
import type { Profile, ProfileUpdate, SeekerRegister } from './seekers.schemas.js';

// Job seekers' own data (issue 4 §3): sign-up with consent, profile, export and deletion (PIPL
// art. 45, 47). A seeker sees and changes only his own record; staff never come through here.

const isSeeker = (actor: Actor) => actor.roles.includes('seeker');

function requireSeeker(actor: Actor): void {
  if (!isSeeker(actor)) throw forbidden();
}

/** A seeker signs up with his phone: account, profile (with the consent's time) and session at once. */
export async function registerSeeker(ctx: AppContext, input: SeekerRegister, meta: RequestMeta) {
  const prepared = await prepareUser(ctx, null, { phone: input.phone, username: null, name: input.name, password: input.password, roles: ['seeker'], unionId: null });
  const result = await ctx.db.transaction().execute(async (trx) => {
    const userId = await insertPreparedUser(ctx, trx, prepared, null, meta, { operator: 'self-registration' });
    await trx.insertInto('seeker_profiles').values({ user_id: userId, consented_at: new Date() }).execute();
    return { userId, token: await openSession(ctx, trx, userId, meta) };
  });
  return { token: result.token, user: await getMe(ctx, result.userId) };
}

async function loadProfile(db: Executor, userId: string) {
  return db.selectFrom('seeker_profiles as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.id_card_masked', 's.region_code', 's.education', 's.experience', 's.skills', 's.desired_job_types', 's.desired_regions',
      's.desired_salary', 's.resume_text', 's.resume_file_id', 's.resume_visibility', 's.consented_at', 's.updated_at', 'u.name', 'u.phone_masked'])
    .where('s.user_id', '=', userId).executeTakeFirst();
}

/** A seeker account made by staff has no profile yet: one is opened, its consent recorded now. */
function openProfile(db: Executor, userId: string) {
  return db.insertInto('seeker_profiles').values({ user_id: userId, consented_at: new Date() }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

/** The seeker's profile. */
export async function getProfile(ctx: AppContext, actor: Actor): Promise<Profile> {
  requireSeeker(actor);
  let row = await loadProfile(ctx.db, actor.id);
  if (!row) {
    await openProfile(ctx.db, actor.id);
    row = await loadProfile(ctx.db, actor.id);
  }
  const [regions, types, resumeFile] = await Promise.all([
    regionIndex(ctx.db), listJobTypes(ctx.db, { includeInactive: true }), row?.resume_file_id ? describeFile(ctx.db, row.resume_file_id) : null,
  ]);
  const typeName = new Map(types.map((t) => [t.code, t.name]));
  const ref = (code: string) => { const r = regions.get(code); return { code, name: r?.name ?? code, fullName: r?.fullName ?? code }; };
  const r = row!;
  return {
    name: r.name, phoneMasked: r.phone_masked, idCardMasked: r.id_card_masked, region: r.region_code ? ref(r.region_code) : null,
    education: r.education as Profile['education'], experience: r.experience as Profile['experience'], skills: r.skills,
    desiredJobTypes: r.desired_job_types.map((code) => ({ code, name: typeName.get(code) ?? code })), desiredRegions: r.desired_regions.map(ref),
    desiredSalary: r.desired_salary, resumeText: r.resume_text, resumeFile, resumeVisibility: r.resume_visibility,
    consentedAt: r.consented_at.toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Change the profile; every unknown job type or region and a 身份证号 already used are named at once. */
export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileUpdate, meta: RequestMeta): Promise<Profile> {
  requireSeeker(actor);
  await openProfile(ctx.db, actor.id);
  const issues: FieldIssue[] = [];
  const [regions, types] = await Promise.all([regionIndex(ctx.db), listJobTypes(ctx.db)]);
  const codes = new Set(types.map((t) => t.code));
  input.desiredJobTypes?.forEach((code, i) => { if (!codes.has(code)) issues.push({ path: `desiredJobTypes.${i}`, code: 'postings.job_type_unknown', params: { value: code } }); });
  input.desiredRegions?.forEach((code, i) => { if (!regions.has(code)) issues.push({ path: `desiredRegions.${i}`, code: 'validation.region_code' }); });
  if (input.regionCode && regions.get(input.regionCode)?.level !== 'county') issues.push({ path: 'regionCode', code: 'validation.region_code' });
  const idHash = input.idCard ? ctx.crypto.blindIndex('seeker.id_card', input.idCard) : null;
  if (idHash) {
    const taken = await ctx.db.selectFrom('seeker_profiles').select('user_id').where('id_card_hash', '=', idHash).where('user_id', '<>', actor.id).executeTakeFirst();
    if (taken) issues.push({ path: 'idCard', code: 'seekers.id_card_taken' });
  }
  if (issues.length) throw invalid(issues);
  const set: Record<string, unknown> = {};
  if (input.idCard !== undefined) {
    Object.assign(set, input.idCard
      ? { id_card_enc: ctx.crypto.encrypt(input.idCard), id_card_hash: idHash, id_card_masked: maskIdCard(input.idCard) }
      : { id_card_enc: null, id_card_hash: null, id_card_masked: null });
  }
  if (input.regionCode !== undefined) set.region_code = input.regionCode;
  if (input.education) set.education = input.education;
  if (input.experience) set.experience = input.experience;
  if (input.skills) set.skills = [...new Set(input.skills)];
  if (input.desiredJobTypes) set.desired_job_types = [...new Set(input.desiredJobTypes)];
  if (input.desiredRegions) set.desired_regions = [...new Set(input.desiredRegions)];
  if (input.desiredSalary !== undefined) set.desired_salary = input.desiredSalary;
  if (input.resumeText !== undefined) set.resume_text = input.resumeText.trim();
  if (input.resumeVisibility) set.resume_visibility = input.resumeVisibility;
  await ctx.db.transaction().execute(async (trx) => {
    if (Object.keys(set).length) await trx.updateTable('seeker_profiles').set({ ...set, updated_at: sql`now()` }).where('user_id', '=', actor.id).execute();
    if (input.name) await trx.updateTable('users').set({ name: input.name, updated_at: sql`now()` }).where('id', '=', actor.id).execute();
    if (input.idCard !== undefined) {
      await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'seeker.id_card', subjectType: 'user', subjectId: actor.id, fields: ['idCard'], ip: meta.ip, requestId: meta.requestId });
    }
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === '23505') throw conflict('seekers.id_card_taken');
    throw error;
  });
  return getProfile(ctx, actor);
}

/** What a résumé may be: a PDF, a Word document or a photo of a paper one, up to 5 MB. */
export const RESUME_UPLOAD: UploadRules = { kinds: ['pdf', 'docx', 'jpeg', 'png'], maxBytes: 5 * 1024 * 1024 };

/** Upload (or replace) the résumé file: the old one is deleted in the same transaction. */
export async function uploadResume(ctx: AppContext, actor: Actor, file: { name: string; data: Buffer }): Promise<Profile> {
  requireSeeker(actor);
  const kind = checkUpload(file.data, RESUME_UPLOAD);
  await openProfile(ctx.db, actor.id);
  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('seeker_profiles').select('resume_file_id').where('user_id', '=', actor.id).forUpdate().executeTakeFirstOrThrow();
    const stored = await storeFile(trx, ctx.crypto, { purpose: 'resume', ownerUserId: actor.id, name: file.name, kind, data: file.data });
    await trx.updateTable('seeker_profiles').set({ resume_file_id: stored.id, updated_at: sql`now()` }).where('user_id', '=', actor.id).execute();
    if (old.resume_file_id) await trx.deleteFrom('stored_files').where('id', '=', old.resume_file_id).execute();
  });
  return getProfile(ctx, actor);
}

/** Remove the résumé file (the text résumé stays). */
export async function deleteResume(ctx: AppContext, actor: Actor): Promise<Profile> {
  requireSeeker(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('seeker_profiles').select('resume_file_id').where('user_id', '=', actor.id).forUpdate().executeTakeFirst();
    if (!row?.resume_file_id) return;
    await trx.updateTable('seeker_profiles').set({ resume_file_id: null, updated_at: sql`now()` }).where('user_id', '=', actor.id).execute();
    await trx.deleteFrom('stored_files').where('id', '=', row.resume_file_id).execute();
  });
  return getProfile(ctx, actor);
}

/** The seeker's own résumé file. */
export async function downloadMyResume(ctx: AppContext, actor: Actor) {
  requireSeeker(actor);
  const row = await ctx.db.selectFrom('seeker_profiles').select('resume_file_id').where('user_id', '=', actor.id).executeTakeFirst();
  const file = row?.resume_file_id ? await openFile(ctx.db, ctx.crypto, row.resume_file_id) : null;
  if (!file) throw notFound('files.not_found');
  return file;
}

/** Everything the platform holds about the seeker, unmasked (it is his own), as one JSON document. */
export async function exportMyData(ctx: AppContext, actor: Actor, meta: RequestMeta) {
  requireSeeker(actor);
  const profile = await getProfile(ctx, actor);
  const secrets = await ctx.db.selectFrom('seeker_profiles').select('id_card_enc').where('user_id', '=', actor.id).executeTakeFirst();
  const phone = await accountsRepo.findPhoneCipher(ctx.db, actor.id);
  const applications = await ctx.db.selectFrom('applications as a').innerJoin('postings as p', 'p.id', 'a.posting_id').innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.status', 'a.message', 'a.created_at', 'a.updated_at', 'a.interview_accepted_at', 'p.title', 'e.name as enterprise'])
    .where('a.seeker_id', '=', actor.id).orderBy('a.id').execute();
  const events = applications.length
    ? await ctx.db.selectFrom('application_events').select(['application_id', 'action', 'from_status', 'to_status', 'at'])
      .where('application_id', 'in', applications.map((a) => a.id)).orderBy('id').execute()
    : [];
  await recordAudit(ctx.db, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'seeker.export', subjectType: 'user', subjectId: actor.id, fields: ['phone', 'idCard'], ip: meta.ip, requestId: meta.requestId });
  return {
    exportedAt: new Date().toISOString(),
    account: { id: actor.id, name: profile.name, phone: phone?.phone_enc ? ctx.crypto.decrypt(phone.phone_enc) : null },
    profile: { ...profile, idCard: secrets?.id_card_enc ? ctx.crypto.decrypt(secrets.id_card_enc) : null },
    // The file itself is downloaded where it is kept (GET /api/me/resume); the export says it exists.
    resumeFile: profile.resumeFile ? { ...profile.resumeFile, download: '/api/me/resume' } : null,
    // What the union services hold (requests, membership, mutual aid) is exported on its own page.
    servicesData: { download: '/api/me/services-data', pdf: '/api/me/services-data.pdf' },
    // Only the seeker's own side of each application: the employer's notes are the employer's.
    applications: applications.map((a) => ({
      id: a.id, posting: a.title, enterprise: a.enterprise, status: a.status, message: a.message, appliedAt: a.created_at.toISOString(),
      interviewAcceptedAt: a.interview_accepted_at?.toISOString() ?? null,
      history: events.filter((e) => e.application_id === a.id).map((e) => ({ action: e.action, from: e.from_status, to: e.to_status, at: e.at.toISOString() })),
    })),
  };
}

/**
 * Delete the account (password confirms): the profile and sessions go, the account keeps no name,
 * phone or password, and applications stay for the employers' counts without the person (PIPL art. 47).
 */
export async function deleteMyAccount(ctx: AppContext, actor: Actor, password: string, meta: RequestMeta): Promise<void> {
  requireSeeker(actor);
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, password))) throw new AppError('auth.invalid_credentials', 401);
  if (actor.roles.some((r) => r !== 'seeker')) throw new AppError('seekers.delete_staff', 409);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  await ctx.db.transaction().execute(async (trx) => {
    await eraseServicesData(ctx, trx, actor, meta); // first: it finds his records by the 身份证号 of the profile deleted below
    await trx.updateTable('applications').set({ status: sql`CASE WHEN status IN ('new', 'viewed', 'interview') THEN 'withdrawn' ELSE status END`, seeker_id: null, message: null, updated_at: sql`now()` })
      .where('seeker_id', '=', actor.id).execute();
    await trx.deleteFrom('seeker_profiles').where('user_id', '=', actor.id).execute();
    await trx.deleteFrom('stored_files').where('owner_user_id', '=', actor.id).execute();
    await accountsRepo.deleteUserSessions(trx, actor.id);
    await trx.updateTable('users').set({
      username: `deleted-${actor.id.slice(0, 8)}`, name: '已注销用户', phone_enc: null, phone_hash: null, phone_masked: null,
      password_hash: unusable, is_disabled: true, updated_at: sql`now()`,
    }).where('id', '=', actor.id).execute();
    await recordAudit(trx, { actorId: actor.id, actorLabel: '已注销用户', action: 'seeker.delete', subjectType: 'user', subjectId: actor.id, fields: ['phone', 'idCard', 'name'], ip: meta.ip, requestId: meta.requestId });
  });
}

