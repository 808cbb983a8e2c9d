import ExcelJS from 'exceljs';
import type { MessageKey } from '../../../shared/i18n/index.js';
import type { Translate, YearlyData } from './yearly-data.js';

// The yearly report as a workbook (issue 7 §5): work items (by area, with value, target, percent,
// status, source and who signed off), the reports that reached the federations, and the year's
// meetings with one row per decision. Numbers stay numbers; frozen, filterable header rows.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };

/** Display width of a text in Excel's character units (a Chinese character takes two). */
const textWidth = (v: unknown): number => [...String(v ?? '')].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

interface Col { key: MessageKey; params?: Record<string, string>; numFmt?: string; max?: number }

function addSheet(workbook: ExcelJS.Workbook, title: string, cols: Col[], rows: (string | number)[][], t: Translate): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cols.map((c, i) => {
    const header = t(c.key, c.params);
    const widest = Math.max(textWidth(header), ...rows.slice(0, 300).map((r) => textWidth(r[i])));
    return { header, width: Math.min(c.max ?? 40, Math.max(8, widest + 2)), ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = HEADER_FILL; });
  for (const row of rows) sheet.addRow(row).alignment = { vertical: 'top', wrapText: true };
  if (rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  else sheet.addRow([t('coop.yearly.empty')]);
  return sheet;
}

/** The year's report as .xlsx. */
export async function buildYearlyXlsx(data: YearlyData, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chuanyu 川渝工会协作平台';
  workbook.created = new Date();
  workbook.title = `${data.agreement.title} ${t('coop.yearly.title', { year: data.year })}`;
  const side = { cq: data.federations['50'], sc: data.federations['51'] };
  const signed = (s: { name: string; at: string } | undefined) => (s ? t('coop.yearly.signed', s) : '');

  addSheet(workbook, t('coop.yearly.sheet.items'), [
    { key: 'coop.yearly.col.area' }, { key: 'coop.yearly.col.code' }, { key: 'coop.yearly.col.item', max: 50 }, { key: 'coop.yearly.col.lead' },
    { key: 'coop.yearly.col.units_side', params: { side: side.cq }, max: 36 }, { key: 'coop.yearly.col.units_side', params: { side: side.sc }, max: 36 },
    { key: 'coop.yearly.col.starts' }, { key: 'coop.yearly.col.due' },
    { key: 'coop.yearly.col.target', numFmt: '#,##0.##' }, { key: 'coop.yearly.col.value', numFmt: '#,##0.##' }, { key: 'coop.yearly.col.unit' },
    { key: 'coop.yearly.col.percent', numFmt: '0.0' }, { key: 'coop.yearly.col.status' }, { key: 'coop.yearly.col.awaiting' },
    { key: 'coop.yearly.col.source', max: 44 }, { key: 'coop.yearly.col.rule', max: 60 },
    { key: 'coop.yearly.col.signoff', params: { side: side.cq } }, { key: 'coop.yearly.col.signoff', params: { side: side.sc } },
  ], data.areas.flatMap((a) => a.items.map((i) => [
    a.name, i.code, i.title, i.lead, i.unions['50'].join('、'), i.unions['51'].join('、'), i.startsOn, i.dueOn,
    i.target, i.value, i.unit, i.percent, t(`coop.items.status.${i.status}`), i.awaitingSignOff ? t('coop.yearly.yes') : '',
    i.source, i.rule, signed(i.signoffs['50']), signed(i.signoffs['51']),
  ])), t);

  addSheet(workbook, t('coop.yearly.sheet.reports'), [
    { key: 'coop.yearly.col.code' }, { key: 'coop.yearly.col.item', max: 40 }, { key: 'coop.yearly.col.union' }, { key: 'coop.yearly.col.period' },
    { key: 'coop.yearly.col.status' }, { key: 'coop.yearly.col.highlight' }, { key: 'coop.yearly.col.figures', max: 40 }, { key: 'coop.yearly.col.body', max: 70 },
    { key: 'coop.yearly.col.submitted' }, { key: 'coop.yearly.col.reviewed' }, { key: 'coop.yearly.col.reviewer' }, { key: 'coop.yearly.col.note', max: 40 },
  ], data.reports.map((r) => [
    r.itemCode, r.itemTitle, r.union, r.period, t(`coop.yearly.report_status.${r.status}`), r.highlight ? t('coop.yearly.yes') : '', r.figures, r.body,
    r.submittedAt, r.reviewedAt, r.reviewedBy, r.reviewNote,
  ]), t);

  addSheet(workbook, t('coop.yearly.sheet.meetings'), [
    { key: 'coop.yearly.col.meeting', max: 30 }, { key: 'coop.yearly.col.held_on' }, { key: 'coop.yearly.col.place', max: 30 }, { key: 'coop.yearly.col.host' },
    { key: 'coop.yearly.col.speeches' }, { key: 'coop.yearly.col.decision', max: 70 }, { key: 'coop.yearly.col.decision_item', max: 40 },
    { key: 'coop.yearly.col.owner' }, { key: 'coop.yearly.col.decision_due' },
  ], data.meetings.flatMap((m) => {
    const facts = [m.title, m.heldOn, m.place, m.host, m.speeches];
    if (!m.decisions.length) return [[...facts, '', '', '', '']];
    return m.decisions.map((d) => [...facts, d.text, d.item ?? '', d.owner, d.dueOn ?? '']);
  }), t);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
