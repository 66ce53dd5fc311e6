import { runWidgetBaseTests } from '@cohort-kit/core/testing';
import { ThreadHarness } from '../test/thread-harness.js';
import './cohort-thread.js';

runWidgetBaseTests({
  tag: 'cohort-thread',
  markup: (id) =>
    `<cohort-thread space="base-tests" thread="${id}" prompt="Share one goal for the cohort."></cohort-thread>`,
  harness: (element) => new ThreadHarness(element as never),
  loaded: (thread) => thread.loaded(),
  wrongId: {
    markup: '<cohort-thread space="base-tests" thread="week 2 goals"></cohort-thread>',
    message: 'thread="week 2 goals" is not a valid id',
  },
  contribute: (thread) => thread.post('Practising one habit a week.'),
});
