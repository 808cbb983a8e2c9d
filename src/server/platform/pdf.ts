import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.js';

// PDFs (reports, booth cards) with pdfkit and an embedded CJK font: pdfkit embeds only the glyphs a
// document uses (a subset), so a report carries ~60–200 kB of font, not the 19 MB collection.

/** A font file; a collection (.ttc/.otc) also names the face by its PostScript name. */
export interface FontFace { file: string; postscriptName?: string | undefined }
export interface CjkFonts { regular: FontFace; bold: FontFace }

const noto = (dir: string) => ({
  regular: { file: `${dir}/NotoSansCJK-Regular.ttc`, postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { file: `${dir}/NotoSansCJK-Bold.ttc`, postscriptName: 'NotoSansCJKsc-Bold' },
});

/** Where CJK fonts are installed: Debian/Ubuntu fonts-noto-cjk first (as in CI), then other systems' packages. */
export const FONT_CANDIDATES: { regular: FontFace; bold?: FontFace }[] = [
  noto('/usr/share/fonts/opentype/noto'), // Debian, Ubuntu: fonts-noto-cjk
  noto('/usr/share/fonts/noto-cjk'), // Arch: noto-fonts-cjk
  noto('/usr/share/fonts/google-noto-cjk'), // Fedora: google-noto-sans-cjk-ttc-fonts
  noto('/usr/share/fonts/noto'), // Alpine: font-noto-cjk
  { regular: { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' } }, // fonts-wqy-zenhei
];

/** `file.ttc#PostScriptName` → the file and the face. */
export function parseFontSpec(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? { file: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) || undefined } : { file: spec };
}

export type FontPick = { ok: true; fonts: CjkFonts } | { ok: false; reason: 'missing' | 'needs_name'; where: string };

/** Choose the fonts: the override (CHUANYU_PDF_FONT) if given, else the first installed candidate. */
export function pickCjkFonts(override: string | undefined, exists: (file: string) => boolean, candidates = FONT_CANDIDATES): FontPick {
  if (override) {
    const face = parseFontSpec(override);
    if (!exists(face.file)) return { ok: false, reason: 'missing', where: face.file };
    if (/\.(ttc|otc)$/i.test(face.file) && !face.postscriptName) return { ok: false, reason: 'needs_name', where: face.file };
    return { ok: true, fonts: { regular: face, bold: face } };
  }
  for (const c of candidates) {
    if (exists(c.regular.file)) return { ok: true, fonts: { regular: c.regular, bold: c.bold && exists(c.bold.file) ? c.bold : c.regular } };
  }
  return { ok: false, reason: 'missing', where: candidates[0]!.regular.file };
}

/** The fonts to embed, or a clear error naming what to install (never a crash in the middle of a PDF). */
export function resolveCjkFonts(override: string | undefined): CjkFonts {
  const pick = pickCjkFonts(override, (file) => fs.existsSync(file));
  if (pick.ok) return pick.fonts;
  throw new AppError(pick.reason === 'missing' ? 'reports.pdf_font_missing' : 'reports.pdf_font_needs_name', 503, { where: pick.where });
}

// The font files are read once per process (the parsed faces are not shared between documents).
const fontBytes = new Map<string, Buffer>();
const readFont = (file: string): Buffer => {
  let bytes = fontBytes.get(file);
  if (!bytes) fontBytes.set(file, (bytes = fs.readFileSync(file)));
  return bytes;
};

export interface Column { header: string; weight: number; align?: 'left' | 'right' | 'center' }
export type Cell = string | number;

/** Column widths in points from relative weights, summing exactly to the table's width. */
export function columnWidths(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum * 100) / 100);
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * Where each row of a table goes: rows flow down the page; one that does not fit starts a new page,
 * where the header is drawn again first. `page` counts pages after the current one.
 */
export function planRows(heights: number[], area: { y: number; top: number; bottom: number; header: number }): { page: number; y: number; header: boolean }[] {
  const pageStart = area.top + area.header;
  let page = 0;
  let y = area.y + area.header;
  return heights.map((h, i) => {
    let header = i === 0;
    // A row taller than a whole page stays where a page starts rather than pushing on forever.
    if (y + h > area.bottom && !(page > 0 && y === pageStart) && !(i === 0 && area.y === area.top)) {
      page++;
      y = pageStart;
      header = true;
    }
    const at = { page, y, header };
    y += h;
    return at;
  });
}

/** 1,234,567 as Chinese reports write numbers. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

// Contextual substitutions the CJK fonts offer but Chinese text and figures never use: fontkit
// applies them to every string at ~1.5 ms each (a 455-employer report: seconds); with them off the
// glyphs are the same and shaping is ~14× faster. Kerning and marks stay on.
const SHAPING = Object.fromEntries(['ccmp', 'locl', 'calt', 'liga', 'clig', 'rlig', 'rclt', 'dlig'].map((f) => [f, false])) as unknown as PDFKit.Mixins.TextOptions['features'];

const GREY = '#6b7280';
const LINE = '#e5e7eb';
const HEAD_FILL = '#eef2f7';
const ZEBRA = '#fafbfc';
const PAD = 4;

/** A document being drawn, with the report helpers: title, section headings, key figures, tables. */
export class Pdf {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number { return this.doc.page.margins.left; }
  get width(): number { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }
  get top(): number { return this.doc.page.margins.top; }
  get bottom(): number { return this.doc.page.height - this.doc.page.margins.bottom; }

  /** Text at a place; every string goes through here (or widthOf, heightOf) to get the fast shaping. */
  text(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): this {
    this.doc.text(text, x, y, { ...options, features: SHAPING });
    return this;
  }

  widthOf(text: string): number {
    return this.doc.widthOfString(text, { features: SHAPING });
  }

  heightOf(text: string, options: PDFKit.Mixins.TextOptions = {}): number {
    return this.doc.heightOfString(text, { ...options, features: SHAPING });
  }

  font(weight: 'regular' | 'bold', size: number, color = '#111827'): this {
    this.doc.font(weight).fontSize(size).fillColor(color);
    return this;
  }

  /** Room for `height` more points on this page, or a new page. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, lines: string[] = []): void {
    this.font('bold', 18).text(text, this.left, this.doc.y, { width: this.width });
    this.font('regular', 9.5, GREY);
    for (const line of lines) this.text(line, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.6);
  }

  heading(text: string, note?: string): void {
    this.ensureSpace(110); // never alone at the foot of a page: room for its table's header and first rows

    this.doc.moveDown(0.4);
    this.font('bold', 12.5).text(text, this.left, this.doc.y, { width: this.width });
    if (note) this.font('regular', 8.5, GREY).text(note, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  /** The headline figures as a grid of boxes: the number large, its name below. */
  keyFigures(items: { label: string; value: number | string }[]): void {
    // As few rows as boxes of at least 95 pt allow, the boxes shared evenly between them.
    const rows = Math.max(1, Math.ceil((items.length * 95) / this.width));
    const perRow = Math.max(1, Math.ceil(items.length / rows));
    const gap = 8;
    const w = (this.width - gap * (perRow - 1)) / perRow;
    const h = 50;
    for (let i = 0; i < items.length; i += perRow) {
      this.ensureSpace(h + gap);
      const y = this.doc.y;
      items.slice(i, i + perRow).forEach((item, j) => {
        const x = this.left + j * (w + gap);
        this.doc.roundedRect(x, y, w, h, 4).fillAndStroke('#f5f8fc', LINE);
        const value = typeof item.value === 'number' ? formatCount(item.value) : item.value;
        this.font('bold', 17, '#1d4ed8').text(value, x + 6, y + 7, { width: w - 12, height: 22, ellipsis: true });
        this.font('regular', 8, GREY).text(item.label, x + 6, y + 32, { width: w - 12, height: 11, ellipsis: true });
      });
      this.doc.x = this.left;
      this.doc.y = y + h + gap;
    }
  }

  /** A table across pages: the header again at the top of each page, numbers right-aligned, long text wrapped (at most 3 lines). */
  table(columns: Column[], rows: Cell[][], options: { fontSize?: number; total?: Cell[]; empty?: string } = {}): void {
    const size = options.fontSize ?? 8.5;
    const widths = columnWidths(this.width, columns.map((c) => c.weight));
    const all = options.total ? [...rows, options.total] : rows;
    // Each cell is measured once: one that fits on its line is placed directly, and only the few
    // that wrap go through pdfkit's line breaking (slow for Chinese, which may break anywhere).
    type Laid = { text: string; width: number; fits: boolean; align: 'left' | 'right' | 'center' };
    const lay = (cells: Cell[], weight: 'regular' | 'bold', header: boolean) => {
      this.font(weight, size);
      const lineH = this.doc.currentLineHeight(true);
      let height = lineH;
      const laid = cells.map((cell, i): Laid => {
        const text = typeof cell === 'number' ? formatCount(cell) : cell;
        const width = this.widthOf(text);
        const room = widths[i]! - 2 * PAD;
        const fits = width <= room && !text.includes('\n');
        if (!fits) height = Math.max(height, Math.min(3 * lineH, this.heightOf(text, { width: room })));
        const align = header ? (columns[i]!.align === 'right' ? 'right' : 'left') : columns[i]!.align ?? (typeof cell === 'number' ? 'right' : 'left');
        return { text, width, fits, align };
      });
      return { laid, height: height + 2 * PAD };
    };
    const header = lay(columns.map((c) => c.header), 'bold', true);
    const headerH = header.height;
    const body = all.map((r, i) => lay(r, options.total && i === all.length - 1 ? 'bold' : 'regular', false));
    const heights = body.map((b) => b.height);
    let page = 0;
    const drawRow = (cells: Laid[], y: number, h: number, style: 'header' | 'row' | 'total', zebra: boolean) => {
      if (style === 'header' || zebra) this.doc.rect(this.left, y, this.width, h).fill(style === 'header' ? HEAD_FILL : ZEBRA);
      this.doc.moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(style === 'row' ? 0.5 : 0.8).stroke(style === 'row' ? LINE : '#9ca3af');
      this.font(style === 'row' ? 'regular' : 'bold', size);
      let x = this.left;
      cells.forEach((cell, i) => {
        const room = widths[i]! - 2 * PAD;
        if (cell.fits) {
          const offset = cell.align === 'right' ? room - cell.width : cell.align === 'center' ? (room - cell.width) / 2 : 0;
          this.text(cell.text, x + PAD + offset, y + PAD, { lineBreak: false });
        } else {
          this.text(cell.text, x + PAD, y + PAD, { width: room, height: h - 2 * PAD + 1, align: cell.align, ellipsis: true });
        }
        x += widths[i]!;
      });
    };
    if (!all.length) {
      this.ensureSpace(headerH + 24);
      const y = this.doc.y;
      drawRow(header.laid, y, headerH, 'header', false);
      this.font('regular', size, GREY).text(options.empty ?? '—', this.left + PAD, y + headerH + PAD, { width: this.width - 2 * PAD });
      this.doc.x = this.left;
      this.doc.moveDown(0.6);
      return;
    }
    const plan = planRows(heights, { y: this.doc.y, top: this.top, bottom: this.bottom, header: headerH });
    all.forEach((_row, i) => {
      const at = plan[i]!;
      while (page < at.page) { this.doc.addPage(); page++; }
      if (at.header) drawRow(header.laid, at.y - headerH, headerH, 'header', false);
      drawRow(body[i]!.laid, at.y, heights[i]!, options.total && i === all.length - 1 ? 'total' : 'row', i % 2 === 1);
    });
    this.doc.x = this.left;
    this.doc.y = plan.at(-1)!.y + heights.at(-1)! + 8;
  }
}

export interface PdfSetup {
  fonts: CjkFonts;
  size?: 'A4' | 'A5';
  layout?: 'portrait' | 'landscape';
  margin?: number;
  /** Document properties: the title shown by viewers. */
  title: string;
  /** Text at the foot of every page, given its number and the page count. */
  footer?: (page: number, pages: number) => string;
}

export interface PdfOutput { data: Buffer; pages: number; ms: number }

/** Draw a document and return its bytes, its page count and how long it took. */
export async function renderPdf(setup: PdfSetup, draw: (pdf: Pdf) => void | Promise<void>): Promise<PdfOutput> {
  const started = performance.now();
  const margin = setup.margin ?? 36;
  const doc = new PDFDocument({
    size: setup.size ?? 'A4', layout: setup.layout ?? 'portrait', margin, bufferPages: true,
    info: { Title: setup.title, Creator: 'chuanyu 川渝工会协作平台', Producer: 'chuanyu (pdfkit)' }, lang: 'zh-CN', displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  try {
    doc.registerFont('regular', readFont(setup.fonts.regular.file), setup.fonts.regular.postscriptName as string);
    doc.registerFont('bold', readFont(setup.fonts.bold.file), setup.fonts.bold.postscriptName as string);
    doc.font('regular');
  } catch (error) {
    throw new AppError('reports.pdf_font_invalid', 503, { where: setup.fonts.regular.file, reason: (error as Error).message });
  }
  const pdf = new Pdf(doc);
  await draw(pdf);
  const range = doc.bufferedPageRange();
  if (setup.footer) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
      pdf.font('regular', 7.5, GREY).text(setup.footer(i + 1, range.count), pdf.left, doc.page.height - bottom / 2 - 4, { width: pdf.width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  await ended;
  return { data: Buffer.concat(chunks), pages: range.count, ms: Math.round(performance.now() - started) };
}
