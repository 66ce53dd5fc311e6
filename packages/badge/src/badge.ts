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
import { badgeStyles } from './badge.styles.js';
import type { BadgeController, BadgePage } from './badge-controller.js';
import type { ClaimClosed } from './badge-data.js';
import { LIMITS, parseCriteria, type Criteria } from './badge-limits.js';

export type { CohortBadgeClaimedDetail, CohortBadgeClaimedEvent } from './events.js';

registerTranslations(() => import('./locales/es.js'));

/** What the element loads after first paint: the controller and the views that show the data. */
interface Loaded {
  controller: BadgeController;
  art: typeof import('./views/art.js');
  parts: typeof import('./views/parts.js');
}

/**
 * A limited-edition cohort badge, earned by taking part: a checklist of criteria read live from the learner's
 * activity ledger, "Claim #7 of 20" once every one holds, the holders' wall, and the holder's signed Open Badges 3.0
 * credential. The course team defines the badge with `cohort-kit create-badge`; the page only names it. In preview
 * mode (no Firebase settings) the `name`, `criteria` and `edition` attributes define a local badge. The frame,
 * problem, name form and the `--cohort-*` tokens are every element's (see CohortElement).
 *
 * @summary Limited-edition cohort badge: criteria progress, a numbered claim, the holders' wall, a credential.
 * @tag cohort-badge
 *
 * @event cohort-badge-claimed - The learner claimed a numbered copy. `detail: { space, badge, number }`.
 *
 * @csspart art - The badge's art: the drawn SVG, or the course team's image.
 * @csspart criteria - The criteria checklist.
 * @csspart claim - The claim button.
 * @csspart wall - The holders' wall.
 */
export class CohortBadge extends CohortElement {
  static override styles = [...CohortElement.styles, badgeStyles];

  /** The badge's id, as `cohort-kit create-badge --badge` named it. */
  @property({ reflect: true }) badge = '';
  /** Preview mode only: the badge's name. */
  @property() name = '';
  /** Preview mode only: what it takes, as the CLI writes it: `posts>=2, replies>=2, feedback-given>=2`. */
  @property() criteria = '';
  /** Preview mode only: how many copies there are. */
  @property({ type: Number }) edition = 0;

  protected readonly widget = 'badge';

  /** Whether the learner's name goes on the wall with their copy. */
  @state() private showName = true;

  #loaded?: Loaded;
  #loading?: Promise<Loaded>;

