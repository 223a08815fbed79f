import { describe, expect, it } from 'vitest';
import { CountDistribution } from '../../src/data/stats.ts';

describe('CountDistribution', () => {
  it('summarizes with nearest-rank percentiles', () => {
    const series = new CountDistribution();
    for (let i = 1; i <= 100; i++) series.push(i);
    expect(series.summary()).toEqual({
      min: 1,
      max: 100,
      mean: 50.5,
      median: 50,
      p10: 10,
      p90: 90,
    });
    expect(new CountDistribution().summary()).toBeNull();
  });

  it('grows past its first buffer and buckets by powers of two', () => {
    const series = new CountDistribution();
    for (let i = 0; i < 5000; i++) series.push(i % 2 === 0 ? 3 : 100);
    expect(series.length).toBe(5000);
    expect(series.histogram()).toEqual([
      { from: 2, to: 4, count: 2500 },
      { from: 4, to: 8, count: 0 },
      { from: 8, to: 16, count: 0 },
      { from: 16, to: 32, count: 0 },
      { from: 32, to: 64, count: 0 },
      { from: 64, to: 128, count: 2500 },
    ]);
  });
});

describe('CountDistribution past the exact range', () => {
  it('keeps a fixed size, exact min/max/mean, and percentiles within half a bucket', () => {
    const distribution = new CountDistribution();
    // 1,000 values spread over 1..4,000,000 (most past 65,536), seeded by their index.
    const values = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7_919_993) % 4_000_000));
    for (const v of values) distribution.push(v);
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.ceil(p * sorted.length) - 1] as number;
    const summary = distribution.summary();
    expect(summary?.min).toBe(sorted[0]);
    expect(summary?.max).toBe(sorted.at(-1));
    expect(summary?.mean).toBe(Math.round((values.reduce((a, b) => a + b, 0) / 1000) * 100) / 100);
    for (const [p, got] of [
      [0.1, summary?.p10],
      [0.5, summary?.median],
      [0.9, summary?.p90],
    ] as const) {
      expect(Math.abs((got as number) - rank(p)) / rank(p)).toBeLessThan(0.008);
    }
    // The histogram is exact at any size: its buckets are powers of two.
    const histogram = distribution.histogram();
    expect(histogram.reduce((n, b) => n + b.count, 0)).toBe(1000);
    for (const bucket of histogram)
      expect(bucket.count).toBe(values.filter((v) => v >= bucket.from && v < bucket.to).length);
  });

  it('is exact for every value below 65,536', () => {
    const distribution = new CountDistribution();
    for (const v of [65_535, 3, 70_000, 65_535, 1]) distribution.push(v);
    expect(distribution.summary()).toMatchObject({ min: 1, p10: 1, median: 65_535, max: 70_000 });
    // 70,000 is past the exact range: its percentile is the middle of its 512-wide bucket.
    expect(distribution.summary()?.p90).toBe(69_888);
  });
});
