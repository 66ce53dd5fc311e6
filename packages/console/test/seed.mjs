// <cohort-console>'s server-side commands for component tests (scripts/wtr-seed-plugin.mjs finds this file): owner
// accounts as `cohort-kit add-owner` makes them, and what other people do that the console shows (a claimed
// invitation, learners who joined). Each command gets its payload and the admin Firestore.
import { FieldValue } from 'firebase-admin/firestore';

export const commands = {
  /** payload: { email } — owners/{email lowercased}, as the CLI's add-owner writes it */
  async 'cohort-add-owner'(payload, firestore) {
    await firestore
      .doc(`owners/${payload.email.toLowerCase()}`)
      .set({ addedAt: FieldValue.serverTimestamp() }, { merge: true });
    return true;
  },
  /**
   * The invitee's side of an invitation: claimed, and their member document at the invited role.
   * payload: { space, email, uid, displayName }
   */
  async 'cohort-claim-invite'(payload, firestore) {
    const invite = firestore.doc(`spaces/${payload.space}/invites/${payload.email}`);
    const role = (await invite.get()).get('role');
    const batch = firestore.batch();
    batch.update(invite, { claimedBy: payload.uid, claimedAt: FieldValue.serverTimestamp() });
    batch.set(firestore.doc(`spaces/${payload.space}/members/${payload.uid}`), {
      displayName: payload.displayName,
      role,
      joinedAt: FieldValue.serverTimestamp(),
      normsAcknowledgedAt: null,
    });
    await batch.commit();
    return true;
  },
  /** Learners who joined. payload: { space, members: [{ uid, displayName, acknowledged }] } */
  async 'cohort-seed-members'(payload, firestore) {
    const batch = firestore.batch();
    for (const member of payload.members) {
      batch.set(firestore.doc(`spaces/${payload.space}/members/${member.uid}`), {
        displayName: member.displayName,
        role: 'learner',
        joinedAt: FieldValue.serverTimestamp(),
        normsAcknowledgedAt: member.acknowledged ? FieldValue.serverTimestamp() : null,
      });
    }
    await batch.commit();
    return true;
  },
};
