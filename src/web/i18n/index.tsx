import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { zhCN, type UiKey } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'chuanyu.lang';
const catalogues: Record<Lang, Record<UiKey, string>> = { 'zh-CN': zhCN, en };

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
  const setLang = useCallback((next: Lang) => {
    currentLang = next;
    try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode */ }
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const t = useCallback<Translate>((key, params = {}) =>
    (catalogues[lang][key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)),
  [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;
