import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Chinese word segmentation for job search (issue 4 §1). jieba's search mode emits a long word and
// the dictionary words inside it (沙坪坝区 → 沙坪坝区, 沙坪坝, 渝北区 → 渝北), so a query for the short
// form finds the long one. The domain dictionary (job titles and synonyms, every region name of both
// provinces, trade terms) keeps words such as 行政文员, 川渝高竹新区 and 装表接电 whole.

export interface QueryPart {
  /** Words that must all occur (a plain word may be several tokens: 渝北电工 → 渝北, 电工). */
  tokens: string[];
  /** The text between quotes, when the part was quoted: its tokens must also appear as written. */
  phrase?: string;
}

export interface Segmenter {
  /** Tokens of a document: lower-cased, deduplicated, punctuation and lone CJK characters dropped. */
  index(text: string): string[];
  /**
   * The query in parts: each quoted phrase is one part, every other word a part of its own. A word
   * the index already holds as one token (`known`) stays whole: jieba's search mode may have made a
   * token of two characters that its plain mode would split into single characters.
   */
  query(text: string, known?: (token: string) => boolean): QueryPart[];
}

const FREQ = 200_000; // high enough that a domain word beats jieba's split of it

/** Full-width ASCII to half-width and lower case: ＡＢＣ１２ → abc12 (people type either on phones). */
export function normalizeText(text: string): string {
  if (!/[\uff01-\uff5e\u3000A-Z]/.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').toLowerCase();
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const RUNS = /[a-z0-9]+|[\u3400-\u9fff]+/g;

const isCjk = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isAsciiWord = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

/** 0: drop; 1: keep; 2: keep, and it mixes letters/digits with Chinese (c1驾照). Char tests, not regexes: this runs per token. */
function classify(token: string): 0 | 1 | 2 {
  let cjk = 0;
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (isCjk(c)) cjk++;
    else if (isAsciiWord(c)) ascii++;
    else if (c > 0x7f) other++;
  }
  if (cjk === 0 && ascii === 0 && (other === 0 || !WORDLIKE.test(token))) return 0;
  // One CJK character matches too much to be useful (住, 竹); letters and digits may be short (c1, hr).
  if (cjk === 1 && token.length === 1) return 0;
  return cjk && ascii ? 2 : 1;
}

function keep(token: string): boolean {
  return classify(token) !== 0;
}

export function loadDomainTerms(file = new URL('../data/search-terms.txt', import.meta.url)): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** A segmenter with jieba's dictionary plus the given domain words (loading takes ~0.3 s). */
export function createSegmenter(domainWords: Iterable<string>): Segmenter {
  const jieba = Jieba.withDict(dict);
  const words = [...new Set([...domainWords].map((w) => normalizeText(w).replace(/\s+/g, '')).filter((w) => w.length >= 2))];
  if (words.length) jieba.loadDict(Buffer.from(words.map((w) => `${w} ${FREQ}`).join('\n')));

  // Short strings repeat across postings (region names, benefit tags): remember their tokens.
  const memo = new Map<string, string[]>();
  const index = (text: string): string[] => {
    const short = text.length <= 24;
    if (short) { const known = memo.get(text); if (known) return known; }
    const out = new Set<string>();
    for (const raw of jieba.cutForSearch(normalizeText(text), true)) {
      const t = raw.length && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
      const kind = classify(t);
      if (kind === 0) continue;
      out.add(t);
      // A word mixing letters and Chinese (c1驾照, java开发) is findable by either part.
      if (kind === 2) for (const part of t.match(RUNS) ?? []) if (keep(part)) out.add(part);
    }
    const tokens = [...out];
    if (short && memo.size < 50_000) memo.set(text, tokens);
    return tokens;
  };

  const query = (text: string, known?: (token: string) => boolean): QueryPart[] => {
    const parts: QueryPart[] = [];
    const normalized = normalizeText(text);
    // "…", “…” and 「…」 quote a phrase.
    const quoted = /["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g;
    let rest = '';
    let last = 0;
    for (let m = quoted.exec(normalized); m; m = quoted.exec(normalized)) {
      rest += ` ${normalized.slice(last, m.index)}`;
      last = quoted.lastIndex;
      const phrase = m[1]!.trim();
      const tokens = jieba.cut(phrase, false).map((t) => t.trim()).filter(keep);
      if (tokens.length) parts.push({ tokens: [...new Set(tokens)], phrase: phrase.replace(/\s+/g, '') });
    }
    rest += ` ${normalized.slice(last)}`;
    for (const word of rest.split(/[\s,，、;；/|+]+/)) {
      if (!word) continue;
      if (known?.(word)) { parts.push({ tokens: [word] }); continue; }
      // A lone CJK character is kept as typed (it cannot be a token, so it matches through the phrase check).
      const tokens = jieba.cut(word, false).map((t) => t.trim()).filter(keep);
      if (tokens.length) for (const token of tokens) parts.push({ tokens: [token] });
      else if (WORDLIKE.test(word)) parts.push({ tokens: [], phrase: word });
    }
    return parts;
  };

  return { index, query };
}
