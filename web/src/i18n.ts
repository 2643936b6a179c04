// Translations through i18next: every string the app shows is in locales/<lang>.ts, English being
// the source of truth of the keys. The keys are typed (i18next's CustomTypeOptions), so a missing
// or misspelt key fails the type check; French is typed to have exactly the English keys. Content
// from the record (names, titles, texts, refusal messages) is shown as the organization wrote it.
import i18next, { type ParseKeys, type TOptions } from 'i18next';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** A key of the English resources (a plural key without its `_one`/`_other` suffix). */
export type TranslationKey = ParseKeys<'translation'>;

/** The languages the app speaks, by code, with their own names. */
export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
/** A language code of `LANGUAGES`. */
export type Language = keyof typeof LANGUAGES;

const STORAGE = 'collegium.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE);
  if (saved && saved in LANGUAGES) return saved as Language;
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return (preferred.find((l) => l in LANGUAGES) as Language | undefined) ?? 'en';
}

/** The app's own i18next instance (no global state shared with a host page). */
export const i18n = i18next.createInstance();

/** Loads the resources and picks the language (saved, else the browser's, else English). */
export async function initI18n(): Promise<void> {
  await i18n.init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    resources: { en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
}

/** Switches the language, remembers it in localStorage and sets `<html lang>`. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE, lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** The string of `key` in the current language; only keys of the English resources compile. */
export const t = (key: TranslationKey, options?: TOptions): string => i18n.t(key, options) as string;
