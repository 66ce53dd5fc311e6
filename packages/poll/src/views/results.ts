// What the poll says once its data is there: the hint, the counts, participation and the conflict notice.
// Loaded with the controller after first paint, so they cost nothing before it.
import { msg, str } from '@lit/localize';
import { nameList } from '@cohort-kit/core/name-list.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { StoredOption } from '../poll-data.js';

export function conflictNotice(): TemplateResult {
  return html`<p class="notice" role="status">
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
  return html`<p class="poll__participation" part="participation">
    ${who}${
      recent.length
        ? html` <span class="muted">— ${msg(html`recently ${nameList(recent, locale)}`, { id: 'poll.recent' })}</span>`
        : nothing
    }
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
