/**
 * Two tiers (`npm run test:unit`, `npm run test:system`; `npm test` runs both): test/support/tiers.cjs
 * decides which by a rule, so new test files need no listing here. Jest runs TypeScript through
 * ts-jest; type errors are caught by `npm run build` (tsc), so tests only transpile.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { testTiers } = require('./test/support/tiers.cjs');

// micromark and its parts are ESM only; the report tests render Markdown with them in-process.
const ESM_PACKAGES = '(micromark[^/]*|decode-named-character-reference|character-entities|devlop)';
const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const timeFactor = Number(process.env.SPS_TEST_TIME_FACTOR || 1);
const tiers = testTiers(__dirname);

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/support/environment.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }],
    [`/node_modules/${ESM_PACKAGES}/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_PACKAGES}/)`],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...tiers.system.map((file) => `^${escape(file)}$`)],
      // In-process only: starting a process fails loudly (see the stub).
      moduleNameMapper: { '^(node:)?child_process$': '<rootDir>/test/support/no-child-process.ts' },
    },
    {
      ...shared,
      displayName: 'system',
      testRegex: tiers.system.map((file) => `^${escape(file)}$`),
    },
  ],
  reporters: ['default', '<rootDir>/test/support/checkout-unchanged.cjs'],
  globalSetup: '<rootDir>/test/support/run-temp-setup.cjs',
  globalTeardown: '<rootDir>/test/support/run-temp-teardown.cjs',
  testTimeout: 60_000 * (timeFactor >= 1 ? timeFactor : 1),
  maxWorkers: 2,
};
