import { renderPdf, type CjkFonts, type Pdf, type PdfOutput } from '../../platform/pdf.js';
import { chineseDate, itemFigures, LIGHT_COLORS } from './meeting-pack.js';
import { highlightsOf, type Translate, type YearlyArea, type YearlyData, type YearlyItem } from './yearly-data.js';

// The yearly report (年度工作报告, issue 7 §5) as an A4 PDF — the document the federations present
// at the next joint conference: the year's key figures, every work item by area (value / target,
// percent with a bar, status light, responsible unions of both sides and where the value comes
// from), highlights from accepted reports, the meetings held with their decisions, and who signed
// off what and when. Figures are itemProgress's, printed as the meeting pack prints them.

const GREY = '#6b7280';
const INK = '#111827';
const SOFT = '#374151';
const ACCENT = '#1d4ed8';
const LINE = '#e5e7eb';

function header(pdf: Pdf, data: YearlyData, t: Translate) {
  const { doc } = pdf;
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.y = pdf.top + 6;
  pdf.font('regular', 10, GREY).text(`《${data.agreement.title}》`, pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.3);
  pdf.font('bold', 22, INK).text(t('coop.yearly.title', { year: data.year }), pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.3);
  pdf.font('regular', 9.5, GREY)
    .text(t('coop.yearly.parties', { parties: data.agreement.parties.join('、'), date: chineseDate(t, data.agreement.signedOn) }), pdf.left, doc.y, { width: pdf.width })
    .text(t('coop.yearly.as_of', { date: chineseDate(t, data.today), at: data.generatedAt }), pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.6);
  const items = data.areas.flatMap((a) => a.items);
  const count = (s: YearlyItem['status']) => items.filter((i) => i.status === s).length;
  pdf.keyFigures([
    { label: t('coop.yearly.figure.items', { year: data.year }), value: items.length },
    ...(['done', 'on_track', 'at_risk', 'late'] as const).map((s) => ({ label: t(`coop.items.status.${s}`), value: count(s) })),
    { label: t('coop.yearly.figure.meetings'), value: data.meetings.filter((m) => m.status === 'held').length },
    { label: t('coop.yearly.figure.highlights'), value: highlightsOf(data.reports).length },
  ]);
}

/** Column widths: code | item with its unions and source | value / target | percent with a bar | status. */
const widths = (total: number) => [52, total - 52 - 96 - 78 - 78, 96, 78, 78];

function tableHeader(pdf: Pdf, x: number[], t: Translate) {
  const { doc } = pdf;
  const y = doc.y;
  doc.rect(pdf.left, y, pdf.width, 18).fill('#eef2f7');
  pdf.font('bold', 8.5, INK);
  (['code', 'item', 'progress', 'percent', 'status'] as const).forEach((k, i) => pdf.text(t(`coop.yearly.col.${k}`), x[i]! + 4, y + 5, { lineBreak: false }));
  doc.y = y + 18;
}

