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
import { pulseStyles } from './pulse.styles.js';
import type { PulseController, PulsePage } from './pulse-controller.js';
import type { LearnerRow, Pulse } from './pulse-metrics.js';

export type { CohortNudgeDetail, CohortNudgeEvent } from './events.js';

registerTranslations(() => import('./locales/es.js'));

/** What the element loads after first paint: the controller, the metrics and the views. */
interface Loaded {
  controller: PulseController;
  metrics: typeof import('./pulse-metrics.js');
  cards: typeof import('./views/metrics.js');
  trends: typeof import('./views/trends.js');
  quiet: typeof import('./views/quiet.js');
}

const ids = (value: string) => value.split(/\s+/).filter(Boolean);

/**
 * The facilitators' live view of a cohort: the seeds' metrics (each with its definition a click away), trends by
 * week as small charts with their data tables, the quiet learners with a nudge, and CSV downloads. It reads the
 * members and their activity ledgers once per view and then only what changes, so its cost does not grow with the
 * number of posts. Facilitators and owners see it; anyone else sees a short note, or nothing with
 * `hidden-for-learners`. The rules, not the element, keep learners' ledgers from other learners.
 *
 * @summary Facilitators' live view of a cohort: metrics, weekly trends, quiet learners and a nudge.
 * @tag cohort-pulse
 *
 * @event cohort-nudge - A facilitator posted a nudge mentioning quiet learners. `detail: { space, thread, mentioned }`.
 *
 * @csspart metric - Each metric's card.
 * @csspart chart - Each trend's chart.
 * @csspart quiet - The quiet learners and the nudge.
 */
export class CohortPulse extends CohortElement {
  static override styles = [...CohortElement.styles, pulseStyles];

  /** Badge ids, separated by spaces, whose claimed copies the pulse counts. */
  @property() badges = '';
  /** Thread ids, separated by spaces, the nudge may post in (the first is chosen); without it the facilitator types one. */
  @property() threads = '';
  /** Learners (and anyone not on the course team) see nothing at all, instead of the "For facilitators" note. */
  @property({ type: Boolean, reflect: true, attribute: 'hidden-for-learners' }) hiddenForLearners = false;

  protected readonly widget = 'pulse';

  /** Learners chosen for the nudge; undefined until the facilitator changes the choice (then the first ten). */
  @state() private chosen?: Set<string>;
  @state() private thread = '';
  /** The nudge's text once the facilitator has edited it; until then it follows the names chosen. */
  @state() private text?: string;
  /** Whether the member table is open. */
  @state() private tableOpen = false;

  #loaded?: Loaded;
  #loading?: Promise<Loaded>;

