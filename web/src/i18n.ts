// Translations through i18next: every string the app shows is in locales/<lang>.ts, and each
// language has the same keys (test/web/i18n.test.ts checks it). Content from the record (names,
// titles, texts, refusal messages) is shown as the organization wrote it.
import i18next from 'i18next';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE = 'collegium.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE);
  if (saved && saved in LANGUAGES) return saved as Language;
  const preferred = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return (preferred.find((l) => l in LANGUAGES) as Language | undefined) ?? 'en';
}

export const i18n = i18next.createInstance();

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

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE, lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export const t = (key: string, options?: Record<string, unknown>): string => i18n.t(key, options);
