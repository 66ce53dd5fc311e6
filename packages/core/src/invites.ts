// Claiming an invitation to the course team (spaces/{spaceId}/invites/{email}) when its person signs in. Imported
// by the data module only, after first paint.
import { doc, getDoc, serverTimestamp, writeBatch, type Firestore } from 'firebase/firestore';
import type { CohortUser } from './identity.js';
import { cleanDisplayName } from './names.js';

/** Roles an invitation gives; only the rules' list, so a forged document cannot ask for more. */
const INVITED_ROLES = ['facilitator', 'mentor', 'owner'] as const;
type InvitedRole = (typeof INVITED_ROLES)[number];

export const inviteRef = (db: Firestore, spaceId: string, email: string) =>
  doc(db, 'spaces', spaceId, 'invites', email.toLowerCase());

/**
 * Claims the signed-in person's unclaimed invitation in one batch: their member document takes the invited role
 * (created, or only the role of their learner document changed) and the invitation records who claimed it.
 * Resolves with the role claimed, or null when there is no invitation to claim. The rules check both sides.
 */
export async function claimInvite(
  db: Firestore,
  spaceId: string,
  user: CohortUser,
  member: { displayName: string } | null,
): Promise<InvitedRole | null> {
  if (!user.email || !user.emailVerified) return null;
  const invite = inviteRef(db, spaceId, user.email);
  const snapshot = await getDoc(invite);
  const data = snapshot.data();
  const role = data?.role as InvitedRole | undefined;
  if (!data || data.claimedBy != null || !role || !INVITED_ROLES.includes(role)) return null;
  const memberDoc = doc(db, 'spaces', spaceId, 'members', user.uid);
  const batch = writeBatch(db);
  if (member) {
    batch.update(memberDoc, { role });
  } else {
    // The invitation holds no name: the address's first part stands in until they change it ("Change").
    batch.set(memberDoc, {
      displayName: cleanDisplayName(user.email.split('@')[0] ?? '') || role,
      role,
      joinedAt: serverTimestamp(),
      normsAcknowledgedAt: null,
    });
  }
  batch.update(invite, { claimedBy: user.uid, claimedAt: serverTimestamp() });
  await batch.commit();
  return role;
}
