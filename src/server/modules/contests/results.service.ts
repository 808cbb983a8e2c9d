import { translate, type Lang, type MessageKey } from '../../../shared/i18n/index.js';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { loadContestAccess, type ContestAccess } from './contests.access.js';
import { canManageContest, canSeeLiveResults, canSeeNames, isChiefJudge } from './contests.policy.js';
import { BoardError, computeBoard, withoutNames, type Board } from './results.board.js';
import * as repo from './results.repo.js';
import type { Results } from './results.schemas.js';
import { buildResultsXlsx, type AwardLine } from './results.xlsx.js';
import { fileSafe } from '../stats/report-data.js';
import { MIME, type ReportFile } from '../stats/reports.service.js';

// Results of a contest (issue 6 §5): computed from the locked marks on every read (never stored as
// the truth), a frozen copy for the public, and the live stream that follows locks and reveals.

/** A board as stored in contest_result_freezes: with names (stripped per reader) and when it was computed. */
interface StoredBoard extends Board { computedAt: string }

function boardError(e: BoardError, rows: Awaited<ReturnType<typeof repo.loadResultRows>>): AppError {
  const person = rows.finalists.find((f) => f.id === e.contestantId);
  const workNumber = person?.workNumber ?? (e.contestantId ? `#${e.contestantId}` : '—');
  const aspect = e.aspect === 'written' ? translate('zh-CN', 'contest.results.written') : e.aspect ?? '—';
  if (e.kind === 'missing') return new AppError('contest.results.missing_mark', 409, { workNumber, aspect });
  if (e.kind === 'disagree') return new AppError('contest.results.entries_disagree', 409, { workNumber, aspect, values: e.reason });
  const key = `contest.results.reason.${e.reason}`;
  return new AppError('contest.results.invalid_mark', 409, { workNumber, aspect, reason: translate('zh-CN', key.startsWith('contest.results.reason.contest.scoring.') ? key : 'contest.results.reason.other') });
}

/** The live board, computed now from the locked sub-items; a mark that cannot be computed is a 409 naming work number and aspect. */
export async function liveBoard(db: Executor, contestId: number): Promise<StoredBoard> {
  const rows = await repo.loadResultRows(db, contestId);
  try {
    return { ...computeBoard(rows), computedAt: new Date().toISOString() };
  } catch (e) {
    if (e instanceof BoardError) throw boardError(e, rows);
    throw e;
  }
}

// Boards computed for reading, per contest, kept while their inputs' digest is unchanged: a
// ceremony's thousand phones opening the board cost one computation, not a thousand (~30 ms each
// for 83 finalists). Writes (freeze, certificates) always compute afresh.
const CACHE_SIZE = 64;
const cache = new WeakMap<Executor, Map<number, { digest: string; board: StoredBoard }>>(); // per database

/** The live board for reading: the cached one when nothing it is computed from has changed. */
export async function readBoard(db: Executor, contestId: number): Promise<StoredBoard> {
  const digest = await repo.boardDigest(db, contestId);
  let boards = cache.get(db);
  if (!boards) cache.set(db, (boards = new Map()));
  const hit = boards.get(contestId);
  if (hit?.digest === digest) return hit.board;
  const board = await liveBoard(db, contestId);
  boards.delete(contestId);
  if (boards.size >= CACHE_SIZE) boards.delete(boards.keys().next().value!);
  boards.set(contestId, { digest, board });
  return board;
}

function present(board: StoredBoard, access: ContestAccess, names: boolean, freeze: { frozenAt: Date } | null, live: boolean): Results {
  const shown: StoredBoard = names ? board : { ...withoutNames(board), computedAt: board.computedAt };
  return {
    contest: { id: access.id, name: access.name, revealed: access.revealed, status: access.status },
    ...shown, frozen: !!freeze, live, frozenAt: freeze ? freeze.frozenAt.toISOString() : null,
  };
}

/** What `actor` sees: staff who may see live results the live board (and whether a frozen copy exists); everyone else the frozen copy when there is one. */
export async function getResults(ctx: AppContext, actor: Actor | null, contestId: number): Promise<Results> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const freeze = await repo.findFreeze(ctx.db, contestId);
  const names = canSeeNames(actor, access);
  if (freeze && !canSeeLiveResults(actor, access)) {
    return present(freeze.results as StoredBoard, access, names, { frozenAt: freeze.frozen_at }, false);
  }
  return present(await readBoard(ctx.db, contestId), access, names, freeze ? { frozenAt: freeze.frozen_at } : null, true);
}

/** The public board (the SSE payload): the frozen copy while frozen, names only once revealed. */
export async function publicResults(ctx: AppContext, contestId: number): Promise<Results> {
  return getResults(ctx, null, contestId);
}

