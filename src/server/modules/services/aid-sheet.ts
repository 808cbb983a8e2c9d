import ExcelJS from 'exceljs';
import type { MessageKey, MessageParams } from '../../../shared/i18n/index.js';
import { isMainlandMobile, isValidIdCard, normalizePhone } from '../../../shared/validators.js';
import { AppError, type RowIssue } from '../../platform/errors.js';
import { normalizeHeader } from '../imports/headers.js';
import { readSpreadsheet, SpreadsheetError, type Cell, type Sheet } from '../imports/read.js';

// The list an employer's agent uploads to enrol its workers in a mutual-aid plan: one worker a row,
// 姓名 / 身份证号 / 手机号 (headers matched flexibly, a title row above them allowed), .xlsx from
// Excel/WPS or .csv in UTF-8 or GB18030 (the imports module's readers). Checking the rows is pure:
// every bad cell is named with its row as Excel shows it, so the agent can fix them all at once.

export type ListField = 'name' | 'idCard' | 'phone';

/** The template's headers, in this order. */
export const LIST_HEADERS: Record<ListField, string> = { name: '姓名', idCard: '身份证号', phone: '手机号' };

const SYNONYMS: Record<ListField, string[]> = {
  name: ['姓名', '职工姓名', '员工姓名', '名字'],
  idCard: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
  phone: ['手机号', '手机号码', '联系电话', '手机', '电话'],
};
const LOOKUP = new Map(Object.entries(SYNONYMS).flatMap(([f, names]) => names.map((n) => [normalizeHeader(n), f as ListField] as const)));

/** More than this many people in one list is refused (a company that large sends several lists). */
export const MAX_LIST_ROWS = 5_000;
/** An upload larger than this is not a list of names. */
export const MAX_LIST_BYTES = 5 * 1024 * 1024;

export interface ListMember {
  /** The row number as Excel shows it. */
  rowNo: number;
  name: string;
  /** Upper-case, checked (GB 11643). */
  idCard: string;
  /** Normalised mainland mobile. */
  phone: string;
}

export interface ListCheck {
  /** The sheet the list was read from (row issues name it). */
  sheet: string;
  /** The 身份证号 column's header as the file wrote it. */
  idCardColumn: string;
  members: ListMember[];
  issues: RowIssue[];
}

const FORMULA = '\u0000formula';

/** A cell as text; numbers that Excel stored as numbers are marked (a long 身份证号 loses its last digits). */
function cellText(cell: Cell | undefined): { text: string; numeric: boolean } {
  if (cell === null || cell === undefined) return { text: '', numeric: false };
  if (typeof cell === 'object' && 'formula' in cell) return { text: FORMULA, numeric: false };
  if (cell instanceof Date) return { text: cell.toISOString().slice(0, 10), numeric: false };
  if (typeof cell === 'number') return { text: Number.isInteger(cell) ? cell.toFixed(0) : String(cell), numeric: true };
  return { text: String(cell).trim(), numeric: false };
}

/**
 * Check a list read from a spreadsheet: the first sheet with a header naming 姓名 and 身份证号
 * (within its first 15 rows); every row after it must have a name (≤ 50), a valid 身份证号 and a
 * valid mobile, and no person may appear twice. All problems are returned, none thrown.
 */
