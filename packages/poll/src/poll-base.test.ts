import { runWidgetBaseTests } from '@cohort-kit/core/testing';
import { PollHarness } from '../test/poll-harness.js';
import './cohort-poll.js';

runWidgetBaseTests({
  tag: 'cohort-poll',
  markup: (id) => `<cohort-poll space="base-tests" poll="${id}">
    Which goal-setting approach will you try first?
    <option value="smart">🤓 Use the SMART goals framework</option>
    <option value="buddy">🤝 Find an accountability buddy</option>
  </cohort-poll>`,
  harness: (element) => new PollHarness(element as never),
  loaded: (poll) => poll.loaded(),
  wrongId: {
    markup: '<cohort-poll space="base-tests" poll="week 2">Ready?<option>Yes</option><option>No</option></cohort-poll>',
    message: 'poll="week 2" is not a valid id',
  },
  contribute: (poll) => poll.vote('buddy'),
});
