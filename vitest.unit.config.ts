import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the fast loop. Pure logic only, no Neo4j (so no global setup) and files in parallel; the
 * integration tests stay in `npm test` against a real database.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
