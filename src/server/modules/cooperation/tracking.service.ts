import type { Actor, RequestMeta } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { checkUpload, openFile, storeFile, type UploadRules } from '../../platform/files.js';
import type { Lang } from '../../../shared/i18n/index.js';
import { chinaDateTime } from '../stats/report-data.js';
import { requireView } from './agreements.service.js';
import { canEnterProgress, canSignOff, federationOf } from './cooperation.policy.js';
import * as repo from './items.repo.js';
import type { Item, ProgressEntryInput } from './items.schemas.js';
import { auditItem, getItem, loadItem } from './items.service.js';

// Tracking a work item (issue 7 §1, §4): progress entered by hand with its evidence (text and
// files) by staff of a responsible union or a federation, and the sign-off by one staff member
// of EACH federation — the second makes the item done; a sign-off may be withdrawn, with a
// reason, until then. Everything audited in the same transaction.

/** Evidence files: PDF, Word or pictures, known by their bytes. */
export const EVIDENCE_UPLOAD: UploadRules = { kinds: ['pdf', 'docx', 'jpeg', 'png'], maxBytes: 20 * 1024 * 1024 };

const notResponsible = () => new AppError('coop.items.not_responsible', 403);

/** Progress as a value in the item's unit or as a percentage (≤ 100) of the target. */
export async function enterProgress(ctx: AppContext, actor: Actor | null, itemId: number, input: ProgressEntryInput, meta: RequestMeta, lang: Lang): Promise<Item> {
  requireView(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, itemId, true);
    const unionIds = (await repo.itemUnions(trx, [itemId])).map((u) => u.id);
    if (!canEnterProgress(actor, unionIds)) throw notResponsible();
    if (row.progress_kind === 'indicator') throw conflict('coop.items.progress_indicator');
    if (row.done_at) throw conflict('coop.items.done_final');
    const issues: FieldIssue[] = [];
    if ((input.value === undefined) === (input.percent === undefined)) issues.push({ path: 'value', code: 'coop.items.value_or_percent' });
    // "progress over 100 %" is refused (issue 7, Bad input); a value above the target is allowed.
    if (input.percent !== undefined && input.percent > 100) issues.push({ path: 'percent', code: 'coop.items.percent_over_100', params: { percent: input.percent } });
    const own = new Set((await repo.ownEvidenceFiles(trx, actor.id, input.fileIds)).map((f) => f.id));
    for (const [i, id] of input.fileIds.entries()) if (!own.has(id)) issues.push({ path: `fileIds.${i}`, code: 'coop.items.file_not_found' });
    if (issues.length) throw invalid(issues);
    const target = Number(row.target);
    const value = input.value ?? Math.round(target * input.percent!) / 100;
    await repo.insertProgress(trx, { item_id: itemId, value, evidence: input.evidence, file_ids: [...new Set(input.fileIds)], union_id: actor.unionId, entered_by: actor.id });
    await repo.updateItem(trx, itemId, { manual_value: value });
    await auditItem(trx, actor, meta, 'coop.item.progress', { id: itemId, code: row.code, title: row.title, scope: row.lead_scope }, `${value}${row.unit}`);
  });
  return getItem(ctx, actor, itemId, lang);
}

/** Upload one evidence file before entering the progress that names it. */
export async function uploadEvidence(ctx: AppContext, actor: Actor | null, itemId: number, file: { name: string; data: Buffer }) {
  requireView(actor);
  const row = await loadItem(ctx.db, itemId);
  const unionIds = (await repo.itemUnions(ctx.db, [itemId])).map((u) => u.id);
  if (!canEnterProgress(actor, unionIds)) throw notResponsible();
  if (row.progress_kind === 'indicator') throw conflict('coop.items.progress_indicator');
  const kind = checkUpload(file.data, EVIDENCE_UPLOAD);
  const stored = await storeFile(ctx.db, ctx.crypto, { purpose: 'evidence', ownerUserId: actor.id, name: file.name, kind, data: file.data });
  return { id: stored.id, name: stored.name, mime: stored.mime, size: stored.size };
}

export async function downloadEvidence(ctx: AppContext, actor: Actor | null, itemId: number, fileId: string) {
  requireView(actor);
  await loadItem(ctx.db, itemId);
  if (!(await repo.isItemEvidence(ctx.db, itemId, fileId))) throw notFound('coop.items.file_not_found');
  const file = await openFile(ctx.db, ctx.crypto, fileId);
  if (!file) throw notFound('coop.items.file_not_found');
  return file;
}

/** A federation's confirmation; the second federation's makes the item done (issue 7 §4). */
export async function signOff(ctx: AppContext, actor: Actor | null, itemId: number, note: string, meta: RequestMeta, lang: Lang): Promise<Item> {
  requireView(actor);
  const federation = federationOf(actor);
  if (!canSignOff(actor) || !federation) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, itemId, true);
    if (row.done_at) throw conflict('coop.items.done_final');
    if (!(await repo.insertSignoff(trx, { item_id: itemId, federation, user_id: actor.id, note }))) {
      // One sign-off per federation: a second staff member of the same one is told who signed, when.
      const first = (await repo.listSignoffs(trx, itemId)).find((s) => s.federation === federation)!;
      throw conflict('coop.items.already_signed', { name: first.user_name, at: chinaDateTime(first.signed_at) });
    }
    const signed = new Set((await repo.listSignoffs(trx, itemId)).map((s) => s.federation));
    const done = signed.has('50') && signed.has('51');
    if (done) await repo.setDone(trx, itemId, new Date());
    const item = { id: itemId, code: row.code, title: row.title, scope: row.lead_scope };
    await auditItem(trx, actor, meta, 'coop.item.signoff', item, note || undefined);
    if (done) await auditItem(trx, actor, meta, 'coop.item.done', item);
  });
  return getItem(ctx, actor, itemId, lang);
}

/** Withdraw one's federation's sign-off before the item is done, with a reason. */
export async function withdrawSignOff(ctx: AppContext, actor: Actor | null, itemId: number, reason: string, meta: RequestMeta, lang: Lang): Promise<Item> {
  requireView(actor);
  const federation = federationOf(actor);
  if (!canSignOff(actor) || !federation) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, itemId, true);
    if (row.done_at) throw conflict('coop.items.signoff_final');
    const mine = (await repo.listSignoffs(trx, itemId)).find((s) => s.federation === federation);
    if (!mine) throw conflict('coop.items.not_signed');
    await repo.deleteSignoff(trx, itemId, federation);
    await auditItem(trx, actor, meta, 'coop.item.signoff_withdraw', { id: itemId, code: row.code, title: row.title, scope: row.lead_scope }, reason);
  });
  return getItem(ctx, actor, itemId, lang);
}
