import anyAscii from 'any-ascii';

/**
 * The one normal form names are compared in: compatibility forms folded (full-width Ａ → A, half-width ｶ → カ),
 * accents removed, case folded, punctuation and spacing collapsed to single spaces.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Han, kana and Hangul: text the CJK analyzer's bigrams serve better than whole words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The Latin-script reading of a name in another script (Лада → Lada, Ниссан → Nissan), or null where it adds
 * nothing. Han, kana and Hangul are left out: their Latin readings (日産 → RiChan) are Chinese or not the brand's.
 */
export function transliterate(text: string): string | null {
  if (CJK.test(text) || !/[^\p{Script=Latin}\p{Script=Common}\p{M}]/u.test(text)) return null;
  const latin = anyAscii(text.normalize('NFKC')).trim();
  return latin && latin !== text ? latin : null;
}
