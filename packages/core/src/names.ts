/**
 * Display names are free text from learners, shown inside other people's sentences. Characters that show as
 * nothing can make a blank name, or one that passes for someone else's ("Fay Facil" plus a variation selector);
 * bidi controls can reorder the sentence around a name. So the name is cleaned before it is stored, and the rules
 * refuse the same characters (firestore.rules, validName; a rules test keeps the two in step):
 * - every kind of space or line separator becomes one plain space;
 * - controls, format characters (bidi, zero-width), private-use and unassigned code points are removed;
 * - fillers that draw nothing (Hangul fillers, braille blank) and invisible marks (CGJ, Khmer and Mongolian
 *   invisibles, variation selectors) are removed;
 * - except inside an emoji sequence, which keeps its skin tone, variation selector, zero-width joiners and keycap.
 */
const EMOJI_HEAD =
  '[\\u00A9\\u00AE\\u203C\\u2049\\u2122\\u2139\\u2190-\\u21FF\\u2300-\\u23FF\\u25A0-\\u27BF\\u2934\\u2935\\u2B00-\\u2BFF\\u3030\\u303D\\u3297\\u3299\\u{1F000}-\\u{1FAFF}]';
const EMOJI = `${EMOJI_HEAD}[\\u{1F3FB}-\\u{1F3FF}]?[\\uFE0E\\uFE0F]?`;
const EMOJI_SEQUENCE = `${EMOJI}(?:\\u200D${EMOJI})*|[0-9#*]\\uFE0F?\\u20E3`;
const INVISIBLE =
  '\\p{C}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u2800\\u3164\\uFE00-\\uFE0F\\uFFA0\\u{E0100}-\\u{E01EF}';

// The classes below name combining marks and variation selectors on purpose, one code point at a time.
/* eslint-disable no-misleading-character-class */
/** An emoji sequence (kept whole), or one character a name may not hold. */
const EMOJI_OR_INVISIBLE = new RegExp(`(${EMOJI_SEQUENCE})|[${INVISIBLE}]`, 'gu');
/** What the rules accept: allowed characters, plain spaces and emoji sequences only. */
const NAME_SHAPE = new RegExp(`^(?:[^${INVISIBLE}\\p{Z}]| |${EMOJI_SEQUENCE})+$`, 'u');
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
/* eslint-enable no-misleading-character-class */

export const MAX_NAME_LENGTH = 60;

/** Whether the rules take `name` as it is: 1-60 characters, at least one visible, none that hide. */
export function isValidDisplayName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && NAME_SHAPE.test(name) && VISIBLE.test(name);
}

/**
 * The name as it will be stored: hiding characters removed, spaces collapsed, at most 60 characters; '' when
 * nothing visible is left, so the form asks for a name.
 */
export function cleanDisplayName(raw: string): string {
  const name = stripHidden(raw.replace(/\s/gu, ' '));
  // At most 60 UTF-16 units (what the input's maxlength counts), cut between characters, never inside one; a cut
  // inside an emoji sequence leaves a joiner with nothing after it, which the second pass removes.
  let cut = '';
  for (const character of name) {
    if (cut.length + character.length > MAX_NAME_LENGTH) break;
    cut += character;
  }
  cut = stripHidden(cut);
  return VISIBLE.test(cut) ? cut : '';
}

function stripHidden(name: string): string {
  return name
    .replace(EMOJI_OR_INVISIBLE, (_, emoji: string | undefined) => emoji ?? '')
    .replace(/ +/g, ' ')
    .trim();
}
