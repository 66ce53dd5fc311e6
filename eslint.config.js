// ESLint for a Lit codebase: TypeScript rules, Lit template rules, web-component rules and template a11y.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'demo-dist/**', 'storybook-static/**', '**/custom-elements.json'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  wcConfigs['flat/recommended'],
  {
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Elements register through defineElement(), which guards against a second copy of the kit.
      'wc/no-constructor-attributes': 'error',
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', '**/test/**/*.ts', '**/testing/**/*.ts', '**/stories/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
