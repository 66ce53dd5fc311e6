// Writes passed/failed counts of a web-test-runner run, and the names and messages of failed tests, to $COHORT_COUNTS_FILE
// for npm test's summary.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

function count(suite, totals, file, path = []) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      totals.failures.push({ test: `${file} > ${[...path, test.name].join(' > ')}`, message: test.error?.message });
    }
  }
  for (const child of suite.suites ?? []) count(child, totals, file, [...path, child.name]);
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const file = relative(process.cwd(), session.testFile);
        if (session.testResults) count(session.testResults, totals, file);
        // A file that failed to load has no results but errors: count it as one failure.
        if (!session.passed && (!session.testResults || session.errors?.length) && session.errors?.length) {
          totals.failed += 1;
          totals.failures.push({ test: file, message: session.errors[0].message ?? 'did not run' });
        }
      }
      if (process.env.COHORT_COUNTS_FILE) writeFileSync(process.env.COHORT_COUNTS_FILE, JSON.stringify(totals));
    },
  };
}
