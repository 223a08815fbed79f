import { type Env, fromEnv } from './env.ts';
import { ConfigurationError } from './errors/configuration-error.ts';
import { checkHeaders, type HeaderSource } from './header-check.ts';
import type { HeaderRecord } from './headers.ts';
import { isLogLevel, type Logger, type LogLevel } from './logger.ts';
import { OPENAI_BASE_URL } from './providers/openai.ts';
import type { Provider } from './providers/provider.ts';
import type { ProviderOptions } from './providers/provider-options.ts';
import { resolveProvider } from './providers/resolve.ts';
import type { QueryInit } from './query.ts';

/** A `fetch`-compatible function. Passing one replaces tunekit's transport entirely. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Options of `new TuneKit(options)`. Every one has a sensible default. */
export interface ClientOptions extends ProviderOptions {
  /**
   * Milliseconds one attempt of a request may take: to the complete answer for JSON, and for a
   * streamed body (a download, an event stream) to the headers, then between two reads of the
   * body. A request's own `timeout` overrides it, longer or shorter. Default: 600,000 (10 min).
   */
  timeout?: number | undefined;
  /** Retries after the first attempt for retryable failures. Default: 2. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: HeaderRecord | undefined;
  /** Query parameters sent with every request (e.g. `api-version`). */
  defaultQuery?: QueryInit | undefined;
  /** Replaces the transport: every request goes to this function (no proxy support then). */
  fetch?: FetchLike | undefined;
  /** Where log lines go. Default: `console`. */
  logger?: Logger | undefined;
  /** Default: the `TUNEKIT_LOG` environment variable, else `warn`. */
  logLevel?: LogLevel | undefined;
  /** Check responses against their schemas. Default: true. */
  validateResponses?: boolean | undefined;
  /**
   * The most bytes (after decompression) of a response body the client parses — a JSON
   * answer, an error body, one server-sent event. Larger ones fail with
   * `ResponseTooLargeError` and are not retried. File downloads are not limited. Default:
   * 16 MiB (API objects are kilobytes).
   */
  maxResponseBytes?: number | undefined;
  /**
   * The current time, for the model lifecycle checks of `jobs.create` (shutdown dates, the end
   * of self-serve fine-tuning). Default: the system clock. Tests pass a fixed date.
   */
  now?: (() => Date) | undefined;
}

/** Client options with every default applied. The API key is kept apart (see `apiKey`). */
export interface ResolvedClientOptions {
  /** Undefined only for a compatible endpoint that takes no key (`authHeader: null`). */
  apiKey: string | undefined;
  /** Where requests go, how they authenticate and what the endpoint offers. */
  provider: Provider;
  baseURL: string;
  organization: string | undefined;
  project: string | undefined;
  timeout: number;
  maxRetries: number;
  defaultHeaders: HeaderRecord;
  defaultQuery: QueryInit;
  fetch: FetchLike | undefined;
  logger: Logger;
  logLevel: LogLevel;
  validateResponses: boolean;
  maxResponseBytes: number;
  now: () => Date;
}

export const DEFAULT_BASE_URL = OPENAI_BASE_URL;
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** The longest delay a Node timer holds (about 24.8 days); longer ones would fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 2 ** 20;

/**
 * Applies defaults and environment variables to client options and checks them, so a
 * misconfiguration fails at construction with the option's name, not at the first request.
 */
export function resolveClientOptions(
  options: ClientOptions,
  env: Env = process.env,
): ResolvedClientOptions {
  const { provider, apiKey } = resolveProvider(options, env);
  const identity = provider.headers(undefined);
  checkHeaders(provider.headers(apiKey), (name) => providerHeaderSource(name, provider, options));
  checkHeaders(options.defaultHeaders ?? {}, (name) => ({
    option: 'defaultHeaders',
    label: `defaultHeaders[${JSON.stringify(name)}]`,
  }));
  const timeout = checked(
    'timeout',
    options.timeout ?? DEFAULT_TIMEOUT_MS,
    (value) => Number.isFinite(value) && value > 0 && value <= MAX_TIMEOUT_MS,
    `a positive number of milliseconds, at most ${MAX_TIMEOUT_MS}`,
  );
  const maxRetries = checked(
    'maxRetries',
    options.maxRetries ?? DEFAULT_MAX_RETRIES,
    (value) => Number.isInteger(value) && value >= 0,
    'a whole number ≥ 0',
  );
  const maxResponseBytes = checked(
    'maxResponseBytes',
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    (value) => Number.isSafeInteger(value) && value > 0,
    'a whole number of bytes > 0',
  );
  const logLevel = logLevelOf(options, env);
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ConfigurationError('Invalid now: expected a function returning a Date.', 'now');
  }

  return {
    apiKey,
    provider,
    baseURL: provider.baseURL,
    organization: identity['openai-organization'] ?? undefined,
    project: identity['openai-project'] ?? undefined,
    timeout,
    maxRetries,
    defaultHeaders: options.defaultHeaders ?? {},
    defaultQuery: options.defaultQuery ?? {},
    fetch: options.fetch,
    logger: options.logger ?? console,
    logLevel,
    validateResponses: options.validateResponses ?? true,
    maxResponseBytes,
    now: options.now ?? (() => new Date()),
  };
}

/** Which option (or variable) set a header the provider sends, for a configuration error. */
function providerHeaderSource(
  name: string,
  provider: Provider,
  options: ClientOptions,
): HeaderSource {
  if (name === provider.authHeader) {
    const envVariable =
      options.apiKey !== undefined
        ? undefined
        : provider.name === 'azure'
          ? 'AZURE_OPENAI_API_KEY'
          : provider.name === 'together'
            ? 'TOGETHER_API_KEY'
            : 'OPENAI_API_KEY';
    return { option: 'apiKey', label: 'apiKey', envVariable };
  }
  if (name === 'openai-organization') {
    const envVariable = options.organization === undefined ? 'OPENAI_ORG_ID' : undefined;
    return { option: 'organization', label: 'organization', envVariable };
  }
  if (name === 'openai-project') {
    const envVariable = options.project === undefined ? 'OPENAI_PROJECT_ID' : undefined;
    return { option: 'project', label: 'project', envVariable };
  }
  return { option: 'provider', label: `the ${name} header` };
}

/** A numeric option, or a `ConfigurationError` saying what was expected. */
function checked(
  option: string,
  value: number,
  valid: (value: number) => boolean,
  expected: string,
): number {
  if (!valid(value)) {
    throw new ConfigurationError(`Invalid ${option} ${value}: expected ${expected}.`, option);
  }
  return value;
}

/** The log level: the option, else `TUNEKIT_LOG` when it names a level, else `warn`. */
function logLevelOf(options: ClientOptions, env: Env): LogLevel {
  const envLevel = fromEnv(env, 'TUNEKIT_LOG');
  const logLevel = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
  if (!isLogLevel(logLevel)) {
    throw new ConfigurationError(
      `Invalid logLevel ${JSON.stringify(logLevel)}: expected off, error, warn, info or debug.`,
      'logLevel',
      'TUNEKIT_LOG',
    );
  }
  return logLevel;
}
