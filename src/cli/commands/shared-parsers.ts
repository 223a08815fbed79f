import { InvalidArgumentError } from 'commander';

/** A whole number ≥ 1 from a flag. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number ≥ 1.');
  }
  return Number(value);
}

/** A positive number from a flag. */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive number.');
  return number;
}

/** Collects a repeatable flag (`--metadata a=1 --metadata b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
