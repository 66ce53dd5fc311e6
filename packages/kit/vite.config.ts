import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * Minifies the CSS inside the kit's own css`` literals (the *styles.ts files): the minifier leaves template text
 * alone, and the styles are most of what an element adds before first paint. Comments go and white space
 * collapses; none of the kit's styles hold a string whose spacing matters.
 */
function minifyStyleLiterals(): Plugin {
  const minify = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      // "{color: red;" → "{color:red;": only right after { or ;, where a declaration (never a selector) starts.
      .replace(/([{;])([\w-]+):\s+/g, '$1$2:')
      .trim();
  return {
    name: 'cohort-minify-style-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/packages[\\/]\w+[\\/]src[\\/][\w.-]*styles\.ts$/.test(id)) return null;
      return { code: code.replace(/css`([^`]*)`/g, (_, body: string) => `css\`${minify(body)}\``), map: null };
    },
  };
}

// The CDN build: one ES module entry, each element and the Firebase SDK in lazily loaded chunks beside it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [minifyStyleLiterals()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    manifest: true,
    // Chunks load relative to cohort-kit.js wherever it is hosted; no preload helper that assumes a base URL.
    modulePreload: false,
    // Not library mode: that keeps whitespace in ES output. An app build with the entry's exports kept
    // gives a fully minified module that still exports configure() and friends.
    rolldownOptions: {
      input: { 'cohort-kit': 'src/cohort-kit.ts' },
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            // Firestore and Auth load after first paint; keeping them in named chunks makes the budget checkable.
            // Firestore's group goes first and takes the shared SDK modules (app, util, component) with it, so
            // the Auth chunk holds Auth alone and a reader who never signs in never downloads it.
            {
              name: 'firebase',
              test: /node_modules[\\/](@firebase[\\/](?!auth[\\/])|firebase[\\/](?!auth[\\/])|tslib[\\/]|idb[\\/])/,
              priority: 20,
            },
            { name: 'firebase-auth', test: /node_modules[\\/](@firebase|firebase)[\\/]auth[\\/]/, priority: 10 },
            // Lit's core only: a directive travels with the element that uses it, so one element's directives
            // don't weigh on another's first paint.
            {
              name: 'lit',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit|@lit-labs)[\\/](?!.*directives?[\\/])/,
              priority: 5,
            },
            // The core modules every element needs before first paint, in one file rather than five.
            {
              name: 'core',
              test: /packages[\\/]core[\\/]src[\\/](?!data|firebase-runtime|auth-runtime|identity\.|join-form|scorm|locales|names|sign-in-link|sign-in-url|element-parts|config-check|text-checks|ledger|when-ready|sharded-counter|rate-limit|rate-document|contribution-queue|keyed-subscription|invites|sign-in-form|report-form|text-problem|name-list)/,
              priority: 4,
            },
          ],
        },
      },
    },
  },
});
