// @ts-check
/**
 * Mutation testing of the domain against the unit tests: `npm run test:mutation`.
 * A short run over the files a change touches: `npm run test:mutation -- --mutate functions/domain/x.ts`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.unit.config.ts', related: true },
  mutate: ['functions/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/domain/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/domain/index.html' },
  jsonReporter: { fileName: 'reports/mutation/domain/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'cdk.out', '.data', 'test-results', 'reports', 'docs'],
  cleanTempDir: 'always',
  concurrency: 2,
  thresholds: { high: 90, low: 80, break: null },
};
