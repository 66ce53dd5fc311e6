import { runWidgetBaseTests } from '@cohort-kit/core/testing';
import { PulseHarness } from '../test/pulse-harness.js';
import { seedPreviewPulse } from './preview-seed.js';
import './cohort-pulse.js';

// The suite runs in preview mode, where this page's learner is the seeded cohort's facilitator; each mount nudges in
// a thread of its own (the id the suite hands out).
runWidgetBaseTests({
  tag: 'cohort-pulse',
  markup: (id) => `<cohort-pulse space="base-pulse" threads="${id}"></cohort-pulse>`,
  harness: (element) => new PulseHarness(element as never),
  loaded: (pulse) => pulse.showsPulse(),
  wrongId: {
    markup: '<cohort-pulse space="base-pulse" threads="week.2"></cohort-pulse>',
    message: 'threads="week.2" is not a valid id',
  },
  contribute: (pulse) => pulse.nudge(),
});

before(() => seedPreviewPulse('base-pulse', 'quiet'));
