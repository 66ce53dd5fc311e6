// Checks the element makes on what a learner wrote before the rules would refuse it, so they read why and keep
// what they wrote. Loaded with the views, after first paint.
import { msg, str } from '@lit/localize';
import { textProblem } from '@cohort-kit/core/text-problem.js';
import { ANSWER_MAX, LINK_MAX, WORK_TEXT_MAX } from './feedback-limits.js';

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
