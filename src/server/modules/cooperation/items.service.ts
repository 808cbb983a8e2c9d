import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { conflict, invalid, notFound, type FieldIssue } from '../../platform/errors.js';
import { translate, type Lang } from '../../../shared/i18n/index.js';
import { findArea } from './agreements.repo.js';
import { loadAgreement, requireManage, requireView } from './agreements.service.js';
import { canEnterProgress, canManageCooperation, canSignOff, federationOf } from './cooperation.policy.js';
import { checkIndicator, parseIndicator } from './indicators.js';
import * as repo from './items.repo.js';
import type { Item, ItemInput, ItemListQuery, ItemSummary, ItemUpdate } from './items.schemas.js';
import { itemProgress, type ItemProgress } from './progress.js';

// Work items of the agreement (issue 7 §1): responsible unions on both sides, a lead, dates, a
// target and progress (entered, or an indicator); the list with filters and each item's status
// light; the item page with its sign-offs and history. Federation staff edit; all staff read.

export const auditItem = (db: Executor, actor: Actor, meta: RequestMeta, action: string, item: { id: number; code: string; title: string; scope: string }, reason?: string) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'work_item', subjectId: String(item.id), subjectLabel: `${item.code} ${item.title}`,
    scopePrefix: item.scope, reason: reason ?? null, ip: meta.ip, requestId: meta.requestId,
  });

export async function loadItem(db: Executor, id: number, forUpdate = false): Promise<repo.ItemRow> {
  const row = await repo.findItem(db, id, forUpdate);
  if (!row) throw notFound('coop.item_not_found');
  return row;
}

type UnionRow = Awaited<ReturnType<typeof repo.itemUnions>>[number];

function toProgress(p: ItemProgress, lang: Lang): ItemSummary['progress'] {
  return {
    value: p.value, target: p.target, unit: p.unit, percent: p.percent, status: p.status, awaitingSignOff: p.awaitingSignOff,
    rule: p.rule, ruleText: translate(lang, p.rule, p.ruleParams), signedBy: p.signedBy,
  };
}

function toSummary(row: repo.ItemRow, unions: UnionRow[], progress: ItemProgress, lang: Lang): ItemSummary {
  return {
    id: row.id, agreementId: row.agreement_id, code: row.code, title: row.title,
    area: { id: row.area_id, name: row.area_name, year: row.area_year },
    leadUnion: { id: row.lead_union_id, name: row.lead_union_name },
    unions: unions.filter((u) => u.item_id === row.id).map((u) => ({ id: u.id, name: u.name, federation: u.federation })),
    startsOn: row.starts_on, dueOn: row.due_on, target: Number(row.target), unit: row.unit,
    progressKind: row.progress_kind, indicator: row.progress_kind === 'indicator' ? parseIndicator(row.indicator) : null,
    progress: toProgress(progress, lang), doneAt: row.done_at?.toISOString() ?? null, version: row.version,
  };
}

/** An agreement's items with their progress and status, filtered (status after computing it) and paged. */
export async function listItems(ctx: AppContext, actor: Actor | null, agreementId: number, query: ItemListQuery, lang: Lang, today?: string) {
  requireView(actor);
  await loadAgreement(ctx.db, agreementId);
  const rows = await repo.listItems(ctx.db, { agreementId, year: query.year, areaId: query.areaId, unionId: query.unionId, dueBefore: query.dueBefore });
  const progress = await itemProgress(ctx, rows.map((r) => r.id), today);
  const matching = query.status ? rows.filter((r) => progress.get(r.id)?.status === query.status) : rows;
  const page = matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const unions = await repo.itemUnions(ctx.db, page.map((r) => r.id));
  return {
    total: matching.length,
    items: page.map((r) => toSummary(r, unions, progress.get(r.id)!, lang)),
    permissions: { canEdit: canManageCooperation(actor) },
  };
}

