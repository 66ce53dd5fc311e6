// The parts of the poll that only matter once its data is there: the suggestion form and the facilitator's
// tools. Loaded with the data after first paint, so they cost nothing before it.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { FirebaseRuntime } from '@cohort-kit/core';
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
  drift: boolean;
  settle: (write: Promise<unknown>) => Promise<void>;
  requireMember: (reason: string) => Promise<{ uid: string }>;
  /** Signs the learner in without asking a name; resolves with their uid. */
  signIn: () => Promise<string>;
  ensurePoll: (uid: string) => Promise<void>;
  setError: (message: string) => void;
  announce: (message: string) => void;
}

async function attempt(context: PollActionsContext, action: () => Promise<void>) {
  try {
    await action();
  } catch (error) {
    context.setError((error as Error).message);
  }
}

/** Adds the learner's one suggestion: in an anonymous poll without asking their name. */
export async function submitSuggestion(context: PollActionsContext, form: HTMLFormElement) {
  const input = form.elements.namedItem('suggestion') as HTMLInputElement;
  const label = input.value.trim().slice(0, 80);
  if (!label) return;
  const value = slugify(label) || `suggestion-${Date.now().toString(36)}`;
  if (context.options.some((option) => option.value === value)) {
    context.setError(msg('That option is already in the poll.', { id: 'poll.suggest-exists' }));
    return;
  }
  if (context.snapshot.suggested) {
    context.setError(msg('You have already suggested an option: each learner adds one.', { id: 'poll.suggest-once' }));
    return;
  }
  let uid: string;
  try {
    uid = context.anonymous ? await context.signIn() : (await context.requireMember('suggest')).uid;
  } catch (error) {
    // The learner cancelled the name form (nothing to say), or signing in failed (say why).
    if (context.anonymous) context.setError((error as Error).message);
    return;
  }
  await attempt(context, async () => {
    if (context.snapshot.poll === null) await context.ensurePoll(uid);
    await context.settle(
      context.pollData.suggestOption(
        context.runtime,
        context.spaceId,
        context.pollId,
        uid,
        { value, label },
        context.anonymous,
      ),
    );
    input.value = '';
    context.setError('');
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
