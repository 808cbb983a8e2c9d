import { randomInt } from 'node:crypto';
import { translate } from '../../../shared/i18n/index.js';
import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { fileSafe } from '../stats/report-data.js';
import { MIME, type ReportFile } from '../stats/reports.service.js';
import { buildCertificates, certificateUrl, type CertificatePage } from './certificates.js';
import { loadContestAccess } from './contests.access.js';
import { canManageContest, canSeeLiveResults } from './contests.policy.js';
import type { Board } from './results.board.js';
import * as repo from './results.repo.js';
import { awardText, liveBoard } from './results.service.js';

// Certificates (issue 6 §5): one per award — individual prizes, team awards, single-item awards —
// issued by the organisers once every sub-item is locked and the results revealed.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** A verification code: 16 characters of an unambiguous alphabet (~93 bits), not guessable. */
const newCode = () => Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

const keyOf = (w: { kind: string; contestantId: number | null; teamId: number | null; itemId: number | null }) => `${w.kind}:${w.contestantId ?? 0}:${w.teamId ?? 0}:${w.itemId ?? 0}`;

/** Every award the board gives, as certificates to hold (award texts in Chinese, as printed). */
export function wantedCertificates(board: Board): repo.CertificateWant[] {
  const wants: repo.CertificateWant[] = [];
  for (const t of board.teams) if (t.awarded) wants.push({ kind: 'team', contestantId: null, teamId: t.teamId, itemId: null, rank: t.rank, award: awardText('zh-CN', 'team', t.rank, {}) });
  for (const p of board.individuals) {
    if (p.prize) wants.push({ kind: 'individual', contestantId: p.contestantId, teamId: null, itemId: null, rank: p.rank, award: awardText('zh-CN', 'individual', p.rank, { prize: p.prize }) });
  }
  for (const item of board.items) {
    for (const id of item.awarded) {
      const rank = item.ranking.find((r) => r.contestantId === id)!.rank;
      wants.push({ kind: 'item', contestantId: id, teamId: null, itemId: item.itemId, rank, award: awardText('zh-CN', 'item', rank, { item: item.name }) });
    }
  }
  return wants;
}

type Row = Awaited<ReturnType<typeof repo.listCertificates>>[number];
const toCertificate = (r: Row, origin: string) => ({
  id: r.id, code: r.code, kind: r.kind, rank: r.rank, award: r.award, contestantId: r.contestant_id, name: r.contestant, workNumber: r.work_number,
  team: r.team, teamId: r.team_id, itemId: r.item_id, item: r.item, issuedAt: r.issued_at.toISOString(), url: certificateUrl(origin, r.code),
});

/**
 * Issue the certificates: idempotent — those already in force for the same award are kept and
 * returned; one whose award or rank the results no longer give (a re-lock changed them) is revoked
 * and replaced. Organisers only; audited.
 */
export async function issueCertificates(ctx: AppContext, actor: Actor, contestId: number, origin: string, meta: RequestMeta) {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await loadContestAccess(trx, contestId, actor, { forUpdate: true });
    if (!canManageContest(actor, access)) throw forbidden();
    const board = await liveBoard(trx, contestId);
    if (!board.complete) throw new AppError('contest.results.incomplete', 409, { locked: board.lockedItems, total: board.totalItems });
    if (!access.revealed) throw new AppError('contest.results.not_revealed', 409);
    const wants = wantedCertificates(board);
    const wanted = new Map(wants.map((w) => [keyOf(w), w]));
    const held = await repo.listCertificates(trx, contestId);
    const stale = held.filter((h) => {
      const w = wanted.get(keyOf({ kind: h.kind, contestantId: h.contestant_id, teamId: h.kind === 'team' ? h.team_id : null, itemId: h.item_id }));
      return !w || w.rank !== h.rank || w.award !== h.award;
    });
    await repo.revokeCertificates(trx, stale.map((s) => s.id));
    const created = await repo.insertCertificates(trx, contestId, wants.map((w) => ({ ...w, code: newCode() })), actor.id);
    if (created || stale.length) {
      await recordAudit(trx, {
        actorId: actor.id, actorLabel: actorLabel(actor), action: 'contest.certificates.issue', subjectType: 'contest', subjectId: String(contestId), subjectLabel: access.name,
        scopePrefix: access.ownerScope, reason: `+${created} -${stale.length}`, ip: meta.ip, requestId: meta.requestId,
      });
    }
    const items = (await repo.listCertificates(trx, contestId)).map((r) => toCertificate(r, origin));
    return { total: items.length, created, revoked: stale.length, items };
  });
}

/** The certificates in force: organisers and the chief judge. */
export async function listCertificates(ctx: AppContext, actor: Actor, contestId: number, origin: string) {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  if (!canSeeLiveResults(actor, access)) throw forbidden();
  const items = (await repo.listCertificates(ctx.db, contestId)).map((r) => toCertificate(r, origin));
  return { total: items.length, created: 0, revoked: 0, items };
}

/** The certificates as a PDF (all, or one by id), one A4 landscape page each. */
export async function certificatesPdf(ctx: AppContext, actor: Actor, contestId: number, origin: string, certId?: number): Promise<ReportFile> {
  const access = await loadContestAccess(ctx.db, contestId, actor);
  if (!canSeeLiveResults(actor, access)) throw forbidden();
  const rows = await repo.listCertificates(ctx.db, contestId, certId === undefined ? {} : { id: certId });
  if (!rows.length) throw new AppError(certId === undefined ? 'contest.results.no_certificates' : 'contest.results.certificate_not_found', certId === undefined ? 409 : 404);
  const facts = await repo.findContestFacts(ctx.db, contestId);
  const pages: CertificatePage[] = rows.map((r) => ({
    code: r.code, kind: r.kind, name: r.contestant, team: r.team, award: r.award, contest: facts.name,
    organisers: facts.organisers, date: facts.ends_on, url: certificateUrl(origin, r.code),
  }));
  const name = fileSafe(certId === undefined
    ? translate('zh-CN', 'contest.results.cert.file_all', { contest: facts.name })
    : translate('zh-CN', 'contest.results.cert.file_one', { contest: facts.name, who: `${rows[0]!.contestant ?? rows[0]!.team ?? ''}-${rows[0]!.award}` }));
  const pdf = await buildCertificates(pages, name, resolveCjkFonts(ctx.config.pdfFont));
  return { name: `${name}.pdf`, mime: MIME.pdf, data: pdf.data, pages: pdf.pages, ms: pdf.ms };
}

/** The public check page's data: a certificate by its code (revoked ones say so). */
export async function checkCertificate(ctx: AppContext, code: string) {
  const row = await repo.findCertificateByCode(ctx.db, code);
  if (!row || row.status !== 'published') throw new AppError('contest.results.certificate_not_found', 404);
  return {
    code: row.code, kind: row.kind, award: row.award, rank: row.rank, name: row.contestant, team: row.team, item: row.item,
    contest: { id: row.contest_id, name: row.contest, organisers: row.organisers, startsOn: row.starts_on, endsOn: row.ends_on },
    issuedAt: row.issued_at.toISOString(), revoked: row.revoked_at !== null, revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
