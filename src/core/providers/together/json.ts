/** A JSON object as parsed from an answer: every member unknown until checked. */
export type Json = Record<string, unknown>;

/** The value as an object, or undefined. */
export function objectOf(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The value as an array of objects (non-objects left out), or an empty array. */
export function objectsOf(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.map(objectOf).filter((item): item is Json => item !== undefined)
    : [];
}

/** The value when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else undefined. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Unix seconds from an ISO 8601 time (Together's jobs, events and checkpoints), or from
 * seconds already (its files). Anything else is returned as it is, so that the schema check
 * names the field that could not be read.
 */
export function unixSeconds(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : Math.floor(ms / 1000);
}

/** The object without its undefined members (so answers stay as small as what was sent). */
export function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** The last segment of a path, decoded: the id a resource put there. */
export function idInPath(path: string, index: number): string {
  const segment = path.split('/')[index] ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
