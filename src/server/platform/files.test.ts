import { describe, expect, it } from 'vitest';
import { checkUpload, cleanFileName, sniffFile } from './files.js';

describe('sniffFile', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%%EOF'), 'pdf'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00]), 'jpeg'],
    ['a Word document', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('....word/document.xml....')]), 'docx'],
    ['a workbook (a zip, but not Word)', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('....xl/workbook.xml....')]), null],
    ['a program', Buffer.from('MZ\u0090\u0000\u0003'), null],
    ['HTML', Buffer.from('<html><script>alert(1)</script>'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('knows %s by its first bytes', (_, data, kind) => {
    expect(sniffFile(data)).toBe(kind);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['简历 张师傅.pdf', 'pdf', '简历 张师傅.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\王\\我的简历.DOCX', 'docx', '我的简历.docx'],
    ['photo.exe', 'jpeg', 'photo.jpg'],
    ['"quoted"\u0000<b>.png', 'png', 'quotedb.png'],
    ['.pdf', 'pdf', 'file.pdf'],
  ] as const)('%s → %s', (name, kind, expected) => {
    expect(cleanFileName(name, kind)).toBe(expected);
  });

  it('keeps names short', () => {
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`, 'pdf')).toHaveLength(104);
  });
});

describe('checkUpload', () => {
  const rules = { kinds: ['pdf' as const], maxBytes: 10 };
  it('names the limit and the allowed kinds', () => {
    expect(() => checkUpload(Buffer.alloc(0), rules)).toThrow(expect.objectContaining({ code: 'files.empty', status: 400 }));
    expect(() => checkUpload(Buffer.from('%PDF-1.7 long'), rules)).toThrow(expect.objectContaining({ code: 'files.too_large', status: 413, params: { limitMb: 0 } }));
    expect(() => checkUpload(Buffer.from([0xff, 0xd8, 0xff]), rules)).toThrow(expect.objectContaining({ code: 'files.type_not_allowed', params: { kinds: 'PDF' } }));
    expect(checkUpload(Buffer.from('%PDF-1.7'), rules)).toBe('pdf');
  });
});
