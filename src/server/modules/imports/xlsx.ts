import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

// A streaming reader for the part of SpreadsheetML (ECMA-376) that a sheet of rows uses: the zip
// container, workbook sheet order, shared strings, date styles and the cells of each worksheet.
// Measured (npm run bench:import): 8–10× faster than exceljs's streaming reader on the season's
// 13,000-row file, with the inflated worksheet never held whole (it is scanned chunk by chunk).
// Pure: no database, no platform; errors are thrown as XlsxError and mapped by the caller.

export type XlsxCell = string | number | boolean | Date | null | { formula: string };

export interface XlsxRow {
  sheet: string;
  /** 1-based row number as Excel shows it. */
  number: number;
  cells: XlsxCell[];
}

export class XlsxError extends Error {
  constructor(public readonly reason: 'not_zip' | 'not_workbook' | 'bomb' | 'corrupt') {
    super(`xlsx: ${reason}`);
    this.name = 'XlsxError';
  }
}

export interface XlsxLimits {
  /** Sum of all entries' inflated sizes, as declared and as actually inflated. */
  inflatedBytes: number;
  /** Declared inflated/compressed ratio above which a large entry is a bomb. */
  ratio: number;
  entries: number;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory, checked before anything is inflated. */
export function readZipDirectory(buffer: Buffer, limits: XlsxLimits): Map<string, ZipEntry> {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('not_zip');
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new XlsxError('not_zip');
  const count = buffer.readUInt16LE(eocd + 10);
  if (count > limits.entries) throw new XlsxError('bomb');
  let offset = buffer.readUInt32LE(eocd + 16);
  let inflated = 0;
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw new XlsxError('not_zip');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    // 0xFFFFFFFF marks ZIP64 sizes: far beyond anything a posting list needs.
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw new XlsxError('bomb');
    inflated += size;
    if (inflated > limits.inflatedBytes || (size > 1_000_000 && size / Math.max(1, compressedSize) > limits.ratio)) throw new XlsxError('bomb');
    entries.set(name, { name, method, compressedSize, size, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (!entries.has('xl/workbook.xml')) throw new XlsxError('not_workbook');
  return entries;
}

function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw new XlsxError('corrupt');
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) throw new XlsxError('corrupt');
  return buffer.subarray(start, start + entry.compressedSize);
}

/** A whole (small) entry as text; the declared size caps the output, so a lying header cannot bomb. */
function entryText(buffer: Buffer, entry: ZipEntry): string {
  const data = entryData(buffer, entry);
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method !== 8) throw new XlsxError('corrupt');
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) }).toString('utf8');
  } catch (error) {
    throw (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? new XlsxError('bomb') : new XlsxError('corrupt');
  }
}

/** An entry as text chunks, inflated as the reader asks for them; never more than declared. */
async function* entryChunks(buffer: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const data = entryData(buffer, entry);
  const decoder = new StringDecoder('utf8');
  if (entry.method === 0) { yield decoder.write(data) + decoder.end(); return; }
  if (entry.method !== 8) throw new XlsxError('corrupt');
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.end(data);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.size) throw new XlsxError('bomb');
      yield decoder.write(chunk);
    }
  } catch (error) {
    throw error instanceof XlsxError ? error : new XlsxError('corrupt');
  } finally {
    inflate.destroy();
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character references, and the _xHHHH_ escapes Excel uses for control characters. */
export function decodeXmlText(raw: string): string {
  let s = raw;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e]!);
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXmlText(m[1]!) : undefined;
}

/** Text of a string item: every <t> run, skipping phonetic guides (<rPh>). */
function stringItemText(inner: string): string {
  const withoutPhonetic = inner.includes('rPh') ? inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : inner;
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (let m = re.exec(withoutPhonetic); m; m = re.exec(withoutPhonetic)) out += m[1];
  return decodeXmlText(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : stringItemText(m[1]));
  return out;
}

