import { randomInt } from 'node:crypto';

/**
 * The environment variable that fixes the seed of every randomized test (fast-check properties
 * and anything else drawing at random through {@link testSeed}). Unset, vitest.config.ts draws a
 * fresh seed per run; either way the run prints it, so a failure can be replayed exactly:
 * `TUNEKIT_TEST_SEED=123456 npm test`.
 */
export const SEED_ENV = 'TUNEKIT_TEST_SEED';

/**
 * The run's seed: the value of {@link SEED_ENV}, which the vitest config sets (from the caller's
 * environment, or drawn fresh) before any test worker starts, so every worker shares it.
 */
export function testSeed(): number {
  const text = process.env[SEED_ENV];
  if (text === undefined) {
    throw new Error(`${SEED_ENV} is not set: run the tests through vitest.config.ts`);
  }
  return parseSeed(text);
}

/** Reads a seed as fast-check takes it: an integer in the signed 32-bit range. */
export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(seed) || Math.abs(seed) > 2 ** 31 - 1) {
    throw new Error(`${SEED_ENV}=${text}: expected an integer between -2147483647 and 2147483647`);
  }
  return seed;
}

/** Keeps the caller's seed, or draws one: called once by the config, in the main process. */
export function chooseSeed(): number {
  const given = process.env[SEED_ENV];
  const seed = given === undefined || given === '' ? randomInt(0, 2 ** 31 - 1) : parseSeed(given);
  process.env[SEED_ENV] = String(seed);
  return seed;
}

/** A line for the run's log and for failures: the seed, and how to replay it. */
export function seedLine(seed: number): string {
  return `Randomized tests ran with seed ${seed}; replay them with ${SEED_ENV}=${seed} npm test`;
}