  readonly #page: BadgePage = ((element: CohortBadge): BadgePage => ({
    get badge() {
      return element.badge;
    },
    get previewDefinition() {
      return element.#previewDefinition();
    },
    missingMessage: (mode) =>
      mode === 'preview'
        ? msg(
            str`No badge "${element.badge}" here. In preview, define one with the name, criteria and edition attributes, for example criteria="posts>=2, replies>=2" edition="20".`,
            { id: 'badge.missing-preview' },
          )
        : msg(
            str`Space "${element.spaceId}" has no badge "${element.badge}". The course team creates it with: npx cohort-kit create-badge --space ${element.spaceId} --badge ${element.badge} --name … --criteria … --edition …`,
            { id: 'badge.missing' },
          ),
  }))(this);

  /** The preview badge the attributes define, when they define one (the validation already passed). */
  #previewDefinition(): { name: string; criteria: Criteria; edition: number } | undefined {
    if (!this.criteria || !this.edition) return undefined;
    const criteria = parseCriteria(this.criteria);
    if (typeof criteria === 'string') return undefined;
    return { name: this.name || this.badge, criteria, edition: this.edition };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('badge') && changed.get('badge') !== undefined) this.restart();
  }

  protected override validate(): Problem | undefined {
    const markup = (message: string): Problem => ({ kind: 'markup', message });
    if (!this.badge) {
      return markup(
        msg(
          'The badge attribute is missing: name the badge the course team created, for example badge="founding-voices".',
          {
            id: 'badge.badge-missing',
          },
        ),
      );
    }
    if (!ID_PATTERN.test(this.badge)) return markup(invalidIdMessage('badge', this.badge));
    if (this.criteria) {
      const criteria = parseCriteria(this.criteria);
      if (typeof criteria === 'string') return markup(criteria);
    }
    if (
      this.hasAttribute('edition') &&
      (!Number.isInteger(this.edition) || this.edition < 1 || this.edition > LIMITS.edition)
    ) {
      return markup(
        msg(str`edition="${this.getAttribute('edition')}" must be a whole number from 1 to ${LIMITS.edition}.`, {
          id: 'badge.edition-invalid',
        }),
      );
    }
    return undefined;
  }

  #load(): Promise<Loaded> {
    this.#loading ??= Promise.all([
      import('./badge-controller.js'),
      import('./views/art.js'),
      import('./views/parts.js'),
    ]).then(
      ([{ BadgeController }, art, parts]) => {
        this.#loaded = { controller: new BadgeController(this.widgetHost, this.#page), art, parts };
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

  #date(date: Date | null): string {
    return date ? new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(date) : '';
  }

  async #download(controller: BadgeController) {
    const credential = await controller.loadCredential();
    if (!credential) return;
    const file = new Blob([credential.jwt], { type: 'application/vc+jwt' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `${this.badge}-${credential.number}.jwt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.announcer.announce(msg('Credential downloaded.', { id: 'badge.downloaded' }));
  }

  /** The learner's copy: its number, the date, and their credential. */
  #renderClaimed(controller: BadgeController): TemplateResult {
    const mine = controller.mine!;
    const badge = controller.badge!;
    const credential = controller.credential;
    return html`<p class="status" role="status">
        ${msg(str`You hold copy #${mine.number} of ${badge.edition}.`, { id: 'badge.yours' })}
      </p>
      ${mine.claimedAt ? html`<p class="hint">${msg(str`Claimed on ${this.#date(mine.claimedAt)}.`, { id: 'badge.claimed-on' })}</p>` : nothing}
      <div class="claim">
        <button
          class="button"
          type="button"
          aria-busy=${credential === 'loading' ? 'true' : 'false'}
          @click=${() => void this.#download(controller)}
        >
          ${msg('Download credential', { id: 'badge.download' })}
        </button>
        ${
          credential === 'none'
            ? html`<p class="hint" role="status">
                ${msg('Your signed credential is not ready yet: the course team issues it after claiming closes.', { id: 'badge.no-credential' })}
              </p>`
            : nothing
        }
      </div>`;
  }

  /** Claiming is open: progress, what is left, and the claim. */
  #renderOpen(loaded: Loaded): TemplateResult {
    const { controller, parts } = loaded;
    const badge = controller.badge!;
    const next = badge.issued + 1;
    const eligible = controller.eligible;
    const left = badge.edition - badge.issued;
    return html`<p class="status">${msg(str`${left} of ${badge.edition} left`, { id: 'badge.left' })}</p>
      ${
        badge.closesAt
          ? html`<p class="hint">
              ${msg(str`Claiming closes on ${this.#date(badge.closesAt)}.`, { id: 'badge.closes' })}
            </p>`
          : nothing
      }
      ${parts.renderChecklist(controller.progress, badge.hints)}
      ${
        this.isRemoved
          ? nothing
          : html`<div class="claim">
              <label class="choice">
                <input
                  type="checkbox"
                  .checked=${this.showName}
                  @change=${(event: Event) => (this.showName = (event.target as HTMLInputElement).checked)}
                />
                <span
                  >${msg('Show my name on the holders’ wall (otherwise “A cohort member”)', { id: 'badge.show-name' })}</span
                >
              </label>
              <button
                class="button"
                type="button"
                part="claim"
                aria-disabled=${eligible ? 'false' : 'true'}
                aria-describedby=${eligible ? nothing : 'claim-why'}
                aria-busy=${controller.busy ? 'true' : 'false'}
                @click=${() => void this.#claim(controller)}
              >
                ${msg(str`Claim #${next} of ${badge.edition}`, { id: 'badge.claim' })}
              </button>
              ${
                controller.busy
                  ? html`<p class="hint">${msg('Claiming your copy…', { id: 'badge.claiming' })}</p>`
                  : nothing
              }
              ${
                eligible
                  ? nothing
                  : html`<p class="hint" id="claim-why">
                      ${msg('You can claim once every item above is done.', { id: 'badge.claim-why' })}
                    </p>`
              }
            </div>`
      }`;
  }

  async #claim(controller: BadgeController) {
    if (!controller.eligible) {
      this.announcer.announce(msg('Not yet: every criterion above must hold first.', { id: 'badge.not-yet' }));
      return;
    }
    await controller.claim(this.showName);
  }

  /** Why claiming is over, named as the moment it was. */
  #renderOver(controller: BadgeController, reason: ClaimClosed['reason']): TemplateResult {
    const badge = controller.badge!;
    const moment =
      reason === 'all-claimed'
        ? msg(str`Every copy went to someone who helped shape this cohort. Thank you for being part of it.`, {
            id: 'badge.all-claimed-moment',
          })
        : '';
    return html`<p class="status" role="status">${controller.closedMessage(reason, badge)}</p>
      ${moment ? html`<p class="hint">${moment}</p>` : nothing}`;
  }

  protected override renderContent(): TemplateResult {
    const loaded = this.#loaded;
    if (!loaded?.controller.loaded || !loaded.controller.badge) {
      return html`<div aria-busy="true">
        <p class="hint">${msg('Loading…', { id: 'core.loading' })}</p>
        <span class="skeleton skeleton--line" aria-hidden="true">&nbsp;</span>
      </div>`;
    }
    const { controller, art, parts } = loaded;
    const badge = controller.badge!;
    const mine = controller.mine;
    const reason = controller.closedReason;
    const cohortLabel = this.spaceState?.settings.cohortLabel || this.spaceState?.settings.name || '';
    const label = mine
      ? msg(str`${badge.name} badge, copy #${mine.number} of ${badge.edition}, ${cohortLabel}`, {
          id: 'badge.art-mine',
        })
      : msg(str`${badge.name} badge, an edition of ${badge.edition}, ${cohortLabel}`, { id: 'badge.art' });
    const mark = mine ? `#${mine.number}` : msg(str`${badge.edition} copies`, { id: 'badge.copies' });
    return html`<div class="badge-root" aria-busy="false">
      <div class="badge">
        <div class="badge__art">
          ${art.renderArt({ name: badge.name, cohortLabel, mark, image: badge.image, label })}
        </div>
        <div class="badge__body">
          <h2 class="badge__name" dir="auto">${badge.name}</h2>
          ${badge.description ? html`<p class="badge__description" dir="auto">${badge.description}</p>` : nothing}
          ${mine ? this.#renderClaimed(controller) : reason && reason !== 'busy' ? this.#renderOver(controller, reason) : this.#renderOpen(loaded)}
          ${controller.error ? html`<p class="error" role="alert">${controller.error}</p>` : nothing}
          ${reason === 'busy' && !mine ? html`<p class="error" role="alert">${controller.closedMessage('busy')}</p>` : nothing}
        </div>
        ${parts.renderWall(controller.wall, badge.issued, this.spaceState?.user?.uid ?? '')}
      </div>
    </div>`;
  }
}
