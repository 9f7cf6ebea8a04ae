import { en } from './en';
import { nl, type MessageKey, type Messages } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

const DICTIONARIES: Record<Language, Messages> = { nl, en };

/** Keys that come as a `_one`/`_other` pair, named without the suffix. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_one` ? Base : never }[MessageKey];

export type MessageParams = Record<string, string | number>;

/** Returns true when `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; numbers are formatted for the language. */
function interpolate(text: string, lang: Language, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/** The text of `key` in `lang`, with its placeholders filled. */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  return interpolate(DICTIONARIES[lang][key], lang, params);
}

/** The singular or plural text of `key` for `count`, with `{count}` and other placeholders filled. */
export function translatePlural(lang: Language, key: PluralKey, count: number, params?: MessageParams): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${key}_${form}`, { count, ...params });
}

/** A number with the language's digit grouping (1.234 in Dutch, 1,234 in English). */
export function formatNumber(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(value);
}
