// The poll's constants as TypeScript and the rules each hold them: a drift would offer learners what the rules refuse.
import { describe, expect, it } from 'vitest';
import { composedRules, tsConstant } from '@cohort-kit/core/testing/rules.js';

describe('poll rules and TypeScript agree', () => {
  it('on the number of poll shards', () => {
    const shards = tsConstant('packages/poll/src/poll-data.ts', 'SHARD_COUNT');
    expect(shards).toBeGreaterThan(0);
    const ids = /shardId in \[([^\]]*)\]/.exec(composedRules());
    expect([...ids![1]!.matchAll(/'(\d+)'/g)].map((match) => Number(match[1]))).toEqual(
      Array.from({ length: shards! }, (_, i) => i),
    );
  });

  it('on how many options a poll has', () => {
    const min = tsConstant('packages/poll/src/poll-markup.ts', 'MIN_OPTIONS');
    const max = tsConstant('packages/poll/src/poll-markup.ts', 'MAX_OPTIONS');
    expect([min, max]).toEqual([2, 12]);
    expect(composedRules()).toContain(`data.optionValues.size() >= ${min} && data.optionValues.size() <= ${max}`);
  });
});
