import ExcelJS from 'exceljs';
import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import type { Results } from './results.schemas.js';

// The results workbook (issue 6 §5): individuals, teams, one sheet per sub-item, and the awards —
// the same figures as GET /api/contests/:id/results (numbers as numbers, not text).

type Translate = (key: MessageKey, params?: MessageParams) => string;
export interface AwardLine {
  kind: 'individual' | 'team' | 'item'; award: string; rank: number; contestantId: number | null; workNumber: string | null; name: string | null;
  team: string | null; itemId: number | null; code: string | null;
}

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\ , unique in the book. */
function sheetName(book: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  let name = base;
  for (let i = 2; book.getWorksheet(name); i++) name = `${base.slice(0, 28)}(${i})`;
  return name;
}

function addSheet(book: ExcelJS.Workbook, title: string, note: string, headers: string[], rows: (string | number | null)[][], widths: number[]): void {
  const sheet = book.addWorksheet(sheetName(book, title), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([note]).font = { italic: true, color: { argb: 'FF6B7280' } };
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } };
  for (const r of rows) sheet.addRow(r);
  widths.forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
}

/** The workbook of a board as the reader sees it (names only when the board carries them). */
export async function buildResultsXlsx(results: Results, awards: AwardLine[], t: Translate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'chuanyu';
  const note = results.complete ? t('contest.results.xlsx.final', { total: results.totalItems }) : t('contest.results.xlsx.provisional', { locked: results.lockedItems, total: results.totalItems });
  const who = [t('contest.results.xlsx.work_number'), t('contest.results.xlsx.name'), t('contest.results.xlsx.team')];
  const prize = (p: Results['individuals'][number]['prize']) => (p ? t(`contest.results.award.${p}`) : '');
  addSheet(book, t('contest.results.xlsx.individuals'), note,
    [t('contest.results.xlsx.rank'), ...who, t('contest.results.xlsx.written'), t('contest.results.xlsx.practical_points'), t('contest.results.xlsx.practical'), t('contest.results.xlsx.total'), t('contest.results.xlsx.time'), t('contest.results.xlsx.prize')],
    results.individuals.map((r) => [r.rank, r.workNumber, r.name ?? '', r.team, r.written, r.practicalPoints, r.practical, r.total, r.timeSeconds, prize(r.prize)]),
    [8, 10, 12, 16, 10, 10, 16, 10, 10, 10]);
  addSheet(book, t('contest.results.xlsx.teams'), note,
    [t('contest.results.xlsx.rank'), t('contest.results.xlsx.team'), t('contest.results.xlsx.score'), t('contest.results.xlsx.members')],
    results.teams.map((r) => [r.rank, r.team, r.score, r.members]), [8, 18, 10, 8]);
  for (const item of results.items) {
    const awarded = new Set(item.awarded);
    addSheet(book, `${item.code} ${item.name}`, item.locked ? `${item.major ?? ''} ${item.name}` : `${item.name}：${t('contest.results.xlsx.not_locked')}`,
      [t('contest.results.xlsx.rank'), ...who, t('contest.results.xlsx.item_score'), t('contest.results.xlsx.time'), t('contest.results.xlsx.awarded')],
      item.ranking.map((r) => [r.rank, r.workNumber, r.name ?? '', r.team, r.score, r.timeSeconds, awarded.has(r.contestantId) ? '✓' : '']),
      [8, 10, 12, 16, 10, 10, 8]);
  }
  addSheet(book, t('contest.results.xlsx.awards'), note,
    [t('contest.results.xlsx.kind'), t('contest.results.xlsx.award'), t('contest.results.xlsx.rank'), ...who, t('contest.results.xlsx.certificate')],
    awards.map((a) => [t(`contest.results.xlsx.kind.${a.kind}`), a.award, a.rank, a.workNumber, a.name ?? '', a.team, a.code]),
    [8, 30, 8, 10, 12, 16, 20]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
