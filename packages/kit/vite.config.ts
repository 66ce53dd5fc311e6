import { defaultClientConditions, defineConfig } from 'vite';

// The CDN build: one ES module entry, each element and the Firebase SDK in lazily loaded chunks beside it.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    manifest: true,
    lib: {
      entry: 'src/cohort-kit.ts',
      formats: ['es'],
      fileName: () => 'cohort-kit.js',
    },
    rolldownOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            // Firestore and Auth load after first paint; keeping them in named chunks makes the budget checkable.
            { name: 'firebase-auth', test: /node_modules[\\/]@firebase[\\/]auth[\\/]/, priority: 20 },
            { name: 'firebase', test: /node_modules[\\/](@firebase|firebase|tslib|idb)[\\/]/, priority: 10 },
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit|@lit-labs)[\\/]/, priority: 5 },
          ],
        },
      },
    },
  },
});
