// Runs before every test file (vitest.config.ts `setupFiles`): the run's seed drives fast-check.
import fc from 'fast-check';
import { testSeed } from './seed.ts';

fc.configureGlobal({ seed: testSeed() });
