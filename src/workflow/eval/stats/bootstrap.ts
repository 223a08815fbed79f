import { seededRandom } from '../../../data/random.ts';
import type { Interval } from './wilson.ts';

/** Resamples: enough for stable 2.5th and 97.5th percentiles, cheap for any eval set. */
const RESAMPLES = 2_000;

/**
 * The 95 % percentile-bootstrap interval of a mean, for scores that are not pass/fail (a
 * custom scorer's 0.7): resample the scores with replacement, take the 2.5th and 97.5th
 * percentiles of the resampled means. Seeded, so a report is the same on every run.
 *
 * @example
 * bootstrapInterval([0.2, 0.9, 0.7, 1, 0.4]); // { low: …, high: …, method: 'bootstrap' }
 */
export function bootstrapInterval(scores: readonly number[], seed = 42): Interval {
  const n = scores.length;
  if (n === 0) return { low: 0, high: 1, method: 'bootstrap' };
  const random = seededRandom(seed);
  const means = new Float64Array(RESAMPLES);
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += scores[Math.floor(random() * n)] as number;
    means[r] = sum / n;
  }
  means.sort();
  const at = (q: number) =>
    means[Math.min(RESAMPLES - 1, Math.max(0, Math.floor(q * RESAMPLES)))] as number;
  return { low: at(0.025), high: at(0.975), method: 'bootstrap' };
}
