import { InvalidArgumentError } from 'commander';

// The flag parsers of every command, in one place. Each turns the text of a flag into its value
// or throws commander's InvalidArgumentError, which commander reports as a usage error (exit 2)
// with the flag's name. Only commander is imported here: registering commands must stay light.

/** A whole number ≥ 1 (`--limit`, `--concurrency` of export). */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number ≥ 1.');
  }
  return Number(value);
}

/** A positive number (`--timeout`, `--speed` of demo, `--wait-timeout`). */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive number.');
  return number;
}

/** A whole number ≥ 0, said as a count (`--max-requests`, `--output-tokens`). */
export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** A whole number ≥ 1, said as a count first (`--concurrency` of eval, `--max-output-tokens`). */
export function wholeNumberAtLeastOne(value: string): number {
  const n = wholeNumber(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

/** A number of retries: a whole number ≥ 0 (`--max-retries`). */
export function retries(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(value);
}

/** A number of days: a whole number ≥ 0 (`--within`). */
export function days(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of days ≥ 0.');
  return Number(value);
}

/**
 * A job's client token (`--client-token` of jobs create and train): 1 to 512 printable
 * characters without spaces, as metadata values go.
 */
export function clientToken(value: string): string {
  if (!/^[\x21-\x7e]{1,512}$/.test(value)) {
    throw new InvalidArgumentError('expected 1 to 512 printable characters without spaces.');
  }
  return value;
}

/** A calendar day, `YYYY-MM-DD` (`--at`). */
export function calendarDay(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March: a day must read back as itself.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('expected a day as YYYY-MM-DD.');
  }
  return value;
}

/**
 * A dollar amount with at most 6 decimals, `$` allowed (`--max-cost`, `--training-cost`); the
 * error shows `example`.
 */
export function dollars(example: string): (value: string) => string {
  return (value) => {
    const usd = value.replace(/^\$/, '');
    if (!/^\d+(\.\d{1,6})?$/.test(usd))
      throw new InvalidArgumentError(`expected dollars, e.g. ${example}.`);
    return usd;
  };
}

/** A sampling temperature from 0 to 2 (`--temperature` of eval). */
export function temperature(value: string): number {
  const t = Number(value);
  if (!(Number.isFinite(t) && t >= 0 && t <= 2))
    throw new InvalidArgumentError('expected a number from 0 to 2.');
  return t;
}

/** A TCP port: 0 (any free one) to 65535 (`--port`). */
export function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  }
  return number;
}

/** A positive speed factor for the fake's simulated clock (`--speed` of fake-server). */
export function clockSpeed(value: string): number {
  const speed = Number(value);
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new InvalidArgumentError(
      'expected a positive number, e.g. 60 for a simulated minute per second.',
    );
  }
  return speed;
}

/** Collects a repeatable flag (`--metadata a=1 --metadata b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// Checked after commander, inside the commands (their errors are the commands' own).

/** `key=value` flags (`--metadata team=search`) as a record; undefined when there are none. */
export function parsePairs(
  pairs: readonly string[] | undefined,
): Record<string, string> | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const record: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`expected key=value, got "${pair}"`);
    record[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return record;
}

/** A non-negative whole number from a flag's text, or undefined when it is not one. */
export function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
