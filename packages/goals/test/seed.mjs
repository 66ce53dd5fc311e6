// <cohort-goals>' server-side commands for component tests and the bench (scripts/wtr-seed-plugin.mjs finds this
// file): other learners' goals, written with firebase-admin in the shape the element writes them
// (packages/goals/src/goals-data.ts), with each owner's member and rate documents beside them.
import { Timestamp } from 'firebase-admin/firestore';

export const commands = {
  /**
   * payload: { space, board, goals: [{ ownerId, ownerName, text, daysAgo?, visibility?, status?, cheers? }] }
   * → { ids } in the order given
   */
  async 'cohort-seed-goals'(payload, firestore) {
    const boardPath = `spaces/${payload.space}/goalBoards/${payload.board}`;
    const ids = [];
    // 500 writes per batch at most.
    for (let start = 0; start < payload.goals.length; start += 150) {
      const batch = firestore.batch();
      for (const goal of payload.goals.slice(start, start + 150)) {
        const ref = firestore.collection(`${boardPath}/goals`).doc();
        ids.push(ref.id);
        const at = Timestamp.fromMillis(Date.now() - (goal.daysAgo ?? 0) * 86_400_000 - ids.length * 1000);
        const status = goal.status ?? 'active';
        batch.set(ref, {
          ownerId: goal.ownerId,
          ownerName: goal.ownerName,
          text: goal.text,
          why: goal.why ?? '',
          firstStep: goal.firstStep ?? '',
          targetDate: null,
          visibility: goal.visibility ?? 'cohort',
          status,
          edited: false,
          edits: 0,
          cheers: goal.cheers ?? 0,
          checkIns: 0,
          lastCheckIn: null,
          reflection: null,
          hidden: false,
          reportCount: 0,
          createdAt: at,
          updatedAt: at,
          lastActivityAt: at,
        });
        batch.set(
          firestore.doc(`spaces/${payload.space}/members/${goal.ownerId}`),
          { displayName: goal.ownerName, role: 'learner', joinedAt: at, normsAcknowledgedAt: at },
          { merge: true },
        );
        batch.set(firestore.doc(`spaces/${payload.space}/goalRates/${goal.ownerId}`), {
          lastAt: at,
          windowStart: at,
          count: 1,
          boardId: payload.board,
          goalId: ref.id,
          active: { [payload.board]: status === 'active' ? 1 : 0 },
        });
      }
      await batch.commit();
    }
    return { ids };
  },

  /** Moves a learner's last goal write 10 s back, so their next one passes the rate limit at once. payload: { space, board, uid } */
  async 'cohort-goals-rewind-rate'(payload, firestore) {
    const ref = firestore.doc(`spaces/${payload.space}/goalRates/${payload.uid}`);
    await ref.update({ lastAt: Timestamp.fromMillis(Date.now() - 10_000) });
    return {};
  },
};
