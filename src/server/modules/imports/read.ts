import { readXlsx, readZipDirectory, XlsxError, type XlsxCell } from './xlsx.js';

// Reading what unions actually send: .xlsx from Excel/WPS, or .csv in UTF-8 or GB18030 (what Excel
// on Chinese Windows writes). Rows come out as plain cells; interpretation is in validate.ts.

export type Cell = XlsxCell;

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

const XLSX_LIMITS = { inflatedBytes: LIMITS.inflatedBytes, ratio: LIMITS.ratio, entries: LIMITS.zipEntries };

function fromXlsxError(error: unknown): unknown {
  if (!(error instanceof XlsxError)) return error;
  return new SpreadsheetError(error.reason === 'bomb' ? 'imports.zip_bomb' : 'imports.not_spreadsheet');
}

/**
 * Check a zip's central directory before inflating anything: total and per-entry expansion,
 * entry count, and that it is an Office Open XML workbook at all.
 */
export function inspectXlsxZip(buffer: Buffer): void {
  try {
    readZipDirectory(buffer, XLSX_LIMITS);
  } catch (error) {
    throw fromXlsxError(error);
  }
}

export interface StreamedRow {
  sheet: string;
  row: SheetRow;
}

/** Rows of an .xlsx in batches as the worksheet inflates: the workbook is never held whole. */
async function* streamXlsx(buffer: Buffer): AsyncGenerator<StreamedRow[]> {
  let total = 0;
  try {
    for await (const batch of readXlsx(buffer, XLSX_LIMITS)) {
      total += batch.length;
      if (total > LIMITS.rows) throw new SpreadsheetError('imports.too_large');
      yield batch.map((r) => ({ sheet: r.sheet, row: { number: r.number, cells: r.cells } }));
    }
  } catch (error) {
    throw fromXlsxError(error);
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
export function streamSpreadsheet(buffer: Buffer, filename: string): AsyncGenerator<StreamedRow[]> {
  if (buffer.length > LIMITS.uploadBytes) throw new SpreadsheetError('imports.too_large');
  if (buffer.length === 0) throw new SpreadsheetError('imports.empty');
  const kind = detectKind(filename, buffer.subarray(0, 4));
  if (kind === 'xlsx') {
    inspectXlsxZip(buffer); // refuse bombs and non-workbooks before the first row is asked for
    return streamXlsx(buffer);
  }
  const name = filename.replace(/\.[^.]+$/, '') || 'CSV';
  const rows = parseCsv(decodeText(buffer));
  return (async function* () {
    for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000).map((row) => ({ sheet: name, row }));
  })();
}

/** Read a whole spreadsheet into sheets (benchmark baseline and small files). */
export async function readSpreadsheet(buffer: Buffer, filename: string): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  for await (const batch of streamSpreadsheet(buffer, filename)) {
    for (const { sheet, row } of batch) {
      if (sheets.at(-1)?.name !== sheet) sheets.push({ name: sheet, rows: [] });
      sheets.at(-1)!.rows.push(row);
    }
  }
  return sheets;
}