function itemRow(pdf: Pdf, item: YearlyItem, n: number, w: number[], x: number[], t: Translate) {
  const { doc } = pdf;
  const room = w[1]! - 8;
  const units = t('coop.yearly.side_units', { cq: item.unions['50'].join('、') || '—', sc: item.unions['51'].join('、') || '—' });
  const meta = `${t('coop.yearly.lead', { lead: item.lead })}　${t('coop.yearly.due', { date: item.dueOn })}\n${units}\n${item.source}`;
  pdf.font('regular', 9, INK);
  const titleH = pdf.heightOf(item.title, { width: room });
  pdf.font('regular', 7.5, GREY);
  const metaH = pdf.heightOf(meta, { width: room, lineGap: 1 });
  const h = titleH + metaH + 14;
  if (doc.y + h > pdf.bottom) { doc.addPage(); tableHeader(pdf, x, t); }
  const y = doc.y;
  if (n % 2 === 1) doc.rect(pdf.left, y, pdf.width, h).fill('#fafbfc');
  const figures = itemFigures(item);
  pdf.font('regular', 9, GREY).text(item.code, x[0]! + 4, y + 5, { lineBreak: false });
  pdf.font('regular', 9, INK).text(item.title, x[1]! + 4, y + 5, { width: room });
  pdf.font('regular', 7.5, GREY).text(meta, x[1]! + 4, y + 7 + titleH, { width: room, lineGap: 1 });
  pdf.font('regular', 9, INK).text(figures.progress, x[2]! + 4, y + 5, { width: w[2]! - 8 });
  // percent and a bar under it
  pdf.font('bold', 9, INK).text(figures.percent, x[3]! + 4, y + 5, { lineBreak: false });
  const barW = w[3]! - 12;
  doc.roundedRect(x[3]! + 4, y + 18, barW, 4, 2).fill(LINE);
  if (item.percent > 0) doc.roundedRect(x[3]! + 4, y + 18, Math.max(4, (barW * item.percent) / 100), 4, 2).fill(LIGHT_COLORS[item.status]);
  // the light and its label
  doc.circle(x[4]! + 8, y + 10.5, 3.5).fill(LIGHT_COLORS[item.status]);
  pdf.font('regular', 9, INK).text(t(`coop.items.status.${item.status}`), x[4]! + 15, y + 5, { lineBreak: false });
  if (item.awaitingSignOff) pdf.font('regular', 7.5, '#b45309').text(t('coop.yearly.awaiting'), x[4]! + 15, y + 17, { lineBreak: false });
  doc.moveTo(pdf.left, y + h).lineTo(pdf.left + pdf.width, y + h).lineWidth(0.5).stroke(LINE);
  doc.y = y + h;
}

function areaBlock(pdf: Pdf, area: YearlyArea, t: Translate) {
  const { doc } = pdf;
  const w = widths(pdf.width);
  const x = w.map((_, i) => pdf.left + w.slice(0, i).reduce((a, b) => a + b, 0));
  pdf.ensureSpace(90);
  doc.moveDown(0.5);
  const y = doc.y;
  const summary = t('coop.yearly.area_summary', { count: area.items.length, percent: area.percent });
  pdf.font('regular', 8.5, GREY);
  const sw = pdf.widthOf(summary);
  pdf.text(summary, pdf.left + pdf.width - sw, y + 3, { lineBreak: false });
  pdf.font('bold', 11.5, ACCENT).text(area.name, pdf.left, y, { width: pdf.width - sw - 10 });
  doc.moveDown(0.25);
  if (!area.items.length) {
    pdf.font('regular', 9, GREY).text(t('coop.yearly.empty'), pdf.left, doc.y, { width: pdf.width });
    return;
  }
  tableHeader(pdf, x, t);
  area.items.forEach((item, n) => itemRow(pdf, item, n, w, x, t));
  doc.x = pdf.left;
}

function paragraph(pdf: Pdf, text: string, size: number, color: string, indent = 0) {
  pdf.font('regular', size, color).text(text, pdf.left + indent, pdf.doc.y, { width: pdf.width - indent, lineGap: 2 });
}

function highlights(pdf: Pdf, data: YearlyData, t: Translate) {
  const list = highlightsOf(data.reports);
  pdf.heading(t('coop.yearly.section.highlights'));
  if (!list.length) return paragraph(pdf, t('coop.yearly.none_highlights', { year: data.year }), 9.5, GREY);
  for (const r of list) {
    pdf.ensureSpace(60);
    const y = pdf.doc.y;
    pdf.doc.rect(pdf.left, y, 3, 12).fill(ACCENT);
    pdf.font('bold', 9.5, INK).text(t('coop.yearly.highlight_meta', { union: r.union, period: r.period, code: r.itemCode, title: r.itemTitle }), pdf.left + 10, y, { width: pdf.width - 10 });
    pdf.doc.moveDown(0.15);
    paragraph(pdf, r.body, 9.5, SOFT, 10);
    if (r.figures) paragraph(pdf, r.figures, 8.5, GREY, 10);
    pdf.doc.moveDown(0.6);
  }
}

