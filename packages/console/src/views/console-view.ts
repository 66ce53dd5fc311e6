// The console's content for each phase, from the controller's state. Loaded with the controller, after first paint.
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { ConsoleController } from '../console-controller.js';
import { renderNotOwner, renderSignIn } from './sign-in.js';
import { renderSpace } from './space.js';
import { renderSpaces } from './spaces.js';

export function renderConsole(controller: ConsoleController, locale: string): TemplateResult {
  const { phase, user, open } = controller;
  const signedInAs = user
    ? html`<p class="muted console__who">
          ${msg(str`Signed in as ${user.email}`, { id: 'console.signed-in-as' })}
          <button class="button button--quiet" type="button" @click=${controller.signOut}>
            ${msg('Sign out', { id: 'core.sign-in.sign-out' })}
          </button>
        </p>
        ${controller.errors.signOut ? html`<p class="notice notice--error" role="alert">${controller.errors.signOut}</p>` : ''}`
    : '';
  switch (phase) {
    case 'signed-out':
      return renderSignIn(controller, controller.sendLink, controller.otherEmail);
    case 'not-owner':
      return html`${signedInAs}${renderNotOwner(user!.email)}`;
    case 'owner':
      return html`${signedInAs}${
        open
          ? renderSpace(
              {
                open,
                busy: controller.busy,
                errors: controller.errors,
                locale,
                normsSummary: controller.normsSummary(),
                snippet: controller.snippet,
              },
              {
                close: controller.closeSpace,
                saveSettings: controller.saveSettings,
                invite: controller.invite,
                revoke: controller.revoke,
                askRemove: controller.askRemove,
                confirmRemove: controller.confirmRemove,
                cancelRemove: controller.cancelRemove,
                copySnippet: controller.copySnippet,
              },
            )
          : renderSpaces(controller, {
              openSpace: (id) => controller.openSpace(id),
              openById: controller.openById,
              createSpace: controller.createSpace,
            })
      }`;
    default:
      return html`<p class="muted" role="status">${msg('Loading…', { id: 'core.loading' })}</p>`;
  }
}
