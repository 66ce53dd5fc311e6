// The console's state, subscriptions and writes: who is signed in and whether they are an owner account, the spaces
// this browser remembers, and the open space with its settings, members and invitations. Loaded after first paint;
// it reaches the element only through ConsoleHost.
import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { connect, readScriptTagConfig, sendFacilitatorSignInLink } from '@cohort-kit/core';
import {
  displayNameProblem,
  emailProblem,
  normsCount,
  readSettings,
  rememberedSpaces,
  rememberSpace,
  snippetFor,
  spaceIdProblem,
  TEAM_ROLES,
  type ConsoleUser,
  type FieldErrors,
  type InviteRow,
  type MemberRow,
  type RememberedSpace,
  type Settings,
  type TeamRole,
} from './console-model.js';
import type { ConsoleSource } from './console-source.js';
import { PREVIEW_SPACE } from './console-model.js';
import { CohortSpaceCreatedEvent, dispatch } from './events.js';

/** What the controller may ask of the element. */
export interface ConsoleHost extends ReactiveControllerHost {
  readonly element: HTMLElement;
  /** The space the page asks to open first (the `space` attribute), if any. */
  readonly initialSpace: string;
  announce(message: string): void;
  /** Stops the console with a problem it cannot work past (a wrong setting, no connection). */
  fail(message: string): void;
}

export type Phase = 'loading' | 'signed-out' | 'not-owner' | 'owner';

export interface OpenSpace {
  id: string;
  /** undefined while loading; null when there is no such space */
  settings?: Settings | null;
  role: string;
  members: MemberRow[];
  invites: InviteRow[];
  error: string;
  /** A member whose removal waits for the owner's confirmation. */
  confirmRemove?: MemberRow;
  copied: boolean;
}

export class ConsoleController implements ReactiveController {
  phase: Phase = 'loading';
  user: ConsoleUser | null = null;
  source?: ConsoleSource;
  spaces: RememberedSpace[] = [];
  open?: OpenSpace;
  /** The address a link went to, once sent. */
  linkSentTo = '';
  busy = false;
  /** Errors by form field (name, id, email…), and `form` for the whole form. */
  errors: FieldErrors = {};
  #stops: (() => void)[] = [];
  #stopSpace = () => {};
  #generation = 0;
  /** The space open when the element left the page, opened again when it comes back. */
  #reopen = '';

