import { z } from 'zod';

/**
 * A string enum that stays open: the known values are typed (and offered by autocompletion),
 * any other string is accepted too. Real responses carry values the published spec does not
 * list (`status: "paused"`, Azure's `"pending"`), and a new value must not break old clients.
 *
 * @example
 * const Tier = openEnum(['default', 'flex', 'priority']);
 * Tier.parse('flex'); // 'flex'
 * Tier.parse('scale'); // 'scale': unknown but accepted
 * type Tier = z.infer<typeof Tier>; // 'default' | 'flex' | 'priority' | (string & {})
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<T[number] | (string & {})> {
  return z.union([z.enum(values), z.string()]) as z.ZodType<T[number] | (string & {})>;
}
