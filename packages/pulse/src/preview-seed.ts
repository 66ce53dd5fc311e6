// Seeds the preview cache (network off, nothing leaves the device) with a cohort's members and activity ledgers in a
// given state, for stories and demos. Refuses to run against a live project: real data only ever arrives through the
// rules. The history is made up but shaped like a real one: three weeks of joins, most learners active early, some
// going quiet.
import { doc, Timestamp, writeBatch, type Firestore } from 'firebase/firestore';
import { connect } from '@cohort-kit/core';
import { DAY_MS } from './pulse-metrics.js';
import { learnerDocuments, madeUpCohort, RTL_NAMES, type SeedLearner } from './made-up-cohort.js';

export type PreviewScenario = 'empty' | 'healthy' | 'quiet' | 'many' | 'learner' | 'rtl' | 'closed';

function scenarioCohort(scenario: PreviewScenario): SeedLearner[] {
  switch (scenario) {
    case 'empty':
      return [];
    case 'quiet':
      return madeUpCohort(16, 0.6);
    case 'many':
      return madeUpCohort(200, 0.25);
    case 'rtl':
      return madeUpCohort(8, 0.25, RTL_NAMES);
    default:
      return madeUpCohort(14, 0.15);
  }
}

export async function seedPreviewPulse(space: string, scenario: PreviewScenario): Promise<void> {
  const runtime = await connect();
  if (runtime.mode !== 'preview') throw new Error('seedPreviewPulse only works in preview mode.');
  const db: Firestore = runtime.db;
  const me = runtime.identity.user?.uid ?? 'preview';
  const now = Date.now();
  const rtl = scenario === 'rtl';
  // A batch holds 500 writes: the 200-member cohort needs several.
  const writes: [string[], Record<string, unknown>][] = [
    [
      ['spaces', space],
      {
        name: rtl ? 'دفعة القيادة — ربيع 2026' : 'Leading with Purpose',
        cohortLabel: '',
        norms: '',
        // A round closed two days ago (`cohort-kit close-round`): the pulse keeps its record on view.
        closedAt: scenario === 'closed' ? Timestamp.fromMillis(now - 2 * DAY_MS) : null,
      },
    ],
    [
      ['spaces', space, 'members', me],
      {
        displayName: rtl ? 'أنت' : 'Fay (you)',
        role: scenario === 'learner' ? 'learner' : 'facilitator',
        joinedAt: Timestamp.fromMillis(now - 30 * DAY_MS),
        normsAcknowledgedAt: null,
      },
    ],
    [
      ['spaces', space, 'badges', 'founding-voices'],
      { name: 'Founding voices', issued: scenario === 'empty' ? 0 : 5, edition: 20 },
    ],
  ];
  for (const learner of scenarioCohort(scenario)) {
    const { member, ledger } = learnerDocuments(learner, now);
    const { joinedAtMs, normsAcknowledgedAtMs, ...rest } = member;
    writes.push([
      ['spaces', space, 'members', learner.uid],
      {
        ...rest,
        joinedAt: Timestamp.fromMillis(joinedAtMs),
        normsAcknowledgedAt: normsAcknowledgedAtMs === null ? null : Timestamp.fromMillis(normsAcknowledgedAtMs),
      },
    ]);
    if (ledger) {
      const { lastAtMs, ...fields } = ledger;
      writes.push([['spaces', space, 'ledger', learner.uid], { ...fields, lastAt: Timestamp.fromMillis(lastAtMs) }]);
    }
  }
  for (let start = 0; start < writes.length; start += 450) {
    const batch = writeBatch(db);
    for (const [path, data] of writes.slice(start, start + 450)) {
      const [first, ...rest] = path;
      batch.set(doc(db, first!, ...rest), data);
    }
    // With the network off the commit never resolves; the local write is applied at once.
    void batch.commit().catch((error) => console.error('[cohort-kit] preview seed failed', error));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
