import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, invalid, type FieldIssue } from '../../platform/errors.js';
import { pageOffset } from '../../platform/pagination.js';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n/index.js';
import { loadContestAccess, type ContestAccess } from './contests.access.js';
import { canManageContest, isChiefJudge } from './contests.policy.js';
import * as repo from './scheme.repo.js';
import type { Candidate, Scheme, SchemeWarning } from './scheme.schemas.js';
import { validateScheme, type SchemeInput, type SchemeIssue } from './scheme.validate.js';
import { buildSchemeWorkbook, readSchemeWorkbook, type SchemeSource } from './scheme.xlsx.js';

// Marking schemes and judges' assignment (issue 6 §2): read by anyone who may see the contest,
// changed by its managers only, and fixed once scoring has begun.

const audit = (db: Executor, actor: Actor, meta: RequestMeta, access: ContestAccess, action: string, subjectLabel: string, reason?: string) =>
  recordAudit(db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action, subjectType: 'contest', subjectId: String(access.id), subjectLabel,
    scopePrefix: access.ownerScope, reason: reason ?? null, ip: meta.ip, requestId: meta.requestId,
  });

const num = (v: string | null): number | null => (v === null ? null : Number(v));
const toFieldIssue = (i: SchemeIssue): FieldIssue => ({ path: i.path, code: i.code, ...(i.params ? { params: i.params } : {}) });

/** Who sees the judges of each sub-item: the organisers, the chief judge and the judges themselves. */
const seesJudges = (actor: Actor | null, access: ContestAccess) => canManageContest(actor, access) || isChiefJudge(actor, access) || access.judgeItemIds.length > 0;

/** The scheme as a tree of rows (flat list with parentId), with its judges, lock states and warnings. */
export async function getScheme(ctx: AppContext, actor: Actor | null, contestId: number, lang: Lang): Promise<Scheme> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  return readScheme(ctx.db, actor, access, lang);
}

async function readScheme(db: Executor, actor: Actor | null, access: ContestAccess, lang: Lang): Promise<Scheme> {
  const [items, aspects, judges, marked] = await Promise.all([
    repo.listItems(db, access.id), repo.listAspects(db, access.id), seesJudges(actor, access) ? repo.listJudges(db, access.id) : [], repo.hasMarks(db, access.id),
  ]);
  const manage = canManageContest(actor, access);
  const view: Scheme = {
    contestId: access.id,
    items: items.map((it) => ({
      id: it.id, code: it.code, name: it.name, seq: it.seq, parentId: it.parent_id, max: num(it.max), isTimed: it.is_timed,
      timeLimitSeconds: it.time_limit_seconds, lockState: it.lock_state, lockedAt: it.locked_at?.toISOString() ?? null,
      aspects: aspects.filter((a) => a.item_id === it.id).map((a) => ({
        id: a.id, code: a.code, seq: a.seq, type: a.type, max: Number(a.max), description: a.description, descriptors: a.descriptors,
        deductions: a.deductions?.map((d) => ({ code: d.code, text: d.text, points: Number(d.points) })) ?? null, judges: a.judges,
      })),
      judges: judges.filter((j) => j.item_id === it.id).map((j) => ({ id: j.id, name: j.name })),
    })),
    hasMarks: marked,
    me: { canManage: manage, canEdit: manage && !marked },
    warnings: [],
  };
  if (manage || isChiefJudge(actor, access)) view.warnings = judgeWarnings(view, lang);
  return view;
}

/**
 * A judgement aspect scored by J judges wants at least J judges assigned to its sub-item, and a
 * measurement or deduction aspect two (double entry by two judges, one entry each — flags.ts):
 * warned, not refused, since judges are often assigned after the scheme is written.
 */
function judgeWarnings(scheme: Scheme, lang: Lang): SchemeWarning[] {
  const warnings: SchemeWarning[] = [];
  for (const [i, item] of scheme.items.entries()) {
    const double = item.aspects.find((a) => a.type !== 'judgement');
    if (item.parentId !== null && double && item.judges.length < double.judges) {
      const code: MessageKey = 'contest.scheme.judges_short_double';
      const params = { item: item.code, needed: double.judges, assigned: item.judges.length };
      warnings.push({ path: `items.${i}.judges`, itemId: item.id, aspectId: null, code, message: translate(lang, code, params) });
    }
    for (const [j, aspect] of item.aspects.entries()) {
      if (aspect.type !== 'judgement' || aspect.judges <= item.judges.length) continue;
      const code: MessageKey = 'contest.scheme.judges_short';
      const params = { aspect: aspect.code, needed: aspect.judges, item: item.code, assigned: item.judges.length };
      warnings.push({ path: `items.${i}.aspects.${j}.judges`, itemId: item.id, aspectId: aspect.id, code, message: translate(lang, code, params) });
    }
  }
  return warnings;
}

/** The contest for a change of its scheme: its managers only (others who may see it get 403), locked for the change. */
async function accessForChange(trx: Executor, actor: Actor, contestId: number): Promise<ContestAccess> {
  const access = await loadContestAccess(trx, contestId, actor, { forUpdate: true });
  if (!canManageContest(actor, access)) throw forbidden();
  return access;
}

async function writeScheme(trx: Executor, access: ContestAccess, input: SchemeInput): Promise<void> {
  // Marks are entered against aspects and their maxima: once any exists the scheme is fixed.
  if (await repo.hasMarks(trx, access.id)) throw conflict('contest.scheme.has_marks');
  await repo.replaceScheme(trx, access.id, input.items);
}

