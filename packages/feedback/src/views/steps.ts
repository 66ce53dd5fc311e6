// <cohort-feedback>'s views: the share form and the shared work, the review form, the feedback received with its
// rating form, the reviewer's helpfulness, and the facilitator's round. Render only: each form's fields are the
// browser's own, so what a learner typed stays put when a check refuses it. Learners' text is only ever text.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { relativeTime } from '@cohort-kit/core';
import type { Claim, Review, Submission, WorkContent } from '../feedback-data.js';
import { ANSWER_MAX, LINK_MAX, THANKS_MAX, WORK_TEXT_MAX } from '../feedback-limits.js';

export { answerProblems, workProblems } from '../feedback-input.js';
export { textProblem } from '@cohort-kit/core/text-problem.js';

export interface Prompt {
  label: string;
  hint: string;
  min: number;
}

const value = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';

/** A labelled field with its hint, character count and error, each tied to the control. */
function field(
  id: string,
  label: string,
  control: (describedBy: string, invalid: boolean) => TemplateResult,
  extra: { hint?: string; count?: string; error?: string } = {},
) {
  const described = [extra.hint ? `${id}-hint` : '', extra.count ? `${id}-count` : '', extra.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${extra.hint ? html`<span class="field__hint" id=${`${id}-hint`} dir="auto">${extra.hint}</span>` : nothing}
    ${control(described, Boolean(extra.error))}
    ${extra.count ? html`<span class="field__count" id=${`${id}-count`}>${extra.count}</span>` : nothing}
    ${extra.error ? html`<p class="error" id=${`${id}-error`}>${extra.error}</p>` : nothing}
  </div>`;
}

const counted = (length: number, max: number, min = 0) =>
  min > 0 && length < min
    ? msg(str`${length} of at least ${min} characters`, { id: 'feedback.count-min' })
    : msg(str`${length} / ${max} characters`, { id: 'feedback.count' });

export const readWorkForm = (form: HTMLFormElement): WorkContent => ({
  text: value(form, 'text').trim(),
  link: value(form, 'link').trim(),
});

export function renderShareForm(
  state: { busy: boolean; errors: Record<string, string>; prompt: string; draft: WorkContent; editing: boolean },
  onSubmit: (form: HTMLFormElement) => void,
  onInput: (form: HTMLFormElement) => void,
  onCancel?: () => void,
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  const input = (event: Event) => onInput((event.target as HTMLElement).closest('form')!);
  return html`<form class="feedback-form" @submit=${submit} @input=${input} aria-labelledby="share-title" novalidate>
    <p class="feedback-form__prompt" id="share-title" dir="auto">${state.prompt}</p>
    ${field(
      'share-text',
      msg('Your work', { id: 'feedback.work-label' }),
      (describedBy, invalid) =>
        html`<textarea
          id="share-text"
          name="text"
          rows="6"
          dir="auto"
          aria-describedby=${describedBy}
          aria-invalid=${invalid ? 'true' : 'false'}
          .value=${state.draft.text}
        ></textarea>`,
      {
        count: counted(state.draft.text.length, WORK_TEXT_MAX),
        error: state.errors.text,
      },
    )}
    ${field(
      'share-link',
      msg('Or a link to it (optional)', { id: 'feedback.link-label' }),
      (describedBy, invalid) =>
        html`<input
          id="share-link"
          name="link"
          type="url"
          inputmode="url"
          maxlength=${LINK_MAX}
          dir="ltr"
          aria-describedby=${describedBy}
          aria-invalid=${invalid ? 'true' : 'false'}
          .value=${state.draft.link}
        />`,
      { hint: msg('One address starting with https://', { id: 'feedback.link-hint' }), error: state.errors.link },
    )}
    ${state.errors.form ? html`<p class="error" role="alert">${state.errors.form}</p>` : nothing}
    <div class="actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${state.busy ? msg('Saving…', { id: 'feedback.saving' }) : state.editing ? msg('Save changes', { id: 'feedback.save' }) : msg('Share my work', { id: 'feedback.share' })}
      </button>
      ${onCancel ? html`<button class="button button--quiet" type="button" @click=${onCancel}>${msg('Cancel', { id: 'feedback.cancel' })}</button>` : nothing}
    </div>
  </form>`;
}

/** Work as its reader sees it: text as text (line breaks kept), the link as a link. */
export function renderWorkBody(work: WorkContent): TemplateResult {
  return html`${work.text ? html`<p class="work__text" dir="auto">${work.text}</p>` : nothing}
  ${work.link ? html`<p class="work__link"><a href=${work.link} target="_blank" rel="noopener noreferrer nofollow" dir="ltr">${work.link}</a></p>` : nothing}`;
}

export function renderMyWork(
  work: Submission,
  state: { received: number; reviews: number; busy: boolean; canChange: boolean; error?: string },
  actions: { edit: () => void; withdraw: () => void },
): TemplateResult {
  return html`<article class="work" part="work" aria-labelledby="my-work-title">
    <h3 class="work__title" id="my-work-title">${msg('Your shared work', { id: 'feedback.my-work' })}</h3>
    ${renderWorkBody(work)}
    <p class="hint">
      ${msg(str`${state.received} of ${state.reviews} reviews received`, { id: 'feedback.received-count' })}
    </p>
    ${
      state.canChange
        ? html`<div class="actions">
            <button class="button button--quiet" type="button" @click=${actions.edit}>
              ${msg('Edit', { id: 'feedback.edit' })}
            </button>
            <button
              class="button button--quiet"
              type="button"
              aria-disabled=${state.busy ? 'true' : 'false'}
              @click=${actions.withdraw}
            >
              ${msg('Withdraw', { id: 'feedback.withdraw' })}
            </button>
          </div>`
        : nothing
    }
    ${state.error ? html`<p class="error" role="alert">${state.error}</p>` : nothing}
  </article>`;
}

export const readAnswers = (form: HTMLFormElement, count: number) =>
  Array.from({ length: count }, (_, i) => value(form, `answer-${i}`).trim());

export function renderReviewForm(
  state: {
    work: Submission | null;
    prompts: Prompt[];
    errors: Record<string, string>;
    busy: boolean;
    draft: string[];
    lapsesAt: Date | null;
    locale: string;
  },
  onSubmit: (form: HTMLFormElement) => void,
  onInput: (form: HTMLFormElement) => void,
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onSubmit(event.target as HTMLFormElement);
  };
  const input = (event: Event) => onInput((event.target as HTMLElement).closest('form')!);
  return html`<section class="review" aria-labelledby="review-title">
    <h3 id="review-title">${msg("A peer's work to review", { id: 'feedback.review-title' })}</h3>
    <div class="work work--peer" part="work">
      ${state.work ? renderWorkBody(state.work) : html`<p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>`}
    </div>
    ${
      state.lapsesAt
        ? html`<p class="hint">
            ${msg(str`Finish by ${relativeTime(state.lapsesAt, state.locale)}, or the work goes to another reviewer.`, { id: 'feedback.lapses' })}
          </p>`
        : nothing
    }
    <form class="feedback-form" @submit=${submit} @input=${input} aria-labelledby="review-title" novalidate>
      ${state.prompts.map((prompt, i) =>
        field(
          `answer-${i}`,
          prompt.label,
          (describedBy, invalid) =>
            html`<textarea
              id=${`answer-${i}`}
              name=${`answer-${i}`}
              rows="3"
              dir="auto"
              aria-describedby=${describedBy}
              aria-invalid=${invalid ? 'true' : 'false'}
              .value=${state.draft[i] ?? ''}
            ></textarea>`,
          {
            hint: prompt.hint,
            count: counted((state.draft[i] ?? '').trim().length, ANSWER_MAX, prompt.min),
            error: state.errors[String(i)],
          },
        ),
      )}
      ${state.errors.form ? html`<p class="error" role="alert">${state.errors.form}</p>` : nothing}
      <div class="actions">
        <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
          ${state.busy ? msg('Sending…', { id: 'feedback.sending' }) : msg('Send review', { id: 'feedback.send' })}
        </button>
      </div>
    </form>
  </section>`;
}

export const readRating = (form: HTMLFormElement) => ({
  rating: Number(form.querySelector<HTMLInputElement>('input[name="rating"]:checked')?.value ?? 0),
  thanks: value(form, 'thanks').trim(),
});

const ratingWords = () => [
  msg('1 – not helpful', { id: 'feedback.rating-1' }),
  msg('2', { id: 'feedback.rating-2' }),
  msg('3', { id: 'feedback.rating-3' }),
  msg('4', { id: 'feedback.rating-4' }),
  msg('5 – very helpful', { id: 'feedback.rating-5' }),
];

function renderRatingForm(
  review: Review,
  state: { busy: boolean; error: string },
  onRate: (form: HTMLFormElement) => void,
) {
  const id = `rate-${review.id}`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!state.busy) onRate(event.target as HTMLFormElement);
  };
  return html`<form class="rating" @submit=${submit} novalidate>
    <fieldset class="choices" aria-describedby=${state.error ? `${id}-error` : nothing}>
      <legend><span>${msg('How helpful was this?', { id: 'feedback.how-helpful' })}</span></legend>
      ${ratingWords().map((word, i) => html`<label><input type="radio" name="rating" value=${i + 1} />${word}</label>`)}
    </fieldset>
    ${field(
      `${id}-thanks`,
      msg('A thank-you to the reviewer (optional)', { id: 'feedback.thanks-label' }),
      (describedBy) =>
        html`<textarea
          id=${`${id}-thanks`}
          name="thanks"
          rows="2"
          maxlength=${THANKS_MAX}
          dir="auto"
          aria-describedby=${describedBy}
        ></textarea>`,
      { hint: msg(str`Up to ${THANKS_MAX} characters.`, { id: 'feedback.thanks-hint' }) },
    )}
    ${state.error ? html`<p class="error" id=${`${id}-error`} role="alert">${state.error}</p>` : nothing}
    <div class="actions">
      <button class="button" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
        ${msg('Send rating', { id: 'feedback.send-rating' })}
      </button>
    </div>
  </form>`;
}

/** One review, structured by the prompts; the author's rating form under it, or their rating. */
export function renderReview(
  review: Review,
  state: {
    index: number;
    prompts: Prompt[];
    named: boolean;
    locale: string;
    /** The author may rate and report it. */
    mine: boolean;
    /** Which list shows it: a facilitator who shared work can see one review in both, and ids must not repeat. */
    list: 'received' | 'moderation';
    busy: ReadonlySet<string>;
    error: string;
  },
  actions: { rate: (review: Review, form: HTMLFormElement) => void; report: (review: Review) => void },
): TemplateResult {
  // The heading names the card; the reviewer's name sits in <bdi> so a right-to-left name keeps the sentence's order.
  const headingId = `${state.list}-${review.id}-heading`;
  const heading =
    state.named && review.reviewerName
      ? msg(html`Review from <bdi>${review.reviewerName}</bdi>`, { id: 'feedback.review-from' })
      : msg(str`Review ${state.index + 1}`, { id: 'feedback.review-n' });
  return html`<article class="card" part="review" aria-labelledby=${headingId}>
    <h4 class="card__heading" id=${headingId}><span>${heading}</span></h4>
    ${
      review.reported && state.mine
        ? html`<p class="hint">
            ${msg('You reported this review. A facilitator will look at it.', { id: 'feedback.reported' })}
          </p>`
        : html`<dl class="answers">
            ${state.prompts.map(
              (prompt, i) =>
                html`<dt dir="auto">${prompt.label}</dt>
                  <dd dir="auto">${review.answers[i] ?? ''}</dd>`,
            )}
          </dl>`
    }
    ${
      review.rating !== null
        ? html`<p class="rated" part="rating">
            ${msg(str`Rated ${review.rating} of 5 for helpfulness.`, { id: 'feedback.rated' })}
            ${review.thanks ? html`<q dir="auto">${review.thanks}</q>` : nothing}
          </p>`
        : state.mine && !review.reported
          ? html`${renderRatingForm(review, { busy: state.busy.has(`rate:${review.id}`), error: state.error }, (form) => actions.rate(review, form))}
              <button class="button button--quiet" type="button" @click=${() => actions.report(review)}>
                ${msg('Report this review', { id: 'feedback.report' })}
              </button>`
          : nothing
    }
  </article>`;
}

/** The reviewer's own: reviews given, their average helpfulness and the thanks they received. */
export function renderGiven(
  given: number,
  reviews: number,
  written: Review[],
  helpfulness: { average: number; rated: number } | null,
): TemplateResult {
  const thanks = written.filter((review) => review.thanks);
  return html`<div class="given" part="helpfulness">
    <p>${msg(str`You have given ${given} of ${reviews} reviews.`, { id: 'feedback.given' })}</p>
    ${
      helpfulness
        ? html`<p>
            ${msg(str`Your reviews' average helpfulness: ${helpfulness.average.toFixed(1)} of 5 (${helpfulness.rated} rated).`, { id: 'feedback.helpfulness' })}
          </p>`
        : nothing
    }
    ${
      thanks.length
        ? html`<ul class="thanks" aria-label=${msg('Thanks you received', { id: 'feedback.thanks-list' })}>
            ${thanks.map((review) => html`<li><q dir="auto">${review.thanks}</q></li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}

/** A facilitator's round: each work with who reviews it, and lapsed claims to release. */
export function renderFacilitator(
  state: {
    work: (Submission & { id: string })[];
    claims: Claim[];
    names: ReadonlyMap<string, string>;
    opened: ReadonlyMap<string, Review[] | 'loading'>;
    lapsed: (claim: Claim) => boolean;
    prompts: Prompt[];
    locale: string;
  },
  actions: {
    toggle: (authorId: string) => void;
    release: (claim: Claim) => void;
    hide: (review: Review, hidden: boolean) => void;
  },
): TemplateResult {
  const name = (uid: string) => state.names.get(uid) ?? msg('A learner who has not shared', { id: 'feedback.unnamed' });
  return html`<section class="facilitator" aria-labelledby="facilitator-title" part="facilitator">
    <h3 id="facilitator-title">${msg('The round, for facilitators', { id: 'feedback.facilitator-title' })}</h3>
    ${
      state.work.length === 0
        ? html`<p class="hint">${msg('Nobody has shared work yet.', { id: 'feedback.none-shared' })}</p>`
        : html`<ul class="round-list">
            ${state.work.map((work) => {
              const claims = state.claims.filter((claim) => claim.authorId === work.id);
              const opened = state.opened.get(work.id);
              return html`<li class="card">
                <p class="card__heading" dir="auto"><strong>${work.authorName}</strong></p>
                <ul class="claims">
                  ${claims.map(
                    (claim) =>
                      html`<li>
                        <span
                          >${
                            claim.done
                              ? msg(html`Reviewed by <bdi>${name(claim.reviewerId)}</bdi>`, {
                                  id: 'feedback.reviewed-by',
                                })
                              : state.lapsed(claim)
                                ? msg(html`Claim by <bdi>${name(claim.reviewerId)}</bdi> lapsed`, {
                                    id: 'feedback.claim-lapsed',
                                  })
                                : msg(html`Being reviewed by <bdi>${name(claim.reviewerId)}</bdi>`, {
                                    id: 'feedback.claimed-by',
                                  })
                          }</span
                        >
                        ${
                          state.lapsed(claim)
                            ? html`<button
                                class="button button--quiet"
                                type="button"
                                @click=${() => actions.release(claim)}
                              >
                                ${msg('Release', { id: 'feedback.release' })}
                              </button>`
                            : nothing
                        }
                      </li>`,
                  )}
                </ul>
                <button
                  class="button button--quiet"
                  type="button"
                  aria-expanded=${opened ? 'true' : 'false'}
                  @click=${() => actions.toggle(work.id)}
                >
                  ${msg('Reviews', { id: 'feedback.show-reviews' })}
                </button>
                ${
                  opened === 'loading'
                    ? html`<p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>`
                    : opened
                      ? opened.map(
                          (review, index) =>
                            html`${renderReview(review, { index, prompts: state.prompts, named: true, locale: state.locale, mine: false, list: 'moderation', busy: new Set(), error: '' }, { rate: () => {}, report: () => {} })}
                              <p class="hint">
                                ${review.reported ? msg('Reported by its author.', { id: 'feedback.reported-by-author' }) : nothing}
                                <button
                                  class="button button--quiet"
                                  type="button"
                                  @click=${() => actions.hide(review, !review.hidden)}
                                >
                                  ${review.hidden ? msg('Restore', { id: 'feedback.restore' }) : msg('Hide', { id: 'feedback.hide' })}
                                </button>
                              </p>`,
                        )
                      : nothing
                }
              </li>`;
            })}
          </ul>`
    }
  </section>`;
}