/** One item with its sign-offs, its history (entries, reports, audited changes) and what the caller may do. */
export async function getItem(ctx: AppContext, actor: Actor | null, id: number, lang: Lang, today?: string): Promise<Item> {
  requireView(actor);
  const row = await loadItem(ctx.db, id);
  const [agreement, unions, progress, signoffs, entries, reports, audits] = await Promise.all([
    loadAgreement(ctx.db, row.agreement_id), repo.itemUnions(ctx.db, [id]), itemProgress(ctx, [id], today), repo.listSignoffs(ctx.db, id),
    repo.listProgress(ctx.db, id), repo.listItemReports(ctx.db, id), repo.listItemAudit(ctx.db, id),
  ]);
  const files = new Map((await repo.describeFiles(ctx.db, [...new Set(entries.flatMap((e) => e.file_ids))])).map((f) => [f.id, f]));
  const fed = federationOf(actor);
  const done = !!row.done_at;
  const signed = signoffs.some((s) => s.federation === fed);
  const history: Item['history'] = [
    ...entries.map((e) => ({
      at: e.entered_at.toISOString(), kind: 'progress' as const, actor: e.user_name, union: e.union_name, period: null, value: Number(e.value), text: e.evidence, action: null,
      files: e.file_ids.map((f) => files.get(f)).filter((f) => !!f).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size })),
    })),
    ...reports.map((r) => ({
      at: (r.reviewed_at ?? r.submitted_at ?? r.updated_at).toISOString(), kind: 'report' as const, actor: r.user_name, union: r.union_name, period: r.period,
      value: null, text: r.body.slice(0, 300), action: r.status, files: [],
    })),
    ...audits.map((a) => ({
      at: a.at.toISOString(), kind: 'audit' as const, actor: a.actor_label, union: null, period: null, value: null, text: a.reason ?? '', action: a.action, files: [],
    })),
  // Newest first; the database's order (newest first, then by id) settles ties.
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const unionIds = unions.map((u) => u.id);
  return {
    ...toSummary(row, unions, progress.get(id)!, lang),
    description: row.description,
    agreement: { id: agreement.id, title: agreement.title, signedOn: agreement.signed_on },
    signoffs: signoffs.map((s) => ({
      federation: s.federation, federationName: translate(lang, `coop.items.federation.${s.federation}`), user: { id: s.user_id, name: s.user_name }, note: s.note, signedAt: s.signed_at.toISOString(),
    })),
    history,
    permissions: {
      canEdit: canManageCooperation(actor),
      canReport: !done && row.progress_kind === 'manual' && canEnterProgress(actor, unionIds),
      canSignOff: !done && canSignOff(actor) && !signed,
      canWithdraw: !done && canSignOff(actor) && signed,
      federation: canSignOff(actor) ? fed : null,
    },
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** Every problem with an item's fields at once; returns the responsible unions (the lead included). */
async function checkItem(db: Executor, agreementId: number, input: ItemInput, exceptId?: number): Promise<string[]> {
  const issues: FieldIssue[] = [];
  const agreement = await loadAgreement(db, agreementId);
  const area = await findArea(db, input.areaId);
  if (!area || area.agreement_id !== agreementId) issues.push({ path: 'areaId', code: 'coop.items.area_not_found' });
  const unionIds = [...new Set([input.leadUnionId, ...input.unionIds])];
  const unions = await repo.findUnions(db, unionIds);
  if (!unions.some((u) => u.id === input.leadUnionId)) issues.push({ path: 'leadUnionId', code: 'orgs.union_not_found' });
  for (const [i, u] of input.unionIds.entries()) if (!unions.some((x) => x.id === u)) issues.push({ path: `unionIds.${i}`, code: 'orgs.union_not_found' });
  // Responsible unions on both sides (issue 7 §1): at least one of each federation.
  if (!unions.some((u) => u.federation === '50')) issues.push({ path: 'unionIds', code: 'coop.items.needs_chongqing_union' });
  if (!unions.some((u) => u.federation === '51')) issues.push({ path: 'unionIds', code: 'coop.items.needs_sichuan_union' });
  if (input.dueOn < input.startsOn) issues.push({ path: 'dueOn', code: 'coop.items.due_before_start', params: { startsOn: input.startsOn } });
  // A due date before the agreement was signed is refused (issue 7, "Bad input").
  if (input.dueOn < agreement.signed_on) issues.push({ path: 'dueOn', code: 'coop.items.due_before_agreement', params: { signedOn: agreement.signed_on } });
  if (input.progressKind === 'indicator') {
    if (!input.indicator) issues.push({ path: 'indicator', code: 'coop.items.indicator_required' });
    else issues.push(...(await checkIndicator(db, input.indicator)));
  }
  if (await repo.codeTaken(db, agreementId, input.code, exceptId)) issues.push({ path: 'code', code: 'coop.items.code_taken', params: { code: input.code } });
  if (issues.length) throw invalid(issues);
  return unionIds;
}

const valuesOf = (input: ItemInput): repo.ItemValues => ({
  area_id: input.areaId, code: input.code, title: input.title, description: input.description, lead_union_id: input.leadUnionId,
  starts_on: input.startsOn, due_on: input.dueOn, target: input.target, unit: input.unit, progress_kind: input.progressKind,
  indicator: input.progressKind === 'indicator' && input.indicator ? JSON.stringify(input.indicator) : null,
});

export async function createItem(ctx: AppContext, actor: Actor | null, agreementId: number, input: ItemInput, meta: RequestMeta, lang: Lang): Promise<Item> {
  requireManage(actor);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const unionIds = await checkItem(trx, agreementId, input);
    const row = await repo.insertItem(trx, { ...valuesOf(input), agreement_id: agreementId, created_by: actor.id });
    await repo.replaceItemUnions(trx, row.id, unionIds);
    const lead = await repo.findUnions(trx, [input.leadUnionId]);
    await auditItem(trx, actor, meta, 'coop.item.create', { id: row.id, code: input.code, title: input.title, scope: lead[0]!.scope_prefix });
    return row.id;
  });
  return getItem(ctx, actor, id, lang);
}

