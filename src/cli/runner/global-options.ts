import { type Command, Option } from 'commander';
import { PROVIDER_NAMES, type ProviderName } from '../../core/providers/features.ts';
import { positiveNumber, retries } from '../flags.ts';

/** The options every API command accepts (before or after the command name). */
export interface GlobalOptions {
  provider?: ProviderName;
  apiKey?: string;
  baseUrl?: string;
  endpoint?: string;
  apiVersion?: string;
  authHeader?: string;
  authScheme?: string;
  organization?: string;
  project?: string;
  timeout?: number;
  maxRetries?: number;
  debug?: boolean;
}

/**
 * Adds the connection options to the program. Each falls back to the same environment
 * variable as the client (`TUNEKIT_PROVIDER`; `OPENAI_API_KEY`, `OPENAI_BASE_URL`,
 * `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`; for Azure `AZURE_OPENAI_API_KEY`,
 * `AZURE_OPENAI_ENDPOINT`, `OPENAI_API_VERSION`; for Together `TOGETHER_API_KEY`,
 * `TOGETHER_BASE_URL`), so a configured environment needs no flags.
 */
export function addGlobalOptions(program: Command): void {
  program
    .addOption(
      new Option(
        '--provider <name>',
        'API to talk to (default: $TUNEKIT_PROVIDER or openai; never chosen from other variables)',
      ).choices(PROVIDER_NAMES),
    )
    .option(
      '--api-key <key>',
      'API key (default: $OPENAI_API_KEY; azure: $AZURE_OPENAI_API_KEY; together: $TOGETHER_API_KEY; the variables keep it out of shell history)',
    )
    .option(
      '--base-url <url>',
      'API base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1; together: $TOGETHER_BASE_URL or https://api.together.ai/v1; required for compatible)',
    )
    .option(
      '--endpoint <url>',
      'azure: the resource endpoint, e.g. https://my-resource.openai.azure.com (default: $AZURE_OPENAI_ENDPOINT)',
    )
    .addOption(
      new Option(
        '--api-version <version>',
        'azure: the api-version query (default: $OPENAI_API_VERSION, else none)',
      ).choices(['v1', 'preview']),
    )
    .option(
      '--auth-header <name>',
      'compatible: the header that carries the key (default: authorization)',
    )
    .option(
      '--auth-scheme <scheme>',
      'compatible: the word before the key, or "none" (default: Bearer for authorization, else none)',
    )
    .option('--organization <id>', 'organization id (default: $OPENAI_ORG_ID)')
    .option('--project <id>', 'project id (default: $OPENAI_PROJECT_ID)')
    .option('--timeout <ms>', 'timeout of one request attempt in ms', positiveNumber)
    .option('--max-retries <n>', 'retries of a failed request', retries)
    .option('--debug', 'log every request and show stack traces');
}
