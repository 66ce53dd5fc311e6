import { expect } from '@open-wc/testing';
import { CohortConfigError, readScriptTagConfig } from './config.js';
import { resolveConfig } from './config-check.js';

describe('configuration from a pasted script tag', () => {
  it('reads the data- attributes of the script tag', () => {
    const doc = document.implementation.createHTMLDocument('course');
    doc.body.innerHTML = `<script type="module" src="cohort-kit.js" data-project-id="my-course" data-api-key="k"
      data-firestore-emulator="127.0.0.1:8080" data-space="leadership-2026-spring"></script>`;
    expect(readScriptTagConfig(doc)).to.deep.equal({
      projectId: 'my-course',
      apiKey: 'k',
      firestoreEmulator: '127.0.0.1:8080',
      space: 'leadership-2026-spring',
    });
  });

  it("prefers the kit's own script tag over another vendor's with the same data- names", () => {
    const doc = document.implementation.createHTMLDocument('course');
    doc.head.innerHTML = '<base href="https://course.example/week-2/">';
    doc.body.innerHTML = `
      <script src="https://vendor.example/chat.js" data-project-id="vendor-chat" data-space="lobby"></script>
      <script type="module" src="../kit/cohort-kit.js" data-project-id="my-course" data-api-key="k"></script>`;
    const kitUrl = 'https://course.example/kit/cohort-kit.js';
    expect(readScriptTagConfig(doc, kitUrl)).to.deep.equal({ projectId: 'my-course', apiKey: 'k' });
    // Bundled into another script, the kit has no tag of its own: the first tag with its settings counts.
    expect(readScriptTagConfig(doc, 'https://cdn.example/bundle.js')).to.include({ projectId: 'vendor-chat' });
  });

  it('runs in preview mode when the page gives no Firebase settings', () => {
    const resolved = resolveConfig({});
    expect(resolved.mode).to.equal('preview');
  });

  it('names the attribute to fix when a setting is wrong', () => {
    expect(() => resolveConfig({ projectId: 'My Course!' })).to.throw(CohortConfigError, /data-project-id/);
    expect(() => resolveConfig({ projectId: 'my-course' })).to.throw(CohortConfigError, /data-api-key is missing/);
    expect(() => resolveConfig({ projectId: 'my-course', firestoreEmulator: 'localhost' })).to.throw(
      CohortConfigError,
      /host:port/,
    );
    expect(() =>
      resolveConfig({ projectId: 'my-course', firestoreEmulator: '127.0.0.1:8080', authEmulator: '127.0.0.1:9099' }),
    ).to.throw(CohortConfigError, /data-auth-emulator/);
    expect(() => resolveConfig({ space: 'week 2' })).to.throw(CohortConfigError, /data-space/);
  });

  it('refuses one emulator without the other, which would send sign-in or data to production', () => {
    expect(() => resolveConfig({ projectId: 'my-course', firestoreEmulator: '127.0.0.1:8080' })).to.throw(
      CohortConfigError,
      /data-firestore-emulator and data-auth-emulator go together/,
    );
    expect(() =>
      resolveConfig({ projectId: 'my-course', apiKey: 'k', authEmulator: 'http://127.0.0.1:9099' }),
    ).to.throw(CohortConfigError, /go together/);
  });

  it('accepts emulator settings without an API key', () => {
    const resolved = resolveConfig({
      projectId: 'demo-cohort-kit',
      firestoreEmulator: '127.0.0.1:8080',
      authEmulator: 'http://127.0.0.1:9099',
    });
    expect(resolved).to.include({ mode: 'live', projectId: 'demo-cohort-kit' });
  });
});
