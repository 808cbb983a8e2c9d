import { FIELD } from './search-index.js';
import type { Segmenter } from './segment.js';

// A posting's search tokens as PostgreSQL stores them: a tsvector literal whose weights say which
// field a token came from (A title, B region, C enterprise name and benefits, D description). The in-process index is
// built from these, so jieba runs once per write, not once per posting at every server start.

export interface TokenSource {
  title: string;
  enterpriseName: string;
  /** 重庆市 渝北区 */
  regionName: string;
  benefits: string[];
  /** Description as plain text. */
  description: string;
}


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
  add(source.enterpriseName, 'C');
  add(source.benefits.join(' '), 'C');
  add(source.description, 'D');
  let position = 0;
  const out: string[] = [];
  for (const [token, weights] of fields) out.push(`${quote(token)}:${weights.map((w) => `${++position}${w}`).join(',')}`);
  return out.join(' ');
}

const WEIGHT_BITS = [FIELD.title, FIELD.region, FIELD.enterprise, FIELD.description]; // A, B, C, D

/**
 * Tokens and their fields (FIELD bits) from a tsvector's text form ('电工':1A,9 'o''neil':3).
 * A scanner, not a regex: the index parses a million of these at every start.
 */
export function parseTsvector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) !== 39) { i++; continue; } // '
    let start = ++i;
    let token = '';
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= n) break;
      if (c === 92) { token += text.slice(start, i) + text[i + 1]; i += 2; start = i; continue; } // backslash escape
      if (c === 39) {
        if (text.charCodeAt(i + 1) === 39) { token += text.slice(start, i + 1); i += 2; start = i; continue; } // ''
        break;
      }
      i++;
    }
    token += text.slice(start, i);
    i++; // closing quote
    let bits = 0;
    if (text.charCodeAt(i) === 58) { // ':' positions, each with an optional weight (none means D)
      i++;
      for (;;) {
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const w = text.charCodeAt(i);
        if (w >= 65 && w <= 68) { bits |= WEIGHT_BITS[w - 65]!; i++; } else bits |= FIELD.description;
        if (text.charCodeAt(i) === 44) { i++; continue; } // ','
        break;
      }
    } else bits = FIELD.description;
    out.set(token, (out.get(token) ?? 0) | bits);
  }
  return out;
}

/** A tsquery literal requiring every token (lexemes quoted, so nothing is parsed again). */
export function tsqueryAll(tokens: string[]): string {
  return tokens.map(quote).join(' & ');
}
