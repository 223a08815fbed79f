const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Whole days from the UTC day of `now` to `day` (`YYYY-MM-DD`): 0 on the day itself, negative
 * once it is past. Announced dates are days, not instants, so the time of day does not count.
 *
 * @example
 * daysUntil('2027-01-14', new Date('2026-11-22T23:59:00Z')); // 53
 */
export function daysUntil(day: string, now: Date): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.UTC(y, m - 1, d) - today) / DAY_MS);
}

/**
 * A date as an API may send it — `YYYY-MM-DD`, an ISO date-time or Unix seconds — as
 * `YYYY-MM-DD` (UTC), or undefined when it is none of these.
 */
export function toDay(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return utcDay(new Date(value * 1000));
  }
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  if (!match?.[1]) return undefined;
  return Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`)) ? undefined : match[1];
}
