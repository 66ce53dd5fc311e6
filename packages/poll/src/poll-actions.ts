// The parts of the poll that only matter once its data is there: the suggestion form and the facilitator's
// tools. Loaded with the data after first paint, so they cost nothing before it.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { FirebaseRuntime } from '@cohort-kit/core';
import { blockedWordsIn, hasBidiControl } from '@cohort-kit/core/text-checks.js';
import type { PollDefinition, PollSnapshot, StoredOption } from './poll-data.js';
import { slugify } from './poll-markup.js';

type PollData = typeof import('./poll-data.js');

/** What the element lends these tools. */
export interface PollActionsContext {
  runtime: FirebaseRuntime;
  pollData: PollData;
  spaceId: string;
  pollId: string;
  snapshot: PollSnapshot;
  options: (StoredOption & { suggested?: boolean })[];
  definition: PollDefinition;
  /** The page or the stored poll is anonymous: write no name. */
  anonymous: boolean;
  /** The space's own blocked words, besides the built-in ones. */
  spaceWords: readonly string[];
  locale: string;
  drift: boolean;
  settle: (write: Promise<unknown>) => Promise<void>;
  requireMember: (reason: string) => Promise<{ uid: string }>;
  /** This learner's suggestion was saved from this page (before their marker has been read back). */
  suggestedHere: () => boolean;
  /** Whether this learner's one suggestion has been made from this page. */
  setSuggestedHere: (made: boolean) => void;
  /** Signs the learner in without asking a name; resolves with their uid. */
  signIn: () => Promise<string>;
  ensurePoll: (uid: string) => Promise<void>;
  setError: (message: string) => void;
  announce: (message: string) => void;
}

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

const MAX_QUESTION = 500;
const MAX_LABEL = 200;

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

export function conflictNotice(): TemplateResult {
  return html`<p class="notice" role="status" dir="auto">
    ${msg(
      "This poll's saved settings differ from this page, so it can't take votes until the course team updates it.",
      { id: 'poll.conflict' },
    )}
  </p>`;
}

