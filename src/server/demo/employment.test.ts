import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../shared/credit-code.js';
import { generateEmployment } from './employment.js';

describe('demo employment data', () => {
  const demo = generateEmployment({ today: '2023-02-25' });
  const rows = demo.sheet.rows.slice(1).map((r) => r.cells as (string | number)[]);

  it('has 455 enterprises of both provinces and 13,000 postings over 100+ job types', () => {
    expect(demo.enterprises).toBe(455);
    expect(rows).toHaveLength(13_000);
    const codes = new Set(rows.map((r) => r[1] as string));
    expect(codes.size).toBeGreaterThan(300); // most employers post something
    expect([...codes].every(isValidCreditCode)).toBe(true);
    expect(new Set(rows.map((r) => r[3])).size).toBeGreaterThanOrEqual(100);
    const cq = [...codes].filter((c) => c.slice(2, 4) === '50').length;
    expect(cq / codes.size).toBeGreaterThan(0.45);
    expect(cq / codes.size).toBeLessThan(0.75);
  });

  it('is deterministic', () => {
    const again = generateEmployment({ today: '2023-02-25' });
    expect(again.sheet.rows[500]).toEqual(demo.sheet.rows[500]);
  });

  it('never repeats a title within an enterprise', () => {
    const keys = new Set(rows.map((r) => `${r[1]}/${r[2]}`));
    expect(keys.size).toBe(rows.length);
  });
});
