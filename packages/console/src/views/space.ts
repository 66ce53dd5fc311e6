// One open space: its settings, the course team's invitations, the members with their norms acknowledgement, and
// the snippet a course page pastes.
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { relativeTime, roleLabel } from '@cohort-kit/core';
import { TEAM_ROLES, type FieldErrors, type InviteRow, type MemberRow, type TeamRole } from '../console-model.js';
import type { OpenSpace } from '../console-controller.js';
import { field, onSubmit } from './fields.js';
import { settingsFields } from './settings.js';

export interface SpaceView {
  open: OpenSpace;
  busy: boolean;
  errors: FieldErrors;
  locale: string;
  normsSummary: string;
  snippet: string;
}

export interface SpaceActions {
  close: () => void;
  saveSettings: (form: HTMLFormElement) => unknown;
  invite: (form: HTMLFormElement) => unknown;
  revoke: (invite: InviteRow) => unknown;
  askRemove: (member: MemberRow) => void;
  confirmRemove: () => unknown;
  cancelRemove: () => void;
  copySnippet: () => unknown;
}

const teamRoleLabel = (role: TeamRole) => roleLabel(role) ?? role;

function renderInvite(invite: InviteRow, view: SpaceView, actions: SpaceActions) {
  const when = (date: Date | null) => (date ? relativeTime(date, view.locale) : '');
  return html`<li class="console__row" data-email=${invite.email}>
    <span>
      <strong>${invite.email}</strong> · ${teamRoleLabel(invite.role)}<br />
      ${
        invite.claimedBy
          ? html`<span class="console__status console__status--done"
              >${msg(str`Accepted ${when(invite.claimedAt)}`, { id: 'console.accepted' })}</span
            >`
          : html`<span class="console__status"
              >${msg(str`Pending, invited ${when(invite.invitedAt)}`, { id: 'console.pending' })}</span
            >`
      }
    </span>
    ${
      invite.claimedBy
        ? nothing
        : html`<button
            class="button button--quiet"
            type="button"
            aria-label=${msg(str`Revoke ${invite.email}`, { id: 'console.revoke-named' })}
            ?disabled=${view.busy}
            @click=${() => actions.revoke(invite)}
          >
            ${msg('Revoke', { id: 'console.revoke' })}
          </button>`
    }
  </li>`;
}

function renderMember(member: MemberRow, view: SpaceView, actions: SpaceActions) {
  const removed = member.role === 'removed';
  const confirming = view.open.confirmRemove?.uid === member.uid;
  return html`<li class="console__row" data-uid=${member.uid}>
    <span>
      <strong>${member.displayName || member.uid}</strong> ·
      ${removed ? msg('Removed', { id: 'console.role-removed' }) : (roleLabel(member.role) ?? msg('Learner', { id: 'console.role-learner' }))}<br />
      <span class="muted">
        ${
          member.normsAcknowledgedAt
            ? msg('Acknowledged the norms', { id: 'console.acknowledged' })
            : msg('Has not acknowledged the norms', { id: 'console.not-acknowledged' })
        }${member.joinedAt ? html` · ${msg(str`joined ${relativeTime(member.joinedAt, view.locale)}`, { id: 'console.joined' })}` : nothing}
      </span>
    </span>
    ${
      removed || member.role === 'owner' || confirming
        ? nothing
        : html`<button
            class="button button--quiet"
            type="button"
            aria-label=${msg(str`Remove ${member.displayName}`, { id: 'console.remove-named' })}
            ?disabled=${view.busy}
            @click=${() => actions.askRemove(member)}
          >
            ${msg('Remove', { id: 'console.remove' })}
          </button>`
    }
    ${
      confirming
        ? html`<div class="console__confirm" role="group" aria-labelledby="confirm-remove">
            <p id="confirm-remove">
              ${msg(
                str`Remove ${member.displayName} from this space? They will no longer be able to take part, nor join again.`,
                {
                  id: 'console.confirm-remove',
                },
              )}
            </p>
            <div class="console__actions">
              <button class="button console__danger" type="button" @click=${actions.confirmRemove}>
                <span>${msg(html`Yes, remove <bdi>${member.displayName}</bdi>`, { id: 'console.confirm-yes' })}</span>
              </button>
              <button class="button button--quiet" type="button" @click=${actions.cancelRemove}>
                ${msg('Cancel', { id: 'console.cancel' })}
              </button>
            </div>
          </div>`
        : nothing
    }
  </li>`;
}

