// Server-side commands for component tests: set up spaces and roles with firebase-admin, the same
// trusted path the cohort-kit CLI uses, since no browser write may create a space or grant a role.
import { getApps, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, Timestamp } from 'firebase-admin/firestore';

/** A learner's entry for one post in their reactions document names every reaction (thread-data.ts setReaction). */
const REACTION_KEYS_OFF = { thumbs: false, heart: false, idea: false, party: false, thinking: false };

function db() {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env.COHORT_PROJECT_ID ?? 'demo-cohort-kit' });
  return getFirestore(app);
}

const commands = {
  /** payload: { space, name?, norms?, reportThreshold? } */
  async 'cohort-create-space'(payload) {
    await db()
      .doc(`spaces/${payload.space}`)
      .set({
        name: payload.name ?? payload.space,
        cohortLabel: payload.cohortLabel ?? '',
        norms: payload.norms ?? '',
        reportThreshold: payload.reportThreshold ?? 3,
        ...(payload.blockedWords ? { blockedWords: payload.blockedWords } : {}),
        createdAt: FieldValue.serverTimestamp(),
        updatedAt: FieldValue.serverTimestamp(),
      });
    return true;
  },
  /** payload: { space, uid, role, displayName } */
  async 'cohort-grant'(payload) {
    await db()
      .doc(`spaces/${payload.space}/members/${payload.uid}`)
      .set(
        {
          displayName: payload.displayName ?? 'Facilitator',
          role: payload.role,
          joinedAt: FieldValue.serverTimestamp(),
          normsAcknowledgedAt: null,
        },
        { merge: true },
      );
    return true;
  },
  /**
   * Posts by other learners, written in the shape <cohort-thread> writes them (packages/thread/src/thread-data.ts),
   * with what the rules keep beside each post: the author's member, authors/{uid} and threadRates/{uid} documents,
   * and for each reaction the reactor's member and reactions/{uid} entry with the post's counters moved to match.
   * payload: { space, thread, posts: [{ authorId, authorName, body, minutesAgo, authorRole?, mentions?,
   *            reactions?: [{ uid, displayName, key }] }] } → { ids } in the order given
   */
  async 'cohort-seed-posts'(payload) {
    const firestore = db();
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
  async 'cohort-seed-reports'(payload) {
    const firestore = db();
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
  async 'cohort-seed-thread'(payload) {
    await db()
      .doc(`spaces/${payload.space}/threads/${payload.thread}`)
      .set({ locked: payload.locked, createdAt: FieldValue.serverTimestamp() });
    return true;
  },
  /** payload: { path } → { data } with the document's data, or data null when it does not exist */
  async 'cohort-read'(payload) {
    const snapshot = await db().doc(payload.path).get();
    // The test runner treats a null answer as "unknown command", so the result is always an object.
    return { data: snapshot.exists ? JSON.parse(JSON.stringify(snapshot.data())) : null };
  },

  // ----- collections, for tests that must show nothing was written -----
  /** payload: { path } of a collection → { ids } of the documents in it (empty when there are none) */
  async 'cohort-list'(payload) {
    const snapshot = await db().collection(payload.path).get();
    return { ids: snapshot.docs.map((document) => document.id) };
  },
};

export function seedPlugin() {
  return {
    name: 'cohort-seed',
    async executeCommand({ command, payload }) {
      const run = commands[command];
      if (!run) return undefined;
      if (!process.env.FIRESTORE_EMULATOR_HOST) {
        throw new Error(`${command} needs the emulators: run the tests with npm test.`);
      }
      return run(payload);
    },
  };
}
