import type { ConfigurationError } from '../../core/errors/configuration-error.ts';
import type { GlobalOptions } from './global-options.ts';

/**
 * The CLI's words for a `ConfigurationError` of the client. The library's messages speak to a
 * programmer (`pass \`apiKey\` to new TuneKit({ apiKey })`); a shell user sets a variable or
 * passes a flag, so the CLI says which.
 */

/** The flag of each client option the CLI exposes (the rest have none). */
const FLAGS: Readonly<Record<string, string>> = {
  provider: '--provider',
  apiKey: '--api-key',
  baseURL: '--base-url',
  endpoint: '--endpoint',
  apiVersion: '--api-version',
  authHeader: '--auth-header',
  authScheme: '--auth-scheme',
  organization: '--organization',
  project: '--project',
  timeout: '--timeout',
  maxRetries: '--max-retries',
};

/** The GlobalOptions key each client option is read from. */
const GLOBAL_KEYS: Readonly<Record<string, keyof GlobalOptions>> = {
  provider: 'provider',
  apiKey: 'apiKey',
  baseURL: 'baseUrl',
  endpoint: 'endpoint',
  apiVersion: 'apiVersion',
  authHeader: 'authHeader',
  authScheme: 'authScheme',
  organization: 'organization',
  project: 'project',
  timeout: 'timeout',
  maxRetries: 'maxRetries',
};

/** What a missing option is, said as the start of a sentence. */
const MISSING: Readonly<Record<string, string>> = {
  apiKey: 'No API key',
  baseURL: 'No base URL',
  endpoint: 'No Azure endpoint',
};

/**
 * The command-line flag of a client option: `baseURL` → `--base-url`; undefined for options the
 * CLI has no flag for (`deployments`, `fetch`…).
 *
 * @example
 * flagOf('baseURL'); // '--base-url'
 */
export function flagOf(option: string): string | undefined {
  return FLAGS[option];
}

/** What the CLI knows about where settings come from. */
export interface SettingSources {
  flags: GlobalOptions;
  env: NodeJS.ProcessEnv;
}

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== '';

/** Where the value of `option` came from: its flag, its variable, or neither. */
function sourceOf(
  error: ConfigurationError,
  sources: SettingSources,
): 'flag' | 'env' | 'none' | 'unknown' {
  const key = GLOBAL_KEYS[error.option];
  if (key === undefined) return 'unknown';
  const given = sources.flags[key];
  if (given !== undefined && String(given).trim() !== '') return 'flag';
  if (error.envVariable && isSet(sources.env[error.envVariable])) return 'env';
  return 'none';
}

/** The provider in use, as the client chose it. */
function providerOf(sources: SettingSources): string {
  return sources.flags.provider ?? (sources.env.TUNEKIT_PROVIDER?.trim() || 'openai');
}

/** Extra words for a missing key, by provider. */
function missingKeyNote(sources: SettingSources): string {
  const provider = providerOf(sources);
  if (provider === 'azure') return ' OPENAI_API_KEY is never sent to Azure.';
  if (provider !== 'openai') return '';
  const azure = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT'].filter((name) =>
    isSet(sources.env[name]),
  );
  if (azure.length === 0) return '';
  return ` ${azure.join(' and ')} ${azure.length === 1 ? 'is' : 'are'} set: to use Azure, add --provider azure (or set TUNEKIT_PROVIDER=azure); tunekit does not switch providers on its own.`;
}

/** A setting neither passed nor set: which variable to set, or which flag to pass. */
function missingMessage(error: ConfigurationError, flag: string, sources: SettingSources): string {
  const what = MISSING[error.option] ?? `No ${flag}`;
  const provider = providerOf(sources);
  const forWhom =
    error.option === 'apiKey' && provider !== 'openai' ? ` for --provider ${provider}` : '';
  const variable = error.envVariable;
  // The key: the variable first (a flag's value stays in shell history); the rest: the flag.
  const how =
    variable === undefined
      ? `pass ${flag}`
      : error.option === 'apiKey'
        ? `set ${variable}, or pass ${flag}`
        : `pass ${flag}, or set ${variable}`;
  // The library's example value, where it gives one (`e.g. https://my-resource.openai.azure.com`).
  const example = /\(e\.g\. ([^\s)]+)\)/.exec(error.message)?.[1];
  return `${what}${forWhom}: ${how}${example ? ` (e.g. ${example})` : ''}.${error.option === 'apiKey' ? missingKeyNote(sources) : ''}`;
}

/**
 * The library's message with option names as a shell user gives them: `Invalid baseURL "x"`
 * becomes `Invalid --base-url "x"` (or `Invalid OPENAI_BASE_URL "x"` when the variable gave
 * it); `` `endpoint` `` becomes `--endpoint`; `provider: "azure"` becomes `--provider azure`.
 */
function reworded(error: ConfigurationError, sources: SettingSources): string {
  const source = sourceOf(error, sources);
  const flag = flagOf(error.option);
  const named = source === 'env' && error.envVariable ? error.envVariable : (flag ?? error.option);
  let message = error.message.replace(
    new RegExp(`^Invalid ${error.option}( \\(from [A-Z_]+\\))?`),
    `Invalid ${named}`,
  );
  message = message.replace(/`(\w+)`/g, (whole, option: string) => flagOf(option) ?? whole);
  message = message.replace(/provider: ["'](\w+)["']/g, '--provider $1');
  message = message.replace(/this client is for provider/g, 'this command uses provider');
  return message;
}

/** Where to look: the flag or the variable that gave the value (or both when unknown). */
function checkHint(error: ConfigurationError, sources: SettingSources): string | undefined {
  const flag = flagOf(error.option);
  const variable = error.envVariable;
  const source = sourceOf(error, sources);
  if (source === 'flag' && flag) return `Check ${flag}.`;
  if (source === 'env' && variable) return `Check ${variable}${flag ? ` (or pass ${flag})` : ''}.`;
  const both = [flag, variable].filter(Boolean).join(' or ');
  return both ? `Check ${both}.` : undefined;
}

/**
 * The message and hint the CLI prints for a configuration error: its own sentence for a
 * setting that is missing (the variable to set, the flag to pass), the library's message in
 * flag names otherwise.
 *
 * @example
 * configurationReport(error, { flags: {}, env: {} }).message;
 * // 'No API key: set OPENAI_API_KEY, or pass --api-key.'
 */
export function configurationReport(
  error: ConfigurationError,
  sources: SettingSources,
): { message: string; hint: string | undefined } {
  const flag = flagOf(error.option);
  if (flag && sourceOf(error, sources) === 'none' && MISSING[error.option] !== undefined) {
    return {
      message: missingMessage(error, flag, sources),
      hint:
        error.option === 'apiKey'
          ? 'Prefer the variable: a key given as a flag stays in shell history and process listings.'
          : undefined,
    };
  }
  const message = reworded(error, sources);
  const hint = checkHint(error, sources);
  // A message that already names where the value came from needs no hint repeating it.
  const named = hint?.match(/--[\w-]+|[A-Z][A-Z0-9_]+/)?.[0];
  return { message, hint: named && message.includes(named) ? undefined : hint };
}
