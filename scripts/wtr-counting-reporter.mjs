// Writes passed/failed counts of a web-test-runner run to $COHORT_COUNTS_FILE for npm test's summary.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load has no results but errors: count it as one failure.
        if (!session.passed && (!session.testResults || session.errors?.length))
          totals.failed += session.errors?.length ? 1 : 0;
      }
      if (process.env.COHORT_COUNTS_FILE) writeFileSync(process.env.COHORT_COUNTS_FILE, JSON.stringify(totals));
    },
  };
}
