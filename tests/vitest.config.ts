import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/ui/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own SQLite files; forks keep native modules isolated.
    pool: 'forks',
  },
});
