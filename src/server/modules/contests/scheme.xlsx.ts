import ExcelJS from 'exceljs';
import { AppError, type RowIssue } from '../../platform/errors.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { readSpreadsheet, SpreadsheetError, type Cell } from '../imports/read.js';
import type { AspectInput, AspectType, ItemInput, SchemeInput, SchemeIssue } from './scheme.validate.js';

// A marking scheme as one sheet, one row per aspect (issue 6 §2: import/export as .xlsx). The
// export reads back into the same scheme; an import names every bad cell by sheet, row and column.

export const SHEET = '评分标准';
const COLUMNS = {
  majorCode: '大项编号', majorName: '大项', code: '小项编号', name: '小项名称', max: '小项满分', timed: '计时', limit: '时限（分钟）',
  aspectCode: '评分项编号', type: '类型', aspectMax: '满分', judges: '评判裁判人数', description: '说明',
  d0: '评价描述0', d1: '评价描述1', d2: '评价描述2', d3: '评价描述3', deductions: '扣分项',
} as const;
type Column = keyof typeof COLUMNS;
const ORDER = Object.keys(COLUMNS) as Column[];
const REQUIRED: Column[] = ['majorCode', 'majorName', 'code', 'name', 'max', 'aspectCode', 'type', 'aspectMax'];
const DESCRIPTORS: Column[] = ['d0', 'd1', 'd2', 'd3'];
/** Headers as people also write them. */
const SYNONYMS: Partial<Record<Column, string[]>> = {
  majorName: ['大项名称'], limit: ['时限', '时限(分钟)', '完成时限'], aspectMax: ['评分项满分', '分值'], judges: ['裁判人数'], deductions: ['扣分标准', '扣分明细'],
};
const TYPE_LABEL: Record<AspectType, string> = { measurement: '测量', judgement: '评价', deduction: '扣分' };
const TYPE_OF: Record<string, AspectType> = { 测量: 'measurement', 评价: 'judgement', 扣分: 'deduction', measurement: 'measurement', judgement: 'judgement', deduction: 'deduction' };
const YES = new Set(['是', '√', 'Y', 'y', 'yes', 'Yes', 'TRUE', 'true', '1']);
const NO = new Set(['否', '', 'N', 'n', 'no', 'No', 'FALSE', 'false', '0']);
const XLSX_FORMULA = (labels: string[]) => [`"${labels.join(',')}"`];

export interface SchemeSource {
  items: {
    code: string; name: string; parentCode: string | null; max: number | null; isTimed: boolean; timeLimitSeconds: number | null;
    aspects: (AspectInput & { description: string; judges: number })[];
  }[];
}

const minutes = (seconds: number | null | undefined): string | number => (!seconds ? '' : seconds % 60 === 0 ? seconds / 60 : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);
const deductionText = (list: AspectInput['deductions']) => (list ?? []).map((d) => `${d.code} ${d.text} ${d.points}`).join('；');

