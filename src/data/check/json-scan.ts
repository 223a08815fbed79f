/**
 * One pass over a line's bytes before `JSON.parse`: how deep it nests and how many JSON values
 * it holds (so a hostile line is refused before it can cost gigabytes), and a 64-bit hash of
 * its bytes with the whitespace between tokens left out (so duplicates are found whatever the
 * formatting, without keeping or re-serializing the example).
 */

/** Deeper than any real example (a tool's JSON schema nests a dozen levels at most). */
export const MAX_JSON_DEPTH = 100;
/**
 * More values than any real example holds. Parsed, each costs tens of bytes, so this bounds
 * what one line can take (a million values ≈ 50–100 MB), whatever its size in bytes.
 */
export const MAX_JSON_VALUES = 1_000_000;

export interface JsonScan {
  /** Deepest nesting of arrays and objects, counted up to MAX_JSON_DEPTH + 1. */
  depth: number;
  /** Values and keys, roughly: commas, colons and openings outside strings, plus one. */
  values: number;
  /** The 64-bit hash as two 32-bit halves. */
  hashLow: number;
  hashHigh: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Scans `bytes[start, end)` (one line, UTF-8). Stops early once the depth passes
 * {@link MAX_JSON_DEPTH} or the values pass {@link MAX_JSON_VALUES}: the hash is then
 * meaningless, the line is refused anyway.
 *
 * @example
 * scanJson(Buffer.from('{"a": [1, 2]}'), 0, 13); // { depth: 2, values: 4, hashLow: …, hashHigh: … }
 */
export function scanJson(bytes: Uint8Array, start: number, end: number): JsonScan {
  // Two multiplicative hashes over the same bytes with different seeds and multipliers.
  let low = 0x811c9dc5;
  let high = 0x01234567;
  let depth = 0;
  let deepest = 0;
  let values = 1;
  let inString = false;
  let hashed = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (inString) {
      if (byte === BACKSLASH) {
        // The escaped byte cannot end the string; hash both.
        low = Math.imul(low ^ byte, 0x01000193);
        high = Math.imul(high ^ byte, 0x5bd1e995);
        i++;
        if (i >= end) break;
        const escaped = bytes[i] as number;
        low = Math.imul(low ^ escaped, 0x01000193);
        high = Math.imul(high ^ escaped, 0x5bd1e995);
        continue;
      }
      if (byte === QUOTE) inString = false;
    } else {
      switch (byte) {
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          continue; // whitespace between tokens: not part of the identity
        case QUOTE:
          inString = true;
          break;
        case 0x5b: // [
        case 0x7b: // {
          depth++;
          values++;
          if (depth > deepest) {
            deepest = depth;
            if (deepest > MAX_JSON_DEPTH)
              return { depth: deepest, values, hashLow: 0, hashHigh: 0 };
          }
          break;
        case 0x5d: // ]
        case 0x7d: // }
          depth--;
          break;
        case 0x2c: // ,
        case 0x3a: // :
          if (++values > MAX_JSON_VALUES)
            return { depth: deepest, values, hashLow: 0, hashHigh: 0 };
          break;
      }
    }
    low = Math.imul(low ^ byte, 0x01000193);
    high = Math.imul(high ^ byte, 0x5bd1e995);
    high ^= high >>> 13;
    hashed++;
  }
  return {
    depth: deepest,
    values,
    hashLow: finish(low, hashed),
    hashHigh: finish(high, 0x9e3779b9),
  };
}

/** A final avalanche so that every input bit affects every output bit. */
function finish(hash: number, salt: number): number {
  let h = hash ^ salt;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
