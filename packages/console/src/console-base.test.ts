import { runWidgetBaseTests } from '@cohort-kit/core/testing';
import { ConsoleHarness } from '../test/console-harness.js';
import './cohort-console.js';

// In preview the console is an owner account with a sample space: every control is there to reach and use.
runWidgetBaseTests({
  tag: 'cohort-console',
  markup: () => '<cohort-console></cohort-console>',
  harness: (element) => new ConsoleHarness(element as never),
  loaded: (console) => console.loaded() && console.text().includes('Course team'),
  wrongId: {
    markup: '<cohort-console space="spring 2026"></cohort-console>',
    message: 'space="spring 2026" is not a valid id',
  },
  contribute: (console) => console.invite('new.mentor@example.com'),
  inASpace: false,
});
