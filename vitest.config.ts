import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests share one real database: run files one after another (the box has 2 cores anyway).
    fileParallelism: false,
    testTimeout: 30_000,
    // The first run on a new machine fetches Neo4j from Maven Central before the suite starts.
    hookTimeout: 600_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
