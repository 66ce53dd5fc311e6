// The whole thread once its data is on the way: presence, composer, pinned and hidden posts, the toolbar and
// the feed. Render-only: state and actions come from the ThreadController.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { SortOrder } from '../thread-data.js';
import { feedSkeleton } from './skeleton.js';
import type { ThreadController } from '../thread-controller.js';
import { renderComposer, renderQueued } from './composer.js';
import { renderFacilitatorBar } from './moderation.js';
import { renderPost } from './post.js';

export function renderThread(c: ThreadController): TemplateResult {
  const visible = c.visibleFeed();
  const loading = !c.feedLoaded;
  const mayWrite = !c.host.isRemoved && (!c.locked || c.host.isFacilitator);
  return html`
    ${renderPresence(c)} ${c.host.isFacilitator ? renderFacilitatorBar(c) : nothing}
    ${c.locked ? html`<p class="notice" role="status">${msg('This thread is locked. You can still read it.', { id: 'thread.locked' })}</p>` : nothing}
    ${mayWrite ? renderComposer(c) : nothing} ${renderQueued(c)}
    ${c.actionError ? html`<p class="error" role="alert">${c.actionError}</p>` : nothing} ${renderMyHidden(c)}
    ${
      c.pinned.length
        ? html`<section class="pinned" aria-labelledby="pinned-title">
            <h3 id="pinned-title" class="section-title">${msg('Pinned by a facilitator', { id: 'thread.pinned' })}</h3>
            ${c.pinned.map((post) => renderPost(c, post, undefined, undefined))}
          </section>`
        : nothing
    }
    <div class="toolbar">
      <label class="sort">
        <span>${msg('Sort by', { id: 'thread.sort' })}</span>
        <select
          @change=${(e: Event) => c.onSort((e.target as HTMLSelectElement).value as SortOrder)}
          .value=${live(c.sort)}
        >
          <option value="newest">${msg('Newest', { id: 'thread.sort.newest' })}</option>
          <option value="oldest">${msg('Oldest', { id: 'thread.sort.oldest' })}</option>
          <option value="top">${msg('Most reactions', { id: 'thread.sort.top' })}</option>
        </select>
      </label>
      ${
        c.held.size
          ? html`<button class="button new-posts" part="new-posts" type="button" @click=${() => c.showNew()}>
              ${c.held.size === 1 ? msg('1 new post — show', { id: 'thread.new-posts-one' }) : msg(str`${c.held.size} new posts — show`, { id: 'thread.new-posts' })}
            </button>`
          : nothing
      }
    </div>
    ${
      loading
        ? feedSkeleton()
        : visible.length === 0
          ? c.pinned.length === 0
            ? renderEmpty(c, mayWrite)
            : nothing
          : html`<div
              class="feed"
              role="feed"
              aria-busy="false"
              aria-label=${msg('Posts', { id: 'thread.posts' })}
              part="feed"
            >
              ${repeat(
                visible,
                (post) => post.id,
                (post, index) =>
                  renderPost(c, post, index + 1, c.hasMore() ? -1 : visible.length, visible[index + 1]?.id),
              )}
            </div>`
    }
    ${
      c.hasMore()
        ? html`<button class="button button--quiet" type="button" @click=${() => c.loadMore()}>
            ${msg('Load more', { id: 'thread.load-more' })}
          </button>`
        : nothing
    }
  `;
}

export function renderPresence(c: ThreadController) {
  const peers = c.peers();
  if (!peers) return nothing;
  return html`<p class="presence muted">
    ${peers === 1 ? msg('1 peer posted this week', { id: 'thread.presence-one' }) : msg(str`${peers} peers posted this week`, { id: 'thread.presence' })}
  </p>`;
}

export function renderEmpty(c: ThreadController, mayWrite: boolean) {
  return html`<div class="empty" part="feed">
    <p class="empty__title">${msg('No one has replied yet.', { id: 'thread.empty.title' })}</p>
    ${
      mayWrite
        ? html`<p>
              ${msg('A sentence or two is plenty — others find it easier to join once someone has started.', { id: 'thread.empty.invite' })}
            </p>
            <button class="button button--quiet" type="button" @click=${() => c.startFirstReply()}>
              ${msg('Start with one sentence', { id: 'thread.empty.start' })}
            </button>`
        : nothing
    }
  </div>`;
}

/** The reader's own hidden posts: nobody else can read them, so they are listed here with the reason. */
export function renderMyHidden(c: ThreadController) {
  if (c.all || !c.myHidden.length) return nothing;
  return html`<section class="my-hidden" aria-labelledby="my-hidden-title">
    <h3 id="my-hidden-title" class="section-title">
      ${msg('Your posts hidden while a facilitator reviews them', { id: 'thread.my-hidden' })}
    </h3>
    ${c.myHidden.map((post) => renderPost(c, post, undefined, undefined))}
  </section>`;
}
