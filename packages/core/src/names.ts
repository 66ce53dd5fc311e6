/**
 * Display names are free text from learners, shown inside other people's sentences. Control characters
 * and invisible format characters (bidi overrides and isolates, zero-width spaces) can reorder that
 * sentence or make one name look like another, so they are removed; the zero-width joiner stays, since
 * emoji sequences need it. The rules refuse the same characters.
 */
const INVISIBLE = /(?!\u200D)[\p{Cc}\p{Cf}]/gu;

export const MAX_NAME_LENGTH = 60;

/** The name as it will be stored: invisible characters removed, spaces collapsed, at most 60 characters. */
export function cleanDisplayName(raw: string): string {
  const name = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  // At most 60 UTF-16 units (what the input's maxlength counts), cut between characters, never inside one.
  let cut = '';
  for (const character of name) {
    if (cut.length + character.length > MAX_NAME_LENGTH) break;
    cut += character;
  }
  return cut.trim();
}
