// The composer, the reply and edit text boxes with their mention list, and the posts waiting on this device.
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_BODY, renderBody } from '../format.js';
import type { Draft } from '../thread-state.js';
import type { ThreadController } from '../thread-controller.js';

export function renderComposer(c: ThreadController) {
  return html`<form
    class="composer"
    part="composer"
    @submit=${(e: SubmitEvent) => (e.preventDefault(), void c.submitPost(null))}
  >
    ${renderTextarea(c, 'post', 'composer-text', c.draft, msg('Your post', { id: 'thread.composer.label' }))}
    <div class="composer__actions">${renderSubmit(c, 'post', msg('Post', { id: 'thread.composer.submit' }))}</div>
  </form>`;
}

/** The submit button, shown as busy while its post is on its way (aria-disabled keeps it focusable). */
export function renderSubmit(c: ThreadController, kind: 'post' | 'reply', label: string) {
  const sending = c.sending.has(kind);
  return html`<button class="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
    ${sending ? msg('Sending…', { id: 'thread.composer.sending' }) : label}
  </button>`;
}

export function renderTextarea(
  c: ThreadController,
  kind: 'post' | 'reply' | 'edit',
  id: string,
  draft: Draft,
  label: string,
) {
  const length = draft.text.length;
  const over = length > MAX_BODY;
  const listId = `${id}-mentions`;
  const open = c.mentionFor === kind && c.mentionOptions.length > 0;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <textarea
      id=${id}
      rows="3"
      .value=${live(draft.text)}
      aria-describedby="${id}-count ${id}-hint${draft.error ? ` ${id}-error` : ''}"
      aria-invalid=${over || draft.error ? 'true' : 'false'}
      aria-autocomplete="list"
      aria-controls=${open ? listId : nothing}
      aria-activedescendant=${open ? `${listId}-${c.mentionIndex}` : nothing}
      @input=${(e: InputEvent) => c.onInput(kind, e)}
      @keydown=${(e: KeyboardEvent) => c.onKeydown(kind, e)}
      @blur=${() => setTimeout(() => c.mentionFor === kind && c.closeMentions(), 150)}
    ></textarea>
    ${
      open
        ? html`<ul class="mentions" role="listbox" id=${listId} aria-label=${msg('Members', { id: 'thread.mentions' })}>
            ${c.mentionOptions.map(
              (member, index) =>
                html`<li
                  id="${listId}-${index}"
                  role="option"
                  aria-selected=${index === c.mentionIndex ? 'true' : 'false'}
                  class=${classMap({ mention: true, 'mention--active': index === c.mentionIndex })}
                  @mousedown=${(e: Event) => {
                    e.preventDefault();
                    c.pickMention(kind, member, c.root.querySelector<HTMLTextAreaElement>(`#${id}`));
                  }}
                >
                  ${member.displayName}
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="field__meta">
      <span id="${id}-hint" class="muted"
        >${msg('**bold**, _italic_, `code`, [text](https://…), @name', { id: 'thread.composer.hint' })}</span
      >
      <span id="${id}-count" class=${classMap({ counter: true, 'counter--over': over })}
        >${msg(str`${length} / ${MAX_BODY} characters`, { id: 'thread.counter' })}</span
      >
    </div>
    ${draft.error ? html`<p class="error" id="${id}-error" role="alert">${draft.error}</p>` : nothing}
  </div>`;
}

/** Posts on this device that the server does not have yet: waiting their turn, or refused with their text kept. */
export function renderQueued(c: ThreadController) {
  // A sent post shows in the feed from Firestore's cache; until it does (a reply under a closed post, or a
  // moment after a reload), it shows here.
  const inView = new Set(
    [...c.allArrivals(), ...c.feed, ...c.pinned, ...[...c.replies.values()].flat()].map((p) => p.id),
  );
  const waiting = c.queued.filter((entry) => !entry.sent || entry.error || !inView.has(entry.id));
  if (!waiting.length) return nothing;
  const member = c.host.spaceState?.member;
  return html`<section class="queued" aria-labelledby="queued-title">
    <h3 id="queued-title" class="section-title">${msg('Your posts on this device', { id: 'thread.queued' })}</h3>
    ${repeat(
      waiting,
      (entry) => entry.id,
      (entry) =>
        html`<article
          class=${classMap({ post: true, 'post--pending': !entry.error, 'post--failed': Boolean(entry.error) })}
          part="post"
          tabindex="-1"
          data-post-id=${entry.id}
          aria-labelledby="queued-${entry.id}"
        >
          <header class="post__header">
            <span class="post__author" id="queued-${entry.id}"><bdi>${member?.displayName ?? ''}</bdi></span>
            ${
              entry.parentId
                ? html`<span class="muted"
                    >${entry.parentName ? msg(str`Reply to ${entry.parentName}`, { id: 'thread.queued-reply-to' }) : msg('Reply', { id: 'thread.reply' })}</span
                  >`
                : nothing
            }
            ${entry.error ? nothing : html`<span class="badge badge--pending">${msg('Waiting to send', { id: 'thread.pending' })}</span>`}
          </header>
          ${
            entry.error
              ? html`<p class="error" role="alert">
                  ${msg(str`This post was not sent: ${entry.error} Your text is kept below.`, { id: 'thread.error.refused' })}
                </p>`
              : nothing
          }
          <div class="post__body" dir="auto">
            ${renderBody(entry.body, msg('(opens in a new tab)', { id: 'thread.new-tab' }))}
          </div>
          ${
            entry.error
              ? html`<div class="actions">
                  <button class="link-button" type="button" @click=${() => c.retry(entry)}>
                    ${msg('Try again', { id: 'thread.retry' })}
                  </button>
                  ${
                    entry.parentId
                      ? nothing
                      : html`<button class="link-button" type="button" @click=${() => c.editQueued(entry)}>
                          ${msg('Edit', { id: 'thread.edit' })}
                        </button>`
                  }
                  <button class="link-button" type="button" @click=${() => c.discard(entry)}>
                    ${msg('Discard', { id: 'thread.discard' })}
                  </button>
                </div>`
              : nothing
          }
        </article>`,
    )}
  </section>`;
}
