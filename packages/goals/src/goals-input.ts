// Checks the element makes on a learner's date before the rules would refuse it (text: core's textProblem). Loaded
// with the forms, after first paint.
import { msg, str } from '@lit/localize';

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
