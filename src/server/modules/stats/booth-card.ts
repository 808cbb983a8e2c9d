import QRCode from 'qrcode';
import { renderPdf, type CjkFonts, type Pdf, type PdfOutput } from '../../platform/pdf.js';
import type { Translate } from './report-data.js';

// The printable booth card (issue 5 §3): an A5 sheet for the booth's table — the booth number large
// enough to read across the aisle, the employer, the postings it brings with their pay, and a QR
// code a visitor's phone camera opens on the public event page at this booth. Drawn as vectors,
// so it prints sharp at any size (A4 is the same card scaled up).

export interface BoothCard {
  booth: string;
  zone: string | null;
  enterprise: string;
  event: string;
  when: string;
  venue: string;
  url: string;
  postings: { title: string; salary: string; headcount: number }[];
}

/** The public page a booth's QR code opens. */
export const boothUrl = (origin: string, eventId: number, booth: string): string => `${origin}/m/events/${eventId}?booth=${encodeURIComponent(booth)}`;

/** The QR code's modules (true = dark), error correction M: survives a scuffed, folded print. */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => modules.get(r, c) === 1));
}

/** A QR code as vector runs of dark modules on a white square, linked to its text (also used by contest certificates). */
export function drawQr(pdf: Pdf, text: string, x: number, y: number, size: number): void {
  const m = qrMatrix(text);
  const cell = size / (m.length + 2); // one module of quiet zone each side, inside the white box
  pdf.doc.rect(x, y, size, size).fill('#ffffff');
  for (const [r, row] of m.entries()) {
    // Runs of dark modules as one rectangle each: a few hundred shapes instead of a thousand.
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end + 1 < row.length && row[end + 1]) end++;
      pdf.doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, (end - c + 1) * cell + 0.05, cell + 0.05);
      c = end;
    }
  }
  pdf.doc.fill('#000000');
  pdf.doc.link(x, y, size, size, text);
}

const RED = '#b91c1c';
const GREY = '#6b7280';

function drawCard(pdf: Pdf, card: BoothCard, t: Translate): void {
  const { doc } = pdf;
  const W = 419.53;
  const M = 26;
  const inner = W - 2 * M;
  // Event band
  doc.rect(0, 0, W, 58).fill(RED);
  pdf.font('bold', 13, '#ffffff').text(card.event, M, 14, { width: inner, height: 18, lineBreak: false, ellipsis: true });
  pdf.font('regular', 9, '#fde2e2').text([card.when, card.venue].filter(Boolean).join('  ·  '), M, 35, { width: inner, height: 12, lineBreak: false, ellipsis: true });
  // Booth number and zone
  // The font's line box is taller than its capitals: the number's glyphs sit in its lower part.
  pdf.font('regular', 11, GREY).text(t('reports.card.booth'), M, 72, { lineBreak: false });
  pdf.font('bold', 84, RED).text(card.booth, M - 3, 70, { width: inner, height: 100, lineBreak: false });
  if (card.zone) pdf.font('regular', 11, GREY).text(`${t('reports.card.zone')}：${card.zone}`, M, 178, { width: inner, height: 14, lineBreak: false, ellipsis: true });
  // Employer: as large as fits on two lines
  let size = 24;
  pdf.font('bold', size);
  while (size > 14 && pdf.heightOf(card.enterprise, { width: inner }) > 2.6 * size) pdf.font('bold', (size -= 1));
  pdf.font('bold', size, '#111827').text(card.enterprise, M, 204, { width: inner, height: 2.7 * size, ellipsis: true });
  let y = Math.max(doc.y, 204 + 1.4 * size) + 10;
  doc.moveTo(M, y).lineTo(W - M, y).lineWidth(0.8).stroke('#e5e7eb');
  y += 10;
  // Postings, as many as fit above the QR block
  pdf.font('bold', 11, '#111827').text(t('reports.card.postings'), M, y, { lineBreak: false });
  y += 20;
  const qrTop = 595.28 - M - 118;
  const lineH = 19;
  const room = Math.max(0, Math.floor((qrTop - 12 - y) / lineH));
  const shown = card.postings.length > room ? card.postings.slice(0, Math.max(0, room - 1)) : card.postings;
  if (!card.postings.length) pdf.font('regular', 10, GREY).text(t('reports.card.none'), M, y, { width: inner });
  for (const p of shown) {
    pdf.font('regular', 10.5, '#111827').text(p.title, M, y, { width: inner * 0.5, height: 14, lineBreak: false, ellipsis: true });
    pdf.font('bold', 10.5, RED).text(p.salary, M + inner * 0.5, y, { width: inner * 0.34, height: 14, lineBreak: false, ellipsis: true, align: 'right' });
    pdf.font('regular', 9, GREY).text(t('reports.card.headcount', { n: p.headcount }), M + inner * 0.84, y + 1, { width: inner * 0.16, lineBreak: false, align: 'right' });
    y += lineH;
  }
  if (shown.length < card.postings.length) pdf.font('regular', 9.5, GREY).text(t('reports.card.more', { n: card.postings.length - shown.length }), M, y, { width: inner, lineBreak: false });
  // QR block
  doc.roundedRect(M, qrTop - 6, inner, 124, 6).fill('#f5f8fc');
  drawQr(pdf, card.url, M + 6, qrTop, 112);
  pdf.font('bold', 12, '#111827').text(t('reports.card.scan'), M + 132, qrTop + 26, { width: inner - 142 });
  pdf.font('regular', 8, GREY).text(card.url, M + 132, doc.y + 6, { width: inner - 142 });
}

/** One card per booth, one page each (A5, or A4 scaled up). */
export function buildBoothCards(cards: BoothCard[], title: string, fonts: CjkFonts, t: Translate, size: 'A5' | 'A4' = 'A5'): Promise<PdfOutput> {
  return renderPdf({ fonts, title, size, margin: 0 }, (pdf) => {
    const scale = size === 'A4' ? Math.SQRT2 : 1;
    cards.forEach((card, i) => {
      if (i > 0) pdf.doc.addPage();
      pdf.doc.save();
      pdf.doc.scale(scale);
      drawCard(pdf, card, t);
      pdf.doc.restore();
    });
  });
}
