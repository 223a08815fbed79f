import { z } from 'zod';

/** Periods a request volume can be given per. */
export const VOLUME_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type VolumePeriod = (typeof VOLUME_PERIODS)[number];

/** How many requests are sent per period: `{ requests: 100_000, per: 'month' }`. */
export const Volume = z.strictObject({
  requests: z.number().int().positive(),
  per: z.enum(VOLUME_PERIODS),
});
export type Volume = z.infer<typeof Volume>;

/** Average days in each period (a month is a twelfth of a Julian year). */
const DAYS: Record<VolumePeriod, number> = { day: 1, week: 7, month: 365.25 / 12, year: 365.25 };

const SUFFIX: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000 };

/**
 * Parses a request volume: a count with optional thousands separators or a `k`/`M` suffix, and
 * a period after a slash (`day`, `week`, `month`, `year`; default `month`). Throws a
 * `RangeError` saying what was expected.
 *
 * @example
 * parseVolume('100000/month'); // { requests: 100000, per: 'month' }
 * parseVolume('2.5k/day'); // { requests: 2500, per: 'day' }
 */
export function parseVolume(text: string): Volume {
  const match = /^\s*([\d][\d,_]*(?:\.\d+)?)\s*([kKmM]?)\s*(?:\/\s*([a-z]+))?\s*$/.exec(text);
  const per = (match?.[3] ?? 'month').toLowerCase().replace(/s$/, '');
  const count = match
    ? Number((match[1] as string).replace(/[,_]/g, '')) *
      (SUFFIX[(match[2] as string).toLowerCase()] ?? 1)
    : Number.NaN;
  if (!match || !(VOLUME_PERIODS as readonly string[]).includes(per)) {
    throw new RangeError(
      `not a request volume: ${JSON.stringify(text)}; expected e.g. 100000/month, 3k/day or 1.5M/year`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`a request volume is a whole number ≥ 1 of requests, got ${text}`);
  }
  return { requests: count, per: per as VolumePeriod };
}

/**
 * How long `requests` take at `volume`, in words: "within a day", "about 8 days", "about 5
 * months", "about 3.2 years".
 *
 * @example
 * describeDuration(25_079, { requests: 100_000, per: 'month' }); // 'about 8 days'
 */
export function describeDuration(requests: number, volume: Volume): string {
  const days = (requests / volume.requests) * DAYS[volume.per];
  if (days <= 1) return 'within a day';
  if (days < 60) return `about ${Math.round(days)} days`;
  if (days < 730) return `about ${Math.round(days / DAYS.month)} months`;
  return `about ${(days / DAYS.year).toFixed(1)} years`;
}
