import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  ConfigurationError,
  NotFoundError,
  NotSupportedByProviderError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
} from '../../index.ts';

/** What the page shows about a failure: a title, what happened, and what to do. */
export interface PageError {
  /** Lets the page pick words and an icon: `no-key`, `unreachable`, … */
  kind:
    | 'no-key'
    | 'configuration'
    | 'auth'
    | 'unreachable'
    | 'not-found'
    | 'not-supported'
    | 'rate-limited'
    | 'api'
    | 'unexpected';
  title: string;
  message: string;
  hint: string | null;
  /** HTTP status of the API's answer, when there was one. */
  status: number | null;
  requestId: string | null;
}

/**
 * Turns an error of the client into words for the page. Messages of tunekit's errors are
 * already free of the key (the client redacts them); the server redacts again before sending.
 *
 * @example
 * describeError(new AuthenticationError(…)).title; // 'The API refused the key'
 */
export function describeError(error: unknown): PageError {
  const base = { status: null, requestId: null, hint: null };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ConfigurationError) {
    if (error.option === 'apiKey') {
      return {
        ...base,
        kind: 'no-key',
        title: 'No API key',
        message,
        hint: `Set ${error.envVariable ?? 'OPENAI_API_KEY'} (or pass --api-key) and start tunekit ui again — or try it with no key: tunekit ui --fake.`,
      };
    }
    return {
      ...base,
      kind: 'configuration',
      title: 'The connection settings are incomplete',
      message,
      hint: `Check --${error.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${error.envVariable ? ` (or ${error.envVariable})` : ''} and start tunekit ui again.`,
    };
  }
  if (error instanceof NotSupportedByProviderError) {
    return {
      ...base,
      kind: 'not-supported',
      title: 'Not offered by this provider',
      message,
      hint: 'Nothing was changed.',
    };
  }
  if (error instanceof APIError) {
    const known = { ...base, status: error.status, requestId: error.requestId ?? null, message };
    if (error instanceof AuthenticationError) {
      return {
        ...known,
        kind: 'auth',
        title: 'The API refused the key',
        hint: 'Check the key (OPENAI_API_KEY, --api-key, or AZURE_OPENAI_API_KEY with --provider azure) and that it belongs to this base URL.',
      };
    }
    if (error instanceof PermissionDeniedError) {
      return {
        ...known,
        kind: 'auth',
        title: 'The key may not do this',
        hint: 'The key may lack access to this organization, project or model (--organization, --project).',
      };
    }
    if (error instanceof NotFoundError) {
      return {
        ...known,
        kind: 'not-found',
        title: 'Not found',
        hint: 'Check the id, and that the base URL points at the right API.',
      };
    }
    if (error instanceof RateLimitError) {
      return {
        ...known,
        kind: 'rate-limited',
        title: 'The API asks to slow down',
        hint: 'tunekit ui tries again by itself in a little while.',
      };
    }
    return { ...known, kind: 'api', title: `The API answered ${error.status}`, hint: null };
  }
  if (error instanceof APIConnectionError) {
    return {
      ...base,
      kind: 'unreachable',
      title: 'The provider is unreachable',
      message,
      hint: 'Check the network and the base URL; tunekit ui keeps trying.',
    };
  }
  if (error instanceof ResponseValidationError) {
    return {
      ...base,
      kind: 'api',
      title: 'The API answered in an unexpected shape',
      message,
      hint: 'Run with --debug and report it.',
    };
  }
  return { ...base, kind: 'unexpected', title: 'Something went wrong', message, hint: null };
}

/**
 * A function that replaces every secret in a text with `[redacted]`: the last line of defence
 * before anything reaches the page (messages from the network may echo a key).
 *
 * @example
 * const redact = redactor(['sk-abc…']);
 * redact('bad key sk-abc…'); // 'bad key [redacted]'
 */
export function redactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  // Short values would redact ordinary words; keys are long.
  const values = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 8))];
  if (values.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join('[redacted]');
    return out;
  };
}
