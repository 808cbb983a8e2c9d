import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsx, zip } from '../../../../test/spreadsheets.js';
import { decodeXmlText, excelSerialToDate, readXlsx, XlsxError, type XlsxRow } from './xlsx.js';

const LIMITS = { inflatedBytes: 50 * 1024 * 1024, ratio: 150, entries: 100 };

async function rows(buffer: Buffer<ArrayBufferLike>, limits = LIMITS): Promise<XlsxRow[]> {
  const out: XlsxRow[] = [];
  for await (const batch of readXlsx(buffer, limits)) out.push(...batch);
  return out;
}

/** A workbook assembled from raw parts, to reach what Excel, WPS and other writers emit. */
function workbook(sheetXml: string, parts: { strings?: string; styles?: string; workbookPr?: string } = {}): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const entries = [
    { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0"?><workbook ${ns}>${parts.workbookPr ?? ''}<sheets><sheet name="岗位表" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetXml}</sheetData></worksheet>`) },
  ];
  if (parts.strings) entries.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${ns}>${parts.strings}</sst>`) });
  if (parts.styles) entries.push({ name: 'xl/styles.xml', data: Buffer.from(`<styleSheet ${ns}>${parts.styles}</styleSheet>`) });
  return zip(entries);
}

describe('readXlsx', () => {
  it('reads what exceljs writes: shared strings, numbers, dates, booleans, formulas, gaps, several sheets in order', async () => {
    const book = new ExcelJS.Workbook();
    const jobs = book.addWorksheet('岗位');
    jobs.addRow(['企业名称', '招聘人数', '有效期至', '包吃住', '合计']);
    jobs.addRow(['重庆川渝机械有限公司', 12, new Date(Date.UTC(2023, 4, 31)), true, { formula: 'B2*2', result: 24 }]);
    jobs.addRow([]);
    const gap = jobs.addRow([]);
    gap.getCell(3).value = 'C 列';
    const second = book.addWorksheet('企业');
    second.addRow(['A & <B> "C"']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    expect(await rows(buffer)).toEqual([
      { sheet: '岗位', number: 1, cells: ['企业名称', '招聘人数', '有效期至', '包吃住', '合计'] },
      { sheet: '岗位', number: 2, cells: ['重庆川渝机械有限公司', 12, new Date(Date.UTC(2023, 4, 31)), true, { formula: 'B2*2' }] },
      { sheet: '岗位', number: 4, cells: [null, null, 'C 列'] },
      { sheet: '企业', number: 1, cells: ['A & <B> "C"'] },
    ]);
  });

  it('agrees with exceljs row for row on a sheet far larger than one inflate chunk (Chinese split across chunks)', async () => {
    const data = Array.from({ length: 6_000 }, (_, i) => [`岗位${i}·电工（高压）`, i, `描述：${'川渝'.repeat(i % 40)}`]);
    const buffer = await xlsx(data);
    const ours = await rows(buffer);
    const theirs: unknown[][] = [];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    book.worksheets[0]!.eachRow((row) => theirs.push((row.values as unknown[]).slice(1)));
    expect(ours.map((r) => r.cells)).toEqual(theirs);
    expect(ours.at(-1)!.number).toBe(6_000);
  });

  it('reads inline strings, rich text without phonetic guides, escapes, prefixed tags, rows without r and date styles', async () => {
    const buffer = workbook(
      '<row><c t="inlineStr"><is><t>沙坪坝区</t></is></c><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>' +
      '<row r="3" spans="1:4"><c r="A3" s="1"><v>45077</v></c><c r="B3" s="2"><v>45077.5</v></c><c r="C3" s="3"><v>4000</v></c><c r="D3" t="str"><f>A1</f><v>x</v></c></row>' +
      '<row r="4"/>' +
      '<row r="5"><c r="B5" t="e"><v>#N/A</v></c><c r="C5" t="b"><v>0</v></c><c r="D5"/></row>',
      {
        strings: '<si><r><t>电</t></r><r><rPr><b/></rPr><t xml:space="preserve">工 </t></r><rPh><t>でんこう</t></rPh></si><si><t>换行_x000D_&#10;第二行 &amp; &lt;b&gt;</t></si>',
        styles: '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="3"/></cellXfs>',
      },
    );
    expect(await rows(buffer)).toEqual([
      { sheet: '岗位表', number: 1, cells: ['沙坪坝区', '电工 ', '换行\r\n第二行 & <b>'] },
      { sheet: '岗位表', number: 3, cells: [new Date(Date.UTC(2023, 4, 31)), new Date(Date.UTC(2023, 4, 31, 12)), 4000, { formula: 'A1' }] },
      { sheet: '岗位表', number: 5, cells: [null, '#N/A', false] },
    ]);
  });

  it('keeps multi-byte characters whole across inflate chunks (inline strings, 1 MB sheet)', async () => {
    const names = Array.from({ length: 12_000 }, (_, i) => `川渝高竹新区·${'电工'.repeat(1 + (i % 7))}${i}`);
    const buffer = workbook(names.map((n, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${n}</t></is></c></row>`).join(''));
    const read = await rows(buffer);
    expect(read.map((r) => r.cells[0])).toEqual(names);
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const buffer = workbook('<row r="1"><c r="A1" s="1"><v>0</v></c></row>', {
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>', workbookPr: '<workbookPr date1904="1"/>',
    });
    expect((await rows(buffer))[0]!.cells[0]).toEqual(new Date(Date.UTC(1904, 0, 1)));
    expect(excelSerialToDate(45077, false)).toEqual(new Date(Date.UTC(2023, 4, 31)));
  });

  it('reads stored (uncompressed) entries', async () => {
    const sheet = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>普工</t></is></c></row></sheetData></worksheet>';
    const buffer = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'), store: true },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></Relationships>'), store: true },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet), store: true },
    ]);
    expect(await rows(buffer)).toEqual([{ sheet: 'S', number: 1, cells: ['普工'] }]);
  });

  it.each([
    ['not a zip', Buffer.from('企业名称,统一社会信用代码\n'), 'not_zip'],
    ['a zip without a workbook', zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]), 'not_workbook'],
    ['an entry that inflates past its declared size', zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>') },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5_000_000, 0x20), declaredSize: 1_000 },
    ]), 'bomb'],
    ['a declared expansion beyond the ratio', zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20_000_000, 0x20) },
    ]), 'bomb'],
  ])('refuses %s', async (_, buffer, reason) => {
    const error = await rows(buffer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).reason).toBe(reason);
  });

  it.each([
    ['a &lt; b &amp;&amp; c', 'a < b && c'],
    ['&#x4E2D;&#22269;', '中国'],
    ['_x0009_tab', '\ttab'],
    ['plain', 'plain'],
  ])('decodes %s', (raw, decoded) => expect(decodeXmlText(raw)).toBe(decoded));
});
