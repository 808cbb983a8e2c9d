import { describe, expect, it } from 'vitest';
import { createJobTypeResolver, loadJobTypeSeed } from './job-types.js';

describe('job-type catalogue data', () => {
  const categories = loadJobTypeSeed();
  const types = categories.flatMap((c) => c.jobTypes);

  it('has at least 120 job types in categories, with unique codes and names', () => {
    expect(types.length).toBeGreaterThanOrEqual(120);
    expect(new Set(types.map((t) => t.code)).size).toBe(types.length);
    expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
    expect(types.every((t) => /^[a-z0-9-]{2,40}$/.test(t.code))).toBe(true);
    expect(types.every((t) => t.occupationMajorGroup === null || (t.occupationMajorGroup >= 1 && t.occupationMajorGroup <= 8))).toBe(true);
  });

  it('covers what union fairs post', () => {
    const names = new Set(types.map((t) => t.name));
    for (const name of ['行政文员', '家政服务员', '中式烹调师', '驾驶员', '销售代表', '电工', '焊工', '普工', '装配工', '保安员', '养老护理员', '会计', '电商主播', '装表接电工']) {
      expect(names, name).toContain(name);
    }
  });

  it('resolves names and synonyms both ways (厨师 ↔ 中式烹调师)', () => {
    const resolve = createJobTypeResolver(types);
    expect(resolve('厨师')).toBe('chinese-cook');
    expect(resolve('中式烹调师')).toBe('chinese-cook');
    expect(resolve(' 行政 文员 ')).toBe('office-clerk');
    expect(resolve('电焊工')).toBe('welder');
    expect(resolve('chinese-cook')).toBe('chinese-cook');
    expect(resolve('宇航员')).toBeUndefined();
  });

  it('never lets a synonym point at two types', () => {
    const seen = new Map<string, string>();
    for (const t of types) {
      for (const s of [t.name, ...t.synonyms]) {
        const owner = seen.get(s);
        expect(owner === undefined || owner === t.code, `${s}: ${owner} and ${t.code}`).toBe(true);
        seen.set(s, t.code);
      }
    }
  });
});
