import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/*
 * Recommended rules without type information (fast on a 2-core desk machine), plus the
 * layering of the code base, which a reviewer would otherwise have to police by eye:
 *   main/ (except main/shell/) never imports electron — the core runs under plain Node;
 *   shared/ runs in both processes: no main/, renderer/, electron, or Node builtins (types only);
 *   renderer/ imports only shared/ and itself, and only renderer/api.ts touches window.depot.
 */

/** Relative imports that climb out of the current folder into a top-level folder. @param {string} folder */
const into = (folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: `do not import from ${folder}/ here (layering: see eslint.config.js)` });
const ELECTRON = { group: ['electron', 'electron/*'], message: 'only main/shell/ may import electron' };
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`])],
  message: 'this code runs in the browser: no Node builtins',
};

/** @param {{ paths?: object[], patterns?: object[] }} options */
const restrictImports = ({ paths = [], patterns = [] }) => ({
  // The TypeScript variant understands `import type` (allowTypeImports); the core rule does not.
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

export default defineConfig(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'docs/', '.tools/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, an ignored argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `x!` after a check the compiler cannot follow (noUncheckedIndexedAccess) is common and intended.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Escaping '-' inside a character class is a harmless defensive habit.
      'no-useless-escape': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The preflight runs on any Node, as CommonJS: it may need to say that Node is too old.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', console: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Layering.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: restrictImports({ patterns: [ELECTRON, into('renderer')] }),
  },
  {
    files: ['main/shell/**/*.ts'],
    rules: restrictImports({ patterns: [into('renderer')] }),
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrictImports({
      paths: [{ name: 'better-sqlite3', message: 'shared/ runs in the renderer too' }],
      patterns: [ELECTRON, into('main'), into('renderer'), { ...NODE_BUILTINS, message: `${NODE_BUILTINS.message} (type-only imports are fine)`, allowTypeImports: true }],
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The build's own configuration runs under Node, not in the page.
    ignores: ['renderer/vite.config.ts'],
    rules: {
      ...restrictImports({
        paths: [
          { name: 'better-sqlite3', message: 'the renderer has no database; call the core through renderer/api.ts' },
        ],
        patterns: [
          { group: ['electron', 'electron/*'], message: 'the renderer talks to the main process only through window.depot (renderer/api.ts)' },
          into('main'),
          into('scripts'),
          into('tests'),
          NODE_BUILTINS,
        ],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name='depot']",
          message: 'only renderer/api.ts touches window.depot; use its typed helpers',
        },
        {
          selector: "VariableDeclarator[init.name=/^(window|globalThis|self)$/] > ObjectPattern > Property[key.name='depot']",
          message: 'only renderer/api.ts touches window.depot; use its typed helpers',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
