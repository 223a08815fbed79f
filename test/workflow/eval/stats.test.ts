import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from '../../../src/workflow/eval/stats/bootstrap.ts';
import { nearestRank } from '../../../src/workflow/eval/stats/percentile.ts';
import { signTestPValue } from '../../../src/workflow/eval/stats/sign-test.ts';
import { wilsonInterval } from '../../../src/workflow/eval/stats/wilson.ts';

describe('Wilson score interval (95 %)', () => {
  it.each([
    // Values from the closed form, computed by hand with z = 1.959964.
    [8, 10, 0.4902, 0.9433],
    [0, 20, 0, 0.1611],
    [20, 20, 0.8389, 1],
    [50, 100, 0.4038, 0.5962],
  ])('%i of %i → [%f, %f]', (passes, n, low, high) => {
    const interval = wilsonInterval(passes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    expect(interval.method).toBe('wilson');
  });

  it('says nothing is known with no answers', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1, method: 'wilson' });
  });
});

describe('bootstrap interval', () => {
  it('is reproducible for a seed and brackets the mean', () => {
    const scores = [0.2, 0.9, 0.7, 1, 0.4, 0.6, 0.8, 0.3];
    const once = bootstrapInterval(scores);
    expect(bootstrapInterval(scores)).toEqual(once);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(once.low).toBeLessThan(mean);
    expect(once.high).toBeGreaterThan(mean);
    expect(once.low).toBeGreaterThanOrEqual(0.2);
    expect(once.high).toBeLessThanOrEqual(1);
    expect(bootstrapInterval([0.5, 0.5, 0.5])).toEqual({
      low: 0.5,
      high: 0.5,
      method: 'bootstrap',
    });
  });
});

describe('sign test and percentiles', () => {
  it.each([
    [9, 1, 0.021484375], // 2 × 11/1024
    [5, 0, 0.0625], // 2 × 1/32
    [3, 2, 1],
    [0, 0, 1],
    [0, 12, 0.00048828125], // 2 × 1/4096
  ])('%i wins, %i losses → p = %f', (wins, losses, p) => {
    expect(signTestPValue(wins, losses)).toBeCloseTo(p, 10);
  });

  it('stays finite for large samples', () => {
    expect(signTestPValue(600, 400)).toBeGreaterThan(0);
    expect(signTestPValue(600, 400)).toBeLessThan(1e-9);
  });

  it('takes nearest-rank percentiles', () => {
    expect(nearestRank([10, 20, 30, 40], 0.5)).toBe(20);
    expect(nearestRank([10, 20, 30, 40], 0.95)).toBe(40);
    expect(nearestRank([7], 0.5)).toBe(7);
    expect(nearestRank([], 0.5)).toBeUndefined();
  });
});
