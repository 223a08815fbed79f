import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { chooseSeed, seedLine } from './test/support/seed.ts';

// One seed for every randomized test of the run, shared with the workers through the
// environment: TUNEKIT_TEST_SEED when given, else a fresh one. A failed run prints it.
const seed = chooseSeed();

export default defineConfig({
  resolve: {
    // Examples import the package by its public names, as a consumer would; in this repository
    // those names are the sources (longest first: `tunekit` is a prefix of the others).
    alias: [
      {
        find: /^tunekit\/data$/,
        replacement: fileURLToPath(new URL('./src/data/index.ts', import.meta.url)),
      },
      {
        find: /^tunekit\/testing$/,
        replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
      },
      { find: /^tunekit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/setup-seed.ts'],
    // Type tests (expectTypeOf in *.test-d.ts) of the public surface, checked by tsc in the run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    reporters: [
      'default',
      {
        onTestRunEnd(_modules, _errors, reason) {
          if (reason === 'failed') console.log(`\n${seedLine(seed)}\n`);
        },
      },
    ],
    // A hang still fails, but the CLI walkthroughs (a dozen child processes each, ~15 s on a quiet
    // machine) outlast 20 s when the machine is shared: seen at a load average of 10 on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests share no global state, but several start real servers and large files: keep
    // parallelism modest on a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
