// ESLint flat config: strict TypeScript plus the layering rules of docs/architecture.md.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'net',
];
const noNode = [
  {
    group: ['node:*', ...nodeBuiltins],
    message: 'This layer is runtime-neutral: no Node built-ins.',
  },
];
const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload import electron.',
};

const featuresDir = 'renderer/src/features';
const features = fs.existsSync(featuresDir)
  ? fs
      .readdirSync(featuresDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
  : [];
const featureIsolation = features.map((feature) => ({
  files: [`${featuresDir}/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [noElectron],
        patterns: [
          ...noNode,
          { group: ['**/electron/**'], message: 'The renderer never imports from electron/.' },
          ...features
            .filter((other) => other !== feature)
            .map((other) => ({
              group: [
                `../${other}`,
                `../${other}/**`,
                `**/features/${other}`,
                `**/features/${other}/**`,
              ],
              message: 'Features do not import each other: compose them in renderer/src/app.',
            })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'coverage/**',
      'playwright-report/**',
      'test-results/**',
      'tests/fixtures/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            ...noNode,
            { group: ['**/electron/**'], message: 'The renderer never imports from electron/.' },
          ],
        },
      ],
    },
  },
  ...featureIsolation,
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ is runtime-neutral.' }],
          patterns: [
            ...noNode,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing outside shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'migrations/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    // CommonJS shims loaded with node --require (tests/support): require is how they import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
