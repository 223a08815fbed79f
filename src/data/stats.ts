/** A summary of a distribution of whole numbers. */
export interface Distribution {
  min: number;
  max: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
}

/** One bar of a histogram: values in [from, to). */
export interface HistogramBucket {
  from: number;
  to: number;
  count: number;
}

/** Values below this are counted one by one: their percentiles are exact. */
export const EXACT_BELOW = 65_536;
const EXACT_BITS = 16;
/** Above {@link EXACT_BELOW}, each power of two is cut into this many buckets (< 1% wide). */
const SUB_BUCKETS = 128;
const SUB_BITS = 7;
const LARGEST = 0xffffffff;

/**
 * The distribution of whole numbers (tokens or messages per example) in a fixed 270 KB,
 * whatever their number: a count per value below 65,536 — so min, max, mean, percentiles and
 * the histogram are exact for every example a model can train on — and above that, 128 buckets
 * per power of two, where a percentile is the middle of its bucket (within 0.4%). Min, max,
 * sum and mean are always exact.
 */
export class CountDistribution {
  #exact: Uint32Array | undefined;
  readonly #high = new Float64Array((32 - EXACT_BITS) * SUB_BUCKETS);
  #length = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;

  push(value: number): void {
    const v = Math.min(Math.max(0, Math.floor(value)), LARGEST);
    if (v < EXACT_BELOW) {
      this.#exact ??= new Uint32Array(EXACT_BELOW);
      this.#exact[v] = (this.#exact[v] as number) + 1;
    } else {
      const index = highIndex(v);
      this.#high[index] = (this.#high[index] as number) + 1;
    }
    this.#length++;
    this.#sum += value;
    if (v < this.#min) this.#min = v;
    if (v > this.#max) this.#max = v;
  }

  get length(): number {
    return this.#length;
  }

  get sum(): number {
    return this.#sum;
  }

  /**
   * Min, max, mean and nearest-rank percentiles; null when empty.
   *
   * @example
   * const distribution = new CountDistribution();
   * for (const n of [1, 2, 3, 4]) distribution.push(n);
   * distribution.summary(); // { min: 1, max: 4, mean: 2.5, median: 2, p10: 1, p90: 4 }
   */
  summary(): Distribution | null {
    if (this.#length === 0) return null;
    const [p10, median, p90] = this.#percentiles([0.1, 0.5, 0.9]);
    return {
      min: this.#min,
      max: this.#max,
      mean: Math.round((this.#sum / this.#length) * 100) / 100,
      median: median as number,
      p10: p10 as number,
      p90: p90 as number,
    };
  }

  /** Nearest-rank percentiles, for `shares` in increasing order. */
  #percentiles(shares: readonly number[]): number[] {
    const ranks = shares.map((p) => Math.max(1, Math.ceil(p * this.#length)));
    const out: number[] = [];
    let seen = 0;
    const exact = this.#exact;
    if (exact) {
      for (let v = 0; v < EXACT_BELOW && out.length < ranks.length; v++) {
        seen += exact[v] as number;
        while (out.length < ranks.length && seen >= (ranks[out.length] as number)) out.push(v);
      }
    }
    for (let i = 0; i < this.#high.length && out.length < ranks.length; i++) {
      seen += this.#high[i] as number;
      while (out.length < ranks.length && seen >= (ranks[out.length] as number)) {
        const [from, to] = highBounds(i);
        out.push(Math.min(this.#max, Math.max(this.#min, Math.floor((from + to) / 2))));
      }
    }
    return out;
  }

  /**
   * A histogram over power-of-two buckets ([1,2), [2,4), … ; 0 gets [0,1)), skipping empty
   * buckets at both ends: token counts span orders of magnitude. Exact at any size.
   *
   * @example
   * distribution.histogram(); // [{ from: 64, to: 128, count: 3 }, { from: 128, to: 256, count: 9 }]
   */
  histogram(): HistogramBucket[] {
    const counts = new Array<number>(33).fill(0);
    const add = (bucket: number, count: number) => {
      counts[bucket] = (counts[bucket] as number) + count;
    };
    const exact = this.#exact;
    if (exact) {
      for (let v = 0; v < EXACT_BELOW; v++) {
        const count = exact[v] as number;
        if (count > 0) add(v === 0 ? 0 : 32 - Math.clz32(v), count);
      }
    }
    for (let i = 0; i < this.#high.length; i++) {
      const count = this.#high[i] as number;
      if (count > 0) add(EXACT_BITS + 1 + Math.floor(i / SUB_BUCKETS), count);
    }
    const buckets = counts.map((count, i) => ({
      from: i === 0 ? 0 : 2 ** (i - 1),
      to: i === 0 ? 1 : 2 ** i,
      count,
    }));
    while (buckets[0]?.count === 0) buckets.shift();
    while (buckets.at(-1)?.count === 0) buckets.pop();
    return buckets;
  }
}

/** Bucket of a value ≥ EXACT_BELOW: its power of two, then its top bits below the leading one. */
function highIndex(value: number): number {
  const exponent = 31 - Math.clz32(value);
  const sub = Math.floor(value / 2 ** (exponent - SUB_BITS)) - SUB_BUCKETS;
  return (exponent - EXACT_BITS) * SUB_BUCKETS + sub;
}

/** [from, to) of a high bucket. */
function highBounds(index: number): [number, number] {
  const exponent = EXACT_BITS + Math.floor(index / SUB_BUCKETS);
  const width = 2 ** (exponent - SUB_BITS);
  const from = (SUB_BUCKETS + (index % SUB_BUCKETS)) * width;
  return [from, from + width];
}
