import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './highlight.js';

describe('highlight', () => {
  it.each([
    ['行政文员（坐班）', ['文员', '行政文员'], '<em>行政文员</em>（坐班）'],
    ['电工 / 高压电工', ['电工'], '<em>电工</em> / 高压<em>电工</em>'],
    ['<b>Java</b> 开发', ['java'], '&lt;b&gt;<em>Java</em>&lt;/b&gt; 开发'],
    ['无匹配', ['电工'], '无匹配'],
    ['a+b (c)', ['a+b', '(c)'], '<em>a+b</em> <em>(c)</em>'],
    ['文员', [], '文员'],
  ])('%s with %j', (text, words, expected) => expect(highlight(text, words)).toBe(expected));
});

describe('snippet', () => {
  const text = `${'公司简介'.repeat(20)}负责高压电工设备的日常维护与检修，持证上岗。${'福利'.repeat(20)}`;
  it('centres on the first match and marks cut ends', () => {
    const s = snippet(text, ['电工'], 30);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<em>电工</em>');
  });
  it('starts at the beginning without a match', () => {
    expect(snippet('短描述', ['电工'])).toBe('短描述');
  });
});
