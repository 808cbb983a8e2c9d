import { actorLabel, type Actor, type RequestMeta } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { translate, type Lang } from '../../../shared/i18n/index.js';
import { verifyPassword } from '../accounts/passwords.js';
import { buildRightsPdf } from './rights-pdf.js';
import * as repo from './rights.repo.js';
import type { ServicesExport, Summary } from './rights.schemas.js';
import { idCardHash, openText, phoneHash } from './services.pii.js';
import { isWorker } from './services.policy.js';

// A worker's rights over what the services hold about him (issue 8 §5; PIPL art. 44–47): see it,
// export it (JSON, PDF), withdraw the sharing at a fair, and erase it. His records are found by his
// account and by the services' blind indexes of his phone and 身份证号 (from his membership
// application or his seeker profile). Exports and erasures are in the audit log.

function requireWorker(actor: Actor): void {
  if (!isWorker(actor)) throw forbidden();
}

/** Whose data: his account and the blind indexes that find his records without an account link. */
export async function subjectOf(ctx: AppContext, db: Executor, userId: string): Promise<repo.Subject> {
  const account = await repo.findAccount(db, userId);
  const idCards = new Map<string, Buffer>();
  if (account?.id_card_enc) { const h = idCardHash(ctx.crypto, ctx.crypto.decrypt(account.id_card_enc)); idCards.set(h.toString('hex'), h); }
  for (const m of await repo.membershipIdCards(db, userId)) if (m.id_card_hash) idCards.set(m.id_card_hash.toString('hex'), m.id_card_hash);
  const idCardHashes = [...idCards.values()];
  const phone = account?.phone_enc ? phoneHash(ctx.crypto, ctx.crypto.decrypt(account.phone_enc)) : null;
  return { userId, idCardHashes, hashes: [...(phone ? [phone] : []), ...idCardHashes] };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const open = (ctx: AppContext, b: Buffer | null) => (b ? ctx.crypto.decrypt(b) : null);

async function consentsOf(ctx: AppContext, s: repo.Subject, lang: Lang) {
  return (await repo.listConsents(ctx.db, s)).map((c) => ({
    id: c.id, purpose: c.purpose, recordType: c.record_type, textKey: c.text_key, text: translate(lang, c.text_key), channel: c.channel,
    givenAt: c.given_at.toISOString(), withdrawnAt: iso(c.withdrawn_at), canWithdraw: c.purpose === 'visitor_share' && !c.withdrawn_at,
  }));
}

/** Counts and consents for the "my data" page (nothing unmasked, so not audited). */
export async function summary(ctx: AppContext, actor: Actor, lang: Lang): Promise<Summary> {
  requireWorker(actor);
  const s = await subjectOf(ctx, ctx.db, actor.id);
  const [requests, memberships, aid, consents] = await Promise.all([repo.listRequests(ctx.db, actor.id), repo.listMemberships(ctx.db, s), repo.listAidMembers(ctx.db, s.idCardHashes), consentsOf(ctx, s, lang)]);
  const files = await repo.listFiles(ctx.db, requests.map((r) => r.id));
  return {
    counts: {
      requests: requests.filter((r) => r.kind === 'consultation').length, claims: requests.filter((r) => r.kind === 'aid_claim').length,
      memberships: memberships.length, aidMemberships: aid.length, consents: consents.length, files: files.length,
    },
    approvedMember: memberships.some((m) => m.status === 'approved'),
    consents,
  };
}

async function collect(ctx: AppContext, actor: Actor, lang: Lang): Promise<ServicesExport> {
  const s = await subjectOf(ctx, ctx.db, actor.id);
  const account = await repo.findAccount(ctx.db, actor.id);
  const [requests, memberships, aid, consents] = await Promise.all([repo.listRequests(ctx.db, actor.id), repo.listMemberships(ctx.db, s), repo.listAidMembers(ctx.db, s.idCardHashes), consentsOf(ctx, s, lang)]);
  const ids = requests.map((r) => r.id);
  const [messages, files] = await Promise.all([repo.listMessages(ctx.db, ids), repo.listFiles(ctx.db, ids)]);
  const idCards = new Set<string>();
  if (account?.id_card_enc) idCards.add(ctx.crypto.decrypt(account.id_card_enc));
  const out = requests.map((r) => ({
    id: r.id, refNo: r.ref_no, kind: r.kind, category: r.category, channel: r.channel, status: r.status, event: r.event_name, name: r.name, phone: open(ctx, r.phone_enc),
    region: { code: r.region_code, name: r.region_name }, employer: r.enterprise_name ?? r.employer_name, subject: r.subject, body: openText(ctx.crypto, r.body_enc),
    ownerUnion: r.union_name, claim: r.kind === 'aid_claim' ? { plan: r.plan_name ?? '', amount: r.claim_amount, incidentOn: r.incident_on } : null,
    createdAt: r.created_at.toISOString(), firstAnsweredAt: iso(r.first_answered_at), closedAt: iso(r.closed_at), consentedAt: r.consented_at.toISOString(),
    files: files.filter((f) => f.request_id === r.id && f.message_id === null).map((f) => ({ name: f.name, mime: f.mime, size: f.size })),
    messages: messages.filter((m) => m.request_id === r.id).map((m) => ({
      author: m.author_role, union: m.author_role === 'staff' ? m.union_name : null, body: openText(ctx.crypto, m.body_enc) ?? '', at: m.created_at.toISOString(),
      files: files.filter((f) => f.message_id === m.id).map((f) => f.name),
    })),
  }));
  const membershipOut = memberships.map((m) => {
    const idCard = open(ctx, m.id_card_enc);
    if (idCard) idCards.add(idCard);
    return {
      id: m.id, refNo: m.ref_no, channel: m.channel, status: m.status, name: m.name, idCard, phone: open(ctx, m.phone_enc),
      region: { code: m.region_code, name: m.region_name }, employer: m.employer_name, ownerUnion: m.union_name, reviewDueOn: m.review_due_on, reviewedAt: iso(m.reviewed_at),
      rejectReason: m.reject_reason, createdAt: m.created_at.toISOString(), consentedAt: m.consented_at.toISOString(),
      card: m.status === 'approved' && m.member_no && m.joined_on && m.card_code ? { memberNo: m.member_no, joinedOn: m.joined_on, checkUrl: `/m/member-card/${m.card_code}` } : null,
    };
  });
  return {
    exportedAt: new Date().toISOString(),
    person: { name: account?.name ?? actor.name, phone: open(ctx, account?.phone_enc ?? null), idCards: [...idCards] },
    consents,
    requests: out.filter((r) => r.kind === 'consultation'),
    claims: out.filter((r) => r.kind === 'aid_claim'),
    memberships: membershipOut,
    aidMemberships: aid.map((a) => ({
      plan: a.plan_name, period: `${a.starts_on} – ${a.ends_on}`, enterprise: a.enterprise_name, status: a.status, confirmedAt: iso(a.confirmed_at),
      name: a.name, idCard: open(ctx, a.id_card_enc), phone: open(ctx, a.phone_enc),
    })),
  };
}

async function auditExport(ctx: AppContext, actor: Actor, format: 'json' | 'pdf', meta: RequestMeta) {
  await recordAudit(ctx.db, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: `services.rights.export_${format}`, subjectType: 'user', subjectId: actor.id,
    fields: ['name', 'phone', 'idCard', 'words'], ip: meta.ip, requestId: meta.requestId,
  });
}

