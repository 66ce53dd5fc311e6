// What the element tells a learner before the rules would refuse their text, so they read why and keep what they
// wrote: one message per check, the same in every widget. Loaded with a widget's forms, after first paint.
import { msg, str } from '@lit/localize';
import { blockedWordsIn, hasBidiControl } from './text-checks.js';

export interface TextCheck {
  /** The field's label, which starts the message. */
  label: string;
  /** At least this many characters once trimmed (1: required, 0: optional). */
  min: number;
  max: number;
  locale: string;
  /** The space's own blocked words. */
  spaceWords: readonly string[];
}

/** Why the rules would refuse `text`, or ''. */
export function textProblem(text: string, { label, min, max, locale, spaceWords }: TextCheck): string {
  const length = text.trim().length;
  if (min > 0 && length === 0) return msg(str`${label}: write something first.`, { id: 'core.text-empty' });
  if (length < min) {
    return msg(str`${label}: write at least ${min} characters (this has ${length}).`, { id: 'core.text-short' });
  }
  if (text.length > max) {
    return msg(str`${label}: at most ${max} characters (this has ${text.length}).`, { id: 'core.text-long' });
  }
  if (hasBidiControl(text)) {
    return msg(str`${label}: remove the invisible direction characters (they can make text read differently).`, {
      id: 'core.text-bidi',
    });
  }
  const blocked = blockedWordsIn(text, locale, spaceWords);
  if (blocked.length) {
    return msg(str`${label}: "${blocked[0]}" is not allowed in this space. Please reword it.`, {
      id: 'core.text-blocked',
    });
  }
  return '';
}
