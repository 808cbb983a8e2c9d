import { describe, expect, it } from 'vitest';
import { parseSalary } from './salary.js';

describe('parseSalary', () => {
  it.each([
    ['4000-6000', 4000, 6000],
    ['4k-6k', 4000, 6000],
    ['4-6k', 4000, 6000],
    ['4K～6K', 4000, 6000],
    ['4千-6千', 4000, 6000],
    ['0.4万-0.6万', 4000, 6000],
    ['4000 - 6000 元/月', 4000, 6000],
    ['4,500至5,500', 4500, 5500],
    ['5000', 5000, 5000],
    ['5000元/月', 5000, 5000],
    ['8000以上', 8000, null],
    ['6k起', 6000, null],
  ])('%s → %s..%s', (raw, min, max) => {
    expect(parseSalary(raw)).toEqual({ ok: true, salary: { negotiable: false, min, max } });
  });

  it('reads 面议 as negotiable', () => {
    for (const raw of ['面议', ' 薪资面议 ', '面谈']) {
      expect(parseSalary(raw)).toEqual({ ok: true, salary: { negotiable: true, min: null, max: null } });
    }
  });

  it('takes a numeric cell as a floor', () => {
    expect(parseSalary(4500)).toEqual({ ok: true, salary: { negotiable: false, min: 4500, max: null } });
  });

  it.each([
    ['6000-4000', 'min_gt_max'],
    ['-3000', 'negative'],
    ['', 'format'],
    ['高薪', 'format'],
    ['4000-5000-6000', 'format'],
    ['abc-6000', 'format'],
  ])('rejects %s (%s)', (raw, reason) => expect(parseSalary(raw)).toEqual({ ok: false, reason }));
});
