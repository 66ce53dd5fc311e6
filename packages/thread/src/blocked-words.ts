// A short starter list per locale of slurs that are never acceptable in a learning space (whole words only, so
// ordinary words that contain them are untouched). A space extends it with `blockedWords`, set by the course team.
// firestore.rules holds the same words (builtInBlocked) and enforces them; a rules test keeps the two equal.
// No imports: the rules tests read this module in Node.
export const BUILT_IN_BLOCKED: Readonly<Record<string, readonly string[]>> = {
  en: ['retard', 'retarded', 'faggot', 'tranny', 'kike', 'spic', 'chink', 'wetback', 'nigger', 'nigga'],
  es: ['sudaca', 'maricón', 'maricon', 'retrasado', 'mongólico', 'mongolico', 'negrata', 'panchito'],
};

/** Every built-in word, whatever the page's language: the rules refuse them all. */
export const ALL_BUILT_IN_BLOCKED: readonly string[] = [...new Set(Object.values(BUILT_IN_BLOCKED).flat())];

/**
 * The words of `body` found in the built-in lists or the space's list (whole words, case-insensitive). Every
 * built-in list applies whatever `locale` is, as in the rules: a post may be read on a page in any language.
 */
export function blockedWordsIn(body: string, _locale: string, spaceWords: readonly string[] = []): string[] {
  const list = new Set([...ALL_BUILT_IN_BLOCKED, ...spaceWords].map((w) => w.toLowerCase()));
  const words = body.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set(words.filter((word) => word && list.has(word)))];
}
