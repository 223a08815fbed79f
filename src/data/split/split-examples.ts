import { pickIndexes } from '../random.ts';

export interface SplitOptions {
  /** Share of examples for validation, between 0 and 1 (default 0.1)… */
  validationFraction?: number;
  /** …or an exact number of validation examples (wins over the fraction). */
  validationSize?: number;
  /** Seed of the shuffle: the same seed and input give the same split. Default 42. */
  seed?: number;
}

/**
 * How many examples go to validation: `validationSize` (capped at the total) or the rounded
 * fraction.
 *
 * @example
 * validationCount(95, { validationFraction: 0.1 }); // 10
 */
export function validationCount(total: number, options: SplitOptions = {}): number {
  if (options.validationSize !== undefined)
    return Math.max(0, Math.min(total, Math.floor(options.validationSize)));
  const fraction = options.validationFraction ?? 0.1;
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`validationFraction must be within 0–1, got ${fraction}`);
  return Math.round(total * fraction);
}

/**
 * Splits examples into a training and a validation set, reproducibly for a seed. Order within
 * each set is the input order. (No stratification: examples are drawn uniformly.)
 *
 * @example
 * const { train, validation } = splitTrainValidation(examples, { validationFraction: 0.2, seed: 7 });
 */
export function splitTrainValidation<T>(
  examples: readonly T[],
  options: SplitOptions = {},
): { train: T[]; validation: T[] } {
  const picked = pickIndexes(
    examples.length,
    validationCount(examples.length, options),
    options.seed ?? 42,
  );
  const train: T[] = [];
  const validation: T[] = [];
  examples.forEach((example, index) => {
    (picked.has(index) ? validation : train).push(example);
  });
  return { train, validation };
}
