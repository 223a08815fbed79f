import { ConfigurationError } from './errors/configuration-error.ts';
import { isLogLevel, type Logger, type LogLevel } from './logger.ts';

/** A `fetch`-compatible function. Passing one replaces tunekit's transport entirely. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Header values; `null` removes a header tunekit would otherwise send. */
export type HeadersInit = Record<string, string | null | undefined>;

/** Query parameters added to requests; `undefined` values are left out. */
export type QueryInit = Record<string, unknown>;

/** Options of `new TuneKit(options)`. Every one has a sensible default. */
export interface ClientOptions {
  /** The API key. Default: the `OPENAI_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL?: string | undefined;
  /** Sent as `OpenAI-Organization`. Default: `OPENAI_ORG_ID`; `null` sends none. */
  organization?: string | null | undefined;
  /** Sent as `OpenAI-Project`. Default: `OPENAI_PROJECT_ID`; `null` sends none. */
  project?: string | null | undefined;
  /** Milliseconds one attempt of a request may take. Default: 600,000 (10 minutes). */
  timeout?: number | undefined;
  /** Retries after the first attempt for retryable failures. Default: 2. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: HeadersInit | undefined;
  /** Query parameters sent with every request (e.g. `api-version`). */
  defaultQuery?: QueryInit | undefined;
  /** Replaces the transport (then no undici Agent, proxy or socket timeouts are set up). */
  fetch?: FetchLike | undefined;
  /** Where log lines go. Default: `console`. */
  logger?: Logger | undefined;
  /** Default: the `TUNEKIT_LOG` environment variable, else `warn`. */
  logLevel?: LogLevel | undefined;
  /** Check responses against their schemas. Default: true. */
  validateResponses?: boolean | undefined;
}

/** Client options with every default applied. The API key is kept apart (see `apiKey`). */
export interface ResolvedClientOptions {
  apiKey: string;
  baseURL: string;
  organization: string | undefined;
  project: string | undefined;
  timeout: number;
  maxRetries: number;
  defaultHeaders: HeadersInit;
  defaultQuery: QueryInit;
  fetch: FetchLike | undefined;
  logger: Logger;
  logLevel: LogLevel;
  validateResponses: boolean;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;

type Env = Readonly<Record<string, string | undefined>>;

/** An environment variable, with empty strings treated as unset. */
function fromEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `explicit` if given (null meaning "none"), else the environment variable. */
function optionOrEnv(explicit: string | null | undefined, env: Env, name: string) {
  if (explicit === null) return undefined;
  return explicit ?? fromEnv(env, name);
}

/**
 * Applies defaults and environment variables to client options and checks them, so a
 * misconfiguration fails at construction with the option's name, not at the first request.
 */
export function resolveClientOptions(
  options: ClientOptions,
  env: Env = process.env,
): ResolvedClientOptions {
  const apiKey = options.apiKey ?? fromEnv(env, 'OPENAI_API_KEY');
  if (!apiKey) {
    throw new ConfigurationError(
      'Missing API key: pass `apiKey` to new TuneKit({ apiKey }) or set the OPENAI_API_KEY environment variable.',
      'apiKey',
      'OPENAI_API_KEY',
    );
  }

  const baseURL = (options.baseURL ?? fromEnv(env, 'OPENAI_BASE_URL') ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
  if (!URL.canParse(baseURL) || !/^https?:$/.test(new URL(baseURL).protocol)) {
    throw new ConfigurationError(
      `Invalid baseURL ${JSON.stringify(baseURL)}: expected an http(s) URL such as ${DEFAULT_BASE_URL}.`,
      'baseURL',
      'OPENAI_BASE_URL',
    );
  }

  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new ConfigurationError(
      `Invalid timeout ${timeout}: expected a positive number of milliseconds.`,
      'timeout',
    );
  }

  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError(
      `Invalid maxRetries ${maxRetries}: expected a whole number ≥ 0.`,
      'maxRetries',
    );
  }

  const envLevel = fromEnv(env, 'TUNEKIT_LOG');
  const logLevel = options.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
  if (!isLogLevel(logLevel)) {
    throw new ConfigurationError(
      `Invalid logLevel ${JSON.stringify(logLevel)}: expected off, error, warn, info or debug.`,
      'logLevel',
      'TUNEKIT_LOG',
    );
  }

  return {
    apiKey,
    baseURL,
    organization: optionOrEnv(options.organization, env, 'OPENAI_ORG_ID'),
    project: optionOrEnv(options.project, env, 'OPENAI_PROJECT_ID'),
    timeout,
    maxRetries,
    defaultHeaders: options.defaultHeaders ?? {},
    defaultQuery: options.defaultQuery ?? {},
    fetch: options.fetch,
    logger: options.logger ?? console,
    logLevel,
    validateResponses: options.validateResponses ?? true,
  };
}
