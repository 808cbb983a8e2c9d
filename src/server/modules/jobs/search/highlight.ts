// Highlighting matched words in search results: the text is escaped first, then the words are
// wrapped in <em>, longest first, so 行政文员 wins over 文员 and nothing else is ever HTML.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` escaped, with every occurrence of the words (case-insensitive) in <em>…</em>. */
export function highlight(text: string, words: string[]): string {
  const usable = [...new Set(words.filter((w) => w.trim()))].sort((a, b) => b.length - a.length);
  if (!usable.length) return escapeHtml(text);
  const re = new RegExp(usable.map(escapeRegExp).join('|'), 'gi');
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0]) { re.lastIndex++; continue; }
    out += `${escapeHtml(text.slice(last, m.index))}<em>${escapeHtml(m[0])}</em>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A window of about `size` characters around the first matched word (the start when none). */
export function snippet(text: string, words: string[], size = 60): string {
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = at < 0 ? 0 : Math.max(0, at - Math.floor(size / 3));
  const end = Math.min(text.length, start + size);
  const cut = text.slice(start, end);
  return highlight(`${start > 0 ? '…' : ''}${cut}${end < text.length ? '…' : ''}`, words);
}