/** Everything the services hold about him, unmasked (his own), audited. */
export async function exportData(ctx: AppContext, actor: Actor, lang: Lang, meta: RequestMeta): Promise<ServicesExport> {
  requireWorker(actor);
  const data = await collect(ctx, actor, lang);
  await auditExport(ctx, actor, 'json', meta);
  return data;
}

/** The same as a readable PDF (Chinese, CJK font embedded), audited. */
export async function exportPdf(ctx: AppContext, actor: Actor, lang: Lang, meta: RequestMeta) {
  requireWorker(actor);
  const data = await collect(ctx, actor, lang);
  const pdf = await buildRightsPdf(data, resolveCjkFonts(ctx.config.pdfFont), (key, params) => translate(lang, key, params));
  await auditExport(ctx, actor, 'pdf', meta);
  return { name: `${translate(lang, 'services.rights.pdf.title')}-${data.exportedAt.slice(0, 10)}.pdf`, data: pdf.data, pages: pdf.pages, ms: pdf.ms };
}

/** Withdraw his consent to share at a fair: the desks see only their own records again. */
export async function withdrawConsent(ctx: AppContext, actor: Actor, consentId: number, lang: Lang, meta: RequestMeta): Promise<Summary> {
  requireWorker(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await subjectOf(ctx, trx, actor.id);
    const consent = await repo.findOwnConsent(trx, s, consentId);
    if (!consent) throw notFound('services.rights.consent_not_found');
    if (consent.purpose !== 'visitor_share') throw conflict('services.rights.consent_not_withdrawable');
    if (consent.withdrawn_at) return;
    await repo.withdrawConsent(trx, consent.id);
    await repo.unshareVisitor(trx, Number(consent.record_id));
    await recordAudit(trx, { actorId: actor.id, actorLabel: actorLabel(actor), action: 'services.rights.withdraw', subjectType: 'event_visitor', subjectId: consent.record_id, ip: meta.ip, requestId: meta.requestId });
  });
  return summary(ctx, actor, lang);
}

/**
 * Erase his services data inside the caller's transaction (also called by the seekers' account
 * deletion, before the profile with his 身份证号 goes). Audited with what was erased.
 */
export async function eraseServicesData(ctx: AppContext, trx: Executor, actor: Actor, meta: RequestMeta): Promise<repo.Erased> {
  const s = await subjectOf(ctx, trx, actor.id);
  const erased = await repo.erase(trx, s, actor.id);
  await recordAudit(trx, {
    actorId: actor.id, actorLabel: actorLabel(actor), action: 'services.rights.erase', subjectType: 'user', subjectId: actor.id,
    fields: ['name', 'phone', 'idCard', 'words', 'files'], reason: JSON.stringify(erased), ip: meta.ip, requestId: meta.requestId,
  });
  return erased;
}

/** The worker erases his services data (his password confirms), in one transaction. */
export async function eraseMyData(ctx: AppContext, actor: Actor, password: string, meta: RequestMeta): Promise<repo.Erased> {
  requireWorker(actor);
  const account = await repo.findAccount(ctx.db, actor.id);
  if (!account || !(await verifyPassword(account.password_hash, password))) throw new AppError('auth.invalid_credentials', 401);
  return ctx.db.transaction().execute((trx) => eraseServicesData(ctx, trx, actor, meta));
}
