import ExcelJS from 'exceljs';
import { chinaDateTime, type ReportData } from './report-data.js';
import { keyFigures, reportSections, type Section, type Translate } from './report-sections.js';

// The report as a workbook: a summary sheet, then one sheet per table with a frozen, filterable
// header row; numbers stay numbers (with thousands separators) so the unions can sum and chart them.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
const NUMBER = '#,##0';

/** Display width of a text in Excel's character units (a Chinese character takes two). */
const textWidth = (v: unknown): number => [...String(v ?? '')].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

function addSection(workbook: ExcelJS.Workbook, section: Section, t: Translate): void {
  const sheet = workbook.addWorksheet(section.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = section.columns.map((c, i) => {
    const widest = Math.max(textWidth(c.header), ...section.rows.slice(0, 500).map((r) => textWidth(r[i])), textWidth(section.total?.[i]));
    return { header: c.header, width: Math.min(60, Math.max(8, widest + 2)), ...(c.numeric ? { style: { numFmt: NUMBER } } : {}) };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = HEADER_FILL; });
  for (const row of section.rows) sheet.addRow(row);
  if (section.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: section.columns.length } };
  else sheet.addRow([t('reports.empty')]);
  if (section.total) sheet.addRow(section.total).font = { bold: true };
  if (section.note) {
    sheet.addRow([]);
    sheet.addRow([section.note]).font = { italic: true, color: { argb: 'FF6B7280' } };
  }
}

/** The season's or event's report as .xlsx. */
export async function buildReportXlsx(data: ReportData, title: string, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chuanyu 川渝工会协作平台';
  workbook.created = data.generatedAt;
  workbook.title = title;
  const summary = workbook.addWorksheet(t('reports.section.summary'));
  summary.columns = [{ width: 26 }, { width: 16 }];
  summary.addRow([title]).font = { bold: true, size: 15 };
  for (const line of data.lines) summary.addRow([line]);
  summary.addRow([t('reports.generated_at', { at: chinaDateTime(data.generatedAt) })]).font = { color: { argb: 'FF6B7280' } };
  summary.addRow([]);
  for (const f of keyFigures(data, t)) {
    const row = summary.addRow([f.label, f.value]);
    row.getCell(2).numFmt = NUMBER;
  }
  if (data.kind === 'season') {
    summary.addRow([]);
    summary.addRow([t('reports.note.totals')]).font = { italic: true, color: { argb: 'FF6B7280' } };
  }
  for (const section of reportSections(data, t)) addSection(workbook, section, t);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
