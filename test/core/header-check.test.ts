import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError, TuneKit } from '../../src/index.ts';

const KEY = 'sk-test-HEADERCHECK-0123456789';

/** The error of constructing a client, with everything it shows. */
function constructionError(build: () => unknown): { error: ConfigurationError; shown: string } {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const shown = [
      (error as Error).message,
      String((error as Error).stack),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
    ].join('\n');
    return { error: error as ConfigurationError, shown };
  }
  throw new Error('expected the client constructor to throw');
}

describe('credentials a header cannot carry', () => {
  it.each([
    ['CR LF inside (header injection)', `${KEY}\r\nX-Injected: 1`, 'a line break (CR or LF)'],
    ['a trailing newline', `${KEY}\n`, 'a line break (CR or LF)'],
    ['a NUL character', `${KEY}\u0000`, 'a NUL character'],
    ['a character outside Latin-1', `${KEY}€`, 'outside Latin-1'],
  ])('an openai key with %s is a ConfigurationError that does not quote it', (_, key, why) => {
    const { error, shown } = constructionError(() => new TuneKit({ apiKey: key }));

    expect(error.option).toBe('apiKey');
    expect(error.message).toContain(why);
    expect(error.message).toContain('authorization header');
    expect(shown).not.toContain(KEY);
  });

  it('names the variable when the key came from the environment (Azure)', () => {
    vi.stubEnv('AZURE_OPENAI_API_KEY', `${KEY}\rX`);
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', 'https://r.openai.azure.com');
    try {
      const { error, shown } = constructionError(() => new TuneKit({ provider: 'azure' }));
      expect(error.envVariable).toBe('AZURE_OPENAI_API_KEY');
      expect(error.message).toContain('(from AZURE_OPENAI_API_KEY)');
      expect(error.message).toContain('api-key header');
      expect(shown).not.toContain(KEY);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('covers a gateway’s own auth header, the organization and default headers', () => {
    const gateway = constructionError(
      () =>
        new TuneKit({
          provider: 'compatible',
          baseURL: 'http://127.0.0.1:1/v1',
          authHeader: 'x-api-key',
          apiKey: `${KEY}\n`,
        }),
    );
    expect(gateway.error.message).toContain('x-api-key header');
    expect(gateway.shown).not.toContain(KEY);

    const organization = constructionError(
      () => new TuneKit({ apiKey: KEY, organization: 'org-1\r\nx: y' }),
    );
    expect(organization.error.option).toBe('organization');

    const defaults = constructionError(
      () => new TuneKit({ apiKey: KEY, defaultHeaders: { 'x-portkey-api-key': `${KEY}\n` } }),
    );
    expect(defaults.error.option).toBe('defaultHeaders');
    expect(defaults.error.message).toContain('defaultHeaders["x-portkey-api-key"]');
    expect(defaults.shown).not.toContain(KEY);

    const badName = constructionError(
      () => new TuneKit({ apiKey: KEY, defaultHeaders: { 'x team': 'a' } }),
    );
    expect(badName.error.message).toContain('Invalid header name "x team"');
  });

  it('accepts ordinary keys and Latin-1 values', () => {
    expect(
      () => new TuneKit({ apiKey: KEY, defaultHeaders: { 'x-team': 'Zürich' } }),
    ).not.toThrow();
  });
});
