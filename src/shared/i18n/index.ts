import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type Lang = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** Translate a catalogue key, filling {{name}} placeholders; unknown keys come back as they are. */
export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  const text = isMessageKey(key) ? catalogues[lang][key] : key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Pick the language from an Accept-Language header: zh-CN unless English is preferred. */
export function pickLang(header: string | undefined | null): Lang {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
