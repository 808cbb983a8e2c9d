import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../../shared/validators.js';
import type { Sheet } from '../imports/read.js';
import { checkAidList, MAX_LIST_ROWS } from './aid-sheet.js';

// The employer's list: every bad cell named by row (as Excel shows it) and column, nothing else.

const id = (body17: string) => body17 + idCardCheckChar(body17);
const A = id('50010519900101123');
const B = id('51160219851231002');
const wrongCheck = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');

const sheet = (rows: unknown[][], name = '参保名单'): Sheet[] => [{ name, rows: rows.map((cells, i) => ({ number: i + 1, cells: cells as Sheet['rows'][0]['cells'] })) }];

describe('checkAidList', () => {
  it('reads a good list with its row numbers, normalising phones and the X of a 身份证号', () => {
    const x = id('11010519491231002');
    const r = checkAidList(sheet([['姓名', '身份证号', '手机号'], ['张三', A, '138 0013 8000'], ['李四', x.toLowerCase(), 13900139000]]));
    expect(r.issues).toEqual([]);
    expect(r.members).toEqual([{ rowNo: 2, name: '张三', idCard: A, phone: '13800138000' }, { rowNo: 3, name: '李四', idCard: x.toUpperCase(), phone: '13900139000' }]);
  });

  it('finds the header under a title row and accepts other names for the columns', () => {
    const r = checkAidList(sheet([['2026 年度职工互助保障参保名单'], ['序号', '职工姓名', '公民身份号码', '联系电话'], ['1', '王五', B, '13700137000']]));
    expect(r.issues).toEqual([]);
    expect(r.members).toEqual([{ rowNo: 3, name: '王五', idCard: B, phone: '13700137000' }]);
  });

  it.each([
    ['an empty name', ['', A, '13800138000'], '姓名', 'imports.required'],
    ['a name over 50 characters', ['张'.repeat(51), A, '13800138000'], '姓名', 'validation.too_big_string'],
    ['a wrong check digit', ['张三', wrongCheck, '13800138000'], '身份证号', 'validation.id_card'],
    ['a 身份证号 Excel turned into a number', ['张三', 500105199001011200, '13800138000'], '身份证号', 'services.aid.id_card_as_number'],
    ['a missing 身份证号', ['张三', '', '13800138000'], '身份证号', 'imports.required'],
    ['a bad phone', ['张三', A, '1380013800'], '手机号', 'validation.phone'],
    ['a missing phone', ['张三', A, ''], '手机号', 'imports.required'],
    ['a formula', ['张三', A, { formula: 'A1' }], '手机号', 'imports.formula'],
  ])('names %s', (_what, row, column, code) => {
    const r = checkAidList(sheet([['姓名', '身份证号', '手机号'], row]));
    expect(r.members).toEqual([]);
    expect(r.issues).toMatchObject([{ sheet: '参保名单', row: 2, column, code }]);
  });

  it('names every bad cell of every row, and a person listed twice with the row he first appeared on', () => {
    const r = checkAidList(sheet([
      ['姓名', '身份证号', '手机号'],
      ['张三', A, '13800138000'],
      ['', wrongCheck, '123'],
      [],
      ['张三', A, '13800138001'],
      ['李四', B, '13900139000'],
    ]));
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, '姓名', 'imports.required'], [3, '身份证号', 'validation.id_card'], [3, '手机号', 'validation.phone'],
      [5, '身份证号', 'imports.duplicate_row'],
    ]);
    expect(r.issues[3]!.params).toEqual({ row: 2 });
    expect(r.members.map((m) => m.rowNo)).toEqual([2, 6]);
  });

  it('refuses a sheet without the header, without the phone column, without people, or with too many', () => {
    expect(checkAidList(sheet([['名单'], ['张三', A]])).issues).toMatchObject([{ row: 1, code: 'imports.no_header', params: { columns: '姓名、身份证号、手机号' } }]);
    expect(checkAidList(sheet([['姓名', '身份证号'], ['张三', A]])).issues).toMatchObject([{ row: 1, column: '手机号', code: 'imports.missing_column' }]);
    expect(checkAidList(sheet([['姓名', '身份证号', '手机号']])).issues).toMatchObject([{ code: 'services.aid.list_empty' }]);
    const many = Array.from({ length: MAX_LIST_ROWS + 1 }, () => ['张三', A, '13800138000']);
    expect(checkAidList(sheet([['姓名', '身份证号', '手机号'], ...many])).issues).toMatchObject([{ code: 'services.aid.list_too_long', params: { max: MAX_LIST_ROWS } }]);
  });
});