  constructor(private readonly host: ConsoleHost) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.#start();
  }

  hostDisconnected(): void {
    this.#generation++;
    this.#reopen = this.open?.id ?? '';
    this.#closeSpace();
    this.phase = 'loading';
    for (const stop of this.#stops.splice(0)) stop();
    this.host.requestUpdate(); // renders as loading when it comes back, not with the space it left
  }

  #update(patch: Partial<Pick<ConsoleController, 'phase' | 'user' | 'open' | 'linkSentTo' | 'busy' | 'errors'>> = {}) {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  async #start() {
    const generation = ++this.#generation;
    try {
      // Kept across a move in the page, with its preview data.
      this.source ??= await this.#connect();
    } catch (error) {
      this.host.fail((error as Error).message || String(error));
      return;
    }
    if (generation !== this.#generation) return;
    const source = this.source;
    if (source.mode === 'live') this.spaces = rememberedSpaces(source.projectId);
    this.#stops.push(source.watchUser((user) => void this.#onUser(user, generation)));
  }

  async #connect(): Promise<ConsoleSource> {
    const runtime = await connect();
    return runtime.mode === 'preview'
      ? (await import('./console-preview.js')).previewSource()
      : (await import('./console-data.js')).liveSource(runtime);
  }

  async #onUser(user: ConsoleUser | null, generation: number) {
    if (user?.uid === this.user?.uid && this.phase !== 'loading') return;
    this.#closeSpace();
    if (!user) return this.#update({ user: null, phase: 'signed-out' });
    this.#update({ user, phase: 'loading' });
    let owner: boolean;
    try {
      owner = await this.source!.isOwnerAccount(user);
    } catch (error) {
      this.host.fail((error as Error).message);
      return;
    }
    if (generation !== this.#generation || this.user !== user) return;
    this.#update({ phase: owner ? 'owner' : 'not-owner' });
    const first = this.#reopen || this.host.initialSpace || (this.source!.mode === 'preview' ? PREVIEW_SPACE : '');
    this.#reopen = '';
    if (owner && first) await this.openSpace(first);
  }

  // ---------- sign-in ----------

  readonly sendLink = async (form: HTMLFormElement) => {
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const problem = emailProblem(email);
    if (problem) return this.#update({ errors: { email: problem } });
    this.#update({ busy: true, errors: {} });
    try {
      await sendFacilitatorSignInLink(email, location.href);
      this.#update({ linkSentTo: email });
      this.host.announce(msg(str`Sign-in link sent to ${email}.`, { id: 'console.link-sent' }));
    } catch (error) {
      this.#update({ errors: { email: (error as Error).message } });
    } finally {
      this.#update({ busy: false });
    }
  };

  readonly otherEmail = () => this.#update({ linkSentTo: '', errors: {} });

  // ---------- spaces ----------

  #remember(id: string, name: string) {
    if (this.source?.mode === 'live') this.spaces = rememberSpace(this.source.projectId, { id, name });
    else this.spaces = [{ id, name }, ...this.spaces.filter((each) => each.id !== id)];
  }

  readonly openById = (form: HTMLFormElement) => {
    const id = (form.elements.namedItem('openId') as HTMLInputElement).value.trim();
    const problem = spaceIdProblem(id);
    if (problem) return this.#update({ errors: { openId: problem } });
    void this.openSpace(id);
  };

  async openSpace(id: string) {
    const source = this.source!;
    const user = this.user!;
    this.#closeSpace();
    const open: OpenSpace = { id, role: '', members: [], invites: [], error: '', copied: false };
    this.#update({ open, errors: {} });
    try {
      open.role = await source.roleIn(id, user);
    } catch (error) {
      open.error = (error as Error).message;
    }
    if (this.open !== open) return;
    if (open.role !== 'owner') {
      // Not this account's space: the rules would refuse its members and invitations, so say why instead.
      open.settings = null;
      open.error ||= msg(
        str`You are not an owner of the space "${id}", or it does not exist. Check the id, or ask one of its owners to invite you.`,
        { id: 'console.not-space-owner' },
      );
      return this.#update();
    }
    this.#stopSpace = source.watchSpace(id, {
      space: (settings) => {
        open.settings = settings;
        if (settings) this.#remember(id, settings.name);
        this.#update();
      },
      members: (members) => {
        open.members = members;
        this.#update();
      },
      invites: (invites) => {
        open.invites = invites;
        this.#update();
      },
      error: (error) => {
        open.error = error.message;
        this.#update();
      },
    });
  }

  #closeSpace() {
    this.#stopSpace();
    this.#stopSpace = () => {};
    this.open = undefined;
  }

  readonly signOut = async () => {
    this.#closeSpace();
    try {
      await this.source!.signOut();
      this.host.announce(msg('You are signed out.', { id: 'core.sign-in.signed-out' }));
    } catch (error) {
      this.#update({ errors: { signOut: (error as Error).message } });
    }
  };

  readonly closeSpace = () => {
    this.#closeSpace();
    this.#update({ errors: {} });
  };

  readonly createSpace = async (form: HTMLFormElement) => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const id = value('spaceId');
    const displayName = value('displayName');
    const { settings, errors } = readSettings(form);
    const idProblem = spaceIdProblem(id);
    if (idProblem) errors.spaceId = idProblem;
    const nameProblem = displayNameProblem(displayName);
    if (nameProblem) errors.displayName = nameProblem;
    if (Object.keys(errors).length) return this.#update({ errors });
    this.#update({ busy: true, errors: {} });
    try {
      await this.source!.createSpace(id, settings, this.user!, displayName);
      this.#remember(id, settings.name);
      form.reset();
      this.host.announce(msg(str`Space "${settings.name}" created.`, { id: 'console.created' }));
      dispatch(this.host.element, new CohortSpaceCreatedEvent({ space: id }));
      await this.openSpace(id);
    } catch (error) {
      this.#update({ errors: { spaceId: (error as Error).message } });
    } finally {
      this.#update({ busy: false });
    }
  };

  readonly saveSettings = async (form: HTMLFormElement) => {
    const { settings, errors } = readSettings(form);
    if (Object.keys(errors).length) return this.#update({ errors });
    await this.#act(
      () => this.source!.saveSettings(this.open!.id, settings),
      msg('Settings saved.', { id: 'console.saved' }),
      'form',
    );
  };

  // ---------- the course team ----------

  readonly invite = async (form: HTMLFormElement) => {
    const open = this.open!;
    const email = (form.elements.namedItem('inviteEmail') as HTMLInputElement).value.trim().toLowerCase();
    const role = (form.elements.namedItem('inviteRole') as HTMLSelectElement).value as TeamRole;
    const problem =
      emailProblem(email) ??
      (open.invites.some((each) => each.email === email)
        ? msg('This address is invited already. Revoke the invitation first to change its role.', {
            id: 'console.invited-already',
          })
        : undefined);
    if (problem) return this.#update({ errors: { inviteEmail: problem } });
    if (!TEAM_ROLES.includes(role)) return;
    await this.#act(
      async () => {
        await this.source!.invite(open.id, email, role, this.user!);
        form.reset();
      },
      msg(str`Invitation for ${email} saved.`, { id: 'console.invited' }),
      'inviteEmail',
    );
  };

  readonly revoke = (invite: InviteRow) =>
    this.#act(
      () => this.source!.revoke(this.open!.id, invite.email),
      msg(str`Invitation for ${invite.email} revoked.`, { id: 'console.revoked' }),
    );

  readonly askRemove = (member: MemberRow) => {
    this.open!.confirmRemove = member;
    this.#update();
  };

  readonly cancelRemove = () => {
    this.open!.confirmRemove = undefined;
    this.#update();
  };

  readonly confirmRemove = async () => {
    const open = this.open!;
    const member = open.confirmRemove;
    if (!member) return;
    open.confirmRemove = undefined;
    await this.#act(
      () => this.source!.removeMember(open.id, member.uid, this.user!),
      msg(str`${member.displayName} was removed from the space.`, { id: 'console.removed' }),
    );
  };

  /** One write at a time: `done` is announced once the server has it, a refusal shows by `errorField`. */
  async #act(action: () => Promise<void>, done: string, errorField = 'team') {
    this.#update({ busy: true, errors: {} });
    try {
      await action();
      this.host.announce(done);
    } catch (error) {
      this.#update({ errors: { [errorField]: (error as Error).message } });
    } finally {
      this.#update({ busy: false });
    }
  }

  // ---------- the snippet ----------

  /** The kit's script tag for the open space, with the public settings this page loaded the kit with. */
  get snippet(): string {
    const config = readScriptTagConfig();
    const kit = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((script) =>
      /cohort-kit(\.[a-z]+)?\.[jt]s$/.test(new URL(script.src, document.baseURI).pathname),
    );
    return snippetFor(this.open?.id ?? '', {
      kitUrl: kit ? new URL(kit.src, document.baseURI).href : 'https://YOUR-PROJECT.web.app/kit/cohort-kit.js',
      projectId: config.projectId,
      apiKey: config.apiKey,
      authDomain: config.authDomain,
      appId: config.appId,
    });
  }

  readonly copySnippet = async () => {
    const open = this.open!;
    try {
      await navigator.clipboard.writeText(this.snippet);
      this.host.announce(msg('Snippet copied.', { id: 'console.copied' }));
    } catch {
      // No clipboard (an insecure page, a refused permission): the text is selected for a manual copy.
      this.host.announce(
        msg('Copying is not allowed here: the snippet is selected, copy it yourself.', { id: 'console.copy-manual' }),
      );
      const area = this.host.element.shadowRoot?.querySelector<HTMLTextAreaElement>('#snippet');
      area?.focus();
      area?.select();
    }
    open.copied = true;
    this.#update();
  };

  normsSummary(): string {
    const { acknowledged, total } = normsCount(this.open?.members ?? []);
    return msg(str`${acknowledged} of ${total} acknowledged the norms`, { id: 'console.norms-count' });
  }
}
