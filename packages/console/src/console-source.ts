// Where the console's data comes from: Firestore (console-data.ts) or, in preview mode, sample spaces kept in memory
// (console-preview.ts). The controller talks to either through this one shape.
import type { ConsoleUser, InviteRow, MemberRow, Settings, TeamRole } from './console-model.js';

export interface SpaceWatch {
  /** The space's settings; null when there is no such space. */
  space: (settings: Settings | null) => void;
  members: (members: MemberRow[]) => void;
  invites: (invites: InviteRow[]) => void;
  error: (error: Error) => void;
}

export interface ConsoleSource {
  readonly mode: 'live' | 'preview';
  /** The project's public settings, for the snippet and the remembered spaces. */
  readonly projectId: string;
  /** Calls back now (or once Auth has loaded) and on every change of user; null when no one signed in by email. */
  watchUser(listener: (user: ConsoleUser | null) => void): () => void;
  /** Whether this account may create spaces (owners/{email} exists). */
  isOwnerAccount(user: ConsoleUser): Promise<boolean>;
  /** Creates the space and the owner's member document in one batch; refuses an id in use. */
  createSpace(id: string, settings: Settings, user: ConsoleUser, displayName: string): Promise<void>;
  /** The signed-in account's role in the space ('' when not a member). */
  roleIn(id: string, user: ConsoleUser): Promise<string>;
  /** The space, its members and invitations while it is open. */
  watchSpace(id: string, handlers: SpaceWatch): () => void;
  saveSettings(id: string, settings: Settings): Promise<void>;
  invite(id: string, email: string, role: TeamRole, user: ConsoleUser): Promise<void>;
  revoke(id: string, email: string): Promise<void>;
  removeMember(id: string, uid: string, user: ConsoleUser): Promise<void>;
  /** Signs the owner out of this browser (every element of the project on it too). */
  signOut(): Promise<void>;
}