/** The scheme as .xlsx: majors, their sub-items and aspects in order; drop-downs for type and timing. */
export async function buildSchemeWorkbook(source: SchemeSource): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ORDER.map((key) => ({ header: COLUMNS[key], key, width: key.startsWith('d') && key.length === 2 ? 22 : key === 'deductions' ? 40 : key === 'description' ? 28 : 12 }));
  sheet.getRow(1).font = { bold: true };
  const add = (values: Partial<Record<Column, string | number>>) => sheet.addRow(ORDER.map((k) => values[k] ?? ''));
  for (const major of source.items.filter((i) => !i.parentCode)) {
    const head = { majorCode: major.code, majorName: major.name };
    const subs = source.items.filter((i) => i.parentCode === major.code);
    if (!subs.length) add(head);
    for (const item of subs) {
      const itemCells = { ...head, code: item.code, name: item.name, max: item.max ?? '', timed: item.isTimed ? '是' : '否', limit: minutes(item.timeLimitSeconds) };
      if (!item.aspects.length) add(itemCells);
      for (const a of item.aspects) {
        add({
          ...itemCells, aspectCode: a.code, type: TYPE_LABEL[a.type], aspectMax: a.max, judges: a.type === 'judgement' ? a.judges : '', description: a.description ?? '',
          ...(a.type === 'judgement' ? Object.fromEntries((a.descriptors ?? []).map((d, k) => [`d${k}`, d])) : {}),
          deductions: a.type === 'deduction' ? deductionText(a.deductions) : '',
        });
      }
    }
  }
  const last = Math.max(sheet.rowCount, 2) + 100;
  for (let r = 2; r <= last; r += 1) {
    sheet.getCell(r, ORDER.indexOf('type') + 1).dataValidation = { type: 'list', allowBlank: true, formulae: XLSX_FORMULA(Object.values(TYPE_LABEL)) };
    sheet.getCell(r, ORDER.indexOf('timed') + 1).dataValidation = { type: 'list', allowBlank: true, formulae: XLSX_FORMULA(['是', '否']) };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Place { row: number; sheet: string }
export interface ReadScheme {
  scheme: SchemeInput;
  /** Problems of reading the cells (bad numbers, unknown type, missing headers …). */
  issues: RowIssue[];
  /** The scheme's own problems (scheme.validate.ts) placed on the sheet's rows and columns. */
  locate(issues: SchemeIssue[]): RowIssue[];
}

const normalize = (v: Cell): string => (typeof v === 'string' ? v.replace(/\s+/g, '') : v === null ? '' : String(v));

function findHeader(rows: { number: number; cells: Cell[] }[]): { at: number; index: Map<Column, number> } | undefined {
  for (const [at, row] of rows.slice(0, 10).entries()) {
    const names = row.cells.map(normalize);
    if (!names.includes(COLUMNS.code) || !names.includes(COLUMNS.aspectCode)) continue;
    const index = new Map<Column, number>();
    for (const key of ORDER) {
      const k = names.findIndex((n) => n === COLUMNS[key] || (SYNONYMS[key] ?? []).some((s) => s.replace(/\s+/g, '') === n));
      if (k >= 0) index.set(key, k);
    }
    return { at, index };
  }
  return undefined;
}

/** Read a scheme from .xlsx (the first sheet with the header row); nothing is thrown for bad cells, they are listed. */
export async function readSchemeWorkbook(data: Buffer, filename: string): Promise<ReadScheme> {
  let sheets;
  try {
    sheets = await readSpreadsheet(data, filename);
  } catch (error) {
    // As the imports module answers: too large 413, not a spreadsheet 415, unreadable 422.
    if (error instanceof SpreadsheetError) throw new AppError(error.code, error.code === 'imports.too_large' ? 413 : error.code === 'imports.unsupported_type' ? 415 : 422);
    throw error;
  }
  for (const sheet of sheets) {
    const header = findHeader(sheet.rows);
    if (header) return parseRows(sheet.name, sheet.rows.slice(header.at + 1), sheet.rows[header.at]!.number, header.index);
  }
  return failed({ sheet: sheets[0]?.name ?? filename, row: 1, column: '', code: 'contest.scheme.xlsx.no_header' });
}

const failed = (issue: RowIssue): ReadScheme => ({ scheme: { items: [] }, issues: [issue], locate: () => [] });

function parseRows(sheetName: string, rows: { number: number; cells: Cell[] }[], headerRow: number, index: Map<Column, number>): ReadScheme {
  const issues: RowIssue[] = [];
  const issue = (row: number, column: Column | '', code: MessageKey, params?: Record<string, string | number>) =>
    issues.push({ sheet: sheetName, row, column: column ? COLUMNS[column] : '', code, ...(params ? { params } : {}) });
  for (const key of REQUIRED) if (!index.has(key)) issue(headerRow, key, 'contest.scheme.xlsx.header_missing', { header: COLUMNS[key] });
  if (issues.length) return { scheme: { items: [] }, issues, locate: () => [] };

  const items: ItemInput[] = [];
  const itemPlaces: (Place & { firstCells: Map<Column, string> })[] = [];
  const aspectPlaces: Place[][] = [];
  const byCode = new Map<string, number>();
  /** Sub-items with an aspect row that could not be read: their sum and emptiness are not judged. */
  const partial = new Set<number>();

  for (const { number: row, cells } of rows) {
    const raw = (key: Column): Cell => (index.has(key) ? cells[index.get(key)!] ?? null : null);
    const text = (key: Column): string => {
      const v = raw(key);
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) { issue(row, key, 'contest.scheme.xlsx.formula'); return ''; }
      return v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
    };
    const numberOf = (key: Column): number | null => {
      const v = text(key);
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) { issue(row, key, 'contest.scheme.xlsx.number'); return Number.NaN; }
      return n;
    };
    if (ORDER.every((k) => text(k) === '')) continue;

    // Each row repeats its major item and sub-item; the first row of each says what they are, later ones must agree.
    const entry = (code: string, cellsOf: Partial<Record<Column, string>>, build: () => ItemInput): number => {
      const known = byCode.get(code);
      if (known === undefined) {
        byCode.set(code, items.length);
        items.push(build());
        itemPlaces.push({ row, sheet: sheetName, firstCells: new Map(Object.entries(cellsOf) as [Column, string][]) });
        aspectPlaces.push([]);
        return items.length - 1;
      }
      for (const [key, value] of Object.entries(cellsOf) as [Column, string][]) {
        const first = itemPlaces[known]!.firstCells.get(key);
        if (value !== '' && first !== undefined && value !== first) issue(row, key, 'contest.scheme.xlsx.inconsistent', { row: itemPlaces[known]!.row, header: COLUMNS[key] });
      }
      return known;
    };
    const majorCode = text('majorCode');
    if (!majorCode) { issue(row, 'majorCode', 'contest.scheme.xlsx.required'); continue; }
    entry(majorCode, { majorName: text('majorName') }, () => ({ code: majorCode, name: text('majorName') }));

    const code = text('code');
    const aspectCells: Column[] = ['aspectCode', 'type', 'aspectMax', 'judges', 'description', ...DESCRIPTORS, 'deductions'];
    const hasAspect = aspectCells.some((k) => text(k) !== '');
    if (!code) {
      if (hasAspect || text('name') || text('max')) issue(row, 'code', 'contest.scheme.xlsx.required');
      continue;
    }
    const timedText = text('timed');
    if (!YES.has(timedText) && !NO.has(timedText)) issue(row, 'timed', 'contest.scheme.xlsx.timed');
    const limit = parseLimit(text('limit'));
    if (limit === undefined) issue(row, 'limit', 'contest.scheme.xlsx.time_limit');
    const itemCells = { majorCode, name: text('name'), max: text('max'), timed: timedText, limit: text('limit') };
    const at = entry(code, itemCells, () => ({
      code, name: text('name'), parent: majorCode, max: numberOf('max'), isTimed: YES.has(timedText), timeLimitSeconds: limit ?? null, aspects: [],
    }));
    if (!hasAspect) continue;
    const aspectCode = text('aspectCode');
    if (!aspectCode) { issue(row, 'aspectCode', 'contest.scheme.xlsx.required'); continue; }
    const type = TYPE_OF[text('type')];
    if (!type) issue(row, 'type', text('type') ? 'contest.scheme.xlsx.type' : 'contest.scheme.xlsx.required');
    const max = numberOf('aspectMax');
    if (max === null) issue(row, 'aspectMax', 'contest.scheme.xlsx.required');
    const descriptors = DESCRIPTORS.map(text);
    const deductions = parseDeductions(text('deductions'));
    if (deductions === undefined) issue(row, 'deductions', 'contest.scheme.xlsx.deductions');
    const item = items[at]!;
    if (!type || max === null) { partial.add(at); continue; }
    item.aspects!.push({
      code: aspectCode, type, max, description: text('description'),
      descriptors: descriptors.some((d) => d !== '') ? descriptors : null,
      deductions: deductions?.length ? deductions : null,
      judges: type === 'judgement' ? numberOf('judges') : null,
    });
    aspectPlaces[at]!.push({ row, sheet: sheetName });
  }

  const FIELD_COLUMN: Record<string, Column> = {
    code: 'code', name: 'name', max: 'max', parent: 'majorCode', timeLimitSeconds: 'limit', aspects: 'aspectCode',
  };
  const ASPECT_COLUMN: Record<string, Column> = {
    code: 'aspectCode', max: 'aspectMax', judges: 'judges', description: 'description', descriptors: 'd0', deductions: 'deductions', type: 'type',
  };
  const readAlready = (r: RowIssue) => issues.some((x) => x.row === r.row && x.column === r.column);
  const locate = (found: SchemeIssue[]): RowIssue[] => found.filter((f) => {
    const i = Number(f.path.split('.')[1]);
    return !(partial.has(i) && (f.code === 'contest.scheme.sum_mismatch' || f.code === 'contest.scheme.no_aspects'));
  }).map((f) => {
    const parts = f.path.split('.');
    const i = Number(parts[1]);
    const place = itemPlaces[i] ?? { row: headerRow + 1, sheet: sheetName };
    const isMajor = items[i] && !items[i]!.parent;
    let column: Column = isMajor ? (parts[2] === 'name' ? 'majorName' : parts[2] === undefined ? 'code' : 'majorCode') : FIELD_COLUMN[parts[2] ?? ''] ?? 'code';
    let row = place.row;
    if (parts[2] === 'aspects' && parts[3] !== undefined) {
      row = aspectPlaces[i]?.[Number(parts[3])]?.row ?? row;
      column = ASPECT_COLUMN[parts[4] ?? ''] ?? 'aspectCode';
      if (parts[4] === 'descriptors' && parts[5] !== undefined) column = DESCRIPTORS[Number(parts[5])] ?? 'd0';
    }
    return { sheet: place.sheet, row, column: COLUMNS[column], code: f.code, ...(f.params ? { params: f.params } : {}) };
  }).filter((r) => !readAlready(r)); // a cell already named as unreadable is not named twice
  return { scheme: { items }, issues, locate };
}

/** Minutes (90) or minutes:seconds (90:30) → seconds; '' → null; undefined when unreadable. */
export function parseLimit(value: string): number | null | undefined {
  if (value === '') return null;
  const ms = /^(\d+):([0-5]\d)$/.exec(value);
  if (ms) return Number(ms[1]) * 60 + Number(ms[2]);
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(Math.round(n * 60 * 1000) / 1000)) return undefined;
  return Math.round(n * 60);
}

/** "D1 未戴安全帽 2；D2 工具掉落 0.5" → the list; '' → []; undefined when an entry is unreadable. */
export function parseDeductions(value: string): { code: string; text: string; points: number }[] | undefined {
  const list: { code: string; text: string; points: number }[] = [];
  for (const part of value.split(/[;；\r\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\S+)\s+(.+?)\s+(\d+(?:\.\d+)?)\s*分?$/.exec(part);
    if (!m) return undefined;
    list.push({ code: m[1]!, text: m[2]!, points: Number(m[3]) });
  }
  return list;
}
