// The one pattern for every id a course team chooses: a space, a poll, a thread, a board. The CLI reads the same
// JSON, and the rules helper validId() holds the same expression (tests/rules/parity.rules.test.ts compares them).
import { msg, str } from '@lit/localize';
import ids from './ids.json' with { type: 'json' };

/** 1–100 letters, digits, "-" or "_", starting with a letter or digit: safe in a Firestore path and in a URL. */
export const ID_PATTERN = new RegExp(ids.pattern);

/** The message for an id attribute (or setting) that does not fit the pattern, naming what to write instead. */
export function invalidIdMessage(attribute: string, value: string): string {
  return msg(
    str`${attribute}="${value}" is not a valid id: use 1–100 letters, digits, "-" or "_", starting with a letter or digit.`,
    { id: 'core.id-invalid' },
  );
}
