import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type UiKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'chuanyu.lang';
// zh-CN is the source and the default, so it ships with the page; the English catalogue is its
// own chunk, fetched when someone switches to it (a phone at a fair never downloads it).
const catalogues: Partial<Record<Lang, Record<UiKey, string>>> = { 'zh-CN': zhCN };
let englishLoad: Promise<void> | null = null;
const loadEnglish = (): Promise<void> =>
  (englishLoad ??= import('./en.js').then((m) => { catalogues.en = m.en; }).catch((error: unknown) => { englishLoad = null; throw error; }));

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The language the API client sends as Accept-Language (kept in sync by the provider). */
export let currentLang: Lang = typeof window === 'undefined' ? 'zh-CN' : storedLang();

export type Translate = (key: UiKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (lang === 'en' && !catalogues.en) void loadEnglish().then(() => setLoaded((n) => n + 1), () => undefined);
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    currentLang = next;
    try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode */ }
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const t = useCallback<Translate>((key, params = {}) =>
    // Until the English chunk arrives the page stays in Chinese rather than showing keys.
    ((catalogues[lang] ?? zhCN)[key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)),
  [lang, catalogues[lang]]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;