function meetings(pdf: Pdf, data: YearlyData, t: Translate) {
  pdf.heading(t('coop.yearly.section.meetings'));
  if (!data.meetings.length) return paragraph(pdf, t('coop.yearly.none_meetings', { year: data.year }), 9.5, GREY);
  for (const m of data.meetings) {
    pdf.ensureSpace(70);
    pdf.font('bold', 11, INK).text(m.title, pdf.left, pdf.doc.y, { width: pdf.width });
    paragraph(pdf, t('coop.yearly.meeting_facts', { date: chineseDate(t, m.heldOn), place: m.place || '—', host: m.host, speeches: m.speeches }), 8.5, GREY);
    pdf.doc.moveDown(0.3);
    pdf.font('bold', 9.5, SOFT).text(t('coop.yearly.decisions'), pdf.left, pdf.doc.y, { width: pdf.width });
    if (!m.decisions.length) paragraph(pdf, t('coop.yearly.no_decisions'), 9, GREY, 10);
    m.decisions.forEach((d, i) => {
      pdf.ensureSpace(30);
      const tail = [d.item ? t('coop.yearly.decision_item', { code: d.item }) : '', d.owner ? t('coop.yearly.decision_owner', { owner: d.owner }) : '',
        d.dueOn ? t('coop.yearly.decision_due', { date: d.dueOn }) : ''].filter(Boolean).join('；');
      paragraph(pdf, `${i + 1}. ${d.text}`, 9.5, INK, 10);
      if (tail) paragraph(pdf, tail, 8, GREY, 22);
      pdf.doc.moveDown(0.2);
    });
    pdf.doc.moveDown(0.6);
  }
}

function signoffs(pdf: Pdf, data: YearlyData, t: Translate) {
  const signed = data.areas.flatMap((a) => a.items).filter((i) => i.signoffs['50'] || i.signoffs['51']);
  pdf.heading(t('coop.yearly.section.signoffs'), t('coop.yearly.signoffs_note'));
  const cell = (s: { name: string; at: string } | undefined) => (s ? t('coop.yearly.signed', s) : t('coop.yearly.not_signed'));
  pdf.table([
    { header: t('coop.yearly.col.code'), weight: 1.1 }, { header: t('coop.yearly.col.item'), weight: 3.6 },
    { header: t('coop.yearly.col.signoff', { side: data.federations['50'] }), weight: 2.2 }, { header: t('coop.yearly.col.signoff', { side: data.federations['51'] }), weight: 2.2 },
    { header: t('coop.yearly.col.status'), weight: 2 },
  ], signed.map((i) => [i.code, i.title, cell(i.signoffs['50']), cell(i.signoffs['51']), `${t(`coop.items.status.${i.status}`)}${i.awaitingSignOff ? `（${t('coop.yearly.awaiting')}）` : ''}`]),
  { fontSize: 8.5, empty: t('coop.yearly.none_signoffs', { year: data.year }) });
}

/** The yearly report as PDF: bytes, page count and the time it took. */
export async function buildYearlyPdf(data: YearlyData, fonts: CjkFonts, t: Translate): Promise<PdfOutput> {
  const title = `${t('coop.yearly.file_name', { year: data.year })}`;
  return renderPdf({ fonts, title, margin: 40, footer: (page, pages) => t('coop.yearly.footer', { title, page, pages }) }, (pdf) => {
    header(pdf, data, t);
    pdf.heading(t('coop.yearly.section.items'), t('coop.yearly.items_note'));
    if (!data.areas.some((a) => a.items.length)) paragraph(pdf, t('coop.yearly.none_items', { year: data.year }), 9.5, GREY);
    for (const area of data.areas) areaBlock(pdf, area, t);
    pdf.doc.moveDown(0.6);
    highlights(pdf, data, t);
    meetings(pdf, data, t);
    signoffs(pdf, data, t);
  });
}