export function checkAidList(sheets: Sheet[]): ListCheck {
  const issues: RowIssue[] = [];
  const members: ListMember[] = [];
  for (const sheet of sheets) {
    for (let i = 0; i < Math.min(sheet.rows.length, 15); i += 1) {
      const header = sheet.rows[i]!;
      const columns = new Map<ListField, { index: number; label: string }>();
      header.cells.forEach((cell, index) => {
        const field = LOOKUP.get(normalizeHeader(cell));
        if (field && !columns.has(field)) columns.set(field, { index, label: String(cell).trim() });
      });
      if (!columns.has('name') || !columns.has('idCard')) continue;
      const label = (f: ListField) => columns.get(f)?.label ?? LIST_HEADERS[f];
      if (!columns.has('phone')) issues.push({ sheet: sheet.name, row: header.number, column: LIST_HEADERS.phone, code: 'imports.missing_column', params: { column: LIST_HEADERS.phone } });
      const body = sheet.rows.slice(i + 1);
      if (body.length > MAX_LIST_ROWS) {
        return { sheet: sheet.name, idCardColumn: label('idCard'), members: [], issues: [{ sheet: sheet.name, row: header.number, column: '', code: 'services.aid.list_too_long', params: { max: MAX_LIST_ROWS } }] };
      }
      const seen = new Map<string, number>();
      for (const row of body) {
        const get = (f: ListField) => cellText(columns.has(f) ? row.cells[columns.get(f)!.index] : undefined);
        const values = { name: get('name'), idCard: get('idCard'), phone: get('phone') };
        if (!values.name.text && !values.idCard.text && !values.phone.text) continue;
        const before = issues.length;
        const add = (f: ListField, code: MessageKey, params?: MessageParams) =>
          issues.push({ sheet: sheet.name, row: row.number, column: label(f), code, ...(params ? { params } : {}) });
        const required = (f: ListField) => add(f, 'imports.required', { column: label(f) });
        for (const f of ['name', 'idCard', 'phone'] as const) if (values[f].text === FORMULA) add(f, 'imports.formula');

        const name = values.name.text;
        if (!name) required('name');
        else if (name !== FORMULA && [...name].length > 50) add('name', 'validation.too_big_string', { maximum: 50 });

        const idCard = values.idCard.text.toUpperCase();
        if (!idCard) required('idCard');
        else if (values.idCard.numeric && idCard.length >= 15) add('idCard', 'services.aid.id_card_as_number');
        else if (idCard !== FORMULA && !isValidIdCard(idCard)) add('idCard', 'validation.id_card');
        else if (idCard !== FORMULA) {
          const earlier = seen.get(idCard);
          if (earlier !== undefined) add('idCard', 'imports.duplicate_row', { row: earlier });
          else seen.set(idCard, row.number);
        }

        const phone = normalizePhone(values.phone.text);
        if (columns.has('phone')) {
          if (!phone) required('phone');
          else if (phone !== FORMULA && !isMainlandMobile(phone)) add('phone', 'validation.phone');
        }
        if (issues.length === before) members.push({ rowNo: row.number, name, idCard, phone });
      }
      if (!members.length && !issues.length) issues.push({ sheet: sheet.name, row: header.number, column: '', code: 'services.aid.list_empty' });
      return { sheet: sheet.name, idCardColumn: label('idCard'), members, issues };
    }
  }
  return { sheet: sheets[0]?.name ?? '', idCardColumn: LIST_HEADERS.idCard, members: [], issues: [{ sheet: sheets[0]?.name ?? '', row: 1, column: '', code: 'imports.no_header', params: { columns: Object.values(LIST_HEADERS).join('、') } }] };
}

/** Read an uploaded list (.xlsx or .csv); a file that is not a spreadsheet is a 4xx naming why. */
export async function readAidList(buffer: Buffer, filename: string): Promise<ListCheck> {
  if (buffer.length > MAX_LIST_BYTES) throw new AppError('services.aid.list_too_large', 413, { limitMb: MAX_LIST_BYTES / 1024 / 1024 });
  try {
    return checkAidList(await readSpreadsheet(buffer, filename));
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      throw new AppError(error.code, error.code === 'imports.too_large' ? 413 : error.code === 'imports.unsupported_type' ? 415 : 422);
    }
    throw error;
  }
}

/** The template: the three columns as text (so Excel keeps a 身份证号's 18 digits), an example row, and notes. */
export async function aidListTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('参保名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: LIST_HEADERS.name, width: 14, style: { numFmt: '@' } },
    { header: LIST_HEADERS.idCard, width: 24, style: { numFmt: '@' } },
    { header: LIST_HEADERS.phone, width: 16, style: { numFmt: '@' } },
  ];
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 14 }, { header: '说明', width: 90 }];
  for (const note of [
    ['姓名', '必填，职工本人姓名，最多 50 个字'],
    ['身份证号', '必填，18 位，按 GB 11643 校验；单元格已设为“文本”，请勿改成数字，以免 Excel 丢失末几位'],
    ['手机号', '必填，11 位大陆手机号'],
    ['其他', `一人一行，最多 ${MAX_LIST_ROWS} 人；同一人在一个互助保障计划中只能参保一次；有任何错误时整张名单不导入，并列出每一处错误`],
    ['个人信息', '上传即表示单位已告知职工：姓名、身份证号和手机号仅用于本次互助保障参保和给付'],
  ]) help.addRow(note);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
