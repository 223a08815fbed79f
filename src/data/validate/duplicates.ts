/**
 * Finds repeated examples by their 64-bit hashes (see `scanJson`), keeping per distinct example
 * 12 bytes in typed arrays — no text, no objects. The table doubles as it fills, up to
 * {@link MAX_SLOTS}; a full table stops taking new examples but still answers for the ones it
 * holds, so memory stays fixed at any file size.
 */

const FIRST_SLOTS = 1 << 12;
/** 2^21 slots × 12 bytes = 24 MB: exact for the first 1.5 million distinct examples. */
export const MAX_SLOTS = 1 << 21;
/** Grow (or, at the largest size, stop adding) past this share of slots in use. */
const MAX_LOAD = 0.75;

/** The most distinct examples compared exactly. */
export const EXACT_DISTINCT_EXAMPLES = Math.floor(MAX_SLOTS * MAX_LOAD);

export class DuplicateFinder {
  #low = new Uint32Array(FIRST_SLOTS);
  #high = new Uint32Array(FIRST_SLOTS);
  /** 1-based line of the first example with the hash; 0 marks an empty slot. */
  #lines = new Uint32Array(FIRST_SLOTS);
  #used = 0;
  /** True once the table stopped taking new examples. */
  full = false;

  /**
   * The line of an earlier example with the same hash, or undefined (then this one is
   * remembered, while there is room).
   *
   * @example
   * finder.check(0x1234, 0x5678, 3); // undefined
   * finder.check(0x1234, 0x5678, 9); // 3
   */
  check(low: number, high: number, line: number): number | undefined {
    const mask = this.#lines.length - 1;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    for (;;) {
      const first = this.#lines[slot] as number;
      if (first === 0) break;
      if (this.#low[slot] === low && this.#high[slot] === high) return first;
      slot = (slot + 1) & mask;
    }
    if (this.#used + 1 > this.#lines.length * MAX_LOAD) {
      if (this.#lines.length >= MAX_SLOTS) {
        this.full = true;
        return undefined;
      }
      this.#grow();
      return this.check(low, high, line);
    }
    this.#low[slot] = low;
    this.#high[slot] = high;
    this.#lines[slot] = line;
    this.#used++;
    return undefined;
  }

  #grow(): void {
    const low = this.#low;
    const high = this.#high;
    const lines = this.#lines;
    const size = lines.length * 2;
    this.#low = new Uint32Array(size);
    this.#high = new Uint32Array(size);
    this.#lines = new Uint32Array(size);
    this.#used = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as number;
      if (line !== 0) this.check(low[i] as number, high[i] as number, line);
    }
  }
}
