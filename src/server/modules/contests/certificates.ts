import { translate } from '../../../shared/i18n/index.js';
import { renderPdf, type CjkFonts, type Pdf, type PdfOutput } from '../../platform/pdf.js';
import { drawQr } from '../stats/booth-card.js';

// Certificates of honour (荣誉证书, issue 6 §5): A4 landscape, one per page — recipient, award,
// contest, organisers and date, and a vector QR code that opens the public check page. Printed in
// Chinese whatever the staff's interface language: they are official documents of the federations.

export interface CertificatePage {
  code: string;
  kind: 'individual' | 'team' | 'item';
  name: string | null;
  team: string | null;
  award: string;
  contest: string;
  organisers: string[];
  /** The date printed (the contest's last day), YYYY-MM-DD. */
  date: string;
  url: string;
}

/** The public page a certificate's QR code opens. */
export const certificateUrl = (origin: string, code: string): string => `${origin}/m/certificates/${code}`;

/** 2023-02-23 → 2023年2月23日 */
export const chineseDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const W = 841.89;
const H = 595.28;
const RED = '#a4161a';
const GOLD = '#c9a227';
const INK = '#1f2937';
const GREY = '#6b7280';
const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh-CN', key, params);

/** Text centred on the page, shrunk until it fits one line of `width`. */
function centred(pdf: Pdf, text: string, y: number, weight: 'regular' | 'bold', size: number, color: string, width = W - 200): void {
  let s = size;
  pdf.font(weight, s, color);
  while (s > 10 && pdf.widthOf(text) > width) pdf.font(weight, (s -= 1), color);
  pdf.text(text, (W - pdf.widthOf(text)) / 2, y, { lineBreak: false });
}

function drawCertificate(pdf: Pdf, c: CertificatePage): void {
  const { doc } = pdf;
  doc.rect(0, 0, W, H).fill('#fffdf7');
  doc.rect(22, 22, W - 44, H - 44).lineWidth(6).stroke(RED);
  doc.rect(34, 34, W - 68, H - 68).lineWidth(1.2).stroke(GOLD);
  centred(pdf, t('contest.results.cert.title'), 70, 'bold', 50, RED);
  const to = c.kind === 'team' ? t('contest.results.cert.to_team', { team: c.team ?? '' }) : t('contest.results.cert.to_person', { team: c.team ?? '', name: c.name ?? '' });
  pdf.font('bold', 22, INK).text(to, 110, 170, { width: W - 220, height: 30, lineBreak: false, ellipsis: true });
  pdf.font('regular', 19, INK).text(t('contest.results.cert.body', { contest: c.contest }), 154, 222, { width: W - 264, height: 56, ellipsis: true });
  centred(pdf, c.award, 290, 'bold', 40, RED);
  pdf.font('regular', 19, INK).text(t('contest.results.cert.encourage'), 154, 360, { lineBreak: false });
  // Organisers and date, bottom right
  const right = W - 110;
  let y = 420;
  pdf.font('bold', 15, INK);
  for (const org of c.organisers.slice(0, 4)) {
    pdf.text(org, right - pdf.widthOf(org), y, { lineBreak: false });
    y += 22;
  }
  const date = chineseDate(c.date);
  pdf.font('regular', 15, INK).text(date, right - pdf.widthOf(date), y + 6, { lineBreak: false });
  // QR and code, bottom left
  drawQr(pdf, c.url, 70, 420, 100);
  pdf.font('regular', 10, GREY).text(t('contest.results.cert.scan'), 180, 470, { lineBreak: false });
  pdf.font('regular', 10, GREY).text(t('contest.results.cert.code', { code: c.code }), 180, 488, { lineBreak: false });
}

/** One certificate per page, A4 landscape. */
export function buildCertificates(pages: CertificatePage[], title: string, fonts: CjkFonts): Promise<PdfOutput> {
  return renderPdf({ fonts, title, size: 'A4', layout: 'landscape', margin: 0 }, (pdf) => {
    pages.forEach((page, i) => {
      if (i > 0) pdf.doc.addPage();
      drawCertificate(pdf, page);
    });
  });
}
