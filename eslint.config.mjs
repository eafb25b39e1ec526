import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { createProjectGraphAsync } from 'nx/src/devkit-exports.js';
import tseslint from 'typescript-eslint';

// The boundary rule reads Nx's cached project graph, and skips itself with no more than a warning
// when there is none (a fresh clone) or checks an old one: compute it before any file is linted.
await createProjectGraphAsync({ exitOnError: true });

/**
 * The floors of docs/architecture.md, ground floor first. A project may import the floors below
 * its own, never its own floor's neighbours or anything above.
 */
const FLOORS = [
  ['layer:contracts'],
  ['layer:dsp'],
  ['layer:present'],
  ['layer:feedback'],
  ['layer:measure', 'layer:platform'],
  ['layer:pipeline'],
  ['layer:service'],
  ['layer:app'],
];
const LIBRARY_FLOORS = FLOORS.slice(0, -1).flat();

/** Test-only projects: the requirement rule every floor's tests use, and the e2e support. */
const TEST_REQUIREMENTS = 'layer:test-requirements';
const TEST_SUPPORT = 'layer:test-support';

/** Files that only tests load; they may also use the test-only projects. */
const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.test-support.ts',
  '**/*.fixture.ts',
  '**/src/testing.ts',
  '**/test-support/**',
  'web/e2e/**',
];

function depConstraints({ forTests }) {
  const testing = forTests ? [TEST_REQUIREMENTS] : [];
  return [
    ...FLOORS.flatMap((floor, index) =>
      floor.map((sourceTag) => ({
        sourceTag,
        onlyDependOnLibsWithTags: [
          ...FLOORS.slice(0, index).flat(),
          ...testing,
          // Apps' tests drive the built programs through the e2e support.
          ...(forTests && sourceTag === 'layer:app' ? [TEST_SUPPORT] : []),
        ],
      })),
    ),
    // Browser-safe projects (and the web app) import only browser-safe projects.
    { sourceTag: 'runtime:browser', onlyDependOnLibsWithTags: ['runtime:browser', ...testing] },
    // The end-to-end tests drive everything; they import any library and the test-only projects.
    {
      sourceTag: 'layer:e2e',
      onlyDependOnLibsWithTags: [...LIBRARY_FLOORS, TEST_SUPPORT, TEST_REQUIREMENTS],
    },
    { sourceTag: TEST_SUPPORT, onlyDependOnLibsWithTags: [...LIBRARY_FLOORS, TEST_REQUIREMENTS] },
    // The requirement rule stands on nothing, so every floor's tests can use it.
    { sourceTag: TEST_REQUIREMENTS, onlyDependOnLibsWithTags: [] },
  ];
}

const boundaries = (options) => ({ '@nx/enforce-module-boundaries': ['error', options] });

/**
 * Browser-safe libraries: nothing of Node's, so they load in a browser as they are. Their tests
 * and fixtures are held to it too (none needs Node); a library's build scripts (scripts/) run
 * under Node and are not part of it.
 */
const BROWSER_SAFE = ['libs/contracts/src/**', 'libs/dsp/src/**', 'libs/present/src/**'];
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.nx/',
      'fixtures/',
      'web/.next/',
      'bench/.work/',
      'prisma/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    rules: boundaries({ depConstraints: depConstraints({ forTests: false }) }),
  },
  {
    files: TEST_FILES,
    rules: boundaries({ depConstraints: depConstraints({ forTests: true }) }),
  },
  {
    files: ['test/**'],
    rules: boundaries({
      depConstraints: depConstraints({ forTests: true }),
      allow: [
        // The local stack's building blocks, shared by `npm start` and the end-to-end tests.
        '../../infra/local/local-stack.ts',
        // The end-to-end suites reach their own support folder (its own project, so that apps'
        // tests can use it through @mixscope/test-support) by relative path.
        '../support/**',
      ],
    }),
  },
  {
    // Files that load what belongs to no project: the built local stack, the shared vitest aliases.
    files: ['infra/local/start.mjs', '**/vitest*.config.ts'],
    rules: boundaries({
      depConstraints: depConstraints({ forTests: false }),
      allow: ['../../dist/infra/local-stack.mjs', '../vitest.aliases.ts'],
    }),
  },
  {
    files: BROWSER_SAFE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Browser-safe libraries import nothing of Node; do this in libs/measure.',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'Browser-safe libraries import nothing of Node; do this in libs/measure.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: `Browser-safe libraries use no ${name}: take what you need as a parameter.`,
        })),
      ],
    },
  },
  prettier,
);
