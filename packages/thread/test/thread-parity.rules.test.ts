// The thread's constants as TypeScript and the rules each hold them: a drift would offer learners what the rules
// refuse, or let the rules accept what the element never shows.
import { describe, expect, it } from 'vitest';
import { composedRules, listReturnedBy, tsConstant } from '@cohort-kit/core/testing/rules.js';
import { MAX_POSTS_PER_HOUR, MIN_SECONDS_BETWEEN_POSTS, REACTIONS, REPORT_REASONS } from '../src/reactions';

describe('thread rules and TypeScript agree', () => {
  const rules = composedRules();

  it('on the reaction palette', () => {
    expect(listReturnedBy('reactionKeys')).toEqual(REACTIONS.map((reaction) => reaction.key));
  });

  it('on the report reasons', () => {
    const allowed = /reason in \[([^\]]*)\]/.exec(rules);
    expect([...allowed![1]!.matchAll(/'([^']+)'/g)].map((match) => match[1])).toEqual([...REPORT_REASONS]);
  });

  it('on the posting rate', () => {
    expect(rules).toContain(
      `request.time >= resource.data.lastPostAt + duration.value(${MIN_SECONDS_BETWEEN_POSTS}, 's')`,
    );
    expect(rules).toContain(`request.resource.data.count <= ${MAX_POSTS_PER_HOUR})`);
  });

  it('on the longest post and the most links', () => {
    const maxBody = tsConstant('packages/thread/src/format.ts', 'MAX_BODY');
    const maxLinks = tsConstant('packages/thread/src/format.ts', 'MAX_LINKS');
    expect(maxBody).toBeGreaterThan(0);
    expect(maxLinks).toBeGreaterThan(0);
    expect(rules).toContain(`cleanText(spaceId, body, 1, ${maxBody})`);
    expect(rules).toContain(`linkCountOf(body) <= ${maxLinks}`);
  });
});