  readonly #page: PulsePage = ((element: CohortPulse): PulsePage => ({
    get badges() {
      return ids(element.badges);
    },
  }))(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('threads') && !ids(this.threads).includes(this.thread)) this.thread = ids(this.threads)[0] ?? '';
  }

  protected override validate(): Problem | undefined {
    for (const [name, value] of [
      ['badges', this.badges],
      ['threads', this.threads],
    ] as const) {
      const wrong = ids(value).find((id) => !ID_PATTERN.test(id));
      if (wrong) return { kind: 'markup', message: invalidIdMessage(name, wrong) };
    }
    return undefined;
  }

  #load(): Promise<Loaded> {
    this.#loading ??= Promise.all([
      import('./pulse-controller.js'),
      import('./pulse-metrics.js'),
      import('./views/metrics.js'),
      import('./views/trends.js'),
      import('./views/quiet.js'),
    ]).then(
      ([{ PulseController }, metrics, cards, trends, quiet]) => {
        this.#loaded = { controller: new PulseController(this.widgetHost, this.#page), metrics, cards, trends, quiet };
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

  /** Whoever is not on the course team, once the membership is known. */
  get #learnerView(): boolean {
    return Boolean(this.spaceState?.memberLoaded) && !this.isFacilitator;
  }

  protected override render(): TemplateResult {
    // A learner's page with `hidden-for-learners` shows no frame at all; the course team's shows everything.
    if (this.hiddenForLearners && !this.isFacilitator) return html``;
    return super.render();
  }

  /** The quiet learners chosen for the nudge: the facilitator's choice, or the first ten. */
  #chosenOf(pulse: Pulse, max: number): Set<string> {
    const quiet = new Set(pulse.quiet.map((row) => row.uid));
    if (this.chosen) return new Set([...this.chosen].filter((uid) => quiet.has(uid)));
    return new Set(pulse.quiet.slice(0, max).map((row) => row.uid));
  }

  async #sendNudge(pulse: Pulse, chosen: Set<string>, text: string) {
    const loaded = this.#loaded!;
    const uids = pulse.quiet.filter((row) => chosen.has(row.uid)).map((row) => row.uid);
    const sent = await loaded.controller.nudge(this.thread.trim(), uids, text);
    if (sent) {
      this.chosen = new Set();
      this.text = undefined;
    }
  }

  #download(name: string, csv: string) {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.announcer.announce(msg(str`Downloaded ${name}.`, { id: 'pulse.downloaded' }));
  }

  #renderMemberTable(rows: readonly LearnerRow[], loaded: Loaded): TemplateResult {
    // Rendered only while open: a closed disclosure still lays out its content, and 200 rows cost time on each update.
    return html`<details
      class="members"
      ?open=${this.tableOpen}
      @toggle=${(event: Event) => (this.tableOpen = (event.target as HTMLDetailsElement).open)}
    >
      <summary tabindex="0">${msg(str`Member table (${rows.length} learners)`, { id: 'pulse.member-table' })}</summary>
      ${this.tableOpen ? this.#renderTable(rows, loaded) : nothing}
    </details>`;
  }

  #renderTable(rows: readonly LearnerRow[], loaded: Loaded): TemplateResult {
    const { metrics } = loaded;
    const date = (day: number | null) => (day === null ? '—' : metrics.isoDay(day));
    return html`<div
      class="scroll"
      tabindex="0"
      role="region"
      aria-label=${msg('Member table', { id: 'pulse.member-table-name' })}
    >
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Name', { id: 'pulse.col-name' })}</th>
            <th scope="col">${msg('Joined', { id: 'pulse.col-joined' })}</th>
            <th scope="col">${msg('Last active', { id: 'pulse.col-last' })}</th>
            <th scope="col">${msg('Days active', { id: 'pulse.col-days' })}</th>
            <th scope="col">${msg('Substantive', { id: 'pulse.col-substantive' })}</th>
            <th scope="col">${msg('One-tap', { id: 'pulse.col-one-tap' })}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                <th scope="row" dir="auto">${row.name}</th>
                <td>${date(row.joinedDay)}</td>
                <td>${date(row.lastDay)}</td>
                <td>${row.activeDays}</td>
                <td>${metrics.SUBSTANTIVE.reduce((all, kind) => all + row.counts[kind], 0)}</td>
                <td>${metrics.REACTIONS.reduce((all, kind) => all + row.counts[kind], 0)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderPulse(loaded: Loaded): TemplateResult {
    const { controller, metrics, cards, trends, quiet } = loaded;
    const pulse = controller.pulse();
    const chosen = this.#chosenOf(pulse, quiet.MAX_MENTIONS);
    const names = pulse.quiet.filter((row) => chosen.has(row.uid)).map((row) => row.name);
    const text = this.text ?? quiet.defaultNudge(names);
    const settings = this.spaceState?.settings;
    const cohort = settings?.cohortLabel || settings?.name || this.spaceId;
    const space = this.spaceId;
    const downloads: [label: string, file: string, csv: () => string][] = [
      [
        msg('Member table (CSV)', { id: 'pulse.csv-members' }),
        `${space}-members.csv`,
        () => metrics.membersCsv(pulse.rows),
      ],
      [
        msg('Weekly metrics (CSV)', { id: 'pulse.csv-weeks' }),
        `${space}-weekly.csv`,
        () => metrics.weeksCsv(pulse.weeks),
      ],
    ];
    return html`
      <h2 class="pulse__title">${msg('Cohort pulse', { id: 'pulse.title' })}</h2>
      <p class="hint">
        ${msg(html`<bdi>${cohort}</bdi> · ${pulse.metrics.learners} learners · live`, { id: 'pulse.subtitle' })}
      </p>
      ${
        pulse.metrics.learners === 0
          ? html`<p class="notice">
              ${msg('No learners have joined yet. The numbers fill in as they do.', { id: 'pulse.empty' })}
            </p>`
          : nothing
      }
      ${cards.renderMetrics(pulse.metrics, this.locale)}
      <h3>${msg('Trends by week', { id: 'pulse.trends' })}</h3>
      ${trends.renderTrends(pulse.weeks, pulse.metrics.learners, this.locale)}
      <section part="quiet" aria-labelledby="quiet-title">
        <h3 id="quiet-title">${msg(str`Quiet learners (${pulse.quiet.length})`, { id: 'pulse.quiet' })}</h3>
        <p class="hint">
          ${msg(
            'Joined at least 7 days ago, with no contribution in the last 7 days. Only the course team sees this list.',
            {
              id: 'pulse.quiet-hint',
            },
          )}
        </p>
        ${quiet.renderQuiet(
          {
            quiet: pulse.quiet,
            locale: this.locale,
            chosen,
            threads: ids(this.threads),
            thread: this.thread,
            text,
            busy: controller.nudging,
            error: controller.error,
            roundEnded: this.roundEnded,
          },
          {
            toggle: (uid, on) => {
              const next = new Set(chosen);
              if (on) next.add(uid);
              else next.delete(uid);
              this.chosen = next;
            },
            thread: (thread) => (this.thread = thread),
            text: (value) => (this.text = value),
            send: () => void this.#sendNudge(pulse, chosen, text),
          },
        )}
      </section>
      <h3>${msg('Downloads', { id: 'pulse.downloads' })}</h3>
      <div class="downloads">
        ${downloads.map(
          ([label, file, csv]) =>
            html`<button class="button button--quiet" type="button" @click=${() => this.#download(file, csv())}>
              ${label}
            </button>`,
        )}
      </div>
      ${this.#renderMemberTable(pulse.rows, loaded)}
    `;
  }

  protected override renderContent(): TemplateResult {
    if (this.#learnerView) {
      return html`<div class="pulse" aria-busy="false">
        <p class="note">
          <strong>${msg('For facilitators', { id: 'pulse.for-facilitators' })}</strong>
          ${msg("The cohort's pulse shows here to its facilitators and owners.", { id: 'pulse.for-facilitators-note' })}
        </p>
      </div>`;
    }
    const loaded = this.#loaded;
    if (!loaded?.controller.loaded || !this.isFacilitator) {
      return html`<div class="pulse" aria-busy="true">
        <p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>
        <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>
      </div>`;
    }
    return html`<div class="pulse" aria-busy="false">${this.#renderPulse(loaded)}</div>`;
  }
}
