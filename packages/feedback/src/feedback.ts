import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CohortElement,
  ID_PATTERN,
  invalidIdMessage,
  registerTranslations,
  type FirebaseRuntime,
  type Problem,
} from '@cohort-kit/core';
import { feedbackStyles } from './feedback.styles.js';
import type { FeedbackController, FeedbackPage } from './feedback-controller.js';
import type { Review, RoundSettings, WorkContent } from './feedback-data.js';
import * as LIMITS from './feedback-limits.js';

export type {
  CohortShareDetail,
  CohortShareEvent,
  CohortReviewDetail,
  CohortReviewEvent,
  CohortRateDetail,
  CohortRateEvent,
} from './events.js';

registerTranslations(() => import('./locales/es.js'));

interface Loaded {
  controller: FeedbackController;
  views: typeof import('./views/steps.js');
}

interface Prompt {
  label: string;
  hint: string;
  min: number;
}

const defaultPrompts = (): Prompt[] => [
  {
    label: msg('I noticed…', { id: 'feedback.noticed' }),
    hint: msg('What is there, and where: quote or point to the part you mean.', { id: 'feedback.noticed-hint' }),
    min: LIMITS.PROMPT_MIN_DEFAULT,
  },
  {
    label: msg('I learned…', { id: 'feedback.learned' }),
    hint: msg('What you take away from this work for your own.', { id: 'feedback.learned-hint' }),
    min: LIMITS.PROMPT_MIN_DEFAULT,
  },
  {
    label: msg('I suggest…', { id: 'feedback.suggest' }),
    hint: msg('One concrete next step: where, what the problem is, and what to try.', { id: 'feedback.suggest-hint' }),
    min: LIMITS.PROMPT_MIN_DEFAULT,
  },
];

const dateOf = (value: string) => (value ? new Date(value) : null);
const validDate = (value: string) => !value || !Number.isNaN(Date.parse(value));

/**
 * A peer-feedback round in one element: a learner shares their work, reviews the peers' work that most needs a
 * review, reads the structured feedback they received, and rates how helpful it was. It always shows the learner's
 * next step. Reviewers are anonymous to authors unless `reviewers="named"`; facilitators see who reviewed whom, hide
 * a reported review and release a lapsed claim. The settings the rules enforce are stored by a facilitator's visit
 * to the page (until then: 2 reviews, 48-hour claims, anonymous, the three default prompts). The frame, problem,
 * name form and the `--cohort-*` tokens are every element's (see CohortElement).
 *
 * @summary Peer feedback: share work, review peers fairly allocated, rate the feedback received.
 * @tag cohort-feedback
 *
 * @slot - Optional: 2 to 5 `<cohort-prompt hint="…" min="40">Label</cohort-prompt>` elements replace the default
 *   prompts ("I noticed…", "I learned…", "I suggest…"). `min` is the least characters an answer takes (default 40).
 *
 * @event cohort-share - A learner shared, edited or withdrew their work. `detail: { space, round, action }`.
 * @event cohort-review - A learner took a peer's work to review, or sent the review. `detail: { space, round, action }`.
 * @event cohort-rate - An author rated a review of their work. `detail: { space, round, rating }`.
 *
 * @csspart work - A shared work: the learner's own, or the peer's they review.
 * @csspart review - Each review received.
 * @csspart rating - A review's helpfulness rating.
 * @csspart helpfulness - The reviewer's reviews given and average helpfulness.
 * @csspart facilitator - The facilitator's view of the round.
 */
export class CohortFeedback extends CohortElement {
  static override styles = [...CohortElement.styles, feedbackStyles];

  /** Identifies the round within the space: pages that share it share the same work and reviews. */
  @property({ reflect: true }) round = '';
  /** How many peers review each work, and how many reviews each learner gives (1 to 5). */
  @property({ type: Number }) reviews: number = LIMITS.REVIEWS_DEFAULT;
  /** What to share: the question above the share form. */
  @property() prompt = '';
  /** Optional ISO date-time after which no work is shared or edited. */
  @property({ attribute: 'submit-by' }) submitBy = '';
  /** Optional ISO date-time after which no review is claimed. */
  @property({ attribute: 'review-by' }) reviewBy = '';
  /** Hours a reviewer has to finish a claimed review before the work goes to another (1 to 720). */
  @property({ type: Number, attribute: 'claim-hours' }) claimHours: number = LIMITS.CLAIM_HOURS_DEFAULT;
  /** `anonymous` (default): authors do not learn who reviewed them; `named`: reviews carry the reviewer's name. */
  @property() reviewers: LIMITS.ReviewerMode = 'anonymous';

