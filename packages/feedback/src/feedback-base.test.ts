import { runWidgetBaseTests, waitFor } from '@cohort-kit/core/testing';
import { FeedbackHarness } from '../test/feedback-harness.js';
import './cohort-feedback.js';

runWidgetBaseTests({
  tag: 'cohort-feedback',
  markup: (id) => `<cohort-feedback space="base-tests" round="${id}" reviews="2"
    prompt="Share the first draft of your goal plan."></cohort-feedback>`,
  harness: (element) => new FeedbackHarness(element as never),
  loaded: (feedback) => feedback.loaded(),
  wrongId: {
    markup: '<cohort-feedback space="base-tests" round="week 3"></cohort-feedback>',
    message: 'round="week 3" is not a valid id',
  },
  contribute: async (feedback) => {
    await feedback.share('Goal: speak up in meetings. Steps: prepare one point, say it first, ask one question.');
    await waitFor(() => feedback.text().includes('Your shared work'), 'the shared work shows');
  },
});
