// A closed round refuses a learner's badge claim (the holder document and the count that moves with it), even with
// every criterion met and copies left; reopened, the same claim goes through.
import { describe, vi } from 'vitest';
import { doc, setDoc, Timestamp, type Firestore } from 'firebase/firestore';
import { closedRoundTests, signedInAs, useRulesEnvironment } from '@cohort-kit/core/testing/rules.js';
import { claimBatch } from '../src/badge-data';

vi.mock('@cohort-kit/core/data.js', async () => ({
  ...(await import('../../core/src/ledger')),
  ...(await import('../../core/src/rate-document')),
}));

const env = useRulesEnvironment('badge-closed');
const space = 'closing-badge';
const badge = 'founding-voices';

/** A badge asking for one post, and the learner's ledger with that post. */
async function badgeAndLedger(db: Firestore) {
  const now = Timestamp.now();
  await setDoc(doc(db, 'spaces', space, 'badges', badge), {
    name: 'Founding Voices',
    description: '',
    criteria: { posts: 1 },
    hints: {},
    edition: 20,
    closesAt: null,
    image: '',
    retired: false,
    retiredAt: null,
    issued: 0,
    createdAt: now,
    updatedAt: now,
  });
  await setDoc(doc(db, 'spaces', space, 'ledger', 'ana'), {
    counts: { posts: 1 },
    days: [],
    lastAt: now,
    lastKind: 'posts',
    lastRef: 'threads/week-2/posts/p1',
  });
}

describe('a closed round and the badge', () => {
  closedRoundTests(env, space, { members: { ana: 'learner' }, seed: badgeAndLedger }, [
    {
      name: 'claiming a copy',
      write: () => claimBatch(signedInAs(env(), 'ana'), space, badge, 'ana', 1, 'ANA').commit(),
    },
  ]);
});
