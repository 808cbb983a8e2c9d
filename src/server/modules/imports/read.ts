import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

// Reading what unions actually send: .xlsx from Excel/WPS, or .csv in UTF-8 or GB18030 (what Excel
// on Chinese Windows writes). Rows come out as plain cells; interpretation is in validate.ts.

export type Cell = string | number | boolean | Date | null | { formula: string };

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel. */
  number: number;
  cells: Cell[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

export class SpreadsheetError extends Error {
  constructor(public readonly code: 'imports.not_spreadsheet' | 'imports.too_large' | 'imports.zip_bomb' | 'imports.unsupported_type' | 'imports.empty') {
    super(code);
    this.name = 'SpreadsheetError';
  }
}

/** Limits on what one upload may expand to (a zip bomb is a small .xlsx that inflates to gigabytes). */
export const LIMITS = {
  uploadBytes: 20 * 1024 * 1024,
  inflatedBytes: 400 * 1024 * 1024,
  ratio: 150,
  zipEntries: 5_000,
  rows: 200_000,
} as const;

export function detectKind(filename: string, head: Buffer): 'xlsx' | 'csv' {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  throw new SpreadsheetError('imports.unsupported_type');
}

/**
 * Check a zip's central directory before inflating anything: total and per-entry expansion,
 * entry count, and that it is an Office Open XML workbook at all.
 */
export function inspectXlsxZip(buffer: Buffer): void {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw new SpreadsheetError('imports.not_spreadsheet');
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new SpreadsheetError('imports.not_spreadsheet');
  const entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (entries > LIMITS.zipEntries) throw new SpreadsheetError('imports.zip_bomb');
  let inflated = 0;
  let hasWorkbook = false;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw new SpreadsheetError('imports.not_spreadsheet');
    const compressed = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    // 0xFFFFFFFF marks ZIP64 sizes: far beyond anything a posting list needs.
    if (size === 0xffffffff || compressed === 0xffffffff) throw new SpreadsheetError('imports.zip_bomb');
    inflated += size;
    if (inflated > LIMITS.inflatedBytes || (size > 1_000_000 && size / Math.max(1, compressed) > LIMITS.ratio)) {
      throw new SpreadsheetError('imports.zip_bomb');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (!hasWorkbook) throw new SpreadsheetError('imports.not_spreadsheet');
}

function normalizeCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { formula: String(v.formula ?? v.sharedFormula) };
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

export interface StreamedRow {
  sheet: string;
  row: SheetRow;
}

/** Rows of an .xlsx one at a time (exceljs streaming reader): the workbook is never held as objects. */
async function* streamXlsx(buffer: Buffer): AsyncGenerator<StreamedRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  let total = 0;
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets++;
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheets}`;
      for await (const row of worksheet) {
        if (++total > LIMITS.rows) throw new SpreadsheetError('imports.too_large');
        const values = (row.values as unknown[]).slice(1).map(normalizeCell);
        if (values.some((c) => c !== null && c !== '')) yield { sheet: name, row: { number: row.number, cells: values } };
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('imports.not_spreadsheet');
  }
}

/** UTF-8 (with or without BOM) when it decodes cleanly, otherwise GB18030. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; a cell starting with = is a formula. */
export function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let rowStart = 1;
  const pushField = () => {
    cells.push(!wasQuoted && field.startsWith('=') ? { formula: field.slice(1) } : field);
    field = '';
    wasQuoted = false;
  };
  const pushRow = () => {
    pushField();
    if (cells.some((c) => c !== '' && c !== null)) rows.push({ number: rowStart, cells });
    cells = [];
    rowStart = line;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; wasQuoted = true; continue; }
    if (ch === ',') { pushField(); continue; }
    if (ch === '\r') continue;
    if (ch === '\n') { line++; pushRow(); continue; }
    field += ch;
  }
  if (field !== '' || cells.length) pushRow();
  if (rows.length > LIMITS.rows) throw new SpreadsheetError('imports.too_large');
  return rows;
}

/** Stream an uploaded spreadsheet's rows; the size and kind are checked before anything is parsed. */
export function streamSpreadsheet(buffer: Buffer, filename: string): AsyncGenerator<StreamedRow> {
  if (buffer.length > LIMITS.uploadBytes) throw new SpreadsheetError('imports.too_large');
  if (buffer.length === 0) throw new SpreadsheetError('imports.empty');
  const kind = detectKind(filename, buffer.subarray(0, 4));
  if (kind === 'xlsx') {
    inspectXlsxZip(buffer); // refuse bombs and non-workbooks before the first row is asked for
    return streamXlsx(buffer);
  }
  const name = filename.replace(/\.[^.]+$/, '') || 'CSV';
  const rows = parseCsv(decodeText(buffer));
  return (async function* () { for (const row of rows) yield { sheet: name, row }; })();
}

/** Read a whole spreadsheet into sheets (benchmark baseline and small files). */
export async function readSpreadsheet(buffer: Buffer, filename: string): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  for await (const { sheet, row } of streamSpreadsheet(buffer, filename)) {
    if (sheets.at(-1)?.name !== sheet) sheets.push({ name: sheet, rows: [] });
    sheets.at(-1)!.rows.push(row);
  }
  return sheets;
}
