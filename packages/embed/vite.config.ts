import { defaultClientConditions, defineConfig } from 'vite';

// The embed pages' scripts, served beside them at /embed/: the iframe page's, the builder's, and resizer.js, which
// host pages include as a classic script (it imports nothing, so its output is one plain file).
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    modulePreload: false,
    rolldownOptions: {
      input: { 'embed-page': 'src/embed-page.ts', builder: 'src/builder.ts', resizer: 'src/resizer.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
