import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { formatDate } from './dates';
import type { MessageKey } from './nl';
import {
  DEFAULT_LANGUAGE,
  formatNumber,
  isLanguage,
  translate,
  translatePlural,
  type Language,
  type MessageParams,
  type PluralKey,
} from './translate';

const STORAGE_KEY = 'techniekwagen.lang';

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
  tp(key: PluralKey, count: number, params?: MessageParams): string;
  formatNumber(value: number): string;
  formatDate(isoDate: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be blocked (private mode, strict cookie settings): fall back to Dutch.
    return DEFAULT_LANGUAGE;
  }
}

/** Holds the chosen language, remembers it in localStorage and mirrors it on <html lang>. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${translate(lang, 'app.title')} – ${translate(lang, 'home.heading')}`;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable; the switch still works for this visit.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      tp: (key, count, params) => translatePlural(lang, key, count, params),
      formatNumber: (n) => formatNumber(n, lang),
      formatDate: (iso) => formatDate(iso, lang),
    }),
    [lang, setLang],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The current language and its translation helpers. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
