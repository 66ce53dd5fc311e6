// The badge's criteria checklist and holders' wall. Render only: state and callbacks in, templates out.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Holder } from '../badge-data.js';

/** A criterion's name, as a learner reads it next to their count. */
export function kindLabel(kind: string): string {
  const labels: Record<string, () => string> = {
    posts: () => msg('Posts', { id: 'badge.kind-posts' }),
    replies: () => msg('Replies', { id: 'badge.kind-replies' }),
    reactions: () => msg('Reactions', { id: 'badge.kind-reactions' }),
    votes: () => msg('Poll votes', { id: 'badge.kind-votes' }),
    goals: () => msg('Goals set', { id: 'badge.kind-goals' }),
    checkIns: () => msg('Goal check-ins', { id: 'badge.kind-check-ins' }),
    reflections: () => msg('Reflections', { id: 'badge.kind-reflections' }),
    cheers: () => msg('Cheers for peers', { id: 'badge.kind-cheers' }),
    feedbackGiven: () => msg('Feedback given', { id: 'badge.kind-feedback-given' }),
    feedbackReceived: () => msg('Feedback received', { id: 'badge.kind-feedback-received' }),
    shared: () => msg('Work shared for feedback', { id: 'badge.kind-shared' }),
  };
  return labels[kind]?.() ?? kind;
}

/** How to make progress on a criterion when the course team gave no hint of their own. */
function defaultHint(kind: string): string {
  const hints: Record<string, () => string> = {
    posts: () => msg('Start a conversation in a discussion thread.', { id: 'badge.hint-posts' }),
    replies: () => msg('Reply to a peer in a discussion thread.', { id: 'badge.hint-replies' }),
    reactions: () => msg('React to a post that helped you.', { id: 'badge.hint-reactions' }),
    votes: () => msg('Vote in a course poll.', { id: 'badge.hint-votes' }),
    goals: () => msg('Set a goal on the goal board.', { id: 'badge.hint-goals' }),
    checkIns: () => msg('Check in on your goal.', { id: 'badge.hint-check-ins' }),
    reflections: () => msg('Reflect on your goal.', { id: 'badge.hint-reflections' }),
    cheers: () => msg("Cheer a peer's goal.", { id: 'badge.hint-cheers' }),
    feedbackGiven: () => msg('Give a peer feedback on their work.', { id: 'badge.hint-feedback-given' }),
    feedbackReceived: () => msg('Rate the feedback you received on your work.', { id: 'badge.hint-feedback-received' }),
    shared: () => msg('Share your work for peer feedback.', { id: 'badge.hint-shared' }),
  };
  return hints[kind]?.() ?? '';
}

export interface Progress {
  kind: string;
  need: number;
  have: number;
}

/** The criteria, each with the learner's count in words ("Replies: 1 of 2") and how to make progress. */
export function renderChecklist(progress: Progress[], hints: Record<string, string>): TemplateResult {
  return html`<ul class="criteria" part="criteria" aria-label=${msg('What it takes', { id: 'badge.criteria' })}>
    ${progress.map(({ kind, need, have }) => {
      const met = have >= need;
      return html`<li class="criterion ${met ? 'criterion--met' : ''}">
        <span class="criterion__mark" aria-hidden="true">${met ? '✓' : '○'}</span>
        <span class="criterion__text">
          <span class="criterion__count">
            ${msg(str`${kindLabel(kind)}: ${Math.min(have, need)} of ${need}`, { id: 'badge.progress' })}
            ${met ? html`<span class="criterion__done">${msg('done', { id: 'badge.done' })}</span>` : nothing}
          </span>
          <span class="criterion__bar" aria-hidden="true"
            ><span style="inline-size: ${Math.round((Math.min(have, need) / need) * 100)}%"></span
          ></span>
          ${met ? nothing : html`<span class="criterion__hint" dir="auto">${hints[kind] || defaultHint(kind)}</span>`}
        </span>
      </li>`;
    })}
  </ul>`;
}

/** "#1 Ada", or "#2 A cohort member" for a holder who chose not to show their name. */
const holderName = (holder: Holder) => holder.name || msg('A cohort member', { id: 'badge.anonymous' });

/** The holders' wall, first copies first, and how many more there are beyond the page shown. */
export function renderWall(holders: Holder[], issued: number, ownUid: string): TemplateResult {
  const more = Math.max(0, issued - holders.length);
  return html`<section class="wall" part="wall" aria-labelledby="wall-title">
    <h3 class="wall__title" id="wall-title">${msg('Holders', { id: 'badge.holders' })}</h3>
    ${
      holders.length === 0
        ? html`<p class="hint">${msg('Nobody has claimed a copy yet.', { id: 'badge.wall-empty' })}</p>`
        : html`<ol class="wall__list">
            ${holders.map(
              (holder) =>
                html`<li class="wall__holder ${holder.uid === ownUid ? 'wall__holder--mine' : ''}">
                  <span class="wall__number">#${holder.number}</span>
                  <span class="wall__name" dir="auto">${holderName(holder)}</span>
                </li>`,
            )}
          </ol>`
    }
    ${more ? html`<p class="hint">${msg(str`and ${more} more`, { id: 'badge.wall-more' })}</p>` : nothing}
  </section>`;
}
