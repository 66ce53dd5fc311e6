import { expect } from '@open-wc/testing';
import { startScormSession } from './scorm-session.js';

/** A page in a frame of an LMS window that holds a SCORM 1.2 API recording its calls. */
function lmsFrame(values: Record<string, string> = {}) {
  const calls: string[] = [];
  const lms: Record<string, unknown> = {
    API: {
      LMSInitialize: () => (calls.push('LMSInitialize'), 'true'),
      LMSGetValue: (key: string) => values[key] ?? '',
      LMSSetValue: (key: string, value: string) => (calls.push(`${key}=${value}`), 'true'),
      LMSCommit: () => (calls.push('LMSCommit'), 'true'),
      LMSFinish: () => (calls.push('LMSFinish'), 'true'),
    },
  };
  lms.parent = lms;
  const page = new EventTarget() as EventTarget & Record<string, unknown>;
  page.parent = lms;
  page.document = new EventTarget();
  return { page: page as unknown as Window, calls };
}

describe('a SCORM package page', () => {
  it('names the learner to the page and remembers them', () => {
    const { page } = lmsFrame({ 'cmi.core.student_id': 'u-7', 'cmi.core.student_name': 'Hopper, Grace' });
    let heard: unknown;
    page.document.addEventListener('cohort-learner-identified', (event) => (heard = (event as CustomEvent).detail));
    startScormSession({ completion: 'none' }, page);
    const learner = { id: 'u-7', name: 'Grace Hopper', source: 'scorm' };
    expect(heard).to.deep.equal(learner);
    expect(page.cohortKitLearner).to.deep.equal(learner);
  });

  it('marks the lesson completed at the first contribution only, and finishes once on leaving', () => {
    const { page, calls } = lmsFrame({ 'cmi.core.lesson_status': 'not attempted' });
    startScormSession({ completion: 'first-contribution' }, page);
    expect(calls).to.deep.equal(['LMSInitialize', 'cmi.core.lesson_status=incomplete']);
    page.document.dispatchEvent(new CustomEvent('cohort-vote'));
    page.document.dispatchEvent(new CustomEvent('cohort-post'));
    page.dispatchEvent(new Event('beforeunload'));
    page.dispatchEvent(new Event('pagehide'));
    expect(calls.slice(2)).to.deep.equal(['cmi.core.lesson_status=completed', 'LMSCommit', 'LMSCommit', 'LMSFinish']);
  });

  it('works with no LMS, saying so in one console line however many times it starts', () => {
    const page = new EventTarget() as EventTarget & Record<string, unknown>;
    page.parent = page;
    page.document = new EventTarget();
    const said: unknown[] = [];
    const info = console.info;
    console.info = (...args: unknown[]) => said.push(args.join(' '));
    try {
      expect(startScormSession({ completion: 'first-contribution' }, page as unknown as Window).api).to.equal(
        undefined,
      );
      startScormSession({ completion: 'first-contribution' }, page as unknown as Window);
    } finally {
      console.info = info;
    }
    expect(said).to.have.length(1);
    expect(String(said[0])).to.contain('No SCORM LMS found');
  });
});
