import { msg } from '@lit/localize';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { CohortElement, registerTranslations } from '@cohort-kit/core';
import { CohortSignedInEvent } from './events.js';
import { signInStyles } from './sign-in.styles.js';

registerTranslations(() => import('./locales/es.js'));

const TEAM_ROLES = ['facilitator', 'owner', 'mentor'];

/**
 * The course team's sign-in, for a facilitators' page: the email form every element offers behind "Facilitator?
 * Sign in", shown open. The emailed link comes back to this page; once signed in, the element says who they are
 * and their role in the space (claiming an invitation if they hold one), with a sign-out.
 *
 * @summary Email sign-in for facilitators, mentors and owners.
 * @tag cohort-sign-in
 *
 * @event cohort-signed-in - Someone signed in and their role in the space is known; `detail.role` is null when the
 * space gives them none.
 */
export class CohortSignIn extends CohortElement {
  static override styles = [...CohortElement.styles, signInStyles];

  protected readonly widget = 'sign-in';
  #announcedFor = '';

  protected override get offersSignIn(): boolean {
    return false;
  }

  /** Nothing of its own to watch: the space and the signed-in person come with every element. */
  protected startData(): () => void {
    return () => {};
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const state = this.spaceState;
    const user = state?.user;
    if (!user?.email || user.isAnonymous || !state?.memberLoaded || state.teamRole === 'checking') return;
    const role = state.member && TEAM_ROLES.includes(state.member.role) ? state.member.role : null;
    if (!role && state.teamRole !== 'none') return;
    const key = `${user.uid}:${role}`;
    if (key === this.#announcedFor) return;
    this.#announcedFor = key;
    this.emit(new CohortSignedInEvent({ space: this.spaceId, email: user.email, role }));
  }

  protected renderContent(): TemplateResult {
    return html`<p class="sign-in__intro">
        ${msg(
          'For the course team: sign in with the email your role was given or invited to, and it shows in every element of this space.',
          { id: 'sign-in.intro' },
        )}
      </p>
      ${this.renderSignIn()}`;
  }
}