  protected readonly widget = 'feedback';

  /** Why the last submit of each form was refused, by form and field. */
  @state() private errors: Record<string, Record<string, string>> = {};
  @state() private editing = false;
  @state() private draftWork: WorkContent = { text: '', link: '' };
  @state() private draftAnswers: string[] = [];

  #loaded?: Loaded;
  #loading?: Promise<Loaded>;

  readonly #page: FeedbackPage = ((element: CohortFeedback): FeedbackPage => ({
    get round() {
      return element.round;
    },
    get settings() {
      return element.#pageSettings;
    },
  }))(this);

  /** The author's prompts from the markup, or the three defaults. */
  get #prompts(): Prompt[] {
    const own = [...this.querySelectorAll('cohort-prompt')];
    if (!own.length) return defaultPrompts();
    return own.map((each) => ({
      label: (each.textContent ?? '').trim(),
      hint: each.getAttribute('hint') ?? '',
      min: each.hasAttribute('min') ? Number(each.getAttribute('min')) : LIMITS.PROMPT_MIN_DEFAULT,
    }));
  }

  get #pageSettings(): RoundSettings {
    return {
      reviews: this.reviews,
      claimHours: this.claimHours,
      submitBy: dateOf(this.submitBy),
      reviewBy: dateOf(this.reviewBy),
      reviewers: this.reviewers,
      mins: this.#prompts.map((prompt) => prompt.min),
    };
  }

  /** The prompts as the round holds them: the page's labels, the stored minimums. */
  #roundPrompts(settings: RoundSettings): Prompt[] {
    const prompts = this.#prompts;
    return settings.mins.map((min, i) => ({ ...(prompts[i] ?? prompts[0]!), min }));
  }

  get #draftKey(): string {
    return LIMITS.draftKey(this.spaceId, this.round);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      const saved = JSON.parse(localStorage.getItem(this.#draftKey) ?? '{}') as {
        work?: WorkContent;
        answers?: string[];
      };
      if (saved.work) this.draftWork = saved.work;
      if (saved.answers) this.draftAnswers = saved.answers;
    } catch {
      // No storage (private mode) or a damaged draft: start empty.
    }
  }

  #saveDraft() {
    try {
      localStorage.setItem(this.#draftKey, JSON.stringify({ work: this.draftWork, answers: this.draftAnswers }));
    } catch {
      // No storage: the draft lives as long as the page.
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('round') && changed.get('round') !== undefined) this.restart();
  }

  protected override validate(): Problem | undefined {
    const markup = (message: string): Problem => ({ kind: 'markup', message });
    if (!this.round) {
      return markup(
        msg('The round attribute is missing: give this feedback round an id, for example round="goal-plan-draft".', {
          id: 'feedback.round-missing',
        }),
      );
    }
    if (!ID_PATTERN.test(this.round)) return markup(invalidIdMessage('round', this.round));
    if (!Number.isInteger(this.reviews) || this.reviews < 1 || this.reviews > LIMITS.REVIEWS_MAX) {
      return markup(
        msg(str`reviews="${this.getAttribute('reviews')}" must be a whole number from 1 to ${LIMITS.REVIEWS_MAX}.`, {
          id: 'feedback.reviews-invalid',
        }),
      );
    }
    if (!Number.isInteger(this.claimHours) || this.claimHours < 1 || this.claimHours > LIMITS.CLAIM_HOURS_MAX) {
      return markup(
        msg(
          str`claim-hours="${this.getAttribute('claim-hours')}" must be a whole number of hours from 1 to ${LIMITS.CLAIM_HOURS_MAX}.`,
          {
            id: 'feedback.hours-invalid',
          },
        ),
      );
    }
    if (!LIMITS.REVIEWER_MODES.includes(this.reviewers)) {
      return markup(
        msg(str`reviewers="${this.reviewers}" is not one of anonymous, named.`, { id: 'feedback.reviewers-invalid' }),
      );
    }
    for (const [name, value] of [
      ['submit-by', this.submitBy],
      ['review-by', this.reviewBy],
    ] as const) {
      if (!validDate(value)) {
        return markup(
          msg(str`${name}="${value}" is not a date and time, such as 2026-05-01T17:00:00Z.`, {
            id: 'feedback.date-invalid',
          }),
        );
      }
    }
    const own = this.querySelectorAll('cohort-prompt').length;
    if (own && (own < LIMITS.PROMPTS_MIN || own > LIMITS.PROMPTS_MAX)) {
      return markup(
        msg(
          str`A feedback round takes ${LIMITS.PROMPTS_MIN} to ${LIMITS.PROMPTS_MAX} <cohort-prompt> elements; this one has ${own}.`,
          {
            id: 'feedback.prompts-count',
          },
        ),
      );
    }
    for (const prompt of own ? this.#prompts : []) {
      if (!prompt.label || !Number.isInteger(prompt.min) || prompt.min < 0 || prompt.min > LIMITS.ANSWER_MAX) {
        return markup(
          msg(str`Each <cohort-prompt> needs a label as its text, and a min from 0 to ${LIMITS.ANSWER_MAX}.`, {
            id: 'feedback.prompt-invalid',
          }),
        );
      }
    }
    return undefined;
  }

  #load(): Promise<Loaded> {
    this.#loading ??= Promise.all([import('./feedback-controller.js'), import('./views/steps.js')]).then(
      ([{ FeedbackController }, views]) => {
        this.#loaded = { controller: new FeedbackController(this.widgetHost, this.#page), views };
        this.requestUpdate();
        return this.#loaded;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  protected override async startData(runtime: FirebaseRuntime, data: Parameters<CohortElement['startData']>[1]) {
    const { controller } = await this.#load();
    return controller.start(runtime, data);
  }

  #setErrors(form: string, errors: Record<string, string>) {
    this.errors = { ...this.errors, [form]: errors };
  }

  get #spaceWords() {
    return this.spaceState?.settings.blockedWords ?? [];
  }

  /** Focuses the first field a refusal names, so a keyboard or screen-reader user lands on it. */
  async #focusError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #share(form: HTMLFormElement) {
    const { controller, views } = this.#loaded!;
    const work = views.readWorkForm(form);
    const problems = views.workProblems(
      work,
      {
        text: msg('Your work', { id: 'feedback.work-label' }),
        link: msg('Or a link to it (optional)', { id: 'feedback.link-label' }),
      },
      this.locale,
      this.#spaceWords,
    );
    this.#setErrors('share', problems);
    if (Object.keys(problems).length) return void this.#focusError();
    const changing = Boolean(controller.work);
    const saved = await controller.share(work);
    this.#setErrors('share', saved ? {} : { form: changing ? this.#changeError(controller.error) : controller.error });
    if (saved) {
      this.draftWork = { text: '', link: '' };
      this.editing = false;
      this.#saveDraft();
    }
  }

  /**
   * A refused edit or withdrawal says why: after a first claim the rules freeze the work. (Not judged by whether
   * the work shows: a refused withdrawal hides it locally until the server's answer puts it back.)
   */
  #changeError(error: string): string {
    return /not allowed/i.test(error)
      ? msg('Someone has started reviewing your work, so it can no longer change.', { id: 'feedback.frozen' })
      : error;
  }

  async #sendReview(form: HTMLFormElement, prompts: Prompt[]) {
    const { controller, views } = this.#loaded!;
    const answers = views.readAnswers(form, prompts.length);
    const problems = views.answerProblems(answers, prompts, this.locale, this.#spaceWords);
    this.#setErrors('review', Object.fromEntries(Object.entries(problems)));
    if (Object.keys(problems).length) return void this.#focusError();
    const sent = await controller.sendReview(answers);
    this.#setErrors('review', sent ? {} : { form: controller.error });
    if (sent) {
      this.draftAnswers = [];
      this.#saveDraft();
    }
  }

  async #rate(review: Review, form: HTMLFormElement) {
    const { controller, views } = this.#loaded!;
    const { rating, thanks } = views.readRating(form);
    const key = `rate-${review.id}`;
    const problem = !rating
      ? msg('Choose how helpful it was, from 1 to 5.', { id: 'feedback.rating-missing' })
      : views.textProblem(thanks, {
          label: msg('A thank-you to the reviewer (optional)', { id: 'feedback.thanks-label' }),
          min: 0,
          max: LIMITS.THANKS_MAX,
          locale: this.locale,
          spaceWords: this.#spaceWords,
        });
    this.#setErrors(key, { form: problem });
    if (problem) return;
    const rated = await controller.rate(review, rating, thanks);
    this.#setErrors(key, { form: rated ? '' : controller.error });
  }

  #nextStep(controller: FeedbackController): string {
    switch (controller.step) {
      case 'share':
        return msg('Your next step: share your work.', { id: 'feedback.next-share' });
      case 'reviewing':
        return msg('Your next step: finish the review you started.', { id: 'feedback.next-reviewing' });
      case 'rate':
        return msg('Your next step: read the feedback you received and rate how helpful it was.', {
          id: 'feedback.next-rate',
        });
      case 'review': {
        const left = controller.settings.reviews - controller.given;
        return msg(str`Your next step: review ${left} more peers.`, { id: 'feedback.next-review' });
      }
      case 'wait':
        return msg('Your work is shared. Reviews will appear here as peers send them.', { id: 'feedback.next-wait' });
      case 'closed':
        return msg('This round has closed.', { id: 'feedback.next-closed' });
      default:
        return msg('All done for this round. Thank you!', { id: 'feedback.next-done' });
    }
  }

  #renderShare(loaded: Loaded): TemplateResult | typeof nothing {
    const { controller, views } = loaded;
    const work = controller.work;
    const closed = controller.settings.submitBy && Date.now() >= controller.settings.submitBy.getTime();
    const prompt =
      this.prompt.trim() || msg('Share your work to get feedback from your peers.', { id: 'feedback.share-prompt' });
    if (work && !this.editing) {
      return views.renderMyWork(
        work,
        {
          received: controller.received.length,
          reviews: controller.settings.reviews,
          busy: controller.busy.has('withdraw'),
          canChange: !closed && !controller.workFrozen && !this.isRemoved,
          // A refused withdrawal says why beside the work (the share form that holds other refusals is closed).
          error: this.errors.share?.form,
        },
        {
          edit: () => {
            this.draftWork = { text: work.text, link: work.link };
            this.editing = true;
          },
          withdraw: () =>
            void controller.withdraw().then((done) => {
              this.#setErrors('share', done ? {} : { form: this.#changeError(controller.error) });
            }),
        },
      );
    }
    if (closed && !work) {
      return html`<p class="hint">${msg('Sharing for this round has closed.', { id: 'feedback.share-closed' })}</p>`;
    }
    if (this.isRemoved) return nothing;
    return views.renderShareForm(
      {
        busy: controller.busy.has('share'),
        errors: this.errors.share ?? {},
        prompt,
        draft: this.draftWork,
        editing: this.editing,
      },
      (form) => void this.#share(form),
      (form) => {
        this.draftWork = views.readWorkForm(form);
        this.#saveDraft();
      },
      this.editing ? () => (this.editing = false) : undefined,
    );
  }

  #renderReviewing(loaded: Loaded, prompts: Prompt[]): TemplateResult {
    const { controller, views } = loaded;
    const open = controller.openClaim;
    const given = views.renderGiven(
      controller.given,
      controller.settings.reviews,
      [...controller.written.values()],
      controller.helpfulness,
    );
    if (open) {
      const lapsesAt = open.claimedAt
        ? new Date(open.claimedAt.getTime() + controller.settings.claimHours * 3_600_000)
        : null;
      return html`${given}
      ${views.renderReviewForm(
        {
          work: controller.claimedWork,
          prompts,
          errors: this.errors.review ?? {},
          busy: controller.busy.has('review'),
          draft: this.draftAnswers,
          lapsesAt,
          locale: this.locale,
        },
        (form) => void this.#sendReview(form, prompts),
        (form) => {
          this.draftAnswers = views.readAnswers(form, prompts.length);
          this.#saveDraft();
        },
      )}`;
    }
    const closed = controller.settings.reviewBy && Date.now() >= controller.settings.reviewBy.getTime();
    const more = controller.given < controller.settings.reviews;
    return html`${given}
    ${
      more && closed
        ? html`<p class="hint">${msg('Reviewing for this round has closed.', { id: 'feedback.review-closed' })}</p>`
        : more && !this.isRemoved
          ? html`<div class="actions">
                <button
                  class="button"
                  type="button"
                  aria-disabled=${controller.busy.has('claim') ? 'true' : 'false'}
                  @click=${() => void controller.reviewPeer()}
                >
                  ${msg('Review a peer', { id: 'feedback.review-peer' })}
                </button>
              </div>
              ${
                controller.nothingToReview
                  ? html`<p class="hint">
                      ${msg('No work needs a review right now. Come back later.', { id: 'feedback.nothing' })}
                    </p>`
                  : nothing
              }`
          : nothing
    }`;
  }

  #renderReceived(loaded: Loaded, prompts: Prompt[]): TemplateResult | typeof nothing {
    const { controller, views } = loaded;
    if (!controller.work && !controller.received.length) return nothing;
    const reviews = controller.received;
    return html`<section aria-labelledby="received-title">
      <h3 id="received-title">${msg('Feedback you received', { id: 'feedback.received-title' })}</h3>
      ${
        reviews.length === 0
          ? html`<p class="hint">${msg('No reviews yet.', { id: 'feedback.no-reviews' })}</p>`
          : html`<ul class="reviews">
              ${reviews.map(
                (review, index) =>
                  html`<li>
                    ${views.renderReview(
                      review,
                      {
                        index,
                        prompts,
                        named: controller.settings.reviewers === 'named',
                        locale: this.locale,
                        mine: !this.isRemoved,
                        list: 'received',
                        busy: controller.busy,
                        error: this.errors[`rate-${review.id}`]?.form ?? '',
                      },
                      {
                        rate: (each, form) => void this.#rate(each, form),
                        report: (each) => void controller.report(each),
                      },
                    )}
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  #renderFacilitator(loaded: Loaded, prompts: Prompt[]): TemplateResult | typeof nothing {
    const { controller, views } = loaded;
    if (!this.isFacilitator) return nothing;
    const names = new Map(controller.allWork.map((work) => [work.id, work.authorName]));
    return views.renderFacilitator(
      {
        work: controller.allWork,
        claims: controller.allClaims,
        names,
        opened: controller.openedReviews,
        lapsed: (claim) => controller.lapsedClaim(claim),
        prompts,
        locale: this.locale,
      },
      {
        toggle: (authorId) => void controller.toggleReviews(authorId),
        release: (claim) => void controller.release(claim),
        hide: (review, hidden) => void controller.setHidden(review, hidden),
      },
    );
  }

  protected override renderContent(): TemplateResult {
    const loaded = this.#loaded;
    if (!loaded?.controller.loaded) {
      return html`<p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>
        <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>`;
    }
    const { controller } = loaded;
    const prompts = this.#roundPrompts(controller.settings);
    const shownErrors = Object.values(this.errors).flatMap((each) => Object.values(each));
    return html`
      <h2 class="feedback__title">${msg('Peer feedback', { id: 'feedback.title' })}</h2>
      <p class="feedback__next">${this.#nextStep(controller)}</p>
      ${
        controller.error &&
        !shownErrors.includes(controller.error) &&
        !shownErrors.includes(this.#changeError(controller.error))
          ? html`<p class="error" role="alert">${controller.error}</p>`
          : nothing
      }
      ${this.#renderShare(loaded)} ${this.#renderReviewing(loaded, prompts)} ${this.#renderReceived(loaded, prompts)}
      ${this.#renderFacilitator(loaded, prompts)}
    `;
  }
}
