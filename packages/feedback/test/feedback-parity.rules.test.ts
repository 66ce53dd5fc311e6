// A feedback round's limits and defaults as TypeScript and the rules each hold them: a drift would offer learners
// what the rules refuse.
import { describe, expect, it } from 'vitest';
import { composedRules, listReturnedBy, readRepositoryFile, tsConstant } from '@cohort-kit/core/testing/rules.js';

const LIMITS = 'packages/feedback/src/feedback-limits.ts';
const limit = (name: string) => tsConstant(LIMITS, name);

describe('feedback rules and TypeScript agree', () => {
  it('on every text limit', () => {
    const rules = composedRules();
    expect(rules).toContain(`cleanText(spaceId, data.text, 0, ${limit('WORK_TEXT_MAX')})`);
    expect(rules).toContain(`cleanText(spaceId, data.link, 0, ${limit('LINK_MAX')})`);
    expect(rules).toContain(`answers[i].size() <= ${limit('ANSWER_MAX')}`);
    expect(rules).toContain(`mins[i] <= ${limit('ANSWER_MAX')}`);
    expect(rules).toContain(`cleanText(spaceId, request.resource.data.thanks, 0, ${limit('THANKS_MAX')})`);
  });

  it('on the round settings and their defaults', () => {
    const rules = composedRules();
    const min = limit('PROMPT_MIN_DEFAULT');
    expect(rules).toContain(
      `{'reviews': ${limit('REVIEWS_DEFAULT')}, 'claimHours': ${limit('CLAIM_HOURS_DEFAULT')}, 'submitBy': null,`,
    );
    expect(rules).toContain(`'mins': [${min}, ${min}, ${min}]}`);
    expect(rules).toContain(`data.reviews >= 1 && data.reviews <= ${limit('REVIEWS_MAX')}`);
    expect(rules).toContain(`data.claimHours >= 1 && data.claimHours <= ${limit('CLAIM_HOURS_MAX')}`);
    expect(rules).toContain(
      `data.mins.size() >= ${limit('PROMPTS_MIN')} && data.mins.size() <= ${limit('PROMPTS_MAX')}`,
    );
    const modes = /REVIEWER_MODES = \[([^\]]*)\] as const/.exec(readRepositoryFile(LIMITS))![1]!;
    expect(listReturnedBy('reviewerModes')).toEqual([...modes.matchAll(/'([^']+)'/g)].map((match) => match[1]));
  });
});
