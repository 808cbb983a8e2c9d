import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { checkUpload, openFile, storeFile, type UploadRules } from '../../platform/files.js';
import { pageOffset, type PageQuery } from '../../platform/pagination.js';
import { canManageCooperation, canViewCooperation, federationOf } from './cooperation.policy.js';
import * as repo from './agreements.repo.js';
import type { Agreement, AgreementInput, AgreementUpdate, Area, AreaInput, AreaUpdate } from './items.schemas.js';
import { itemProgress } from './progress.js';

// The framework agreement (its parties, signing date, text and attachments) and its yearly areas
// (lines of work), issue 7 §1. Every union's staff read; the two federations' staff write; audited.

/** Agreement attachments: the signed scan or the text as PDF, Word or pictures, known by their bytes. */
export const AGREEMENT_UPLOAD: UploadRules = { kinds: ['pdf', 'docx', 'jpeg', 'png'], maxBytes: 20 * 1024 * 1024 };

export function requireView(actor: Actor | null): asserts actor is Actor {
  if (!canViewCooperation(actor)) throw forbidden();
}
export function requireManage(actor: Actor | null): asserts actor is Actor {
  if (!canManageCooperation(actor)) throw forbidden();
}

const audit = (db: Executor, actor: Actor, meta: RequestMeta, action: string, subjectType: string, id: number, label: string, reason?: string) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType, subjectId: String(id), subjectLabel: label,
    scopePrefix: federationOf(actor) ?? '', reason: reason ?? null, ip: meta.ip, requestId: meta.requestId,
  });

export async function loadAgreement(db: Executor, id: number, forUpdate = false): Promise<repo.AgreementRow> {
  const row = await repo.findAgreement(db, id, forUpdate);
  if (!row) throw notFound('coop.agreement_not_found');
  return row;
}

const summary = (row: repo.AgreementRow) => ({
  id: row.id, title: row.title, parties: row.parties, signedOn: row.signed_on, endsOn: row.ends_on, summary: row.summary, status: row.status,
});

export async function listAgreements(ctx: AppContext, actor: Actor | null, query: PageQuery) {
  requireView(actor);
  const { items, total } = await repo.listAgreements(ctx.db, { offset: pageOffset(query), limit: query.pageSize });
  return { total, items: items.map(summary), permissions: { canEdit: canManageCooperation(actor) } };
}

export async function getAgreement(ctx: AppContext, actor: Actor | null, id: number): Promise<Agreement> {
  requireView(actor);
  const row = await loadAgreement(ctx.db, id);
  const [files, years] = await Promise.all([repo.listAgreementFiles(ctx.db, id), repo.agreementYears(ctx.db, id)]);
  return {
    ...summary(row), body: row.body,
    files: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, title: f.title, addedAt: f.added_at.toISOString() })),
    years, version: row.version, updatedAt: row.updated_at.toISOString(), permissions: { canEdit: canManageCooperation(actor) },
  };
}

function checkDates(signedOn: string, endsOn: string | null, earliestDue: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (endsOn && endsOn < signedOn) issues.push({ path: 'endsOn', code: 'coop.items.ends_before_signed', params: { signedOn } });
  if (earliestDue && earliestDue < signedOn) issues.push({ path: 'signedOn', code: 'coop.items.signed_after_due', params: { dueOn: earliestDue } });
  return issues;
}

export async function createAgreement(ctx: AppContext, actor: Actor | null, input: AgreementInput, meta: RequestMeta): Promise<Agreement> {
  requireManage(actor);
  const issues = checkDates(input.signedOn, input.endsOn, null);
  if (issues.length) throw invalid(issues);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertAgreement(trx, {
      title: input.title, parties: input.parties, signed_on: input.signedOn, ends_on: input.endsOn, summary: input.summary, body: input.body, status: input.status, created_by: actor.id,
    });
    await audit(trx, actor, meta, 'coop.agreement.create', 'agreement', row.id, input.title);
    return row.id;
  });
  return getAgreement(ctx, actor, id);
}

export async function updateAgreement(ctx: AppContext, actor: Actor | null, id: number, input: AgreementUpdate, meta: RequestMeta): Promise<Agreement> {
  requireManage(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadAgreement(trx, id, true);
    if (row.version !== input.version) throw conflict('coop.items.stale', { version: row.version });
    const signedOn = input.signedOn ?? row.signed_on;
    const endsOn = input.endsOn === undefined ? row.ends_on : input.endsOn;
    const issues = checkDates(signedOn, endsOn, input.signedOn ? await repo.earliestDue(trx, id) : null);
    if (issues.length) throw invalid(issues);
    await repo.updateAgreement(trx, id, {
      title: input.title, parties: input.parties, signed_on: input.signedOn, ends_on: input.endsOn, summary: input.summary, body: input.body, status: input.status,
    });
    await audit(trx, actor, meta, 'coop.agreement.update', 'agreement', id, input.title ?? row.title);
  });
  return getAgreement(ctx, actor, id);
}

