import { describe, expect, it } from 'vitest';
import { appendQuery } from '../../src/core/query.ts';

describe('appendQuery', () => {
  it('encodes nested objects with brackets and skips empty values', () => {
    const url = new URL('https://api.tunekit.test/v1/fine_tuning/jobs');

    appendQuery(
      url,
      { 'api-version': 'preview', limit: 5 },
      { metadata: { team: 'a b', env: 'prod' }, after: undefined, before: null },
      { limit: 10, tags: ['x', 'y'] },
    );

    expect([...url.searchParams]).toEqual([
      ['api-version', 'preview'],
      ['limit', '10'],
      ['metadata[team]', 'a b'],
      ['metadata[env]', 'prod'],
      ['tags[]', 'y'],
    ]);
  });
});
