import { describe, expect, it } from 'vitest';
import { toCents, validateScheme, type AspectInput, type ItemInput, type SchemeInput } from './scheme.validate.js';

// Table tests of the marking scheme's rules (issue 6 §2 and its bad-input case).

const judgement = (over: Partial<AspectInput> = {}): AspectInput => ({ code: 'A1.2', type: 'judgement', max: 3, judges: 3, descriptors: ['未达到', '基本达到', '较好', '优秀'], ...over });
const deduction = (over: Partial<AspectInput> = {}): AspectInput => ({ code: 'A1.3', type: 'deduction', max: 10, deductions: [{ code: 'D1', text: '未戴安全帽', points: 2 }, { code: 'D2', text: '工具掉落', points: 0.5 }], ...over });
const measurement = (over: Partial<AspectInput> = {}): AspectInput => ({ code: 'A1.1', type: 'measurement', max: 5, ...over });
const sub = (over: Partial<ItemInput> = {}): ItemInput => ({ code: 'A1', name: '冷缩电缆终端制作', parent: 'A', max: 18, isTimed: true, timeLimitSeconds: 5400, aspects: [measurement(), judgement(), deduction()], ...over });
const scheme = (...subs: ItemInput[]): SchemeInput => ({ items: [{ code: 'A', name: '配电检修' }, ...(subs.length ? subs : [sub()])] });
const paths = (s: SchemeInput) => validateScheme(s).map((i) => `${i.path} ${i.code.replace('contest.scheme.', '')}`);

describe('validateScheme', () => {
  it('accepts a good scheme', () => {
    expect(validateScheme(scheme())).toEqual([]);
    expect(validateScheme(scheme(sub(), sub({ code: 'A2', name: '柱上开关更换', isTimed: false, timeLimitSeconds: null, max: 0.3, aspects: [measurement({ code: 'A2.1', max: 0.1 }), measurement({ code: 'A2.2', max: 0.2 })] })))).toEqual([]);
  });

  it.each<[string, SchemeInput, string[]]>([
    ['aspects not adding up to the stated maximum', scheme(sub({ max: 20 })), ['items.1.max sum_mismatch']],
    ['judgement with three descriptors and no judges', scheme(sub({ aspects: [measurement(), judgement({ descriptors: ['a', 'b', 'c'], judges: 0 }), deduction()] })), ['items.1.aspects.1.descriptors descriptors', 'items.1.aspects.1.judges judges']],
    ['a blank descriptor', scheme(sub({ aspects: [measurement(), judgement({ descriptors: ['a', ' ', 'c', 'd'] }), deduction()] })), ['items.1.aspects.1.descriptors.1 descriptor_text']],
    ['deduction without its list', scheme(sub({ aspects: [measurement(), judgement(), deduction({ deductions: [] })] })), ['items.1.aspects.2.deductions no_deductions']],
    ['a deduction larger than its max', scheme(sub({ aspects: [measurement(), judgement(), deduction({ deductions: [{ code: 'D1', text: '严重违章', points: 12 }] })] })), ['items.1.aspects.2.deductions.0.points deduction_over_max']],
    ['duplicate deduction codes and a text with a semicolon', scheme(sub({ aspects: [measurement(), judgement(), deduction({ deductions: [{ code: 'D1', text: 'a；b', points: 1 }, { code: 'D1', text: 'c', points: 1 }] })] })), ['items.1.aspects.2.deductions.0.text deduction_text', 'items.1.aspects.2.deductions.1.code duplicate_code']],
    ['duplicate aspect codes', scheme(sub({ aspects: [measurement(), judgement({ code: 'A1.1' }), deduction()] })), ['items.1.aspects.1.code duplicate_code']],
    ['an aspect named like an item', scheme(sub({ aspects: [measurement({ code: 'A' }), judgement(), deduction()] })), ['items.1.aspects.0.code duplicate_code']],
    ['duplicate item codes', scheme(sub(), sub({ aspects: [measurement({ code: 'X.1', max: 18 })] })), ['items.2.code duplicate_code']],
    ['a sub-item without aspects', scheme(sub({ aspects: [] })), ['items.1.aspects no_aspects']],
    ['a major item without sub-items', { items: [{ code: 'A', name: '配电检修' }, { code: 'B', name: '电能计量' }, sub()] }, ['items.1 no_sub_items']],
    ['bad codes', scheme(sub({ code: 'A 1', aspects: [measurement({ code: '.x' }), judgement(), deduction()] })), ['items.1.code item_code', 'items.1.aspects.0.code aspect_code']],
    ['three decimals and a zero max', scheme(sub({ max: 18.001, aspects: [measurement({ max: 0 }), judgement(), deduction()] })), ['items.1.max max', 'items.1.aspects.0.max max']],
    ['an unknown parent and a sub-item as parent', scheme(sub(), sub({ code: 'A2', parent: 'Z', aspects: [measurement({ code: 'A2.1', max: 18 })] }), sub({ code: 'A3', parent: 'A1', aspects: [measurement({ code: 'A3.1', max: 18 })] })), ['items.2.parent parent_unknown', 'items.3.parent parent_not_major']],
    ['a missing max and a time limit on an untimed sub-item', scheme(sub({ max: null, isTimed: false })), ['items.1.max max_missing', 'items.1.timeLimitSeconds time_limit_untimed']],
    ['aspects on a major item and its max', { items: [{ code: 'A', name: '配电检修', max: 5, aspects: [measurement()] }, sub({ aspects: [measurement({ code: 'A1.9', max: 18 })] })] }, ['items.0.max max_on_major', 'items.0.aspects aspects_on_major']],
    ['descriptors on a measurement', scheme(sub({ aspects: [measurement({ descriptors: ['a', 'b', 'c', 'd'] }), judgement(), deduction()] })), ['items.1.aspects.0.descriptors not_for_type']],
    ['an empty scheme', { items: [] }, ['items empty']],
  ])('refuses %s', (_name, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });

  it('returns every problem at once', () => {
    const bad = scheme(sub({ max: 20, aspects: [measurement({ max: 0 }), judgement({ descriptors: [] }), deduction({ deductions: [] })] }), sub({ code: 'A1', aspects: [] }));
    expect(paths(bad)).toEqual([
      'items.2.code duplicate_code', 'items.1.aspects.0.max max', 'items.1.aspects.1.descriptors descriptors', 'items.1.aspects.2.deductions no_deductions', 'items.2.aspects no_aspects',
    ]);
  });

  it('adds maxima exactly in hundredths', () => {
    expect(toCents(0.1)).toBe(10);
    expect(toCents(0.29)).toBe(29);
    expect(toCents(99999.99)).toBe(9_999_999);
    expect(toCents(1.005)).toBeNull();
    expect(toCents(-1)).toBeNull();
    const tenths = scheme(sub({ max: 0.3, aspects: [measurement({ max: 0.1 }), measurement({ code: 'A1.2', max: 0.2 })] }));
    expect(validateScheme(tenths)).toEqual([]);
  });
});
