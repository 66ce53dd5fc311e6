// Checks the element makes on a learner's text before the rules would refuse it, so they read why and keep what
// they wrote. Loaded with the forms, after first paint.
import { msg, str } from '@lit/localize';
import { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';

/** Why the rules would refuse `text` in a field of at most `max` characters (`min` 1: required), or ''. */
export function textProblem(
  text: string,
  {
    label,
    min,
    max,
    locale,
    spaceWords,
  }: { label: string; min: number; max: number; locale: string; spaceWords: readonly string[] },
): string {
  if (min > 0 && !text.trim()) return msg(str`${label}: write something first.`, { id: 'goals.text-empty' });
  if (text.length > max) {
    return msg(str`${label}: at most ${max} characters (this has ${text.length}).`, { id: 'goals.text-long' });
  }
  if (hasBidiControl(text)) {
    return msg(str`${label}: remove the invisible direction characters (they can make text read differently).`, {
      id: 'goals.text-bidi',
    });
  }
  const blocked = blockedWordsIn(text, locale, spaceWords);
  if (blocked.length) {
    return msg(str`${label}: "${blocked[0]}" is not allowed in this space. Please reword it.`, {
      id: 'goals.text-blocked',
    });
  }
  return '';
}

/** Why a target date would be refused ('' when it is empty or a real day written YYYY-MM-DD, as the rules take it). */
export function dateProblem(date: string | null): string {
  if (!date) return '';
  const valid = /^20[2-9]\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date) && !Number.isNaN(Date.parse(date));
  return valid
    ? ''
    : msg(str`Target date: write it as year-month-day, for example 2026-12-20 (not "${date}").`, {
        id: 'goals.date-invalid',
      });
}
