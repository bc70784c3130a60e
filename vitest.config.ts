import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node: nothing they import may pull in Electron.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests each start HTTPS servers; two workers suit a 2-core machine.
    maxWorkers: 2,
  },
});
