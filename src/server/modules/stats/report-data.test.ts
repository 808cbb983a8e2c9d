import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/index.js';
import { boothUrl, qrMatrix } from './booth-card.js';
import { csvCell, followUpText, toCsv } from './intents-csv.js';
import { boothLabels, breakdown, chinaDateTime, chinaTimeRange, eventFigures, fileSafe, salaryText, type EmployerRow, type JobTypeRow } from './report-data.js';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);

const employer = (over: Partial<EmployerRow>): EmployerRow => ({
  id: 'x', name: '企业', creditCode: '', regionCode: '500106', regionName: '沙坪坝区', industrySection: 'C', industryName: '制造业', signups: 1, booths: '',
  postings: 0, openings: 0, consultations: 0, interviews: 0, intentsProposed: 0, intents: 0, ...over,
});

describe('breakdowns', () => {
  const rows = [
    employer({ regionCode: '500106', postings: 2, openings: 7, consultations: 2, intentsProposed: 1, intents: 1 }),
    employer({ regionCode: '511681', industrySection: 'D', postings: 1, openings: 3, consultations: 1 }),
    employer({ regionCode: '510104', postings: 1, openings: 4 }),
    // Withdrew after scanning: its records count, it is no participant.
    employer({ regionCode: '510104', signups: 0, consultations: 5 }),
  ];
  const city = (r: EmployerRow) => (r.regionCode.startsWith('50') ? { key: r.regionCode, label: '沙坪坝区' } : { key: `${r.regionCode.slice(0, 4)}00`, label: r.regionCode.startsWith('5101') ? '成都市' : '广安市' });

  it('adds employers up per key and province; only approved ones count as enterprises', () => {
    expect(breakdown(rows, city, { byFederation: true }).map((b) => [b.label, b.federation, b.enterprises, b.postings, b.consultations])).toEqual([
      ['沙坪坝区', '50', 1, 2, 2], ['成都市', '51', 1, 1, 5], ['广安市', '51', 1, 1, 1],
    ]);
  });

  it('an industry of both provinces is one line', () => {
    const byIndustry = breakdown(rows, (r) => ({ key: r.industrySection, label: r.industrySection }), { byFederation: false });
    expect(byIndustry.map((b) => [b.key, b.federation, b.enterprises, b.openings])).toEqual([['C', null, 2, 11], ['D', null, 1, 3]]);
  });

  it('an event\'s figures follow the season\'s rules: employer side by the employer\'s province, check-ins by the host\'s', () => {
    const jobTypes: JobTypeRow[] = [
      { code: 'electrician', name: '电工', federation: '50', postings: 1, openings: 5, intents: 1 },
      { code: 'electrician', name: '电工', federation: '51', postings: 1, openings: 3, intents: 0 },
      { code: 'office-clerk', name: '行政文员', federation: '50', postings: 1, openings: 2, intents: 0 },
      { code: 'welder', name: '焊工', federation: '51', postings: 0, openings: 0, intents: 1 },
    ];
    const f = eventFigures(rows, jobTypes, 7, '50');
    expect(f).toMatchObject({ enterprises: 3, positions: 4, openings: 14, jobTypes: 2, checkins: 7, consultations: 8, intents: 1 });
    expect(f.byFederation['50']).toMatchObject({ enterprises: 1, jobTypes: 2, checkins: 7 });
    expect(f.byFederation['51']).toMatchObject({ enterprises: 2, jobTypes: 1, checkins: 0, consultations: 6 });
  });
});

describe('labels', () => {
  it.each([
    ['one fair: just the numbers', [[{ eventId: 1, number: 'A01' }], [{ eventId: 1, number: 'B12' }], []], ['A01', 'B12', ''], false],
    ['two fairs: each with its fair', [[{ eventId: 1, number: 'A01' }, { eventId: 2, number: 'A03' }], [{ eventId: 2, number: 'A01' }]], ['开幕式 A01、华蓥专场 A03', '华蓥专场 A01'], true],
  ])('booths, %s', (_name, booths, labels, named) => {
    expect(boothLabels(booths, (id) => (id === 1 ? '开幕式' : '华蓥专场'))).toEqual({ labels, named });
  });

  it.each([
    [{ salary_negotiable: false, salary_min: 5000, salary_max: 7000 }, '5000–7000 元/月'],
    [{ salary_negotiable: false, salary_min: 8000, salary_max: null }, '8000 元/月起'],
    [{ salary_negotiable: false, salary_min: 6000, salary_max: 6000 }, '6000 元/月起'],
    [{ salary_negotiable: true, salary_min: null, salary_max: null }, '面议'],
  ])('pay %j reads %s', (p, text) => {
    expect(salaryText(p, t)).toBe(text);
  });

  it('times in China time whatever the server\'s zone', () => {
    expect(chinaDateTime(new Date('2023-02-25T01:00:00Z'))).toBe('2023-02-25 09:00');
    expect(chinaDateTime(new Date('2023-02-24T16:30:00Z'))).toBe('2023-02-25 00:30');
    expect(chinaTimeRange(new Date('2023-02-25T01:00:00Z'), new Date('2023-02-25T09:00:00Z'))).toBe('2023-02-25 09:00–17:00');
    expect(chinaTimeRange(new Date('2023-02-25T01:00:00Z'), new Date('2023-02-26T09:00:00Z'))).toBe('2023-02-25 09:00 – 2023-02-26 17:00');
  });

  it('file names keep Chinese and lose what file systems refuse', () => {
    expect(fileSafe('2023川渝就业服务季/春季: "开幕"')).toBe('2023川渝就业服务季_春季_ _开幕_');
  });
});

describe('CSV', () => {
  it.each([
    ['陈师傅', '陈师傅'], ['a,b', '"a,b"'], ['说"好"', '"说""好"""'], ['两行\n文字', '"两行\n文字"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`], ['+86', "'+86"], ['-1', "'-1"], ['@cmd', "'@cmd"], [6500, '6500'], [null, ''],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('starts with a byte-order mark and ends lines with CRLF', () => {
    expect(toCsv([['意向编号', '企业'], [1, '甲']])).toBe('\uFEFF意向编号,企业\r\n1,甲\r\n');
  });

  it.each([
    [{ due: null, done: null, signed: null, started: null }, ''],
    [{ due: '2023-04-05', done: null, signed: null, started: null }, '待回访（2023-04-05 到期）'],
    [{ due: '2023-04-05', done: new Date(), signed: true, started: false }, '已签合同，未到岗'],
  ])('follow-up %j reads %s', (f, text) => {
    expect(followUpText(f, t)).toBe(text);
  });
});

describe('booth QR code', () => {
  it('the modules drawn on the card decode to the booth\'s public page', () => {
    const url = boothUrl('https://chuanyu.example.cn', 455, 'A01');
    expect(url).toBe('https://chuanyu.example.cn/m/events/455?booth=A01');
    const m = qrMatrix(url);
    const scale = 4;
    const quiet = 4;
    const size = (m.length + 2 * quiet) * scale;
    const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
    m.forEach((row, r) => row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < scale; y++) for (let x = 0; x < scale; x++) {
        const i = (((r + quiet) * scale + y) * size + (c + quiet) * scale + x) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }));
    expect(jsQR(pixels, size, size)?.data).toBe(url);
  });
});
