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
