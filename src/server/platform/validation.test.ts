import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translate } from '../../shared/i18n/index.js';
import { zodIssuesToFieldIssues } from './validation.js';

const Schema = z.object({
  name: z.string().min(1),
  age: z.number().int().max(120),
  phone: z.string().refine((v) => /^1\d{10}$/.test(v), { message: 'validation.phone' }),
  kind: z.enum(['a', 'b']),
  tags: z.array(z.string()).min(1),
  nested: z.object({ code: z.string().min(6) }),
});

describe('zod issues → catalogue messages', () => {
  const result = Schema.safeParse({ name: '', age: 130, phone: '123', kind: 'c', tags: [], nested: { code: '51' } });
  const issues = result.success ? [] : zodIssuesToFieldIssues(result.error);
  const text = (lang: 'zh-CN' | 'en') =>
    Object.fromEntries(issues.map((i) => [i.path, translate(lang, i.code, i.params)]));

  it('reports every field at once with its path', () => {
    expect(issues.map((i) => i.path).sort()).toEqual(['age', 'kind', 'name', 'nested.code', 'phone', 'tags']);
  });

  it.each([
    ['name', '此项必填'],
    ['age', '不能大于 120'],
    ['phone', '请输入有效的中国大陆手机号（11 位，以 1 开头）'],
    ['kind', '取值无效，可选：a / b'],
    ['tags', '至少选择 1 项'],
    ['nested.code', '至少 6 个字符'],
  ])('%s → %s', (path, message) => expect(text('zh-CN')[path]).toBe(message));

  it('has English too', () => {
    expect(text('en').age).toMatch(/120/);
    expect(text('en').name).toBe('Required');
  });

  it('calls a missing field required', () => {
    const missing = Schema.pick({ name: true }).safeParse({});
    const [issue] = missing.success ? [] : zodIssuesToFieldIssues(missing.error);
    expect(issue).toMatchObject({ path: 'name', code: 'validation.required' });
  });
});