export async function updateItem(ctx: AppContext, actor: Actor | null, id: number, input: ItemUpdate, meta: RequestMeta, lang: Lang): Promise<Item> {
  requireManage(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, id, true);
    if (row.version !== input.version) throw conflict('coop.items.stale', { version: row.version });
    const current = (await repo.itemUnions(trx, [id])).map((u) => u.id);
    const merged: ItemInput = {
      areaId: input.areaId ?? row.area_id, code: input.code ?? row.code, title: input.title ?? row.title, description: input.description ?? row.description,
      leadUnionId: input.leadUnionId ?? row.lead_union_id, unionIds: input.unionIds ?? current, startsOn: input.startsOn ?? row.starts_on, dueOn: input.dueOn ?? row.due_on,
      target: input.target ?? Number(row.target), unit: input.unit ?? row.unit, progressKind: input.progressKind ?? row.progress_kind,
      indicator: input.indicator === undefined ? parseIndicator(row.indicator) : input.indicator,
    };
    const unionIds = await checkItem(trx, row.agreement_id, merged, id);
    const manual = merged.progressKind === 'manual' && row.manual_value === null ? { manual_value: 0 } : {};
    await repo.updateItem(trx, id, { ...valuesOf(merged), ...manual });
    await repo.replaceItemUnions(trx, id, unionIds);
    await auditItem(trx, actor, meta, 'coop.item.update', { id, code: merged.code, title: merged.title, scope: row.lead_scope });
  });
  return getItem(ctx, actor, id, lang);
}

export async function deleteItem(ctx: AppContext, actor: Actor | null, id: number, meta: RequestMeta): Promise<void> {
  requireManage(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, id, true);
    if (row.done_at) throw conflict('coop.items.done_final');
    await repo.deleteItem(trx, id);
    await auditItem(trx, actor, meta, 'coop.item.delete', { id, code: row.code, title: row.title, scope: row.lead_scope });
  });
}

/** What the item drawer offers: unions of both sides, seasons and contests for indicators. */
export async function itemOptions(ctx: AppContext, actor: Actor | null) {
  requireView(actor);
  return repo.listOptions(ctx.db);
}
