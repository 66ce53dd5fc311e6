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
import { goalsStyles } from './goals.styles.js';
import type { GoalsController, GoalsPage } from './goals-controller.js';
import type { Goal } from './goals-data.js';
import type { CheckedField } from './views/forms.js';
import { daysSince, everyDays } from './goals-checks.js';

export type {
  CohortGoalDetail,
  CohortGoalEvent,
  CohortCheckInDetail,
  CohortCheckInEvent,
  CohortCheerDetail,
  CohortCheerEvent,
} from './events.js';

registerTranslations(() => import('./locales/es.js'));

const MODES = ['set', 'check-in', 'reflect'] as const;
type Mode = (typeof MODES)[number];
type Filter = 'all' | 'mine' | 'buddy' | 'uncheered';

/** What the element loads after first paint: the controller and the views that show the data. */
interface Loaded {
  controller: GoalsController;
  card: typeof import('./views/card.js');
  forms: typeof import('./views/forms.js');
  buddy: typeof import('./views/buddy.js');
  report: typeof import('@cohort-kit/core/report-form.js');
}

/**
 * A goal board a cohort comes back to: learners set a goal, check in on it, cheer each other on and reflect.
 * One board spans the course run; `mode` only changes what the element asks of the learner first, and the whole
 * board shows in every mode. The frame, problem, name form and the `--cohort-*` tokens are every element's (see
 * CohortElement).
 *
 * @summary Goal board: set a goal, check in, cheer peers and reflect.
 * @tag cohort-goals
 *
 * @event cohort-goal - A learner set, edited, finished, paused, resumed or reflected on their goal. `detail: { space, board, goal, action }`.
 * @event cohort-check-in - A learner checked in on their goal. `detail: { space, board, goal, status }`.
 * @event cohort-cheer - A learner cheered someone's goal. `detail: { space, board, goal }`.
 *
 * @csspart card - Each goal's card.
 * @csspart cheers - The cheer count on a card.
 */
export class CohortGoals extends CohortElement {
  static override styles = [...CohortElement.styles, goalsStyles];

  /** Identifies the board within the space: pages that share it show the same goals. */
  @property({ reflect: true }) board = '';
  /** What the element asks first: `set` (default), `check-in` or `reflect`. */
  @property({ reflect: true }) mode: Mode = 'set';
  /** The question above the goal form (set mode) or the reflection (reflect mode). */
  @property() prompt = '';
  /** How many active goals a learner may hold at once (1 to 10; a facilitator's visit stores it for the rules). */
  @property({ type: Number, attribute: 'max-goals' }) maxGoals = 1;
  /** An ISO 8601 duration (P7D, P2W): the learner's own card asks for a check-in when the last is older. */
  @property({ attribute: 'check-in-every' }) checkInEvery = '';

  protected readonly widget = 'goals';

  @state() private filter: Filter = 'all';
  /** The goal whose edit form is open, or ''. */
  @state() private editing = '';
  /** The goal whose check-in form is open from its card, or ''. */
  @state() private checkingIn = '';
  /** The goal whose cheer-with-a-note form is open, or ''. */
  @state() private cheeringWithNote = '';
  /** The goal whose report form is open, or ''. */
  @state() private reporting = '';
  /** Why the last submit of each form was refused, by form. */
  @state() private formErrors: Record<string, string> = {};

  #loaded?: Loaded;
  #loading?: Promise<Loaded>;

