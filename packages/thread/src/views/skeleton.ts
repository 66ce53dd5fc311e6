// The feed while its first page loads: shown by the element before the views arrive, and by the views after.
import { msg } from '@lit/localize';
import { html } from 'lit';

export const feedSkeleton = () =>
  html`<div class="feed" role="feed" aria-busy="true" aria-label=${msg('Posts', { id: 'thread.posts' })} part="feed">
    ${[0, 1, 2].map(() => html`<div class="skeleton post-skeleton"></div>`)}
  </div>`;
