// Checks the element makes before the rules would refuse, so a learner reads why and keeps what they wrote. No
// SDK here: the element uses these at first paint.
import { msg, str } from '@lit/localize';
import { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';

/** `check-in-every` as days: an ISO 8601 duration of days or weeks (P7D, P2W), or null when it is not one. */
export function everyDays(value: string): number | null {
  const found = /^P(?:(\d{1,3})W)?(?:(\d{1,3})D)?$/i.exec(value.trim());
  if (!found || (!found[1] && !found[2])) return null;
  const days = Number(found[1] ?? 0) * 7 + Number(found[2] ?? 0);
  return days >= 1 ? days : null;
}

/** Whole days from `since` to `now`. */
export const daysSince = (since: Date, now = Date.now()) => Math.floor((now - since.getTime()) / 86_400_000);

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