export function renderSpace(view: SpaceView, actions: SpaceActions): TemplateResult {
  const { open } = view;
  const back = html`<div>
    <button class="button button--quiet" type="button" @click=${actions.close}>
      ${msg('All spaces', { id: 'console.all-spaces' })}
    </button>
  </div>`;
  if (open.settings === undefined && !open.error) {
    return html`${back}
      <p class="muted" role="status">${msg('Loading the space…', { id: 'console.loading-space' })}</p>`;
  }
  if (!open.settings) {
    return html`${back}
      <p class="error" role="alert">${open.error}</p>`;
  }
  return html`${back}
    <section class="console__section" aria-labelledby="space-title">
      <h2 id="space-title">${open.settings.name} <span class="muted">${open.id}</span></h2>
      ${open.error ? html`<p class="error" role="alert">${open.error}</p>` : nothing}
      <form class="console__form" novalidate @submit=${onSubmit(actions.saveSettings)}>
        ${settingsFields('settings', open.settings, view.errors)}
        <div>
          <button class="button" type="submit" ?disabled=${view.busy}>
            ${msg('Save settings', { id: 'console.save' })}
          </button>
        </div>
        ${view.errors.form ? html`<p class="error" role="alert">${view.errors.form}</p>` : nothing}
      </form>
    </section>
    <section class="console__section" aria-labelledby="team-title">
      <h2 id="team-title">${msg('Course team', { id: 'console.team' })}</h2>
      <p class="muted">
        ${msg('Invite facilitators, mentors and other owners by email: they accept by signing in with that address.', {
          id: 'console.team-lede',
        })}
      </p>
      <form class="console__inline-form" novalidate @submit=${onSubmit(actions.invite)}>
        ${field({ form: 'invite', name: 'inviteEmail', type: 'email', label: msg('Email', { id: 'console.invite-email' }), errors: view.errors })}
        <div class="field">
          <label for="invite-role">${msg('Role', { id: 'console.invite-role' })}</label>
          <select id="invite-role" name="inviteRole">
            ${TEAM_ROLES.map((role) => html`<option value=${role}>${teamRoleLabel(role)}</option>`)}
          </select>
        </div>
        <div>
          <button class="button" type="submit" ?disabled=${view.busy}>
            ${msg('Invite', { id: 'console.invite' })}
          </button>
        </div>
      </form>
      ${view.errors.team ? html`<p class="error" role="alert">${view.errors.team}</p>` : nothing}
      ${
        open.invites.length
          ? html`<ul class="console__list" aria-label=${msg('Invitations', { id: 'console.invitations' })}>
              ${open.invites.map((invite) => renderInvite(invite, view, actions))}
            </ul>`
          : html`<p class="muted">${msg('No invitations yet.', { id: 'console.no-invites' })}</p>`
      }
    </section>
    <section class="console__section" aria-labelledby="members-title">
      <h2 id="members-title">${msg('Members', { id: 'console.members' })}</h2>
      <p class="console__summary">${view.normsSummary}</p>
      <ul class="console__list" aria-label=${msg('Members', { id: 'console.members' })}>
        ${open.members.map((member) => renderMember(member, view, actions))}
      </ul>
    </section>
    <section class="console__section" aria-labelledby="snippet-title">
      <h2 id="snippet-title">${msg('Snippet for course pages', { id: 'console.snippet' })}</h2>
      <div class="field">
        <label for="snippet" class="muted">
          ${msg('Paste it into a course page; change the thread and prompt to suit.', { id: 'console.snippet-hint' })}
        </label>
        <textarea id="snippet" class="console__snippet" dir="ltr" readonly rows="8" .value=${view.snippet}></textarea>
      </div>
      <div>
        <button class="button" type="button" @click=${actions.copySnippet}>
          ${msg('Copy snippet', { id: 'console.copy' })}
        </button>
      </div>
    </section>`;
}
