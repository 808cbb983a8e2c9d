import { renderPdf, type CjkFonts, type PdfOutput } from '../../platform/pdf.js';
import { chinaDateTime, type ReportData } from './report-data.js';
import { keyFigures, reportSections, type Translate } from './report-sections.js';

// The report as a PDF to print or send on: A4 landscape (the employer table is twelve columns
// wide), the key figures first, then each table with its header on every page it runs over.

/** The season's or event's report as a PDF. */
export function buildReportPdf(data: ReportData, title: string, fonts: CjkFonts, t: Translate): Promise<PdfOutput> {
  return renderPdf({
    fonts, title, layout: 'landscape', margin: 34,
    footer: (page, pages) => t('reports.footer', { title, page, pages }),
  }, (pdf) => {
    pdf.title(title, [...data.lines, t('reports.generated_at', { at: chinaDateTime(data.generatedAt) })]);
    pdf.keyFigures(keyFigures(data, t));
    if (data.kind === 'season') pdf.font('regular', 8.5, '#6b7280').text(t('reports.note.totals'), pdf.left, pdf.doc.y, { width: pdf.width });
    for (const section of reportSections(data, t)) {
      pdf.heading(section.title, section.note);
      pdf.table(
        section.columns.map((c) => ({ header: c.header, weight: c.weight, ...(c.numeric ? { align: 'right' as const } : {}) })),
        section.rows,
        { ...(section.total && section.rows.length ? { total: section.total } : {}), empty: t('reports.empty') },
      );
    }
  });
}
