import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  isRetryableResponse,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
} from '../../src/core/retry-policy.ts';

const headers = (init: Record<string, string>) => new Headers(init);

describe('isRetryableResponse', () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [502, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])('status %i → %s', (status, expected) => {
    expect(isRetryableResponse(status, headers({}))).toBe(expected);
  });

  it('lets x-should-retry win over the status', () => {
    expect(isRetryableResponse(500, headers({ 'x-should-retry': 'false' }))).toBe(false);
    expect(isRetryableResponse(400, headers({ 'x-should-retry': 'true' }))).toBe(true);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('reads retry-after-ms before retry-after', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('reads retry-after as seconds or as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 22 Nov 2026 09:00:00 GMT' }), now)).toBe(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(
      retryAfterMs(headers({ 'retry-after-ms': 'x', 'retry-after': '-1' }), now),
    ).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles from 500 ms up to 8 s, shortened by at most a quarter', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffMs(1, () => 1)).toBe(375);
    expect(backoffMs(5, () => 0.5)).toBe(7000);
  });

  it('uses the server hint when reasonable and refuses to wait longer than the cap', () => {
    expect(retryDelayMs(1, 1234)).toBe(1234);
    expect(retryDelayMs(1, MAX_RETRY_AFTER_MS + 1)).toBeUndefined();
    const delay = retryDelayMs(2, undefined);
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThanOrEqual(1000);
  });
});
