// @cohort-kit/core/testing: what every widget's component tests share. Test-only: it is not built into dist.
export * from './emulators.js';
export * from './harness.js';
export * from './base-tests.js';
export * from './peer.js';
