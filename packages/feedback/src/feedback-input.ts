// Checks the element makes on what a learner wrote before the rules would refuse it, so they read why and keep
// what they wrote. Loaded with the views, after first paint.
import { msg, str } from '@lit/localize';
import { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';
import { ANSWER_MAX, LINK_MAX, WORK_TEXT_MAX } from './feedback-limits.js';

interface Check {
  label: string;
  min: number;
  max: number;
  locale: string;
  spaceWords: readonly string[];
}

/** Why the rules would refuse `text` (at least `min` characters once trimmed, at most `max`), or ''. */
export function textProblem(text: string, { label, min, max, locale, spaceWords }: Check): string {
  const length = text.trim().length;
  if (min > 0 && length === 0) return msg(str`${label}: write something first.`, { id: 'feedback.text-empty' });
  if (length < min) {
    return msg(str`${label}: write at least ${min} characters (this has ${length}).`, { id: 'feedback.text-short' });
  }
  if (text.length > max) {
    return msg(str`${label}: at most ${max} characters (this has ${text.length}).`, { id: 'feedback.text-long' });
  }
  if (hasBidiControl(text)) {
    return msg(str`${label}: remove the invisible direction characters (they can make text read differently).`, {
      id: 'feedback.text-bidi',
    });
  }
  const blocked = blockedWordsIn(text, locale, spaceWords);
  if (blocked.length) {
    return msg(str`${label}: "${blocked[0]}" is not allowed in this space. Please reword it.`, {
      id: 'feedback.text-blocked',
    });
  }
  return '';
}

/** Why shared work would be refused, by field ('text' or 'link'), or {}. */
export function workProblems(
  work: { text: string; link: string },
  labels: { text: string; link: string },
  locale: string,
  spaceWords: readonly string[],
): Record<string, string> {
  if (!work.text.trim() && !work.link) {
    return { text: msg('Write your work here, or give a link to it.', { id: 'feedback.work-empty' }) };
  }
  const problems: Record<string, string> = {};
  const text = textProblem(work.text, { label: labels.text, min: 0, max: WORK_TEXT_MAX, locale, spaceWords });
  if (text) problems.text = text;
  if (work.link) {
    const link = textProblem(work.link, { label: labels.link, min: 0, max: LINK_MAX, locale, spaceWords });
    if (link) problems.link = link;
    else if (!/^https?:\/\/\S+$/.test(work.link)) {
      problems.link = msg(str`${labels.link}: give one address starting with https:// (not "${work.link}").`, {
        id: 'feedback.link-invalid',
      });
    }
  }
  return problems;
}

/** Why each answer would be refused, by its index, or {}. */
export function answerProblems(
  answers: string[],
  prompts: { label: string; min: number }[],
  locale: string,
  spaceWords: readonly string[],
): Record<number, string> {
  const problems: Record<number, string> = {};
  prompts.forEach((prompt, i) => {
    const found = textProblem(answers[i] ?? '', {
      label: prompt.label,
      min: Math.max(1, prompt.min),
      max: ANSWER_MAX,
      locale,
      spaceWords,
    });
    if (found) problems[i] = found;
  });
  return problems;
}
