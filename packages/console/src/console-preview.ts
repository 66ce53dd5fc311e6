// The console in preview mode: an owner account with one sample space, kept in memory, so an author or a designer
// sees every part of the console working (create, invite, remove) and nothing is written anywhere.
import {
  existsMessage,
  PREVIEW_SPACE,
  type ConsoleUser,
  type InviteRow,
  type MemberRow,
  type Settings,
} from './console-model.js';
import type { ConsoleSource, SpaceWatch } from './console-source.js';

const OWNER: ConsoleUser = { uid: 'preview-owner', email: 'owner@example.com' };
const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

interface SampleSpace {
  settings: Settings;
  members: MemberRow[];
  invites: InviteRow[];
  watchers: Set<SpaceWatch>;
}

function sample(): Map<string, SampleSpace> {
  const member = (uid: string, displayName: string, role: string, days: number, acknowledged: boolean): MemberRow => ({
    uid,
    displayName,
    role,
    joinedAt: ago(days),
    normsAcknowledgedAt: acknowledged ? ago(days) : null,
  });
  return new Map([
    [
      PREVIEW_SPACE,
      {
        settings: {
          name: 'Leading with Purpose',
          cohortLabel: 'Spring 2026',
          norms: 'Be kind, be specific, and keep what peers share in the cohort.',
          reportThreshold: 3,
          blockedWords: [],
        },
        members: [
          member(OWNER.uid, 'Olu Owner', 'owner', 30, true),
          member('preview-fac', 'Farah Facilitator', 'facilitator', 20, true),
          member('preview-ana', 'Ana Learner', 'learner', 6, true),
          member('preview-ben', 'Ben Learner', 'learner', 5, false),
          member('preview-chi', 'Chi Learner', 'learner', 2, true),
        ],
        invites: [
          {
            email: 'farah@example.com',
            role: 'facilitator',
            invitedAt: ago(21),
            claimedBy: 'preview-fac',
            claimedAt: ago(20),
          },
          { email: 'mo@example.com', role: 'mentor', invitedAt: ago(1), claimedBy: null, claimedAt: null },
        ],
        watchers: new Set(),
      },
    ],
  ]);
}

export function previewSource(): ConsoleSource {
  const spaces = sample();
  const userListeners = new Set<(user: ConsoleUser | null) => void>();
  const publish = (id: string) => {
    const space = spaces.get(id);
    for (const watch of space?.watchers ?? []) {
      watch.space({ ...space!.settings });
      watch.members([...space!.members]);
      watch.invites([...space!.invites]);
    }
  };
  const change = (id: string, update: (space: SampleSpace) => void) => {
    const space = spaces.get(id);
    if (space) update(space);
    publish(id);
    return Promise.resolve();
  };
  return {
    mode: 'preview',
    projectId: 'preview',
    watchUser(listener) {
      userListeners.add(listener);
      listener(OWNER);
      return () => userListeners.delete(listener);
    },
    isOwnerAccount: () => Promise.resolve(true),
    // Preview has one owner, always signed in: signing out shows the sign-in form until the next page load.
    signOut() {
      for (const listener of userListeners) listener(null);
      return Promise.resolve();
    },
    createSpace(id, settings, user, displayName) {
      if (spaces.has(id)) return Promise.reject(new Error(existsMessage()));
      spaces.set(id, {
        settings,
        members: [{ uid: user.uid, displayName, role: 'owner', joinedAt: new Date(), normsAcknowledgedAt: null }],
        invites: [],
        watchers: new Set(),
      });
      return Promise.resolve();
    },
    roleIn: (id, user) =>
      Promise.resolve(spaces.get(id)?.members.find((member) => member.uid === user.uid)?.role ?? ''),
    watchSpace(id, handlers) {
      const space = spaces.get(id);
      if (!space) {
        handlers.space(null);
        return () => {};
      }
      space.watchers.add(handlers);
      publish(id);
      return () => space.watchers.delete(handlers);
    },
    saveSettings: (id, settings) => change(id, (space) => (space.settings = settings)),
    invite: (id, email, role) =>
      change(id, (space) =>
        space.invites.push({ email, role, invitedAt: new Date(), claimedBy: null, claimedAt: null }),
      ),
    revoke: (id, email) =>
      change(id, (space) => (space.invites = space.invites.filter((each) => each.email !== email))),
    removeMember: (id, uid) =>
      change(id, (space) => {
        space.members = space.members.map((member) => (member.uid === uid ? { ...member, role: 'removed' } : member));
      }),
  };
}