  readonly #page: GoalsPage = ((element: CohortGoals): GoalsPage => ({
    get board() {
      return element.board;
    },
    get maxGoals() {
      // A page without the attribute asks for nothing: it must not lower a limit another page of the board set.
      return element.hasAttribute('max-goals') ? element.maxGoals : undefined;
    },
  }))(this);

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('board') && changed.get('board') !== undefined) this.restart();
  }

  protected override validate(): Problem | undefined {
    const markup = (message: string): Problem => ({ kind: 'markup', message });
    if (!this.board) {
      return markup(
        msg('The board attribute is missing: give this goal board an id, for example board="leadership-goals".', {
          id: 'goals.board-missing',
        }),
      );
    }
    if (!ID_PATTERN.test(this.board)) return markup(invalidIdMessage('board', this.board));
    if (!MODES.includes(this.mode)) {
      return markup(msg(str`mode="${this.mode}" is not one of set, check-in, reflect.`, { id: 'goals.mode-invalid' }));
    }
    if (!Number.isInteger(this.maxGoals) || this.maxGoals < 1 || this.maxGoals > 10) {
      return markup(
        msg(str`max-goals="${this.getAttribute('max-goals')}" must be a whole number from 1 to 10.`, {
          id: 'goals.max-invalid',
        }),
      );
    }
    if (this.checkInEvery && everyDays(this.checkInEvery) === null) {
      return markup(
        msg(str`check-in-every="${this.checkInEvery}" is not a duration in days or weeks, such as P7D or P2W.`, {
          id: 'goals.every-invalid',
        }),
      );
    }
    return undefined;
  }

  #load(): Promise<Loaded> {
    this.#loading ??= Promise.all([
      import('./goals-controller.js'),
      import('./views/card.js'),
      import('./views/forms.js'),
      import('./views/buddy.js'),
      import('@cohort-kit/core/report-form.js'),
    ]).then(
      ([{ GoalsController }, card, forms, buddy, report]) => {
        this.#loaded = { controller: new GoalsController(this.widgetHost, this.#page), card, forms, buddy, report };
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

  /** The learner's text, checked as the rules will: a message names the field, and nothing typed is lost. */
  #problem(fields: CheckedField[]): string {
    return this.#loaded!.forms.fieldsProblem(fields, this.locale, this.spaceState?.settings.blockedWords ?? []);
  }

  #setError(form: string, error: string) {
    this.formErrors = { ...this.formErrors, [form]: error };
  }

  async #submitGoal(form: HTMLFormElement, formId: string, goal?: Goal) {
    const controller = this.#loaded!.controller;
    const { content, visibility } = this.#loaded!.forms.readGoalForm(form);
    const forms = this.#loaded!.forms;
    const problem = this.#problem(forms.goalFields(content)) || forms.dateProblem(content.targetDate);
    this.#setError(formId, problem);
    if (problem) return;
    const saved = goal ? await controller.editGoal(goal, content) : await controller.setGoal(content, visibility);
    this.#setError(formId, saved ? '' : controller.error);
    if (saved) {
      form.reset();
      this.editing = '';
    }
  }

  async #submitCheckIn(form: HTMLFormElement, formId: string, goal: Goal) {
    const controller = this.#loaded!.controller;
    const { status, note } = this.#loaded!.forms.readCheckInForm(form);
    const problem = this.#problem(this.#loaded!.forms.noteFields(note));
    this.#setError(formId, problem);
    if (problem) return;
    const saved = await controller.checkIn(goal, status, note);
    this.#setError(formId, saved ? '' : controller.error);
    if (saved) {
      form.reset();
      this.checkingIn = '';
    }
  }

  async #submitReflection(form: HTMLFormElement, formId: string, goal: Goal) {
    const controller = this.#loaded!.controller;
    const body = this.#loaded!.forms.readReflectForm(form);
    const problem = this.#problem(this.#loaded!.forms.reflectionFields(this.#reflectPrompt, body));
    this.#setError(formId, problem);
    if (problem) return;
    const saved = await controller.reflect(goal, body);
    this.#setError(formId, saved ? '' : controller.error);
    if (saved) form.reset();
  }

  async #submitCheer(form: HTMLFormElement, formId: string, goal: Goal) {
    const controller = this.#loaded!.controller;
    const note = this.#loaded!.forms.readCheerForm(form);
    const problem = this.#problem(this.#loaded!.forms.cheerNoteFields(note));
    this.#setError(formId, problem);
    if (problem) return;
    const sent = await controller.cheer(goal, note);
    this.#setError(formId, sent ? '' : controller.error);
    if (sent) this.cheeringWithNote = '';
  }

  async #submitReport(form: HTMLFormElement, formId: string, goal: Goal) {
    const { controller, report } = this.#loaded!;
    const chosen = report.readReportForm(form);
    if (typeof chosen === 'string') return this.#setError(formId, chosen);
    const sent = await controller.report(goal, chosen);
    this.#setError(formId, sent ? '' : controller.error);
    if (sent) this.reporting = '';
  }

  get #setPrompt(): string {
    return (
      (this.mode === 'set' && this.prompt.trim()) || msg('What goal will you work towards?', { id: 'goals.set-prompt' })
    );
  }

  get #reflectPrompt(): string {
    return (
      (this.mode === 'reflect' && this.prompt.trim()) ||
      msg('Looking back on your goal: what helped you most?', { id: 'goals.reflect-prompt' })
    );
  }

  /** "It has been 9 days since your last check-in: how is it going?" on the learner's own active card, or ''. */
  #nudge(goal: Goal): string {
    const every = everyDays(this.checkInEvery);
    const since = goal.lastCheckIn?.at ?? goal.createdAt;
    if (!every || goal.status !== 'active' || !since) return '';
    const days = daysSince(since);
    if (days < every) return '';
    return goal.lastCheckIn
      ? msg(str`It has been ${days} days since your last check-in: how is it going?`, { id: 'goals.nudge' })
      : msg(str`It has been ${days} days since you set this goal: how is it going?`, { id: 'goals.nudge-first' });
  }

  /** What the element asks first, by mode: a late joiner with no goal is always offered to set one. */
  #renderAsk(loaded: Loaded): TemplateResult | typeof nothing {
    const { controller, forms } = loaded;
    if (this.isRemoved || !controller.loaded) return nothing;
    const active = controller.activeMine[0];
    const own = controller.mine[0];
    const busy = (key: string) => controller.busy.has(key);
    const goalForm = (intro: TemplateResult | typeof nothing = nothing) =>
      html`${intro}${forms.renderGoalForm(
        { id: 'ask-set', busy: busy('set'), error: this.formErrors['ask-set'] ?? '', prompt: this.#setPrompt },
        (form) => void this.#submitGoal(form, 'ask-set'),
      )}`;
    if (this.mode === 'check-in' && active) {
      return forms.renderCheckInForm(
        {
          id: 'ask-check-in',
          busy: busy(`check-in:${active.id}`),
          error: this.formErrors['ask-check-in'] ?? '',
          title: msg(str`Check in on your goal: ${active.text}`, { id: 'goals.check-in-title' }),
        },
        (form) => void this.#submitCheckIn(form, 'ask-check-in', active),
      );
    }
    if (this.mode === 'reflect' && own) {
      return forms.renderReflectForm(
        {
          id: 'ask-reflect',
          busy: busy(`reflect:${own.id}`),
          error: this.formErrors['ask-reflect'] ?? '',
          prompt: this.#reflectPrompt,
        },
        (form) => void this.#submitReflection(form, 'ask-reflect', own),
      );
    }
    if (!controller.canSetGoal) return nothing;
    if (this.mode !== 'set' && !own) {
      return goalForm(
        html`<p class="hint">
          ${msg('You have no goal on this board yet: set one, then come back to it here.', { id: 'goals.late-joiner' })}
        </p>`,
      );
    }
    return goalForm();
  }

  /** The board's goals, newest activity first, with the buddies' goals before everyone else's. */
  #shownGoals(controller: GoalsController): Goal[] {
    const uid = this.spaceState?.user?.uid;
    const buddies = controller.buddies.buddies;
    const byId = new Map<string, Goal>();
    for (const goal of [...controller.board, ...controller.mine, ...controller.buddies.goals]) byId.set(goal.id, goal);
    const time = (goal: Goal) => goal.lastActivityAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    const buddyFirst = (goal: Goal) => (buddies.has(goal.ownerId) ? 1 : 0);
    const goals = [...byId.values()].sort((a, b) => buddyFirst(b) - buddyFirst(a) || time(b) - time(a));
    if (this.filter === 'mine') return goals.filter((goal) => goal.ownerId === uid);
    if (this.filter === 'buddy') return goals.filter((goal) => buddies.has(goal.ownerId));
    if (this.filter === 'uncheered') return goals.filter((goal) => goal.cheers === 0 && goal.ownerId !== uid);
    return goals;
  }

  #renderFilters() {
    const filters: [Filter, string][] = [
      ['all', msg('All', { id: 'goals.filter-all' })],
      ['mine', msg('Mine', { id: 'goals.filter-mine' })],
      ['buddy', msg('My buddy’s', { id: 'goals.filter-buddy' })],
      ['uncheered', msg('No cheers yet', { id: 'goals.filter-uncheered' })],
    ];
    return html`<div class="filters" role="group" aria-label=${msg('Show', { id: 'goals.filters' })}>
      ${filters.map(
        ([filter, label]) =>
          html`<button
            class="button button--quiet"
            type="button"
            aria-pressed=${this.filter === filter ? 'true' : 'false'}
            @click=${() => (this.filter = filter)}
          >
            ${label}
          </button>`,
      )}
    </div>`;
  }

  #renderBoard(loaded: Loaded): TemplateResult {
    const { controller, card, forms } = loaded;
    const uid = this.spaceState?.user?.uid;
    const goals = this.#shownGoals(controller);
    const actions: import('./views/card.js').CardActions = {
      checkIn: (goal) => (this.checkingIn = this.checkingIn === goal.id ? '' : goal.id),
      edit: (goal) => (this.editing = this.editing === goal.id ? '' : goal.id),
      status: (goal, status) => void controller.setStatus(goal, status),
      visibility: (goal) => void controller.setVisibility(goal, goal.visibility === 'private' ? 'cohort' : 'private'),
      cheer: (goal) => void controller.cheer(goal),
      cheerWithNote: (goal) => (
        (this.reporting = ''),
        (this.cheeringWithNote = this.cheeringWithNote === goal.id ? '' : goal.id)
      ),
      cheerCheckIn: (goal, checkIn) => void controller.cheer(goal, '', checkIn),
      report: (goal) => ((this.cheeringWithNote = ''), (this.reporting = this.reporting === goal.id ? '' : goal.id)),
      notes: (goal) => void controller.toggleCheerNotes(goal),
      hideNote: (goal, cheerer) => void controller.hideCheerNote(goal, cheerer),
      timeline: (goal) => void controller.toggleTimeline(goal),
      hide: (goal) => void controller.setHidden(goal, !goal.hidden),
    };
    const formFor = (goal: Goal) => {
      if (this.editing === goal.id) {
        const id = `edit-${goal.id}`;
        return forms.renderGoalForm(
          { id, busy: controller.busy.has(`edit:${goal.id}`), error: this.formErrors[id] ?? '', prompt: '', goal },
          (form) => void this.#submitGoal(form, id, goal),
          () => (this.editing = ''),
        );
      }
      if (this.checkingIn === goal.id) {
        const id = `check-in-${goal.id}`;
        return forms.renderCheckInForm(
          {
            id,
            busy: controller.busy.has(`check-in:${goal.id}`),
            error: this.formErrors[id] ?? '',
            title: msg('How is your goal going?', { id: 'goals.check-in-card' }),
          },
          (form) => void this.#submitCheckIn(form, id, goal),
          () => (this.checkingIn = ''),
        );
      }
      return nothing;
    };
    const othersForm = (goal: Goal) => {
      if (this.cheeringWithNote === goal.id) {
        const id = `cheer-${goal.id}`;
        return forms.renderCheerForm(
          { id, busy: controller.busy.has(`cheer:${goal.id}`), error: this.formErrors[id] ?? '' },
          (form) => void this.#submitCheer(form, id, goal),
          () => (this.cheeringWithNote = ''),
        );
      }
      if (this.reporting === goal.id) {
        const id = `report-${goal.id}`;
        return loaded.report.renderReportForm(
          {
            legend: msg('Why are you reporting this goal?', { id: 'goals.report-legend' }),
            error: this.formErrors[id] ?? '',
          },
          (form) => void this.#submitReport(form, id, goal),
          () => (this.reporting = ''),
        );
      }
      return nothing;
    };
    return html`
      <h2 class="goals__title">${msg('Goal board', { id: 'goals.board-title' })}</h2>
      ${loaded.buddy.renderBuddyOf(loaded.controller, this.isRemoved, this.locale)} ${this.#renderFilters()}
      ${
        goals.length === 0
          ? html`<p class="hint">
              ${this.filter === 'all' ? msg('No goals yet. Be the first to set one!', { id: 'goals.empty' }) : msg('No goals to show here.', { id: 'goals.empty-filter' })}
            </p>`
          : html`<ul class="goals__list">
              ${goals.map((goal) => {
                const mine = Boolean(uid) && goal.ownerId === uid;
                return html`<li>
                  ${card.renderCard(
                    {
                      goal,
                      mine,
                      locale: this.locale,
                      canCheer: !this.isRemoved && goal.visibility === 'cohort' && !goal.hidden,
                      cheered: controller.cheered.has(goal.id),
                      busy: controller.busy,
                      timeline: controller.timelines.get(goal.id),
                      nudge: mine ? this.#nudge(goal) : '',
                      form: mine ? formFor(goal) : othersForm(goal),
                      facilitator: this.isFacilitator,
                      checkInCheered:
                        Boolean(goal.lastCheckIn) && controller.cheered.has(`${goal.id}/${goal.lastCheckIn?.id}`),
                      reported: controller.reported.has(goal.id),
                      buddy: controller.buddies.buddies.has(goal.ownerId),
                      notes: controller.cheerNotes.get(goal.id),
                    },
                    actions,
                  )}
                </li>`;
              })}
            </ul>`
      }
      ${
        controller.more
          ? html`<button class="button button--quiet" type="button" @click=${() => controller.loadMore()}>
              ${msg('Load more', { id: 'goals.load-more' })}
            </button>`
          : nothing
      }
    `;
  }

  protected override renderContent(): TemplateResult {
    const loaded = this.#loaded;
    if (!loaded?.controller.loaded) {
      return html`<p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>
        <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>`;
    }
    const { controller } = loaded;
    return html`
      <div class="goals__ask">${this.#renderAsk(loaded)}</div>
      ${
        controller.error && !Object.values(this.formErrors).includes(controller.error)
          ? html`<p class="error" role="alert">${controller.error}</p>`
          : nothing
      }
      ${this.#renderBoard(loaded)}
    `;
  }
}
