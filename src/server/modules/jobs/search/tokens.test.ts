import { describe, expect, it } from 'vitest';
import { FIELD } from './search-index.js';
import { createSegmenter } from './segment.js';
import { htmlText, parseTsvector, postingTsvector, tsqueryAll } from './tokens.js';

const seg = createSegmenter(['行政文员', '渝北区', '五险一金']);

describe('search tokens', () => {
  it('weights each token by the fields it came from, and reads them back from PostgreSQL\'s text form', () => {
    const literal = postingTsvector(seg, { title: '行政文员', enterpriseName: '渝北示例商贸有限公司', regionName: '重庆市 渝北区', benefits: ['五险一金'], description: '负责文员工作' });
    expect(literal).toMatch(/'行政文员':\d+A/);
    const parsed = parseTsvector(literal);
    expect(parsed.get('文员')).toBe(FIELD.title | FIELD.description);
    expect(parsed.get('渝北')).toBe(FIELD.region | FIELD.enterprise); // in the region (B) and the enterprise's name (C)
    expect(parsed.get('商贸')).toBe(FIELD.enterprise);
    expect(parsed.get('五险一金')).toBe(FIELD.enterprise); // weight C: enterprise name and benefits
    // PostgreSQL prints weight D as nothing and escapes quotes by doubling them.
    expect(parseTsvector("'电工':1A,7 'o''neil':3")).toEqual(new Map([['电工', FIELD.title | FIELD.description], ["o'neil", FIELD.description]]));
  });

  it('quotes lexemes for tsquery and reads description HTML as text', () => {
    expect(tsqueryAll(['电工', "o'neil"])).toBe("'电工' & 'o''neil'");
    expect(htmlText('<h4>岗位职责</h4><ul><li>装表&amp;接电</li></ul>')).toBe('岗位职责 装表&接电');
  });
});
