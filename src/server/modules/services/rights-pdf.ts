import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import { renderPdf, type CjkFonts, type Pdf, type PdfOutput } from '../../platform/pdf.js';
import type { ServicesExport } from './rights.schemas.js';

// "My union services data" as an A4 PDF (issue 8 §5): the same content as the JSON export, in
// Chinese, for a worker to read, print or hand to a lawyer — his details, consents with their
// wording, each request with its words and thread, membership and card, mutual-aid enrolments.

type Translate = (key: MessageKey, params?: MessageParams) => string;

const GREY = '#6b7280';
const INK = '#111827';

/** A time as people in China read it: 2026-11-27 11:05. */
export const chinaTime = (iso: string | null): string => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

function paragraph(pdf: Pdf, text: string, size = 9.5, color = INK) {
  pdf.font('regular', size, color);
  pdf.ensureSpace(pdf.heightOf(text, { width: pdf.width }) + 4);
  pdf.text(text, pdf.left, pdf.doc.y, { width: pdf.width });
}

function requestBlock(pdf: Pdf, r: ServicesExport['requests'][number], t: Translate) {
  const status = t(`services.rights.status.${r.status}` as MessageKey);
  pdf.ensureSpace(60);
  pdf.doc.moveDown(0.4);
  pdf.font('bold', 10.5).text(t('services.rights.pdf.request_head', { ref: r.refNo, category: t(`services.category.${r.category}` as MessageKey), status, union: r.ownerUnion }), pdf.left, pdf.doc.y, { width: pdf.width });
  paragraph(pdf, `${chinaTime(r.createdAt)} · ${r.region.name} · ${r.employer || '—'}${r.event ? ` · ${r.event}` : ''}`, 8.5, GREY);
  if (r.claim) paragraph(pdf, t('services.rights.pdf.claim', { plan: r.claim.plan, amount: r.claim.amount ?? '—', date: r.claim.incidentOn ?? '—' }));
  paragraph(pdf, t('services.rights.pdf.subject', { subject: r.subject ?? t('services.rights.pdf.erased') }));
  paragraph(pdf, t('services.rights.pdf.body', { body: r.body ?? t('services.rights.pdf.erased') }));
  if (r.files.length) paragraph(pdf, t('services.rights.pdf.files', { names: r.files.map((f) => f.name).join('、') }), 8.5, GREY);
  for (const m of r.messages) {
    const who = m.author === 'worker' ? t('services.rights.pdf.who.worker') : t('services.rights.pdf.who.staff', { union: m.union ?? '' });
    paragraph(pdf, t('services.rights.pdf.message', { at: chinaTime(m.at), who, body: m.body }), 9, '#374151');
    if (m.files.length) paragraph(pdf, t('services.rights.pdf.files', { names: m.files.join('、') }), 8.5, GREY);
  }
}

/** Draw the export as a PDF. */
export function buildRightsPdf(data: ServicesExport, fonts: CjkFonts, t: Translate): Promise<PdfOutput> {
  const title = t('services.rights.pdf.title');
  return renderPdf({ fonts, title, margin: 44, footer: (page, pages) => t('services.rights.pdf.footer', { page, pages }) }, (pdf) => {
    const none = t('services.rights.pdf.none');
    pdf.title(title, [t('services.rights.pdf.subtitle', { name: data.person.name, at: chinaTime(data.exportedAt) })]);

    pdf.heading(t('services.rights.pdf.person'));
    pdf.table([{ header: t('services.rights.pdf.name'), weight: 1 }, { header: t('services.rights.pdf.phone'), weight: 1 }, { header: t('services.rights.pdf.id_cards'), weight: 2 }],
      [[data.person.name, data.person.phone ?? '—', data.person.idCards.join('、') || '—']]);

    pdf.heading(t('services.rights.pdf.consents'));
    pdf.table([
      { header: t('services.rights.pdf.col.purpose'), weight: 1.2 }, { header: t('services.rights.pdf.col.wording'), weight: 4 },
      { header: t('services.rights.pdf.col.given'), weight: 1.2 }, { header: t('services.rights.pdf.col.withdrawn'), weight: 1.2 },
    ], data.consents.map((c) => [t(`services.rights.purpose.${c.purpose}` as MessageKey), c.text, chinaTime(c.givenAt), chinaTime(c.withdrawnAt)]), { empty: none });

    for (const [key, list] of [['services.rights.pdf.requests', data.requests], ['services.rights.pdf.claims', data.claims]] as const) {
      pdf.heading(t(key));
      if (!list.length) paragraph(pdf, none, 9, GREY);
      for (const r of list) requestBlock(pdf, r, t);
    }

    pdf.heading(t('services.rights.pdf.memberships'));
    pdf.table([
      { header: t('services.rights.pdf.col.ref'), weight: 1.3 }, { header: t('services.rights.pdf.col.status'), weight: 0.8 }, { header: t('services.rights.pdf.col.employer'), weight: 2 },
      { header: t('services.rights.pdf.col.union'), weight: 1.5 }, { header: t('services.rights.pdf.col.member_no'), weight: 1.5 }, { header: t('services.rights.pdf.col.created'), weight: 1.2 },
    ], data.memberships.map((m) => [m.refNo, t(`services.rights.status.${m.status}` as MessageKey), m.employer, m.ownerUnion, m.card?.memberNo ?? '—', chinaTime(m.createdAt)]), { empty: none });

    pdf.heading(t('services.rights.pdf.aid'));
    pdf.table([
      { header: t('services.rights.pdf.col.plan'), weight: 2 }, { header: t('services.rights.pdf.col.enterprise'), weight: 2 }, { header: t('services.rights.pdf.col.status'), weight: 1 },
      { header: t('services.rights.pdf.name'), weight: 1 }, { header: t('services.rights.pdf.id_cards'), weight: 1.8 },
    ], data.aidMemberships.map((a) => [`${a.plan}（${a.period}）`, a.enterprise, a.status, a.name ?? '—', a.idCard ?? '—']), { empty: none });
  });
}