// Built-in number formats that are dates or times (ECMA-376 §18.8.30), including the zh-CN ones.
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  // Strip quoted text, escapes and colour/condition brackets; a date code then has y, m, d, h or s.
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Which cell style indexes (the s="" attribute) show a date. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const fmt = /<(?:\w+:)?numFmt\b([^>]*)\/?>/g;
  for (let m = fmt.exec(xml); m; m = fmt.exec(xml)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    custom.set(id, attr(m[1]!, 'formatCode') ?? '');
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  const xf = /<(?:\w+:)?xf\b([^>]*?)\/?>/g;
  for (let m = xf.exec(xfs); m; m = xf.exec(xfs)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    out.push(custom.has(id) ? isDateFormatCode(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

interface SheetRef {
  name: string;
  path: string;
}

function workbookSheets(buffer: Buffer, entries: Map<string, ZipEntry>): { sheets: SheetRef[]; date1904: boolean } {
  const workbook = entryText(buffer, entries.get('xl/workbook.xml')!);
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (relsEntry) {
    const rel = /<(?:\w+:)?Relationship\b([^>]*)\/?>/g;
    const rels = entryText(buffer, relsEntry);
    for (let m = rel.exec(rels); m; m = rel.exec(rels)) {
      const id = attr(m[1]!, 'Id');
      const target = attr(m[1]!, 'Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
  }
  const sheets: SheetRef[] = [];
  const sheet = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
  for (let m = sheet.exec(workbook); m; m = sheet.exec(workbook)) {
    const rid = /\br:id="([^"]*)"|\b\w+:id="([^"]*)"/.exec(m[1]!);
    const path = targets.get(rid?.[1] ?? rid?.[2] ?? '') ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    // Chart sheets and dialog sheets have no rows.
    if (entries.has(path) && path.includes('worksheets/')) sheets.push({ name: attr(m[1]!, 'name') ?? `Sheet${sheets.length + 1}`, path });
  }
  return { sheets, date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook) };
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const DAY_MS = 86_400_000;

/** Excel serial day → Date at UTC midnight-based time (1900 system counts the phantom 1900-02-29). */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * DAY_MS));
}

interface CellContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const FORMULA = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;

function parseCells(inner: string, ctx: CellContext): XlsxCell[] {
  const cells: XlsxCell[] = [];
  CELL.lastIndex = 0;
  for (let m = CELL.exec(inner); m; m = CELL.exec(inner)) {
    const attrs = m[1]!;
    const body = m[2];
    const ref = /\br="([A-Z]+)/.exec(attrs);
    const col = ref ? columnIndex(ref[1]!) : cells.length;
    if (body === undefined || body === '') continue;
    const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    let value: XlsxCell = null;
    const f = FORMULA.exec(body);
    if (f) value = { formula: decodeXmlText(f[2] ?? '') };
    else if (type === 'inlineStr') value = stringItemText(body);
    else {
      const raw = VALUE.exec(body)?.[1];
      if (raw === undefined) continue;
      switch (type) {
        case 's': value = ctx.strings[Number(raw)] ?? ''; break;
        case 'str': case 'e': value = decodeXmlText(raw); break;
        case 'b': value = raw === '1' || raw === 'true'; break;
        case 'd': value = new Date(raw); break;
        default: {
          const n = Number(raw);
          const style = /\bs="(\d+)"/.exec(attrs);
          value = style && ctx.dates[Number(style[1])] ? excelSerialToDate(n, ctx.date1904) : n;
        }
      }
    }
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }
  return cells;
}

const ROW_START = /<(?:\w+:)?row\b/;
const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;

/** Scan complete <row> elements in text; returns rows and where the unfinished tail begins. */
function scanRows(text: string, sheet: string, ctx: CellContext, previous: number): { rows: XlsxRow[]; rest: number; last: number } {
  const rows: XlsxRow[] = [];
  let rest = 0;
  let last = previous;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(text); m; m = ROW.exec(text)) {
    rest = ROW.lastIndex;
    const r = /\br="(\d+)"/.exec(m[1]!);
    last = r ? Number(r[1]) : last + 1;
    if (m[2]) rows.push({ sheet, number: last, cells: parseCells(m[2], ctx) });
  }
  return { rows, rest, last };
}

/**
 * Rows of every worksheet in workbook order, in batches as the worksheet is inflated. Empty rows
 * are skipped; cells keep their column positions (missing cells are null).
 */
export async function* readXlsx(buffer: Buffer, limits: XlsxLimits): AsyncGenerator<XlsxRow[]> {
  const entries = readZipDirectory(buffer, limits);
  const { sheets, date1904 } = workbookSheets(buffer, entries);
  const stringsEntry = entries.get('xl/sharedStrings.xml');
  const stylesEntry = entries.get('xl/styles.xml');
  const ctx: CellContext = {
    strings: stringsEntry ? sharedStrings(entryText(buffer, stringsEntry)) : [],
    dates: stylesEntry ? dateStyles(entryText(buffer, stylesEntry)) : [],
    date1904,
  };
  for (const sheet of sheets) {
    let carry = '';
    let last = 0;
    for await (const chunk of entryChunks(buffer, entries.get(sheet.path)!)) {
      const text = carry + chunk;
      const scanned = scanRows(text, sheet.name, ctx, last);
      last = scanned.last;
      if (scanned.rest) carry = text.slice(scanned.rest);
      else {
        // No complete row yet: keep from the first row's start, or a short tail that may hold "<ro".
        const start = text.search(ROW_START);
        carry = start >= 0 ? text.slice(start) : text.slice(-256);
      }
      if (carry.length > 64 * 1024 * 1024) throw new XlsxError('corrupt'); // one "row" cannot be this big
      const nonEmpty = scanned.rows.filter((r) => r.cells.some((c) => c !== null && c !== ''));
      if (nonEmpty.length) yield nonEmpty;
    }
  }
}
