import { defineConfig } from 'vitest/config';

/** The unit tests alone, for the mutation run over the domain (`domain.config.mjs`). */
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'] },
});
