// Checks on text that learners write (posts, replies, poll suggestions, names), shared by every widget and kept
// in step with firestore.rules, which enforces the same (rules tests compare the two).
// No imports: the rules tests read this module in Node.

/**
 * A short starter list per locale of slurs that are never acceptable in a learning space (whole words only, so
 * ordinary words that contain them are untouched). A space extends it with `blockedWords`, set by the course team.
 * firestore.rules holds the same words (builtInBlocked).
 */
export const BUILT_IN_BLOCKED: Readonly<Record<string, readonly string[]>> = {
  en: ['retard', 'retarded', 'faggot', 'tranny', 'kike', 'spic', 'chink', 'wetback', 'nigger', 'nigga'],
  es: ['sudaca', 'maricón', 'maricon', 'retrasado', 'mongólico', 'mongolico', 'negrata', 'panchito'],
};

/** Every built-in word, whatever the page's language: the rules refuse them all. */
export const ALL_BUILT_IN_BLOCKED: readonly string[] = [...new Set(Object.values(BUILT_IN_BLOCKED).flat())];

/**
 * Characters that draw nothing and can sit inside a word without changing how it looks (Unicode's
 * default-ignorable code points: soft hyphen, CGJ, zero-width space, non-joiner and joiner, direction marks, word
 * joiner, fillers, variation selectors, tags, BOM). They are taken out before words are compared with the blocked
 * lists, so "re\u200Btard" is still found. The stored text keeps them: Persian needs the non-joiner inside words,
 * and emoji sequences the joiner and selectors.
 */
export const WORD_INVISIBLES = /\p{Default_Ignorable_Code_Point}/gu;

/** Bidi embeddings, overrides and isolates: they reorder what follows, so a sentence can say something else. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/** Whether `text` holds a bidi control that the rules refuse. */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROLS.test(text);
}

/** The words of `text` as the rules see them: lower case, invisibles removed, split on anything but letters, marks and digits. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(WORD_INVISIBLES, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The words of `text` found in the built-in lists or the space's list (whole words, case-insensitive). Every
 * built-in list applies whatever the page's language is, as in the rules: text may be read on a page in any language.
 */
export function blockedWordsIn(text: string, _locale: string, spaceWords: readonly string[] = []): string[] {
  const list = new Set([...ALL_BUILT_IN_BLOCKED, ...spaceWords].map((w) => w.toLowerCase()));
  return [...new Set(wordsOf(text).filter((word) => list.has(word)))];
}
