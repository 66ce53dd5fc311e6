import { expect } from '@open-wc/testing';
import { runWidgetBaseTests } from '@cohort-kit/core/testing';
import { SignInHarness } from '../test/sign-in-harness.js';
import './cohort-sign-in.js';

// In preview no email goes out: asking for a link says so, which is what the element can do anywhere it is moved.
runWidgetBaseTests({
  tag: 'cohort-sign-in',
  markup: (id) => `<cohort-sign-in space="${id}"></cohort-sign-in>`,
  harness: (element) => new SignInHarness(element as never),
  loaded: (signIn) => signIn.loaded(),
  wrongId: {
    markup: '<cohort-sign-in space="team room"></cohort-sign-in>',
    message: 'space="team room" is not a valid id',
  },
  contribute: async (signIn) => {
    const answer = await signIn.askForLink('fay@example.org');
    expect(answer).to.contain('Preview: no email is sent here.');
  },
});
