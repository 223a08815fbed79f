import { resolve } from 'node:path';
import type { TuneKit } from '../client.ts';
import type { ClientOptions } from '../index.ts';
import { fakeAccount } from './fake/seed.ts';
import { openBrowser } from './open-browser.ts';
import { startUi } from './start.ts';

/** What `tunekit ui` was asked for. */
export interface UiCommandOptions {
  /** Default 0: any free port. */
  port?: number | undefined;
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /** Open the browser (only ever on a terminal). Default true. */
  open?: boolean | undefined;
  /** Run on tunekit's fake API in this process, with jobs in progress: no key, no network. */
  fake?: boolean | undefined;
  /** Print `{"url": …}` instead of the bare URL. */
  json?: boolean | undefined;
  /** Folder of `tunekit eval --html` reports to list. Default: the current directory. */
  reports?: string | undefined;
  /** The client's connection settings (the CLI's global options). */
  client: ClientOptions;
}

/** Where the command writes and how it is stopped (tests replace these). */
export interface UiCommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  isTTY: boolean;
  /** Resolves when the user asks to stop (Ctrl-C). */
  stopSignal: Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function waitForCtrlC(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The client the dashboard shows: the fake, the configured API, or why there is none. */
async function clientFor(options: UiCommandOptions) {
  if (options.fake) {
    const { client, fake } = await fakeAccount();
    return { client, now: () => fake.now().getTime() };
  }
  const { TuneKit } = await import('../client.ts');
  try {
    return { client: new TuneKit(options.client) as TuneKit | { problem: unknown } };
  } catch (problem) {
    // No key, no endpoint: the page says what to set, rather than a server that never starts.
    return { client: { problem } };
  }
}

/**
 * `tunekit ui`: starts the dashboard, prints its URL (token included) as the first line of
 * stdout, opens the browser on a terminal, and runs until Ctrl-C. Exit code 0 after a clean
 * stop, 1 when the server cannot start (port taken, …).
 *
 * @example
 * process.exitCode = await runUiCommand({ fake: true, client: {} });
 */
export async function runUiCommand(
  options: UiCommandOptions,
  io: UiCommandIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    isTTY: process.stdout.isTTY === true,
    stopSignal: waitForCtrlC(),
  },
): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  let built: Awaited<ReturnType<typeof clientFor>>;
  try {
    built = await clientFor(options);
  } catch (error) {
    io.stderr(`error: tunekit ui could not start: ${(error as Error).message}`);
    return 1;
  }
  const { client, now } = built;
  const secrets = [
    options.client.apiKey,
    process.env.OPENAI_API_KEY,
    process.env.AZURE_OPENAI_API_KEY,
  ];
  let server: Awaited<ReturnType<typeof startUi>>;
  try {
    server = await startUi({
      client,
      host,
      port: options.port,
      fake: options.fake,
      now,
      reportsDir: resolve(options.reports ?? '.'),
      secrets,
      onError: (error) => io.stderr(`tunekit ui: internal error: ${(error as Error).message}`),
    });
  } catch (error) {
    if ('close' in client) await client.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'EADDRINUSE'
        ? `error: port ${options.port} is in use: pick another with --port, or --port 0 for any free one.`
        : `error: tunekit ui could not start: ${(error as Error).message}`,
    );
    return 1;
  }
  io.stdout(options.json ? JSON.stringify({ url: server.url }) : server.url);
  const what = options.fake
    ? 'on tunekit’s fake API (no key, no network, no cost)'
    : 'close' in client
      ? `on ${client.provider.label}`
      : 'with no connection (the page says why)';
  io.stderr(
    `tunekit ui ${what}. The address holds a secret token: do not share it. Stop with Ctrl-C.`,
  );
  if (!LOOPBACK.has(host)) {
    io.stderr(
      `warning: listening on ${host}: other machines can reach this dashboard (the token still guards it).`,
    );
  }
  if (options.open !== false && io.isTTY && !(await openBrowser(server.url))) {
    io.stderr('Could not open a browser: open the address above by hand.');
  }
  await io.stopSignal;
  await server.close();
  if ('close' in client) await client.close();
  io.stderr('tunekit ui stopped.');
  return 0;
}
