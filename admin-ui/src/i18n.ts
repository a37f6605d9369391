export type Lang = 'uk' | 'en';

export const LANGS: readonly Lang[] = ['uk', 'en'];

/** A piece of text in every language the SPA speaks. */
export type Localized = Record<Lang, string>;

const STORAGE_KEY = 'qrshare.lang';

/** The visitor's saved choice, else Ukrainian: the service's audience reads Ukrainian first. */
export function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'uk' || saved === 'en') {
      return saved;
    }
  } catch {
    // Storage can be disabled (private mode, strict settings); the default is fine then.
  }
  return 'uk';
}

export function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is harmless.
  }
}

/** Picks the text in {@code lang}, falling back to Ukrainian, for texts that come from the server. */
export function pick(text: Partial<Localized> | undefined | null, lang: Lang): string {
  if (!text) return '';
  return text[lang] ?? text.uk ?? text.en ?? '';
}