/** Replace the whole scheme (issue 6 §2); every problem is named at once, nothing is written on any. */
export async function replaceScheme(ctx: AppContext, actor: Actor, contestId: number, input: SchemeInput, meta: RequestMeta, lang: Lang): Promise<Scheme> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessForChange(trx, actor, contestId);
    const issues = validateScheme(input);
    if (issues.length) throw invalid(issues.map(toFieldIssue));
    await writeScheme(trx, access, input);
    await audit(trx, actor, meta, access, 'contest.scheme.replace', access.name);
    return readScheme(trx, actor, access, lang);
  });
}

/** The scheme as the .xlsx that the import reads back unchanged. */
export async function exportScheme(ctx: AppContext, actor: Actor | null, contestId: number): Promise<{ name: string; data: Buffer }> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const [items, aspects] = await Promise.all([repo.listItems(ctx.db, access.id), repo.listAspects(ctx.db, access.id)]);
  const source: SchemeSource = {
    items: items.map((it) => ({
      code: it.code, name: it.name, parentCode: items.find((p) => p.id === it.parent_id)?.code ?? null, max: num(it.max), isTimed: it.is_timed,
      timeLimitSeconds: it.time_limit_seconds,
      aspects: aspects.filter((a) => a.item_id === it.id).map((a) => ({
        code: a.code, type: a.type, max: Number(a.max), description: a.description, descriptors: a.descriptors,
        deductions: a.deductions?.map((d) => ({ code: d.code, text: d.text, points: Number(d.points) })) ?? null, judges: a.judges,
      })),
    })),
  };
  return { name: `${access.name}-评分标准.xlsx`, data: await buildSchemeWorkbook(source) };
}

/** Import a scheme from .xlsx: all or nothing, every bad cell named by sheet, row and column (422 imports.invalid). */
export async function importScheme(ctx: AppContext, actor: Actor, contestId: number, file: { name: string; data: Buffer }, meta: RequestMeta, lang: Lang): Promise<Scheme> {
  // Authorise before reading anything the caller sent.
  await ctx.db.transaction().execute((trx) => accessForChange(trx, actor, contestId));
  const read = await readSchemeWorkbook(file.data, file.name);
  const rowIssues = [...read.issues, ...read.locate(validateScheme(read.scheme))];
  if (rowIssues.length) throw new AppError('imports.invalid', 422, { count: rowIssues.length }, [], {}, rowIssues);
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessForChange(trx, actor, contestId);
    await writeScheme(trx, access, read.scheme);
    await audit(trx, actor, meta, access, 'contest.scheme.import', access.name, file.name);
    return readScheme(trx, actor, access, lang);
  });
}

/** Assign the judges of one sub-item (users holding the judge role); audited. */
export async function assignJudges(ctx: AppContext, actor: Actor, contestId: number, itemId: number, userIds: string[], meta: RequestMeta) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessForChange(trx, actor, contestId);
    const item = await repo.findItem(trx, access.id, itemId);
    if (!item) throw new AppError('contest.item_not_found', 404);
    if (item.parent_id === null) throw invalid([{ path: 'itemId', code: 'contest.scheme.not_sub_item' }]);
    const unique = [...new Set(userIds)];
    const judges = await repo.judgeUsers(trx, unique);
    const found = new Set(judges.map((j) => j.id));
    const issues: FieldIssue[] = userIds.flatMap((id, k) => (found.has(id) ? [] : [{ path: `userIds.${k}`, code: 'contest.scheme.not_judge' as const }]));
    if (issues.length) throw invalid(issues);
    // A judge whose marks are in the sub-item stays on it: the trail names him — issue 6 §3 (audit trail)
    const removed = (await repo.listJudges(trx, access.id)).filter((j) => j.item_id === item.id && !found.has(j.id));
    const marked = new Set((await trx.selectFrom('contest_marks').select('judge_id').distinct().where('item_id', '=', item.id)
      .where('judge_id', 'in', removed.length ? removed.map((j) => j.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((m) => m.judge_id));
    if (marked.size) throw new AppError('contest.scheme.judge_has_marks', 409, { names: removed.filter((j) => marked.has(j.id)).map((j) => j.name).join('、') });
    await repo.replaceItemJudges(trx, access.id, item.id, unique);
    const names = unique.map((id) => judges.find((j) => j.id === id)!.name);
    await audit(trx, actor, meta, access, 'contest.judges.assign', `${access.name} ${item.code} ${item.name}`, names.join('、'));
    const sorted = (await repo.listJudges(trx, access.id)).filter((j) => j.item_id === item.id);
    return { itemId: item.id, judges: sorted.map((j) => ({ id: j.id, name: j.name })) };
  });
}

/** Judges the contest's managers may assign: active users with the judge role, searchable, a page at a time. */
export async function listJudgeCandidates(ctx: AppContext, actor: Actor, contestId: number, query: { q?: string; page: number; pageSize: number }): Promise<{ total: number; items: Candidate[] }> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  if (!canManageContest(actor, access)) throw forbidden();
  const { total, rows } = await repo.listJudgeCandidates(ctx.db, { q: query.q, limit: query.pageSize, offset: pageOffset(query) });
  return { total, items: rows.map((r) => ({ id: r.id, name: r.name, username: r.username, union: r.union_id ? { id: r.union_id, name: r.union_name ?? '' } : null })) };
}
