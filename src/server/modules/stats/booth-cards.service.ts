import { translate, type Lang } from '../../../shared/i18n/index.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { resolveCjkFonts } from '../../platform/pdf.js';
import { canManageEvent } from '../seasons/seasons.policy.js';
import * as seasons from '../seasons/seasons.repo.js';
import { boothUrl, buildBoothCards, type BoothCard } from './booth-card.js';
import { chinaTimeRange, fileSafe, salaryText, type Translate } from './report-data.js';
import * as repo from './reports.repo.js';
import { MIME, type ReportFile } from './reports.service.js';

// Printable booth cards (issue 5 §3): the employer prints its own; the event's staff print them all.

export interface CardOptions { origin: string; lang: Lang; size: 'A5' | 'A4' }

async function cardsFor(ctx: AppContext, event: NonNullable<Awaited<ReturnType<typeof seasons.findEventWithSeason>>>, holders: Awaited<ReturnType<typeof repo.listBoothHolders>>, options: CardOptions, t: Translate): Promise<BoothCard[]> {
  const postings = await repo.listSignupPostings(ctx.db, holders.map((h) => h.id));
  return holders.map((h) => ({
    booth: h.booth!, zone: h.zone, enterprise: h.enterprise_name, event: event.name,
    when: chinaTimeRange(event.starts_at, event.ends_at), venue: event.venue,
    url: boothUrl(options.origin, event.id, h.booth!),
    // Only what a visitor can still apply for: a posting closed since the sign-up is left off.
    postings: postings.filter((p) => p.signup_id === h.id && p.status === 'published').map((p) => ({ title: p.title, salary: salaryText(p, t), headcount: p.headcount })),
  }));
}

async function loadEvent(ctx: AppContext, eventId: number) {
  const event = await seasons.findEventWithSeason(ctx.db, eventId);
  if (!event) throw notFound('seasons.event_not_found');
  return event;
}

/** One booth's card: for the employer at that booth and the event's staff. */
export async function boothCard(ctx: AppContext, actor: Actor, signupId: number, options: CardOptions): Promise<ReportFile> {
  const [holder] = await repo.listBoothHolders(ctx.db, { signupId });
  if (!holder) throw notFound('seasons.signup_not_found');
  const event = await loadEvent(ctx, holder.event_id);
  const allowed = canManageEvent(actor, event.host_scope, event.season_owner_scope) || await repo.isActiveMember(ctx.db, actor.id, holder.enterprise_id);
  if (!allowed) throw forbidden();
  if (!holder.booth || holder.status !== 'approved') throw new AppError('reports.booth_unassigned', 409);
  const t: Translate = (key, params) => translate(options.lang, key, params);
  const name = fileSafe(t('reports.file.booth_card', { event: event.name, booth: holder.booth }));
  const pdf = await buildBoothCards(await cardsFor(ctx, event, [holder], options, t), name, resolveCjkFonts(ctx.config.pdfFont), t, options.size);
  return { name: `${name}.pdf`, mime: MIME.pdf, data: pdf.data, pages: pdf.pages, ms: pdf.ms };
}

/** Every assigned booth's card of an event, one page each, for the organisers to print. */
export async function boothCards(ctx: AppContext, actor: Actor, eventId: number, options: CardOptions): Promise<ReportFile> {
  const event = await loadEvent(ctx, eventId);
  if (!canManageEvent(actor, event.host_scope, event.season_owner_scope)) throw forbidden();
  const holders = await repo.listBoothHolders(ctx.db, { eventId });
  if (!holders.length) throw new AppError('reports.no_booths', 409);
  const t: Translate = (key, params) => translate(options.lang, key, params);
  const name = fileSafe(t('reports.file.booth_cards', { event: event.name }));
  const pdf = await buildBoothCards(await cardsFor(ctx, event, holders, options, t), name, resolveCjkFonts(ctx.config.pdfFont), t, options.size);
  return { name: `${name}.pdf`, mime: MIME.pdf, data: pdf.data, pages: pdf.pages, ms: pdf.ms };
}
