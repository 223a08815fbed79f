import type { Command } from 'commander';
import type { TuneKit } from '../../client.ts';
import type { Logger } from '../../core/logger.ts';
import type { ClientOptions } from '../../core/options.ts';
import { ExitCode } from '../exit-codes.ts';
import { describeError } from './describe-error.ts';
import type { GlobalOptions } from './global-options.ts';
import { reportError } from './report-error.ts';
import { rerunFlags } from './rerun-flags.ts';
import { stderrLogger } from './stderr-logger.ts';

/** The client options the global flags set; flags left out leave the client's defaults. */
export function connectionOptions(options: GlobalOptions): ClientOptions {
  const picked: ClientOptions = {
    provider: options.provider,
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    organization: options.organization,
    project: options.project,
    endpoint: options.endpoint,
    apiVersion: options.apiVersion,
    authHeader: options.authHeader,
    authScheme: options.authScheme === 'none' ? null : options.authScheme,
  };
  // An option the user did not give must stay absent: the providers refuse foreign options.
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
}

/** What an API command gets to work with. */
export interface ApiContext {
  client: TuneKit;
  /** `--json`: print one JSON document (or JSON lines for streams) and no decoration. */
  json: boolean;
  debug: boolean;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** Whether Ctrl-C was pressed. */
  interrupted(): boolean;
  /** The connection flags to append to a command printed as a hint ({@link rerunFlags}). */
  rerunFlags: string;
}

/** What the command does; returns its exit code (default 0). */
// biome-ignore lint/suspicious/noConfusingVoidType: bodies that return nothing are fine.
export type ApiCommandBody = (context: ApiContext) => Promise<number | undefined | void>;

/** Extra behaviour around an API command. */
export interface ApiCommandHooks {
  /**
   * Called on the first Ctrl-C, before the signal aborts (e.g. to print how to resume), with
   * the connection flags a printed command must repeat ({@link rerunFlags}).
   */
  onInterrupt?: (rerunFlags: string) => void;
  /** Builds the client instead of the global options (`tunekit demo` uses the fake). */
  createClient?: (logger: Logger) => Promise<TuneKit>;
}

/**
 * Runs an API command: builds the client from the global options and the environment, turns
 * Ctrl-C into an abort (a second Ctrl-C exits at once), and prints any error as its message,
 * a hint and the exit code — never a stack trace unless `--debug`.
 */
export async function runApiCommand(
  command: Command,
  body: ApiCommandBody,
  hooks: ApiCommandHooks = {},
): Promise<number> {
  const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
  const json = options.json === true;
  const debug = options.debug === true;
  const flags = rerunFlags(options);
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(ExitCode.Interrupted);
    interrupted = true;
    hooks.onInterrupt?.(flags);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let client: TuneKit | undefined;
  try {
    if (hooks.createClient) {
      client = await hooks.createClient(stderrLogger());
    } else {
      const { TuneKit } = await import('../../client.ts');
      client = new TuneKit({
        ...connectionOptions(options),
        timeout: options.timeout,
        maxRetries: options.maxRetries,
        logger: stderrLogger(),
        logLevel: debug ? 'debug' : 'warn',
      });
    }
    const code = await body({
      client,
      json,
      debug,
      signal: controller.signal,
      interrupted: () => interrupted,
      rerunFlags: flags,
    });
    return interrupted ? ExitCode.Interrupted : (code ?? ExitCode.Ok);
  } catch (error) {
    // After Ctrl-C the command has said what it had to (e.g. how to resume): no error too.
    if (interrupted) return ExitCode.Interrupted;
    return reportError(describeError(error, interrupted, { flags: options, env: process.env }), {
      json,
      debug,
      stack: error instanceof Error ? error.stack : undefined,
    });
  } finally {
    process.off('SIGINT', onSigint);
    await client?.close();
  }
}
