import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests share no global state, but several start real servers and large files: keep
    // parallelism modest on a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
