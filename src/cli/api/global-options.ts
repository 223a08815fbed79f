import { type Command, InvalidArgumentError } from 'commander';

/** The options every API command accepts (before or after the command name). */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  organization?: string;
  project?: string;
  timeout?: number;
  maxRetries?: number;
  debug?: boolean;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a positive number.');
  }
  return number;
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(value);
}

/**
 * Adds the connection options to the program. Each falls back to the same environment
 * variable as the client (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`,
 * `OPENAI_PROJECT_ID`), so a configured environment needs no flags.
 */
export function addGlobalOptions(program: Command): void {
  program
    .option(
      '--api-key <key>',
      'API key (default: $OPENAI_API_KEY, which keeps it out of shell history)',
    )
    .option(
      '--base-url <url>',
      'API base URL (default: $OPENAI_BASE_URL or https://api.openai.com/v1)',
    )
    .option('--organization <id>', 'organization id (default: $OPENAI_ORG_ID)')
    .option('--project <id>', 'project id (default: $OPENAI_PROJECT_ID)')
    .option('--timeout <ms>', 'timeout of one request attempt in ms', positiveNumber)
    .option('--max-retries <n>', 'retries of a failed request', count)
    .option('--debug', 'log every request and show stack traces');
}
