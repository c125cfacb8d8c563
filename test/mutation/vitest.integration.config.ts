import { defineConfig } from 'vitest/config';

/**
 * The integration tests alone, for the mutation run over the services (`services.config.mjs`):
 * the platform runs in the test's process, so the mutated services are the ones the HTTP calls
 * reach. One file at a time, as the shared DynamoDB Local is started once for the run.
 */
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