export async function uploadAgreementFile(ctx: AppContext, actor: Actor | null, id: number, file: { name: string; data: Buffer; title?: string | undefined }, meta: RequestMeta): Promise<Agreement> {
  requireManage(actor);
  const kind = checkUpload(file.data, AGREEMENT_UPLOAD);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadAgreement(trx, id, true);
    const stored = await storeFile(trx, ctx.crypto, { purpose: 'agreement', ownerUserId: actor.id, name: file.name, kind, data: file.data });
    const title = (file.title?.trim() || stored.name).slice(0, 120);
    await repo.addAgreementFile(trx, { agreement_id: id, file_id: stored.id, title, added_by: actor.id });
    await audit(trx, actor, meta, 'coop.agreement.file_add', 'agreement', id, `${row.title} · ${title}`);
  });
  return getAgreement(ctx, actor, id);
}

export async function removeAgreementFile(ctx: AppContext, actor: Actor | null, id: number, fileId: string, meta: RequestMeta): Promise<Agreement> {
  requireManage(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadAgreement(trx, id, true);
    const file = await repo.findAgreementFile(trx, id, fileId);
    if (!file) throw notFound('coop.items.file_not_found');
    await repo.removeAgreementFile(trx, id, fileId);
    await audit(trx, actor, meta, 'coop.agreement.file_remove', 'agreement', id, `${row.title} · ${file.title}`);
  });
  return getAgreement(ctx, actor, id);
}

export async function downloadAgreementFile(ctx: AppContext, actor: Actor | null, id: number, fileId: string) {
  requireView(actor);
  if (!(await repo.findAgreementFile(ctx.db, id, fileId))) throw notFound('coop.items.file_not_found');
  const file = await openFile(ctx.db, ctx.crypto, fileId);
  if (!file) throw notFound('coop.items.file_not_found');
  return file;
}

// ---- areas ----

/** The areas (of a year), each with its items' mean progress and counts by status light. */
export async function listAreas(ctx: AppContext, actor: Actor | null, agreementId: number, year?: number, today?: string) {
  requireView(actor);
  await loadAgreement(ctx.db, agreementId);
  const areas = await repo.listAreas(ctx.db, agreementId, year);
  const items = await repo.itemIdsByArea(ctx.db, areas.map((a) => a.id));
  const progress = await itemProgress(ctx, items.map((i) => i.id), today);
  return {
    items: areas.map((a): Area => {
      const mine = items.filter((i) => i.area_id === a.id).map((i) => progress.get(i.id)).filter((p) => !!p);
      const counts = { on_track: 0, at_risk: 0, late: 0, done: 0 };
      for (const p of mine) counts[p.status] += 1;
      const percent = mine.length ? Math.round((mine.reduce((s, p) => s + p.percent, 0) / mine.length) * 10) / 10 : 0;
      return {
        id: a.id, agreementId: a.agreement_id, year: a.year, seq: a.seq, name: a.name, description: a.description,
        percent, items: mine.length, counts, awaitingSignOff: mine.filter((p) => p.awaitingSignOff).length,
      };
    }),
    permissions: { canEdit: canManageCooperation(actor) },
  };
}

async function loadArea(db: Executor, id: number) {
  const row = await repo.findArea(db, id);
  if (!row) throw notFound('coop.items.area_not_found');
  return row;
}

export async function createArea(ctx: AppContext, actor: Actor | null, agreementId: number, input: AreaInput, meta: RequestMeta) {
  requireManage(actor);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await loadAgreement(trx, agreementId, true);
    if (await repo.areaNameTaken(trx, agreementId, input.year, input.name)) throw invalid([{ path: 'name', code: 'coop.items.area_name_taken', params: { name: input.name, year: input.year } }]);
    const row = await repo.insertArea(trx, { agreement_id: agreementId, ...input });
    await audit(trx, actor, meta, 'coop.area.create', 'agreement_area', row.id, `${input.year} ${input.name}`);
    return row.id;
  });
  return (await listAreas(ctx, actor, agreementId)).items.find((a) => a.id === id)!;
}

export async function updateArea(ctx: AppContext, actor: Actor | null, id: number, input: AreaUpdate, meta: RequestMeta) {
  requireManage(actor);
  const area = await ctx.db.transaction().execute(async (trx) => {
    const row = await loadArea(trx, id);
    const year = input.year ?? row.year;
    const name = input.name ?? row.name;
    if (await repo.areaNameTaken(trx, row.agreement_id, year, name, id)) throw invalid([{ path: 'name', code: 'coop.items.area_name_taken', params: { name, year } }]);
    await repo.updateArea(trx, id, input);
    await audit(trx, actor, meta, 'coop.area.update', 'agreement_area', id, `${year} ${name}`);
    return row;
  });
  return (await listAreas(ctx, actor, area.agreement_id)).items.find((a) => a.id === id)!;
}

export async function deleteArea(ctx: AppContext, actor: Actor | null, id: number, meta: RequestMeta): Promise<void> {
  requireManage(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadArea(trx, id);
    const items = await repo.itemIdsByArea(trx, [id]);
    if (items.length) throw conflict('coop.items.area_has_items', { count: items.length });
    await repo.deleteArea(trx, id);
    await audit(trx, actor, meta, 'coop.area.delete', 'agreement_area', id, `${row.year} ${row.name}`);
  });
}
