// Highlighting matched words in search results: the text is escaped first, then the words are
// wrapped in <em>, longest first, so 行政文员 wins over 文员 and nothing else is ever HTML.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` escaped, with every occurrence of the words (case-insensitive) in <em>…</em>. */
export function highlight(text: string, words: string[]): string {
  return createHighlighter(words).highlight(text);
}

/** A snippet of the text around the first match, highlighted. */
export function snippet(text: string, words: string[], size = 60): string {
  return createHighlighter(words).snippet(text, size);
}

/** Both, for many texts with the same words (one compiled pattern per search, not per result). */
export function createHighlighter(words: string[]) {
  const usable = [...new Set(words.filter((w) => w.trim()))].sort((a, b) => b.length - a.length);
  const re = usable.length ? new RegExp(usable.map(escapeRegExp).join('|'), 'gi') : null;
  const lowered = usable.map((w) => w.toLowerCase());
  const highlightText = (text: string): string => (re ? mark(text, re) : escapeHtml(text));
  return {
    highlight: highlightText,
    snippet(text: string, size = 60): string {
      const lower = text.toLowerCase();
      let at = -1;
      for (const w of lowered) {
        const i = lower.indexOf(w);
        if (i >= 0 && (at < 0 || i < at)) at = i;
      }
      const start = at < 0 ? 0 : Math.max(0, at - Math.floor(size / 3));
      const end = Math.min(text.length, start + size);
      return highlightText(`${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`);
    },
  };
}

function mark(text: string, re: RegExp): string {
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0]) { re.lastIndex++; continue; }
    out += `${escapeHtml(text.slice(last, m.index))}<em>${escapeHtml(m[0])}</em>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}
