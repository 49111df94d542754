import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The conformance and differential suites are CPU-heavy; a generous timeout keeps slow CI machines green.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
