// @ts-check
/**
 * Mutation testing of the services against the integration tests (DynamoDB Local):
 * `npm run test:mutation:services`. Hours on 2 cores; narrow it with `--mutate`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // The integration tests reach the services through HTTP calls, not imports.
  vitest: { configFile: 'test/mutation/vitest.integration.config.ts', related: false },
  mutate: ['functions/services/**/*.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/services/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/services/index.html' },
  jsonReporter: { fileName: 'reports/mutation/services/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'cdk.out', '.data', 'test-results', 'reports', 'docs'],
  cleanTempDir: 'always',
  concurrency: 1,
  timeoutMS: 60_000,
  thresholds: { high: 85, low: 75, break: null },
};
