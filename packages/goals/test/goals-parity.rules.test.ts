// The goal board's limits and lists as TypeScript and the rules each hold them: a drift would offer learners what
// the rules refuse.
import { describe, expect, it } from 'vitest';
import { composedRules, listReturnedBy, readRepositoryFile, tsConstant } from '@cohort-kit/core/testing/rules.js';

const DATA = 'packages/goals/src/goals-limits.ts';

/** A list of strings as goals-limits.ts declares it (`export const NAME = [...] as const`). */
function tsList(name: string) {
  const found = new RegExp(`export const ${name} = \\[([^\\]]*)\\] as const;`).exec(readRepositoryFile(DATA));
  return found ? [...found[1]!.matchAll(/'([^']+)'/g)].map((match) => match[1]!) : undefined;
}

describe('goal board rules and TypeScript agree', () => {
  it('on every text limit', () => {
    const rules = composedRules();
    expect(rules).toContain(`cleanText(spaceId, data.text, 1, ${tsConstant(DATA, 'GOAL_TEXT_MAX')})`);
    expect(rules).toContain(`cleanText(spaceId, data.why, 0, ${tsConstant(DATA, 'WHY_MAX')})`);
    expect(rules).toContain(`cleanText(spaceId, data.firstStep, 0, ${tsConstant(DATA, 'FIRST_STEP_MAX')})`);
    expect(rules).toContain(`cleanText(spaceId, request.resource.data.note, 0, ${tsConstant(DATA, 'NOTE_MAX')})`);
    expect(rules).toContain(`request.resource.data.text, 1, ${tsConstant(DATA, 'REFLECTION_MAX')})`);
    expect(rules).toContain(`cleanText(spaceId, cheer.note, 0, ${tsConstant(DATA, 'CHEER_NOTE_MAX')})`);
  });

  it('on the goal and check-in statuses', () => {
    expect(tsList('GOAL_STATUSES')).toEqual(['active', 'done', 'paused']);
    expect(listReturnedBy('goalStatuses')).toEqual(tsList('GOAL_STATUSES'));
    expect(tsList('CHECK_IN_STATUSES')).toHaveLength(4);
    expect(listReturnedBy('checkInStatuses')).toEqual(tsList('CHECK_IN_STATUSES'));
  });
});
