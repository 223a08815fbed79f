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

/**
 * Collects whole numbers in a growable typed array: 4 bytes per example, so even a file of
 * millions of examples keeps its statistics in a few MB while the exact median stays possible.
 */
export class NumberSeries {
  #values = new Uint32Array(1024);
  #length = 0;
  #sum = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Uint32Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = Math.min(value, 0xffffffff);
    this.#sum += value;
  }

  get length(): number {
    return this.#length;
  }

  get sum(): number {
    return this.#sum;
  }

  values(): Uint32Array {
    return this.#values.subarray(0, this.#length);
  }

  /**
   * Min, max, mean and nearest-rank percentiles; null when empty.
   *
   * @example
   * const series = new NumberSeries();
   * for (const n of [1, 2, 3, 4]) series.push(n);
   * series.summary(); // { min: 1, max: 4, mean: 2.5, median: 2, p10: 1, p90: 4 }
   */
  summary(): Distribution | null {
    if (this.#length === 0) return null;
    const sorted = this.values().slice().sort();
    const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
    return {
      min: sorted[0] as number,
      max: sorted[sorted.length - 1] as number,
      mean: Math.round((this.#sum / this.#length) * 100) / 100,
      median: rank(0.5),
      p10: rank(0.1),
      p90: rank(0.9),
    };
  }

  /**
   * A histogram over power-of-two buckets ([1,2), [2,4), … ; 0 gets [0,1)), skipping empty
   * buckets at both ends: token counts span orders of magnitude.
   *
   * @example
   * series.histogram(); // [{ from: 64, to: 128, count: 3 }, { from: 128, to: 256, count: 9 }]
   */
  histogram(): HistogramBucket[] {
    const counts: number[] = [];
    for (const value of this.values()) {
      const bucket = value === 0 ? 0 : 32 - Math.clz32(value);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    const buckets: HistogramBucket[] = [];
    for (let i = 0; i < counts.length; i++) {
      const from = i === 0 ? 0 : 2 ** (i - 1);
      buckets.push({ from, to: i === 0 ? 1 : 2 ** i, count: counts[i] ?? 0 });
    }
    while (buckets[0]?.count === 0) buckets.shift();
    return buckets;
  }
}
