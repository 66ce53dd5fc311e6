// <cohort-badge>'s server-side commands for component tests and the bench (scripts/wtr-seed-plugin.mjs finds this
// file): a badge's definition as `cohort-kit create-badge` writes it, learners' ledgers as their contributions left
// them, other holders, a retirement and a signed credential, all with firebase-admin.
import { FieldValue, Timestamp } from 'firebase-admin/firestore';

const badgePath = (payload) => `spaces/${payload.space}/badges/${payload.badge}`;

export const commands = {
  /** payload: { space, badge, name?, criteria, edition, closesInMs?, issued?, hints?, image? } */
  async 'cohort-badge-define'(payload, firestore) {
    await firestore.doc(badgePath(payload)).set({
      name: payload.name ?? 'Founding Voices',
      description: payload.description ?? "Shaped the spring 2026 cohort's conversation.",
      criteria: payload.criteria,
      hints: payload.hints ?? {},
      edition: payload.edition,
      closesAt: payload.closesInMs ? Timestamp.fromMillis(Date.now() + payload.closesInMs) : null,
      image: payload.image ?? '',
      retired: false,
      retiredAt: null,
      issued: payload.issued ?? 0,
      createdAt: FieldValue.serverTimestamp(),
      updatedAt: FieldValue.serverTimestamp(),
    });
    return {};
  },

  /** A learner who joined, with the counts their contributions left. payload: { space, uid, counts, name? } */
  async 'cohort-badge-ledger'(payload, firestore) {
    const at = Timestamp.now();
    const batch = firestore.batch();
    if (payload.name) {
      batch.set(firestore.doc(`spaces/${payload.space}/members/${payload.uid}`), {
        displayName: payload.name,
        role: 'learner',
        joinedAt: at,
        normsAcknowledgedAt: at,
      });
    }
    batch.set(firestore.doc(`spaces/${payload.space}/ledger/${payload.uid}`), {
      counts: payload.counts,
      days: [],
      lastAt: at,
      lastKind: 'posts',
      lastRef: 'seeded',
    });
    await batch.commit();
    return {};
  },

  /** Holders #1-#count on the wall (every third without a name), the count moved with them. payload: { space, badge, count } */
  async 'cohort-badge-holders'(payload, firestore) {
    for (let start = 0; start < payload.count; start += 400) {
      const batch = firestore.batch();
      for (let number = start + 1; number <= Math.min(payload.count, start + 400); number++) {
        batch.set(firestore.doc(`${badgePath(payload)}/holders/holder-${number}`), {
          number,
          name: number % 3 === 0 ? '' : `Holder ${number}`,
          claimedAt: Timestamp.fromMillis(Date.now() - (payload.count - number) * 1000),
        });
      }
      await batch.commit();
    }
    await firestore.doc(badgePath(payload)).update({ issued: payload.count });
    return {};
  },

  /** What `cohort-kit retire-badge` does. payload: { space, badge } */
  async 'cohort-badge-retire'(payload, firestore) {
    await firestore.doc(badgePath(payload)).update({ retired: true, retiredAt: FieldValue.serverTimestamp() });
    return {};
  },

  /** A holder's credential as `cohort-kit issue-credentials` stores it. payload: { space, badge, uid, jwt, number } */
  async 'cohort-badge-credential'(payload, firestore) {
    await firestore.doc(`${badgePath(payload)}/credentials/${payload.uid}`).set({
      jwt: payload.jwt,
      number: payload.number,
      issuedAt: FieldValue.serverTimestamp(),
    });
    return {};
  },
};
