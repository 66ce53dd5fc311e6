import { css } from 'lit';

// Logical properties only, so the thread reads right in right-to-left languages; fits 320 px wide.
export const threadStyles = css`
  .prompt {
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface-raised);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .prompt__label {
    margin: 0;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_muted);
  }
  .prompt__text {
    margin: 0.25rem 0 0;
    font-size: 1.0625rem;
    font-weight: 600;
  }
  .presence {
    margin: 0;
    font-size: 0.875rem;
  }
  .section-title {
    font-size: 0.9375rem;
    margin: 0;
  }
  .pinned,
  .queued,
  .my-hidden {
    display: grid;
    gap: 0.5rem;
  }
  .toolbar,
  .facilitator-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .sort select {
    min-block-size: 2.75rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
  }
  .feed,
  .replies {
    display: grid;
    gap: 0.75rem;
  }
  .replies {
    margin-inline-start: clamp(0.5rem, 4vw, 1.5rem);
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  .post {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-inline-size: 0;
  }
  .post:focus-visible,
  .post:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .post--reply {
    border-style: dashed;
  }
  .post--pinned {
    border-inline-start: 4px solid var(--_accent);
  }
  .post--mentioned {
    background: var(--_accent-soft);
  }
  .post--pending {
    border-style: dotted;
  }
  .post--failed {
    border-color: var(--_danger);
  }
  .post__header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
    font-size: 0.875rem;
  }
  .post__author {
    font-weight: 600;
    font-size: 1rem;
  }
  /* "30 minutes ago" keeps its own word order on a right-to-left page. */
  .post__header time {
    unicode-bidi: plaintext;
  }
  /* Notices and report counts in a post are spaced by the post's gap, not by paragraph margins on top of it. */
  .post > p,
  p.notice {
    margin: 0;
  }
  /* "Show 2 replies" sits under the actions it belongs with, not centred across the post. */
  .post > .link-button {
    justify-self: start;
  }
  /* Each paragraph of a post lines up the way its own language reads (a post may mix two). */
  .post__body p {
    margin-block: 0 0.5rem;
    text-align: start;
  }
  .post__body p:last-child {
    margin-block-end: 0;
  }
  .post__body a {
    color: var(--_accent);
  }
  .post__body code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    padding-inline: 0.25em;
    border-radius: 0.25em;
    background: var(--_surface-raised);
  }
  .placeholder {
    margin: 0;
    font-style: italic;
  }
  .badge {
    display: inline-block;
    padding-inline: 0.5em;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .badge--quiet,
  .badge--pending {
    background: var(--_surface-raised);
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  .badge--accent {
    background: var(--_surface);
    color: var(--_accent);
    border: 1px solid var(--_accent);
  }
  .reactions,
  .actions,
  .composer__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    align-items: center;
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-inline: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    cursor: pointer;
  }
  .reaction--on {
    border-color: var(--_accent);
    background: var(--_accent-soft);
    font-weight: 600;
  }
  .link-button {
    min-block-size: 2.75rem;
    padding-inline: 0.5rem;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
  .composer,
  .editor {
    display: grid;
    gap: 0.5rem;
  }
  .field textarea {
    inline-size: 100%;
    resize: vertical;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
  }
  .field__meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
    font-size: 0.8125rem;
  }
  .counter--over {
    color: var(--_danger);
    font-weight: 600;
  }
  .mentions {
    list-style: none;
    margin: 0;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface-raised);
    max-inline-size: 20rem;
  }
  .mention {
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  .mention--active {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .error {
    color: var(--_danger);
    margin: 0;
    font-weight: 600;
  }
  .empty {
    padding: 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: start;
  }
  .empty__title {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  .empty p {
    margin-block: 0 0.5rem;
  }
  /*
   * Before the view loads: the composer (label, three-row box, hint, button), the sort control and posts, each the
   * height it will have. Narrower threads wrap more lines and reaction rows, so the posts and composer grow as the
   * width shrinks: a percentage padding follows the thread's width, which a height cannot.
   */
  .post-skeleton {
    padding-block-start: max(10rem, calc(25rem - 32%));
  }
  .composer-skeleton {
    padding-block-start: max(12rem, calc(16.5rem - 11%));
  }
  .toolbar-skeleton {
    block-size: 2.75rem;
    inline-size: min(12rem, 100%);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    display: grid;
    gap: 0.25rem;
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
`;
