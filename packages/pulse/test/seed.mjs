// <cohort-pulse>'s server-side commands for component tests, the end-to-end tests and the bench
// (scripts/wtr-seed-plugin.mjs finds this file): a cohort's members and activity ledgers, written with firebase-admin
// in the shape the widgets leave them. The documents come ready-made (src/made-up-cohort.ts learnerDocuments), with
// times in milliseconds under names ending in `Ms`.
import { Timestamp } from 'firebase-admin/firestore';

/** `{ joinedAtMs: 1 }` → `{ joinedAt: Timestamp }`; null stays null. */
function withTimestamps(fields) {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) =>
      key.endsWith('Ms') ? [key.slice(0, -2), value === null ? null : Timestamp.fromMillis(value)] : [key, value],
    ),
  );
}

export const commands = {
  /** payload: { space, learners: [{ uid, member, ledger | null }] } → { written } */
  async 'cohort-seed-pulse'(payload, firestore) {
    let written = 0;
    // 500 writes per batch at most.
    for (let start = 0; start < payload.learners.length; start += 200) {
      const batch = firestore.batch();
      for (const learner of payload.learners.slice(start, start + 200)) {
        batch.set(firestore.doc(`spaces/${payload.space}/members/${learner.uid}`), withTimestamps(learner.member));
        if (learner.ledger)
          batch.set(firestore.doc(`spaces/${payload.space}/ledger/${learner.uid}`), withTimestamps(learner.ledger));
        written++;
      }
      await batch.commit();
    }
    return { written };
  },

  /** Moves a member's join back by `days`, so they count as settled in (and can be quiet). payload: { space, uid, days } */
  async 'cohort-pulse-backdate'(payload, firestore) {
    const ref = firestore.doc(`spaces/${payload.space}/members/${payload.uid}`);
    const joined = (await ref.get()).get('joinedAt');
    await ref.update({ joinedAt: Timestamp.fromMillis(joined.toMillis() - payload.days * 86_400_000) });
    return {};
  },

  /** A thread's top-level posts, oldest first: body, author and mentions. payload: { space, thread } */
  async 'cohort-pulse-thread-posts'(payload, firestore) {
    const posts = await firestore.collection(`spaces/${payload.space}/threads/${payload.thread}/posts`).get();
    return {
      posts: posts.docs
        .map((post) => ({ ...post.data(), createdAt: post.get('createdAt')?.toMillis() ?? 0 }))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(({ body, authorId, authorRole, mentions }) => ({ body, authorId, authorRole, mentions })),
    };
  },
};
