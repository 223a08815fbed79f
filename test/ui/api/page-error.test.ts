import { describe, expect, it } from 'vitest';
import { ConfigurationError, NotSupportedByProviderError, TuneKit } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { failureOf } from '../../../src/ui/api/failure-advice.ts';
import { describeError, redactor } from '../../../src/ui/api/page-error.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';

describe('errors in words for the page', () => {
  it('says what to set when there is no key', () => {
    const error = new ConfigurationError('No API key.', 'apiKey', 'OPENAI_API_KEY');
    expect(describeError(error)).toMatchObject({
      kind: 'no-key',
      title: 'No API key',
      hint: expect.stringContaining('tunekit ui --fake'),
    });
  });

  it('tells a refused key, a missing job and an unreachable provider apart', async () => {
    const fake = createFakeOpenAI({ apiKeys: ['sk-right-key-0123456789'] });
    const wrongKey = new TuneKit({
      apiKey: TEST_API_KEY,
      fetch: fake.fetch,
      maxRetries: 0,
      logLevel: 'off',
    });
    const auth = await wrongKey.jobs.retrieve('ftjob-x').catch((e: unknown) => e);
    expect(describeError(auth)).toMatchObject({ kind: 'auth', status: 401 });

    const right = new TuneKit({
      apiKey: 'sk-right-key-0123456789',
      fetch: fake.fetch,
      maxRetries: 0,
      logLevel: 'off',
    });
    const missing = await right.jobs.retrieve('ftjob-missing').catch((e: unknown) => e);
    expect(describeError(missing)).toMatchObject({ kind: 'not-found', status: 404 });

    const offline = new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
      timeout: 2000,
      logLevel: 'off',
    });
    const unreachable = await offline.jobs.retrieve('ftjob-x').catch((e: unknown) => e);
    expect(describeError(unreachable)).toMatchObject({
      kind: 'unreachable',
      title: 'The provider is unreachable',
    });
    await offline.close();
  });

  it('says a provider lacks a feature, and that nothing changed', () => {
    const error = new NotSupportedByProviderError(
      'jobs.pause',
      'compatible',
      'My gateway',
      'not offered',
    );
    expect(describeError(error)).toMatchObject({
      kind: 'not-supported',
      hint: 'Nothing was changed.',
    });
  });
});

describe('the last line of redaction', () => {
  it('replaces every secret, leaves short values and other text alone', () => {
    const redact = redactor([TEST_API_KEY, undefined, 'abc']);
    expect(redact(`key ${TEST_API_KEY} and ${TEST_API_KEY}; abc`)).toBe(
      'key [redacted] and [redacted]; abc',
    );
    expect(redactor([])('unchanged')).toBe('unchanged');
  });
});

describe('advice for a failed job', () => {
  it('points a bad file at the validator and a small one at adding examples', () => {
    expect(
      failureOf({ code: 'invalid_training_file', message: 'Line 3 …', param: 'training_file' })
        ?.advice,
    ).toContain('tunekit data validate');
    expect(
      failureOf({ code: 'invalid_n_examples', message: 'too few', param: 'training_file' })?.advice,
    ).toContain('at least 10 examples');
  });

  it('gives general advice naming the parameter for an unknown code, nothing for no error', () => {
    const unknown = failureOf({ code: 'brand_new_code', message: 'Something', param: 'seed' });
    expect(unknown).toMatchObject({ code: 'brand_new_code', message: 'Something', param: 'seed' });
    expect(unknown?.advice).toContain('`seed`');
    expect(failureOf({ code: null, message: null, param: null })).toBeNull();
    expect(failureOf(null)).toBeNull();
  });
});
