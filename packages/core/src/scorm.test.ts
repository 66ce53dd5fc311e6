import { expect } from '@open-wc/testing';
import { findScormApi, formatScormName, scormLearner, scormLearnerName } from './scorm.js';

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

describe('the SCORM API', () => {
  it("is found through the opener when the page is the player's pop-up", () => {
    const lms = framesUnder({ API: { LMSGetValue: () => '' } }, 0);
    const popup = { parent: null as unknown, opener: lms } as Record<string, unknown>;
    popup.parent = popup;
    expect(findScormApi(popup as unknown as Window)?.version).to.equal('1.2');
  });

  it('names the learner by id and name, in either version', () => {
    const values: Record<string, string> = { 'cmi.learner_id': 'u-7', 'cmi.learner_name': 'Lovelace, Ada' };
    const api = findScormApi(framesUnder({ API_1484_11: { GetValue: (key: string) => values[key] ?? '' } }))!;
    expect(api.version).to.equal('2004');
    expect(scormLearner(api)).to.deep.equal({ id: 'u-7', name: 'Ada Lovelace' });
  });

  it('sets completion, commits and finishes with the calls of its version', () => {
    const calls: string[] = [];
    const record =
      (name: string) =>
      (...args: string[]) => {
        calls.push(`${name}(${args.join(', ')})`);
        return 'true';
      };
    const api = findScormApi(
      framesUnder({
        API: {
          LMSGetValue: () => '',
          LMSInitialize: record('LMSInitialize'),
          LMSSetValue: record('LMSSetValue'),
          LMSCommit: record('LMSCommit'),
          LMSFinish: record('LMSFinish'),
        },
      }),
    )!;
    expect(api.initialize() && api.setCompletion('completed') && api.commit() && api.finish()).to.equal(true);
    expect(calls).to.deep.equal([
      'LMSInitialize()',
      'LMSSetValue(cmi.core.lesson_status, completed)',
      'LMSCommit()',
      'LMSFinish()',
    ]);
  });
});
