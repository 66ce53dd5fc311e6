/**
 * Every element the kit can load, by tag, found at build time: each widget package's `src/cohort-<tag>.ts`
 * registration file (core's base class and the kit's own entry are no elements). Each loader is a dynamic import,
 * so a page pays only for the elements it contains, and a new widget needs no line here.
 */
const registrations = import.meta.glob<unknown>([
  '../../*/src/cohort-*.ts',
  '!../../{core,kit}/**',
  '!../../*/src/*.test.ts',
]);

export const elementLoaders: Record<string, () => Promise<unknown>> = Object.fromEntries(
  Object.entries(registrations).map(([path, load]) => [/(cohort-[a-z-]+)\.ts$/.exec(path)![1]!, load]),
);
