/** Pure lookup logic, kept free of React so it can be unit-tested. */
export type Lang = 'id' | 'en';
export type Params = Readonly<Record<string, string | number>>;
export type Dictionary = Readonly<Record<string, string | undefined>>;

export const DEFAULT_LANG: Lang = 'id';

/** Anything other than a known language falls back to Bahasa Indonesia, the app's first language. */
export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' || value === 'id' ? value : DEFAULT_LANG;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The text for `key` in `lang`; when a translation is missing it falls back to Bahasa Indonesia,
 * then to the key itself (never an empty string, so a gap shows up in review instead of hiding).
 */
export function lookup(dicts: Readonly<Record<Lang, Dictionary>>, lang: Lang, key: string, params?: Params): string {
  const text = dicts[lang][key] ?? dicts[DEFAULT_LANG][key] ?? key;
  return interpolate(text, params);
}

/** BCP 47 locale used for dates and numbers. */
export function localeOf(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}
