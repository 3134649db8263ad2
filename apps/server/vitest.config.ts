import { defineConfig } from 'vitest/config';

// Every integration test runs on a real PostgreSQL dialect engine: PGlite by default,
// the PostgreSQL server with DB_ENGINE=pg (see src/test/global-setup.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
