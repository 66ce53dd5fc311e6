// The poll's checks that need no element and no Firestore: the stored poll against the page, the step a tap makes,
// and what the rules would refuse in a question, a label or a suggestion. Loaded with the controller.
import { msg, str } from '@lit/localize';
import { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';
import type { PollDefinition, StoredOption } from './poll-data.js';

const MAX_QUESTION = 500;
const MAX_LABEL = 200;

// Comparing the stored poll with the page: only needed once the data is there.
const sameOptions = (a: StoredOption[], b: StoredOption[]) =>
  a.length === b.length && a.every((option, i) => option.value === b[i]!.value && option.label === b[i]!.label);

/** The same option values, in any order: what votes are checked against. */
export const sameValues = (a: StoredOption[], b: StoredOption[]) =>
  a.length === b.length && a.every((option) => b.some((other) => other.value === option.value));

/**
 * Whether the stored poll still says what the page says. A stored anonymous poll matches a page without
 * `anonymous` when `anonymousMatches` (it has votes, so it can only stay anonymous).
 */
export function sameDefinition(stored: PollDefinition, page: PollDefinition, anonymousMatches = true): boolean {
  return (
    stored.question === page.question &&
    sameOptions(stored.options, page.options) &&
    stored.multiple === page.multiple &&
    (stored.anonymous === page.anonymous || (stored.anonymous && anonymousMatches)) &&
    stored.maxChoices === page.maxChoices &&
    stored.allowSuggestions === page.allowSuggestions &&
    (stored.closesAt?.getTime() ?? null) === (page.closesAt?.getTime() ?? null)
  );
}

/**
 * Whether votes from this page would be refused or would break a promise the page makes: other option values,
 * another choice mode or limit, a page that promises anonymity the stored poll does not give, or a stored closing
 * time before the page's (whoever stored the poll first chose it: the poll would close early, silently). A stored
 * anonymous poll behind a page without `anonymous` is fine: votes there are simply anonymous; so is a stored
 * closing time after the page's, since the poll closes on screen at the earlier of the two.
 */
export function conflicts(stored: PollDefinition, page: PollDefinition): boolean {
  return (
    !sameValues(stored.options, page.options) ||
    stored.multiple !== page.multiple ||
    stored.maxChoices !== page.maxChoices ||
    (page.anonymous && !stored.anonymous) ||
    closesEarlier(stored.closesAt, page.closesAt)
  );
}

const closesEarlier = (stored: Date | null, page: Date | null) =>
  stored !== null && (page === null || stored.getTime() < page.getTime());

/** A question or label longer than the rules store: what to fix. */
export function lengthProblem(question: string, options: StoredOption[]): string | undefined {
  if (question.length > MAX_QUESTION) {
    return msg(str`The poll question is ${question.length} characters long; keep it to ${MAX_QUESTION}.`, {
      id: 'poll.question-long',
    });
  }
  const long = options.find((option) => option.label.length > MAX_LABEL);
  if (long) {
    return msg(str`An option is longer than ${MAX_LABEL} characters: "${long.label.slice(0, 40)}…". Shorten it.`, {
      id: 'poll.label-long',
    });
  }
  return undefined;
}

export const voteAnnouncement = (added: boolean, label: string) =>
  added
    ? msg(str`Vote saved: ${label}`, { id: 'poll.saved' })
    : msg(str`Vote removed: ${label}`, { id: 'poll.removed-vote' });

/**
 * The one step a tap makes from the learner's current choices: a change to write, nothing (already chosen), or
 * why it can't be made. A choice no longer on screen (a removed suggestion) gives way to the new one.
 */
export function planVote(
  before: string[],
  value: string,
  shown: Set<string>,
  multiple: boolean,
  max: number,
): { added: string; removed: string; choices: string[] } | string | null {
  const chosen = before.includes(value);
  const hidden = before.find((each) => !shown.has(each)) ?? '';
  if (!multiple) return chosen ? null : { added: value, removed: before[0] ?? '', choices: [value] };
  if (chosen) return { added: '', removed: value, choices: before.filter((each) => each !== value) };
  if (before.length < max) return { added: value, removed: '', choices: [...before, value] };
  if (hidden) return { added: value, removed: hidden, choices: [...before.filter((each) => each !== hidden), value] };
  return msg(str`You can choose at most ${max}. Remove one to pick another.`, { id: 'poll.max-reached' });
}

/**
 * Characters that show nothing or can fake another label, which the rules refuse in a suggestion: control and
 * format characters (apart from the ZWNJ Persian words and the ZWJ emoji sequences need), line and paragraph
 * separators, the combining grapheme joiner, Hangul fillers and the blank Braille pattern.
 */
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\u115F\u1160\u2800\u3164\uFFA0]/u;
/** Something to read: a letter, digit, symbol or punctuation. */
const READABLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** Why the rules would refuse this suggestion's label, before anything is written; '' when they would not. */
export function labelProblem(label: string, locale: string, spaceWords: readonly string[]): string {
  const blocked = blockedWordsIn(label, locale, spaceWords);
  if (blocked.length) {
    return msg(str`Your suggestion contains words this space does not allow: ${blocked.join(', ')}. Please rephrase.`, {
      id: 'poll.suggest-blocked',
    });
  }
  if (hasBidiControl(label) || INVISIBLE.test(label) || !READABLE.test(label)) {
    return msg('Your suggestion contains invisible or direction-changing characters. Please type it again.', {
      id: 'poll.suggest-invisible',
    });
  }
  return '';
}
