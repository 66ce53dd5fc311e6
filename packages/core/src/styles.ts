import { css } from 'lit';

/**
 * Design tokens. Authors brand the kit with `--cohort-*` custom properties on any ancestor;
 * internal `--_*` names hold the resolved value for the current theme.
 */
export const tokenStyles = css`
  :host {
    /* light-dark() picks by color-scheme, so one set of tokens serves both themes. */
    color-scheme: light;
    --_font: var(--cohort-font-family, inherit);
    --_text: var(--cohort-color-text, light-dark(#1c1f24, #eef1f5));
    --_muted: var(--cohort-color-muted, light-dark(#555c66, #b4bcc8));
    --_surface: var(--cohort-color-surface, light-dark(#fff, #16191e));
    --_surface-raised: var(--cohort-color-surface-raised, light-dark(#f3f5f8, #232830));
    --_border: var(--cohort-color-border, light-dark(#8a929c, #7d8794));
    --_accent: var(--cohort-color-accent, light-dark(#1d4ed8, #8cb0ff));
    --_accent-text: var(--cohort-color-accent-text, light-dark(#fff, #0b1220));
    --_accent-soft: var(--cohort-color-accent-soft, light-dark(#dbe6ff, #24345c));
    --_danger: var(--cohort-color-danger, light-dark(#b42318, #ff9b92));
    --_success: var(--cohort-color-success, light-dark(#146c43, #7fd6a4));
    --_focus: var(--cohort-color-focus, light-dark(#1d4ed8, #8cb0ff));
    --_radius: var(--cohort-radius, 0.5rem);
    --_gap: var(--cohort-space, 0.75rem);
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
    box-sizing: border-box;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

export const baseStyles = css`
  .frame {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap);
    display: grid;
    gap: var(--_gap);
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .preview-marker {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    font-size: 0.8125rem;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    background: var(--_surface-raised);
    color: var(--_muted);
    border: 1px dashed var(--_border);
  }
  .notice {
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.5rem 0.75rem;
    background: var(--_surface-raised);
    border-inline-start: 4px solid var(--_accent);
  }
  .notice--error {
    border-inline-start-color: var(--_danger);
  }
  .notice__title {
    font-weight: 600;
    margin: 0;
  }
  .notice p {
    margin: 0.25rem 0 0;
  }
  button,
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.4rem 1rem;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
    cursor: pointer;
  }
  .button--quiet {
    background: transparent;
    color: var(--_accent);
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field input:is([type='text'], [type='email'], [type='url'], [type='number']),
  .field textarea,
  .field select {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
  }
  .skeleton {
    display: block;
    border-radius: calc(var(--_radius) / 1.5);
    background: linear-gradient(90deg, var(--_surface-raised), var(--_border) 50%, var(--_surface-raised));
    background-size: 200% 100%;
    opacity: 0.45;
    animation: cohort-shimmer 1.4s ease-in-out infinite;
  }
  @keyframes cohort-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .muted {
    color: var(--_muted);
  }
  /* The report form (report-form.ts), the same in every widget. */
  .report {
    display: grid;
    gap: 0.5rem;
  }
  .report fieldset {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .report .check {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2.75rem;
  }
  .report__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  /* Kit text in a language the page isn't in (English on a right-to-left page) keeps its own order, and still
     lines up with the page's side: its start is the parent's, not its own. */
  p,
  label,
  span {
    unicode-bidi: plaintext;
    /* Chromium and WebKit know only the prefixed keyword. */
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }
  /* What people wrote (posts, goals, notes, a badge's hints) lines up the way its own language reads. */
  [dir='auto'] {
    text-align: start;
  }
`;
