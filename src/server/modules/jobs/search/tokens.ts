import { FIELD } from './search-index.js';
import type { Segmenter } from './segment.js';

// A posting's search tokens as PostgreSQL stores them: a tsvector literal whose weights say which
// field a token came from (A title, B region, C benefits, D description). The in-process index is
// built from these, so jieba runs once per write, not once per posting at every server start.

export interface TokenSource {
  title: string;
  /** 重庆市 渝北区 */
  regionName: string;
  benefits: string[];
  /** Description as plain text. */
  description: string;
}

const WEIGHT_FIELD: Record<string, number> = { A: FIELD.title, B: FIELD.region, C: FIELD.benefits, D: FIELD.description };

/** Plain text of sanitised description HTML (tags become spaces, entities decoded). */
export function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' })[e]!)
    .replace(/\s+/g, ' ').trim();
}

const quote = (token: string) => (token.includes("'") || token.includes('\\') ? `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${token}'`);

/** The tsvector literal for a posting: each token once, with one position per field it occurs in. */
export function postingTsvector(segmenter: Segmenter, source: TokenSource): string {
  const fields = new Map<string, string[]>();
  const add = (text: string, weight: string) => {
    for (const token of segmenter.index(text)) {
      const list = fields.get(token);
      if (!list) fields.set(token, [weight]);
      else if (!list.includes(weight)) list.push(weight);
    }
  };
  add(source.title, 'A');
  add(source.regionName, 'B');
  add(source.benefits.join(' '), 'C');
  add(source.description, 'D');
  let position = 0;
  const out: string[] = [];
  for (const [token, weights] of fields) out.push(`${quote(token)}:${weights.map((w) => `${++position}${w}`).join(',')}`);
  return out.join(' ');
}

/** Tokens and their fields (FIELD bits) from a tsvector's text form. */
export function parseTsvector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const token = m[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1');
    let bits = 0;
    // PostgreSQL prints weight D as nothing: "1A,9" is a title and a description position.
    for (const position of (m[2] ?? '0').split(',')) bits |= WEIGHT_FIELD[position.replace(/[0-9]/g, '') || 'D']!;
    out.set(token, (out.get(token) ?? 0) | bits);
  }
  return out;
}

/** A tsquery literal requiring every token (lexemes quoted, so nothing is parsed again). */
export function tsqueryAll(tokens: string[]): string {
  return tokens.map(quote).join(' & ');
}
