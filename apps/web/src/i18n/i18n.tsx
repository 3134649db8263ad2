import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodId from 'zod/v4/locales/id.js';
import { ApiError } from '../api/client.ts';
import { en } from './messages.en.ts';
import { id, type MessageKey } from './messages.id.ts';
import { type Lang, localeOf, lookup, type Params, parseLang } from './translate.ts';

const STORAGE_KEY = 'dampingan.lang';
const dictionaries = { id, en } as const;

export interface I18n {
  lang: Lang;
  locale: string;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** For keys built from data (e.g. an audit field name): is there a message for it? */
  has: (key: string) => key is MessageKey;
  /** The API's message in the current language (`message` in ID, `details.messageEn` in EN). */
  errorText: (err: unknown) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLang(): Lang {
  try {
    return parseLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'id';
  }
}

/** Zod's built-in messages (e.g. "too short") follow the UI language; the contracts' own messages are Indonesian. */
function applyZodLocale(lang: Lang) {
  z.config(lang === 'id' ? zodId() : zodEn());
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = readStoredLang();
    applyZodLocale(l);
    return l;
  });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    applyZodLocale(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const t = (key: MessageKey, params?: Params) => lookup(dictionaries, lang, key, params);
    return {
      lang,
      locale: localeOf(lang),
      setLang,
      t,
      has: (key: string): key is MessageKey => key in id,
      errorText: (err: unknown) => {
        if (err instanceof ApiError) return lang === 'id' ? err.messageId : err.messageEn;
        return t('error.unexpected');
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

export type { MessageKey };
