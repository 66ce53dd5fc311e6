// <cohort-thread>'s server-side commands for component tests (scripts/wtr-seed-plugin.mjs finds this file): other
// learners' posts, reports and a locked thread, written with firebase-admin in the shape the element writes them.
// Each command gets its payload and the admin Firestore.
import { FieldValue, Timestamp } from 'firebase-admin/firestore';

/** A learner's entry for one post in their reactions document names every reaction (thread-data.ts setReaction). */
const REACTION_KEYS_OFF = { thumbs: false, heart: false, idea: false, party: false, thinking: false };

export const commands = {
  /**
   * Posts by other learners, written in the shape <cohort-thread> writes them (packages/thread/src/thread-data.ts),
   * with what the rules keep beside each post: the author's member, authors/{uid} and threadRates/{uid} documents,
   * and for each reaction the reactor's member and reactions/{uid} entry with the post's counters moved to match.
   * payload: { space, thread, posts: [{ authorId, authorName, body, minutesAgo, authorRole?, mentions?,
   *            reactions?: [{ uid, displayName, key }] }] } → { ids } in the order given
   */
  async 'cohort-seed-posts'(payload, firestore) {
    const threadPath = `spaces/${payload.space}/threads/${payload.thread}`;
    const batch = firestore.batch();
    const members = new Map();
    const authors = new Map();
    const reactionsOf = new Map();
    const ids = [];
    for (const post of payload.posts) {
      const ref = firestore.collection(`${threadPath}/posts`).doc();
      ids.push(ref.id);
      const createdAt = Timestamp.fromMillis(Date.now() - post.minutesAgo * 60_000);
      const role = post.authorRole ?? 'learner';
      const reactionCounts = {};
      for (const reaction of post.reactions ?? []) {
        reactionCounts[reaction.key] = (reactionCounts[reaction.key] ?? 0) + 1;
        members.set(reaction.uid, { displayName: reaction.displayName, role: 'learner' });
        const mine = reactionsOf.get(reaction.uid) ?? { posts: {}, lastPostId: '' };
        mine.posts[ref.id] = { ...REACTION_KEYS_OFF, ...mine.posts[ref.id], [reaction.key]: true };
        mine.lastPostId = ref.id;
        reactionsOf.set(reaction.uid, mine);
      }
      batch.set(ref, {
        authorId: post.authorId,
        authorName: post.authorName,
        authorRole: role,
        body: post.body,
        parentId: null,
        createdAt,
        editedAt: null,
        deleted: false,
        hidden: false,
        pinned: false,
        reactionCounts,
        reactionTotal: Object.values(reactionCounts).reduce((sum, n) => sum + n, 0),
        replyCount: 0,
        reportCount: 0,
        lastReplyId: null,
        mentions: post.mentions ?? [],
        // As the rules count links: every "http://" or "https://".
        linkCount: (post.body.match(/https?:\/\//g) ?? []).length,
      });
      members.set(post.authorId, { displayName: post.authorName, role });
      authors.set(post.authorId, [...(authors.get(post.authorId) ?? []), { createdAt, postId: ref.id }]);
    }
    for (const [uid, member] of members) {
      batch.set(
        firestore.doc(`spaces/${payload.space}/members/${uid}`),
        { ...member, joinedAt: FieldValue.serverTimestamp(), normsAcknowledgedAt: null },
        { merge: true },
      );
    }
    for (const [uid, written] of authors) {
      written.sort((a, b) => a.createdAt.toMillis() - b.createdAt.toMillis());
      const last = written[written.length - 1];
      batch.set(firestore.doc(`${threadPath}/authors/${uid}`), { lastPostAt: last.createdAt });
      batch.set(firestore.doc(`spaces/${payload.space}/threadRates/${uid}`), {
        lastPostAt: last.createdAt,
        windowStart: written[0].createdAt,
        count: written.length,
        lastThreadId: payload.thread,
        lastPostId: last.postId,
      });
    }
    for (const [uid, mine] of reactionsOf) {
      batch.set(firestore.doc(`${threadPath}/reactions/${uid}`), mine, { merge: true });
    }
    await batch.commit();
    return { ids };
  },
  /**
   * Reports on a post by other learners, as each reporter's batch writes them: the report, reportCount + 1, and
   * hidden once the count reaches the space's threshold.
   * payload: { space, thread, postId, reporters: [{ uid, displayName, reason, note? }] }
   */
  async 'cohort-seed-reports'(payload, firestore) {
    const postRef = firestore.doc(`spaces/${payload.space}/threads/${payload.thread}/posts/${payload.postId}`);
    const [space, post] = await Promise.all([firestore.doc(`spaces/${payload.space}`).get(), postRef.get()]);
    const threshold = space.get('reportThreshold') ?? 3;
    const reportCount = (post.get('reportCount') ?? 0) + payload.reporters.length;
    const batch = firestore.batch();
    for (const reporter of payload.reporters) {
      batch.set(
        firestore.doc(`spaces/${payload.space}/members/${reporter.uid}`),
        {
          displayName: reporter.displayName,
          role: 'learner',
          joinedAt: FieldValue.serverTimestamp(),
          normsAcknowledgedAt: null,
        },
        { merge: true },
      );
      batch.set(postRef.collection('reports').doc(reporter.uid), {
        reason: reporter.reason,
        note: reporter.note ?? '',
        createdAt: FieldValue.serverTimestamp(),
      });
    }
    batch.update(postRef, { reportCount, hidden: post.get('hidden') === true || reportCount >= threshold });
    await batch.commit();
    return true;
  },
  /** The thread document a facilitator's lock writes. payload: { space, thread, locked } */
  async 'cohort-seed-thread'(payload, firestore) {
    await firestore
      .doc(`spaces/${payload.space}/threads/${payload.thread}`)
      .set({ locked: payload.locked, createdAt: FieldValue.serverTimestamp() });
    return true;
  },
};
