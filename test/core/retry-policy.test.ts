import { describe, expect, it } from 'vitest';
import { apiErrorFor } from '../../src/core/error-from-response.ts';
import {
  backoffMs,
  classifyFailure,
  isRetryableResponse,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
} from '../../src/core/retry-policy.ts';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  RedirectError,
  ResponseTooLargeError,
  ResponseValidationError,
} from '../../src/index.ts';

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

describe('classifyFailure (the one place that decides)', () => {
  const status = (code: number, headers: Record<string, string> = {}) =>
    apiErrorFor({
      status: code,
      apiMessage: 'x',
      code: null,
      param: null,
      type: null,
      headers,
      requestId: undefined,
      body: null,
      method: 'GET',
      url: 'http://x/v1/models',
    });
  const target = { method: 'GET', url: 'http://x/v1/models' };

  it.each([
    ['a connection error', new APIConnectionError('reset'), true, true],
    ['a timeout', new APIConnectionTimeoutError(10, target), true, true],
    ['408', status(408), true, true],
    ['409', status(409), true, false],
    ['429', status(429), true, false],
    ['500', status(500), true, true],
    ['503 with x-should-retry: false', status(503, { 'x-should-retry': 'false' }), false, true],
    ['400 with x-should-retry: true', status(400, { 'x-should-retry': 'true' }), true, false],
    ['400', status(400), false, false],
    ['404', status(404), false, false],
    ['a user abort', new APIUserAbortError(), false, false],
    ['an invalid response', new ResponseValidationError('GET /x', undefined, []), false, false],
    [
      'a refused redirect',
      new RedirectError({
        reason: 'cross-origin',
        status: 307,
        ...target,
        targetOrigin: 'http://y',
      }),
      false,
      false,
    ],
    [
      'a body too large (even with status 500)',
      new ResponseTooLargeError({
        limit: 1,
        declared: 2,
        received: 0,
        status: 500,
        ...target,
        requestId: undefined,
      }),
      false,
      false,
    ],
    ['anything else', new Error('bug'), false, false],
  ])('%s → retryable %s, ambiguous %s', (_, error, retryable, ambiguous) => {
    expect(classifyFailure(error)).toEqual({ retryable, ambiguous });
  });
});