/** The hint under the question once the poll has loaded: a gentle prompt, or how to change a vote. */
export function hintText(state: {
  voted: boolean;
  choiceGone: boolean;
  multiple: boolean;
  max: number;
  afterClose: boolean;
  showResults: boolean;
}): string {
  if (state.choiceGone) {
    return msg('Your earlier choice is no longer in the poll. Tap an option to vote again.', {
      id: 'poll.choice-gone',
    });
  }
  if (!state.voted) {
    const choose = state.multiple
      ? msg(str`Choose up to ${state.max}.`, { id: 'poll.choose-many' })
      : msg('Tap an option to vote.', { id: 'poll.choose-one' });
    if (state.afterClose)
      return `${choose} ${msg('Results appear when the poll closes.', { id: 'poll.results-after-close' })}`;
    if (!state.showResults) return `${choose} ${msg('Then see how your peers voted.', { id: 'poll.prompt' })}`;
    return choose;
  }
  return state.multiple
    ? msg(str`You can change your choices until the poll closes (up to ${state.max}).`, { id: 'poll.change-many' })
    : msg('You can change your vote until the poll closes.', { id: 'poll.change-one' });
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

/** "12 peers voted — recently Ana, Ben and Chen": counts always, names only as given (none when anonymous). */
export function renderParticipation(voters: number, closed: boolean, recent: string[], locale: string) {
  const who =
    voters === 0
      ? closed
        ? msg('No one voted.', { id: 'poll.no-votes-closed' })
        : msg('No one has voted yet. Be the first!', { id: 'poll.no-votes' })
      : voters === 1
        ? msg('1 peer voted', { id: 'poll.peer-voted' })
        : msg(str`${voters} peers voted`, { id: 'poll.peers-voted' });
  const names = recent.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(recent) : '';
  return html`<p class="poll__participation" part="participation" dir="auto">
    ${who}${names ? html` <span class="muted">— ${msg(str`recently ${names}`, { id: 'poll.recent' })}</span>` : nothing}
  </p>`;
}

const votesText = (count: number) =>
  count === 1 ? msg('1 vote', { id: 'poll.vote-one' }) : msg(str`${count} votes`, { id: 'poll.votes' });

/** An option's result in text: "3 votes · 25 %". */
export const countText = (count: number, share: number) =>
  `${votesText(count)} · ${msg(str`${share} %`, { id: 'poll.percent' })}`;

/** The polite announcement of other people's votes: the leading option and its count. */
export function resultsUpdated(options: StoredOption[], counts: ReadonlyMap<string, number>): string {
  const count = (option: StoredOption) => counts.get(option.value) ?? 0;
  const leader = [...options].sort((a, b) => count(b) - count(a))[0];
  const summary = leader ? `${leader.label}: ${votesText(count(leader))}` : '';
  return msg(str`Results updated. ${summary}`, { id: 'poll.results-updated' });
}

async function attempt(context: PollActionsContext, action: () => Promise<void>) {
  try {
    await action();
  } catch (error) {
    context.setError((error as Error).message);
  }
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

/** Adds the learner's one suggestion: in an anonymous poll without asking their name. */
export async function submitSuggestion(context: PollActionsContext, form: HTMLFormElement) {
  const input = form.elements.namedItem('suggestion') as HTMLInputElement;
  const label = input.value.trim().slice(0, 80);
  if (!label) return;
  // Refused here with the reason, and the field keeps the text to fix: nothing is written.
  const problem = labelProblem(label, context.locale, context.spaceWords);
  if (problem) {
    context.setError(problem);
    return;
  }
  const value = slugify(label) || `suggestion-${Date.now().toString(36)}`;
  if (context.options.some((option) => option.value === value)) {
    context.setError(msg('That option is already in the poll.', { id: 'poll.suggest-exists' }));
    return;
  }
  if (context.snapshot.suggested || context.suggestedHere()) {
    context.setError(msg('You have already suggested an option: each learner adds one.', { id: 'poll.suggest-once' }));
    return;
  }
  // Counted as made from the first tap: a second suggestion sent while this one is on its way (a double tap, or
  // the server's answer still in flight) is refused here with a clear message, not by the rules.
  context.setSuggestedHere(true);
  let uid: string;
  try {
    uid = context.anonymous ? await context.signIn() : (await context.requireMember('suggest')).uid;
  } catch (error) {
    context.setSuggestedHere(false);
    // The learner cancelled the name form (nothing to say), or signing in failed (say why).
    if (context.anonymous) context.setError((error as Error).message);
    return;
  }
  await attempt(context, async () => {
    try {
      if (context.snapshot.poll === null) await context.ensurePoll(uid);
      const write = context.pollData.suggestOption(
        context.runtime,
        context.spaceId,
        context.pollId,
        uid,
        { value, label },
        context.anonymous,
      );
      // Handed to the SDK: the field is free for the learner again at once, so nothing done while the server's
      // answer is on its way (another try, and the message it gets) is undone when that answer comes.
      input.value = '';
      context.setError('');
      // Refused, now or later (the element says why): the learner gets their text and their one suggestion back.
      write.catch(() => {
        context.setSuggestedHere(false);
        if (!input.value) input.value = label;
      });
      await context.settle(write);
    } catch (error) {
      context.setSuggestedHere(false);
      throw error;
    }
    context.announce(msg(str`Option added: ${label}`, { id: 'poll.suggest-added' }));
  });
}

export function renderFacilitatorTools(context: PollActionsContext): TemplateResult {
  const { runtime, pollData, spaceId, pollId, snapshot } = context;
  const suggestions = context.options.filter((option) => option.suggested);
  const toggleClosed = () =>
    attempt(context, async () => {
      if (snapshot.poll === null) await context.ensurePoll(runtime.identity.user!.uid);
      await context.settle(pollData.setClosed(runtime, spaceId, pollId, !snapshot.poll?.closed));
    });
  // With votes in it an anonymous poll stays anonymous; nobody has voted yet, it is reset to the page as written.
  const keepAnonymous = Boolean(snapshot.poll?.anonymous) && snapshot.voters > 0;
  const sync = () =>
    attempt(context, () =>
      context.settle(pollData.syncPoll(runtime, spaceId, pollId, context.definition, keepAnonymous)),
    );
  const remove = (option: StoredOption) =>
    attempt(context, () => context.settle(pollData.removeSuggestion(runtime, spaceId, pollId, option.value)));
  return html`
    ${
      context.drift
        ? html`<div class="notice" role="status">
            <p>${msg('The poll on this page differs from the stored poll.', { id: 'poll.drift' })}</p>
            <button class="button button--quiet" type="button" @click=${sync}>
              ${msg('Update the stored poll', { id: 'poll.drift-sync' })}
            </button>
          </div>`
        : nothing
    }
    ${
      suggestions.length
        ? html`<ul class="poll__suggestions">
            ${suggestions.map(
              (option) =>
                html`<li>
                  <button class="button button--quiet poll__remove" type="button" @click=${() => remove(option)}>
                    ${msg(str`Remove suggestion "${option.label}"`, { id: 'poll.remove-suggestion' })}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="actions">
      <button class="button button--quiet" type="button" @click=${toggleClosed}>
        ${snapshot.poll?.closed ? msg('Reopen poll', { id: 'poll.reopen' }) : msg('Close poll', { id: 'poll.close' })}
      </button>
    </div>
  `;
}
