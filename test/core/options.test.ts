import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../src/core/options.ts';
import { ConfigurationError } from '../../src/index.ts';

const KEY = 'sk-from-test-options';

describe('resolveClientOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveClientOptions({ apiKey: KEY }, {});

    expect(resolved).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      organization: undefined,
      project: undefined,
      timeout: 600_000,
      maxRetries: 2,
      logLevel: 'warn',
      validateResponses: true,
    });
  });

  it('reads the environment when options are absent', () => {
    const resolved = resolveClientOptions(
      {},
      {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1/',
        OPENAI_ORG_ID: 'org-env',
        OPENAI_PROJECT_ID: 'proj-env',
        TUNEKIT_LOG: 'debug',
      },
    );

    expect(resolved).toMatchObject({
      apiKey: KEY,
      baseURL: 'http://127.0.0.1:4010/v1',
      organization: 'org-env',
      project: 'proj-env',
      logLevel: 'debug',
    });
  });

  it('prefers explicit options, and null turns an environment value off', () => {
    const resolved = resolveClientOptions(
      { apiKey: 'sk-explicit-key', organization: null, project: 'proj-x' },
      { OPENAI_API_KEY: KEY, OPENAI_ORG_ID: 'org-env', OPENAI_PROJECT_ID: 'proj-env' },
    );

    expect(resolved.apiKey).toBe('sk-explicit-key');
    expect(resolved.organization).toBeUndefined();
    expect(resolved.project).toBe('proj-x');
  });

  it('treats an empty environment variable as unset', () => {
    expect(() => resolveClientOptions({}, { OPENAI_API_KEY: '  ' })).toThrow(ConfigurationError);
  });

  it.each([
    [{ baseURL: 'api.openai.com' }, 'baseURL'],
    [{ baseURL: 'ftp://example.test/v1' }, 'baseURL'],
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: Number.NaN }, 'timeout'],
    // Longer than a Node timer holds: it would fire at once.
    [{ timeout: 2 ** 31 }, 'timeout'],
    [{ maxResponseBytes: 0 }, 'maxResponseBytes'],
    [{ maxResponseBytes: 1.5 }, 'maxResponseBytes'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ logLevel: 'loud' as never }, 'logLevel'],
  ])('rejects %o naming the option', (options, option) => {
    let error: unknown;
    try {
      resolveClientOptions({ apiKey: KEY, ...options }, {});
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).toContain(option);
    expect((error as Error).message).not.toContain(KEY);
  });
});
