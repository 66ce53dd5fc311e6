import { expect } from '@open-wc/testing';
import { formatScormName, scormLearnerName } from './scorm.js';

/** A frame chain: the course page inside an LMS window that holds the SCORM API. */
function framesUnder(lms: Record<string, unknown>, depth = 2): Window {
  lms.parent = lms;
  let frame: Record<string, unknown> = lms;
  for (let i = 0; i < depth; i++) frame = { parent: frame };
  return frame as unknown as Window;
}

describe('the LMS learner name', () => {
  it('is offered from a SCORM 2004 player up the frame chain, first name first', () => {
    const win = framesUnder({
      API_1484_11: { GetValue: (key: string) => (key === 'cmi.learner_name' ? 'Lovelace, Ada' : '') },
    });
    expect(scormLearnerName(win)).to.equal('Ada Lovelace');
  });

  it('is offered from a SCORM 1.2 player', () => {
    const win = framesUnder({
      API: { LMSGetValue: (key: string) => (key === 'cmi.core.student_name' ? 'Hopper, Grace' : '') },
    });
    expect(scormLearnerName(win)).to.equal('Grace Hopper');
  });

  it('is absent outside an LMS, and a blank name gives nothing', () => {
    expect(scormLearnerName(framesUnder({}))).to.equal(undefined);
    expect(formatScormName('   ')).to.equal(undefined);
    expect(formatScormName('Prince')).to.equal('Prince');
  });
});