const canFreeze = (actor: Actor, access: ContestAccess) => canManageContest(actor, access) || isChiefJudge(actor, access);

/** Freeze the public board at the current live results (again: re-freeze at the current ones). Managers or the chief judge; audited. */
export async function freezeResults(ctx: AppContext, actor: Actor, contestId: number, meta: RequestMeta): Promise<Results> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadContestAccess(trx, contestId, actor, { forUpdate: true });
    if (!canFreeze(actor, access)) throw forbidden();
    const board = await liveBoard(trx, contestId);
    const saved = await repo.saveFreeze(trx, contestId, board, actor.id);
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: 'contest.results.freeze', subjectType: 'contest', subjectId: String(contestId), subjectLabel: access.name,
      scopePrefix: access.ownerScope, reason: `${board.lockedItems}/${board.totalItems}`, ip: meta.ip, requestId: meta.requestId,
    });
    await repo.notifyContest(trx, contestId);
    return present(board, access, canSeeNames(actor, access), { frozenAt: saved.frozen_at }, true);
  });
}

/** Lift the freeze: the public sees the live board again. */
export async function unfreezeResults(ctx: AppContext, actor: Actor, contestId: number, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await loadContestAccess(trx, contestId, actor, { forUpdate: true });
    if (!canFreeze(actor, access)) throw forbidden();
    if (!(await repo.deleteFreeze(trx, contestId))) throw new AppError('contest.results.not_frozen', 409);
    await recordAudit(trx, {
      actorId: actor.id, actorLabel: actorLabel(actor), action: 'contest.results.unfreeze', subjectType: 'contest', subjectId: String(contestId), subjectLabel: access.name,
      scopePrefix: access.ownerScope, ip: meta.ip, requestId: meta.requestId,
    });
    await repo.notifyContest(trx, contestId);
  });
}

/** The award text printed on a certificate and listed in the award lists. */
export function awardText(lang: Lang, kind: 'individual' | 'team' | 'item', rank: number, detail: { prize?: string | null; item?: string }): string {
  if (kind === 'team') return translate(lang, 'contest.results.award.team', { rank });
  if (kind === 'item') return translate(lang, 'contest.results.award.item', { item: detail.item ?? '', rank });
  return translate(lang, 'contest.results.award.individual', { prize: translate(lang, `contest.results.award.${detail.prize}` as MessageKey) });
}

/** The award lists of the board `actor` sees: teams, individual prizes, single-item awards, with certificate codes for the organisers. */
export async function getAwards(ctx: AppContext, actor: Actor | null, contestId: number, lang: Lang) {
  const results = await getResults(ctx, actor, contestId);
  const access = await loadContestAccess(ctx.db, contestId, actor);
  const certs = canSeeLiveResults(actor, access) ? await repo.listCertificates(ctx.db, contestId) : [];
  const code = (kind: string, contestantId: number | null, teamId: number | null, itemId: number | null) =>
    certs.find((c) => c.kind === kind && c.contestant_id === contestantId && (kind !== 'team' || c.team_id === teamId) && c.item_id === itemId)?.code ?? null;
  const lines: AwardLine[] = [
    ...results.teams.filter((t) => t.awarded).map((t): AwardLine => ({ kind: 'team', award: awardText(lang, 'team', t.rank, {}), rank: t.rank, contestantId: null, workNumber: null, name: null, team: t.team, itemId: null, code: code('team', null, t.teamId, null) })),
    ...results.individuals.filter((p) => p.prize).map((p): AwardLine => ({ kind: 'individual', award: awardText(lang, 'individual', p.rank, { prize: p.prize }), rank: p.rank, contestantId: p.contestantId, workNumber: p.workNumber, name: p.name ?? null, team: p.team, itemId: null, code: code('individual', p.contestantId, null, null) })),
    ...results.items.flatMap((item) => item.ranking.filter((r) => item.awarded.includes(r.contestantId)).map((r): AwardLine => ({
      kind: 'item', award: awardText(lang, 'item', r.rank, { item: item.name }), rank: r.rank, contestantId: r.contestantId, workNumber: r.workNumber, name: r.name ?? null, team: r.team, itemId: item.itemId, code: code('item', r.contestantId, null, item.itemId),
    }))),
  ];
  return { results, lines };
}

/** The results workbook of the board `actor` sees (the same figures as the JSON). */
export async function resultsXlsx(ctx: AppContext, actor: Actor | null, contestId: number, lang: Lang): Promise<ReportFile> {
  const started = performance.now();
  const { results, lines } = await getAwards(ctx, actor, contestId, lang);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const data = await buildResultsXlsx(results, lines, t);
  return { name: `${fileSafe(t('contest.results.xlsx.file', { contest: results.contest.name }))}.xlsx`, mime: MIME.xlsx, data, ms: Math.round(performance.now() - started) };
}
