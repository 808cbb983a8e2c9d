import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/pdf.js';
import { AppError } from './errors.js';
import { columnWidths, FONT_CANDIDATES, parseFontSpec, pickCjkFonts, planRows, renderPdf, resolveCjkFonts } from './pdf.js';

describe('font choice', () => {
  const has = (...files: string[]) => (file: string) => files.includes(file);
  const debian = FONT_CANDIDATES[0]!;

  it.each([
    ['Debian fonts-noto-cjk, regular and bold', undefined, has(debian.regular.file, debian.bold!.file), { ok: true, fonts: { regular: debian.regular, bold: debian.bold } }],
    ['only the regular face: bold falls back to it', undefined, has(debian.regular.file), { ok: true, fonts: { regular: debian.regular, bold: debian.regular } }],
    ['nothing installed: names what is missing', undefined, has(), { ok: false, reason: 'missing', where: debian.regular.file }],
    ['an override wins over what is installed', '/srv/fonts/simhei.ttf', has('/srv/fonts/simhei.ttf', debian.regular.file),
      { ok: true, fonts: { regular: { file: '/srv/fonts/simhei.ttf' }, bold: { file: '/srv/fonts/simhei.ttf' } } }],
    ['an override that is not there is an error, not a fallback', '/srv/fonts/none.ttf', has(debian.regular.file), { ok: false, reason: 'missing', where: '/srv/fonts/none.ttf' }],
    ['a collection needs the face named', '/srv/fonts/cjk.ttc', has('/srv/fonts/cjk.ttc'), { ok: false, reason: 'needs_name', where: '/srv/fonts/cjk.ttc' }],
    ['a collection with the face named', '/srv/fonts/cjk.ttc#SourceHanSansSC-Regular', has('/srv/fonts/cjk.ttc'),
      { ok: true, fonts: { regular: { file: '/srv/fonts/cjk.ttc', postscriptName: 'SourceHanSansSC-Regular' }, bold: { file: '/srv/fonts/cjk.ttc', postscriptName: 'SourceHanSansSC-Regular' } } }],
  ])('%s', (_name, override, exists, expected) => {
    expect(pickCjkFonts(override, exists)).toEqual(expected);
  });

  it('parses file#face', () => {
    expect(parseFontSpec('C:/fonts/a.ttc#Face-Bold')).toEqual({ file: 'C:/fonts/a.ttc', postscriptName: 'Face-Bold' });
    expect(parseFontSpec('/a/b.otf')).toEqual({ file: '/a/b.otf' });
  });

  it('a missing font is a clear 503 naming the package to install', () => {
    try {
      resolveCjkFonts('/nowhere/font.ttf');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'reports.pdf_font_missing', status: 503, params: { where: '/nowhere/font.ttf' } });
    }
  });
});

describe('table layout', () => {
  it('splits the width by weight, to the last point', () => {
    const w = columnWidths(770, [3, 1, 1, 2]);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(770, 6);
    expect(w[0]).toBeCloseTo(330, 0);
    expect(w[1]).toBeCloseTo(110, 0);
  });

  it.each([
    ['all on the current page', [10, 10, 10], { y: 100, top: 36, bottom: 200, header: 20 }, [[0, 120, true], [0, 130, false], [0, 140, false]]],
    ['a row that does not fit starts the next page under a new header', [30, 30, 30], { y: 100, top: 36, bottom: 200, header: 20 }, [[0, 120, true], [0, 150, false], [1, 56, true]]],
    ['the first row does not fit: the header moves with it', [50], { y: 150, top: 36, bottom: 200, header: 20 }, [[1, 56, true]]],
    ['a row taller than a page stays at the top of a page', [500, 10], { y: 100, top: 36, bottom: 200, header: 20 }, [[1, 56, true], [2, 56, true]]],
    ['on a fresh page an oversized first row is not pushed on', [500], { y: 36, top: 36, bottom: 200, header: 20 }, [[0, 56, true]]],
  ])('%s', (_name, heights, area, expected) => {
    expect(planRows(heights, area).map((r) => [r.page, r.y, r.header])).toEqual(expected);
  });
});

describe('rendering', () => {
  const fonts = resolveCjkFonts(undefined);

  it('embeds a subset of the CJK font: Chinese text reads back, the header repeats on every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`重庆市沙坪坝区第${i + 1}号企业有限公司`, '制造业', i * 10]);
    const out = await renderPdf({ fonts, title: '测试报表', layout: 'landscape', footer: (p, n) => `测试报表 · 第 ${p}/${n} 页` }, (pdf) => {
      pdf.title('2023川渝就业服务季 数据报表', ['生成时间：2023-02-25 18:00（北京时间）']);
      pdf.keyFigures([{ label: '参会企业', value: 455 }, { label: '岗位', value: 13_000 }]);
      pdf.heading('参会企业');
      pdf.table([{ header: '企业', weight: 4 }, { header: '行业', weight: 2 }, { header: '岗位', weight: 1 }], rows, { total: ['合计', '', 71_400] });
    });
    expect(out.data.subarray(0, 5).toString()).toBe('%PDF-');
    const read = readPdf(out.data);
    expect(read.count).toBe(out.pages);
    expect(out.pages).toBeGreaterThanOrEqual(3);
    expect(read.fonts).toEqual(expect.arrayContaining(['NotoSansCJKsc-Regular', 'NotoSansCJKsc-Bold']));
    expect(read.pages[0]).toContain('2023川渝就业服务季 数据报表');
    expect(read.pages[0]).toContain('13,000');
    for (const [i, page] of read.pages.entries()) {
      expect(page.split('\n').filter((l) => l === '企业')).toHaveLength(1); // the header once on each page
      expect(page).toContain(`第 ${i + 1}/${out.pages} 页`);
    }
    expect(read.pages.join('\n')).toContain('重庆市沙坪坝区第120号企业有限公司');
    expect(read.pages.at(-1)).toContain('71,400');
    // A subset, not the 19 MB collection.
    expect(out.data.length).toBeLessThan(600_000);
  });

  it('a font file that is not a font is a clear error', async () => {
    await expect(renderPdf({ fonts: { regular: { file: import.meta.filename }, bold: { file: import.meta.filename } }, title: 'x' }, () => {}))
      .rejects.toMatchObject({ code: 'reports.pdf_font_invalid', status: 503 });
  });
});
