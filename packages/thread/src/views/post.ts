// One post: its header, body, reactions, actions, editor and its replies.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { relativeTime, roleLabel } from '@cohort-kit/core';
import { renderBody } from '../format.js';
import { REACTIONS, type ReactionKey } from '../reactions.js';
import type { Post } from '../thread-data.js';
import type { ThreadController } from '../thread-controller.js';
import { renderTextarea, renderSubmit } from './composer.js';
import { hiddenForFacilitator, renderPostReportForm } from './moderation.js';

/** Role labels come from the member document's role (only the CLI sets it), never from the display name. */
export function roleBadge(role: string) {
  const label = roleLabel(role);
  return label ? html`<span class="badge" data-role=${role}>${label}</span>` : nothing;
}

export function reactionName(key: ReactionKey): string {
  switch (key) {
    case 'thumbs':
      return msg('Thumbs up', { id: 'thread.reaction.thumbs' });
    case 'heart':
      return msg('Love', { id: 'thread.reaction.heart' });
    case 'idea':
      return msg('Insightful', { id: 'thread.reaction.idea' });
    case 'party':
      return msg('Celebrate', { id: 'thread.reaction.party' });
    case 'thinking':
      return msg('Thinking', { id: 'thread.reaction.thinking' });
  }
}

export function renderPost(
  c: ThreadController,
  post: Post,
  position: number | undefined,
  size: number | undefined,
  nextId?: string,
): TemplateResult {
  const uid = c.uid;
  const mine = post.authorId === uid;
  const mentioned = Boolean(uid && post.mentions.includes(uid));
  const facilitator = c.host.isFacilitator;
  const hiddenForReader = post.hidden && !mine && !facilitator;
  const isReply = post.parentId !== null;
  const headingId = `post-${post.id}-author`;
  const replies = c.replies.get(post.id) ?? [];
  const expanded = c.expanded.has(post.id);
  return html`<article
    class=${classMap({ post: true, 'post--reply': isReply, 'post--mentioned': mentioned, 'post--pending': post.pending, 'post--pinned': post.pinned })}
    part="post"
    tabindex="-1"
    data-post-id=${post.id}
    aria-labelledby=${headingId}
    aria-posinset=${position ?? nothing}
    aria-setsize=${size ?? nothing}
  >
    <header class="post__header">
      <span class="post__author" id=${headingId}
        >${post.deleted ? msg('Removed post', { id: 'thread.removed-title' }) : html`<bdi>${post.authorName}</bdi>`}</span
      >
      ${post.deleted ? nothing : roleBadge(post.authorRole)}
      ${post.pinned ? html`<span class="badge badge--quiet">${msg('Pinned', { id: 'thread.pinned-badge' })}</span>` : nothing}
      ${mentioned ? html`<span class="badge badge--accent">${msg('Mentions you', { id: 'thread.mentions-you' })}</span>` : nothing}
      ${
        post.createdAt
          ? html`<time
              class="muted"
              datetime=${post.createdAt.toISOString()}
              title=${new Intl.DateTimeFormat(c.host.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(post.createdAt)}
              >${relativeTime(post.createdAt, c.host.locale)}</time
            >`
          : nothing
      }
      ${post.editedAt && !post.deleted ? html`<span class="muted">${msg('(edited)', { id: 'thread.edited' })}</span>` : nothing}
      ${post.pending ? html`<span class="badge badge--pending">${msg('Waiting to send', { id: 'thread.pending' })}</span>` : nothing}
    </header>
    ${
      post.deleted
        ? html`<p class="muted placeholder">
            ${msg('This post was removed by its author.', { id: 'thread.removed' })}
          </p>`
        : hiddenForReader
          ? html`<p class="muted placeholder">
              ${msg('This post is hidden while a facilitator reviews it.', { id: 'thread.hidden-placeholder' })}
            </p>`
          : html`${
              post.hidden
                ? html`<p class="notice notice--error">
                    ${
                      facilitator
                        ? hiddenForFacilitator(post.reportCount)
                        : msg('Hidden while a facilitator reviews it. Others cannot see it.', {
                            id: 'thread.hidden-author',
                          })
                    }
                  </p>`
                : nothing
            }
            ${c.editing === post.id ? renderEditor(c, post) : html`<div class="post__body" dir="auto">${renderBody(post.body, msg('(opens in a new tab)', { id: 'thread.new-tab' }))}</div>`}
            ${
              facilitator && !post.hidden && post.reportCount > 0
                ? html`<p class="muted">
                    ${post.reportCount === 1 ? msg('1 report', { id: 'thread.report-count-one' }) : msg(str`${post.reportCount} reports`, { id: 'thread.report-count' })}
                  </p>`
                : nothing
            }
            ${post.hidden ? nothing : renderReactions(c, post)} ${renderActions(c, post, mine, nextId)}`
    }
    ${c.reporting === post.id ? renderPostReportForm(c, post, nextId) : nothing}
    ${!isReply ? renderReplies(c, post, replies, expanded) : nothing}
  </article>`;
}

export function renderReactions(c: ThreadController, post: Post) {
  const mine = c.mine.get(post.id) ?? {};
  return html`<div class="reactions" role="group" aria-label=${msg('Reactions', { id: 'thread.reactions' })}>
    ${REACTIONS.map(({ key, emoji }) => {
      const count = post.reactionCounts[key];
      const on = mine[key] === true;
      return html`<button
        class=${classMap({ reaction: true, 'reaction--on': on })}
        part="reaction"
        type="button"
        aria-pressed=${on ? 'true' : 'false'}
        aria-label=${msg(str`${reactionName(key)}: ${count}`, { id: 'thread.reaction-label' })}
        @click=${() => void c.toggleReaction(post, key)}
      >
        <span aria-hidden="true">${emoji}</span><span aria-hidden="true">${count || ''}</span>
      </button>`;
    })}
  </div>`;
}

export function renderActions(c: ThreadController, post: Post, mine: boolean, nextId?: string) {
  const open = !c.locked || c.host.isFacilitator;
  // Reported or hidden: the rules keep it as it is for a facilitator to review, so its author cannot change it.
  const underReview = post.hidden || post.reportCount > 0;
  return html`<div class="actions">
    ${
      post.parentId === null && open && !post.hidden
        ? html`<button class="link-button" type="button" @click=${() => c.startReply(post)}>
            ${msg('Reply', { id: 'thread.reply' })}
          </button>`
        : nothing
    }
    ${
      mine && open && !underReview
        ? html`<button class="link-button" type="button" @click=${() => c.startEdit(post)}>
            ${msg('Edit', { id: 'thread.edit' })}
          </button>`
        : nothing
    }
    ${mine && !underReview ? html`<button class="link-button" type="button" @click=${() => c.delete(post, nextId)}>${msg('Delete', { id: 'thread.delete' })}</button>` : nothing}
    ${
      mine && underReview
        ? html`<span class="muted"
            >${msg('Under review by a facilitator: you can edit or delete it once they have looked at it.', {
              id: 'thread.under-review',
            })}</span
          >`
        : nothing
    }
    ${
      !mine && !c.reported.has(post.id)
        ? html`<button
            class="link-button"
            type="button"
            @click=${() => ((c.reporting = post.id), (c.reportError = ''))}
          >
            ${msg('Report', { id: 'thread.report' })}
          </button>`
        : nothing
    }
    ${c.reported.has(post.id) ? html`<span class="muted">${msg('Reported', { id: 'thread.reported' })}</span>` : nothing}
    ${
      c.host.isFacilitator
        ? html`<button class="link-button" type="button" @click=${() => c.moderate(post, { hidden: !post.hidden })}>
              ${post.hidden ? msg('Restore', { id: 'thread.restore' }) : msg('Hide', { id: 'thread.hide' })}
            </button>
            ${
              post.parentId === null
                ? html`<button
                    class="link-button"
                    type="button"
                    @click=${() => c.moderate(post, { pinned: !post.pinned })}
                  >
                    ${post.pinned ? msg('Unpin', { id: 'thread.unpin' }) : msg('Pin', { id: 'thread.pin' })}
                  </button>`
                : nothing
            }`
        : nothing
    }
  </div>`;
}

export function renderEditor(c: ThreadController, post: Post) {
  return html`<form class="editor" @submit=${(e: SubmitEvent) => (e.preventDefault(), void c.saveEdit(post))}>
    ${renderTextarea(c, 'edit', 'edit-text', c.editDraft, msg('Edit your post', { id: 'thread.edit-label' }))}
    <div class="composer__actions">
      <button class="button" type="submit">${msg('Save', { id: 'thread.save' })}</button>
      <button
        class="button button--quiet"
        type="button"
        @click=${() => ((c.editing = undefined), (c.focusPost = post.id))}
      >
        ${msg('Cancel', { id: 'thread.cancel' })}
      </button>
    </div>
  </form>`;
}

export function renderReplies(c: ThreadController, post: Post, replies: Post[], expanded: boolean) {
  const count = post.replyCount;
  const heldHere = c.heldReplies.get(post.id);
  return html`${
    count > 0
      ? html`<button
          class="link-button"
          type="button"
          aria-expanded=${expanded ? 'true' : 'false'}
          @click=${() => c.toggleReplies(post)}
        >
          ${
            expanded
              ? msg('Hide replies', { id: 'thread.hide-replies' })
              : count === 1
                ? msg('Show 1 reply', { id: 'thread.show-reply' })
                : msg(str`Show ${count} replies`, { id: 'thread.show-replies' })
          }
        </button>`
      : nothing
  }
  ${
    expanded && replies.length
      ? html`<div
          class="replies"
          role="group"
          aria-label=${msg(str`Replies to ${post.authorName}`, { id: 'thread.replies-label' })}
        >
          ${repeat(
            replies.filter((reply) => !heldHere?.has(reply.id)),
            (reply) => reply.id,
            (reply) => renderPost(c, reply, undefined, undefined),
          )}
        </div>`
      : nothing
  }
  ${
    expanded && heldHere?.size
      ? html`<button class="button button--quiet new-posts" type="button" @click=${() => c.showReplies(post.id)}>
          ${heldHere.size === 1 ? msg('1 new reply — show', { id: 'thread.new-replies-one' }) : msg(str`${heldHere.size} new replies — show`, { id: 'thread.new-replies' })}
        </button>`
      : nothing
  }
  ${
    c.replyTo === post.id
      ? html`<form
          class="composer composer--reply"
          @submit=${(e: SubmitEvent) => (e.preventDefault(), void c.submitPost(post.id))}
        >
          ${renderTextarea(c, 'reply', 'reply-text', c.replyDraft, msg(str`Reply to ${post.authorName}`, { id: 'thread.reply-label' }))}
          <div class="composer__actions">
            ${renderSubmit(c, 'reply', msg('Send reply', { id: 'thread.reply-submit' }))}
            <button
              class="button button--quiet"
              type="button"
              @click=${() => ((c.replyTo = undefined), (c.focusPost = post.id))}
            >
              ${msg('Cancel', { id: 'thread.cancel' })}
            </button>
          </div>
        </form>`
      : nothing
  }`;
}
