import { describe, expect, it } from 'vitest';
import { createSegmenter, loadDomainTerms, normalizeText } from './segment.js';

const segmenter = createSegmenter([...loadDomainTerms(), '行政文员', '中式烹调师', '沙坪坝区', '渝北区', '江北区', '达州市']);

describe('segmenter', () => {
  it.each([
    ['行政文员', ['行政文员', '行政', '文员']],
    ['川渝高竹新区职工活动中心', ['川渝高竹新区', '新区', '职工', '活动中心']],
    ['装表接电', ['装表接电']],
    ['重庆市沙坪坝区', ['沙坪坝区', '沙坪坝']],
    ['中式烹调师（川菜）', ['中式', '烹调师', '川菜']],
    ['Ｃ１驾照', ['c1']],
  ])('indexes %s with its searchable words', (text, expected) => {
    const tokens = segmenter.index(text);
    for (const token of expected) expect(tokens).toContain(token);
  });

  it('drops punctuation and lone characters from the index', () => {
    const tokens = segmenter.index('包吃住，五险一金！月薪 5000 元');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('！');
    expect(tokens.every((t) => t.length > 1 || /[a-z0-9]/.test(t))).toBe(true);
    expect(tokens).toContain('五险一金');
  });

  it.each([
    ['电工', [{ tokens: ['电工'] }]],
    ['渝北 电工', [{ tokens: ['渝北'] }, { tokens: ['电工'] }]],
    ['文员', [{ tokens: ['文员'] }]],
    ['"行政文员" 沙坪坝', [{ tokens: ['行政文员'], phrase: '行政文员' }, { tokens: ['沙坪坝'] }]],
    ['“火锅 店”', [{ tokens: ['火锅', '店'].filter((t) => t.length > 1), phrase: '火锅店' }]],
    ['住', [{ tokens: [], phrase: '住' }]],
    ['  ', []],
  ])('reads the query %j', (query, parts) => {
    expect(segmenter.query(query)).toEqual(parts);
  });

  it('normalises full-width letters and digits', () => {
    expect(normalizeText('ＪＡＶＡ开发　２名')).toBe('java开发 2名');
  });
});
