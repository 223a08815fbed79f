import { createHash, hash } from 'node:crypto';

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

/** Where the string that opens at `open` closes (its closing quote), or `end` if it does not. */
function stringEnd(bytes: Buffer, open: number, end: number): number {
  for (let at = open + 1; ; at++) {
    at = bytes.indexOf(QUOTE, at);
    if (at < 0 || at >= end) return end;
    // A quote after an odd number of backslashes is escaped.
    let slashes = 0;
    while (bytes[at - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
}

const isWhitespace = (byte: number) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * Scans `bytes[start, end)` (one line, UTF-8). Strings are skipped with a native search for
 * their closing quote; only the bytes between them are looked at one by one. Stops early once
 * the depth passes {@link MAX_JSON_DEPTH} or the values pass {@link MAX_JSON_VALUES}: the hash
 * is then meaningless, the line is refused anyway.
 *
 * @example
 * scanJson(Buffer.from('{"a": [1, 2]}'), 0, 13); // { depth: 2, values: 4, hashLow: …, hashHigh: … }
 */
export function scanJson(bytes: Buffer, start: number, end: number): JsonScan {
  let depth = 0;
  let deepest = 0;
  let values = 1;
  // The line minus whitespace between tokens, as the ranges between whitespace runs.
  const kept: number[] = [];
  let keptFrom = start;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) {
      i = stringEnd(bytes, i, end);
      continue;
    }
    if (isWhitespace(byte)) {
      if (i > keptFrom) kept.push(keptFrom, i);
      while (i + 1 < end && isWhitespace(bytes[i + 1] as number)) i++;
      keptFrom = i + 1;
      continue;
    }
    if (byte === 0x5b || byte === 0x7b) {
      depth++;
      values++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return { depth: deepest, values, hashLow: 0, hashHigh: 0 };
      }
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    } else if (byte === 0x2c || byte === 0x3a) {
      if (++values > MAX_JSON_VALUES) return { depth: deepest, values, hashLow: 0, hashHigh: 0 };
    }
  }
  if (end > keptFrom) kept.push(keptFrom, end);
  let digest: Buffer;
  if (kept.length === 2) {
    // No whitespace between tokens (JSON.stringify's output): one native call.
    digest = hash('sha256', bytes.subarray(kept[0], kept[1]), 'buffer');
  } else {
    const hasher = createHash('sha256');
    for (let k = 0; k < kept.length; k += 2) hasher.update(bytes.subarray(kept[k], kept[k + 1]));
    digest = hasher.digest();
  }
  return {
    depth: deepest,
    values,
    hashLow: digest.readUInt32LE(0),
    hashHigh: digest.readUInt32LE(4),
  };
}
