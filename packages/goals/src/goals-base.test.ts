import { runWidgetBaseTests, waitFor } from '@cohort-kit/core/testing';
import { GoalsHarness } from '../test/goals-harness.js';
import './cohort-goals.js';

runWidgetBaseTests({
  tag: 'cohort-goals',
  markup: (id) => `<cohort-goals space="base-tests" board="${id}" mode="set"
    prompt="What will you be able to do by the end of the cohort?"></cohort-goals>`,
  harness: (element) => new GoalsHarness(element as never),
  loaded: (goals) => goals.loaded(),
  wrongId: {
    markup: '<cohort-goals space="base-tests" board="week 2"></cohort-goals>',
    message: 'board="week 2" is not a valid id',
  },
  contribute: async (goals) => {
    await goals.setGoal('Give one piece of feedback a day');
    await waitFor(() => goals.announcement().includes('Goal set'), 'the goal is announced');
  },
});
