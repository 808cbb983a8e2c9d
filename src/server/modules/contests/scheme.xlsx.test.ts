import { describe, expect, it } from 'vitest';
import { buildSchemeWorkbook, parseDeductions, parseLimit, readSchemeWorkbook, type SchemeSource } from './scheme.xlsx.js';
import { validateScheme } from './scheme.validate.js';

// The scheme's .xlsx: what the export writes, the import reads back unchanged, awkward cells included
// (a numeric-looking code, texts with spaces and numbers, a limit in minutes and seconds).

const source: SchemeSource = {
  items: [
    { code: 'A', name: '配电检修', parentCode: null, max: null, isTimed: false, timeLimitSeconds: null, aspects: [] },
    { code: '1', name: '冷缩 电缆终端制作', parentCode: 'A', max: 30.25, isTimed: true, timeLimitSeconds: 5430, aspects: [
      { code: '1.1', type: 'measurement', max: 12.75, description: '线芯剥切尺寸 ±2 mm', descriptors: null, deductions: null, judges: 2 },
      { code: '1.2', type: 'judgement', max: 7.5, description: '', descriptors: ['差', '中 等', '良', '优 秀'], deductions: null, judges: 5 },
      { code: '1.3', type: 'deduction', max: 10, description: '', descriptors: null, deductions: [{ code: 'D1', text: '超时 5 分钟', points: 2 }, { code: 'D-2', text: '工具掉落', points: 0.25 }], judges: 2 },
    ] },
    { code: 'B', name: '电能计量', parentCode: null, max: null, isTimed: false, timeLimitSeconds: null, aspects: [] },
    { code: 'B1', name: '装表接电', parentCode: 'B', max: 20, isTimed: true, timeLimitSeconds: 3600, aspects: [{ code: 'B1.1', type: 'measurement', max: 20, description: '', descriptors: null, deductions: null, judges: 2 }] },
  ],
};

describe('scheme .xlsx', () => {
  it('reads back what it wrote', async () => {
    const read = await readSchemeWorkbook(await buildSchemeWorkbook(source), 'scheme.xlsx');
    expect(read.issues).toEqual([]);
    expect(validateScheme(read.scheme)).toEqual([]);
    expect(read.scheme.items).toEqual([
      { code: 'A', name: '配电检修' },
      { code: '1', name: '冷缩 电缆终端制作', parent: 'A', max: 30.25, isTimed: true, timeLimitSeconds: 5430, aspects: [
        { code: '1.1', type: 'measurement', max: 12.75, description: '线芯剥切尺寸 ±2 mm', descriptors: null, deductions: null, judges: null },
        { code: '1.2', type: 'judgement', max: 7.5, description: '', descriptors: ['差', '中 等', '良', '优 秀'], deductions: null, judges: 5 },
        { code: '1.3', type: 'deduction', max: 10, description: '', descriptors: null, deductions: [{ code: 'D1', text: '超时 5 分钟', points: 2 }, { code: 'D-2', text: '工具掉落', points: 0.25 }], judges: null },
      ] },
      { code: 'B', name: '电能计量' },
      { code: 'B1', name: '装表接电', parent: 'B', max: 20, isTimed: true, timeLimitSeconds: 3600, aspects: [{ code: 'B1.1', type: 'measurement', max: 20, description: '', descriptors: null, deductions: null, judges: null }] },
    ]);
  });

  it.each<[string, number | null | undefined]>([['', null], ['90', 5400], ['90:30', 5430], ['1.5', 90], ['0', undefined], ['abc', undefined], ['1:75', undefined]])('time limit %s → %s', (text, seconds) => {
    expect(parseLimit(text)).toBe(seconds);
  });

  it.each<[string, ReturnType<typeof parseDeductions>]>([
    ['', []],
    ['D1 未戴安全帽 2；D2 工具掉落 0.5', [{ code: 'D1', text: '未戴安全帽', points: 2 }, { code: 'D2', text: '工具掉落', points: 0.5 }]],
    ['D1 超时 5 分钟 2分;\nD2 违章 1', [{ code: 'D1', text: '超时 5 分钟', points: 2 }, { code: 'D2', text: '违章', points: 1 }]],
    ['D1 未戴安全帽', undefined],
  ])('deductions %j', (text, list) => {
    expect(parseDeductions(text)).toEqual(list);
  });
});
