import { createFakeOpenAI } from '../../testing/index.ts';
import { ExitCode } from '../exit-codes.ts';
import { CliError } from '../usage-error.ts';

/** Options of `tunekit fake-server`. */
export interface FakeServerOptions {
  port: number;
  host: string;
  speed?: number | undefined;
  /** `together`: Together AI's API instead of OpenAI's and Azure's (which serve every other provider). */
  provider?: string | undefined;
}

/** The first lines a fake server prints: where it listens, and how to point tunekit at it. */
function banner(provider: string | undefined, baseURL: string, azureBaseURL: string): string {
  if (provider === 'together') {
    return (
      `Fake Together AI API listening at ${baseURL}\n` +
      `Use it with: TOGETHER_BASE_URL=${baseURL} TOGETHER_API_KEY=tk-fake-key TUNEKIT_PROVIDER=together\n`
    );
  }
  return (
    `Fake OpenAI API listening at ${baseURL} (Azure flavour: ${azureBaseURL}, api-key header)\n` +
    `Use it with: OPENAI_BASE_URL=${baseURL} OPENAI_API_KEY=sk-fake-key\n`
  );
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Serves the fake until SIGINT or SIGTERM. The base URL and a ready-to-use environment line go
 * to stdout (scripts read the first line); how to stop it goes to stderr.
 */
export async function runFakeServer(options: FakeServerOptions): Promise<number> {
  // Listen for the signals before saying how to stop: a Ctrl-C right after the message must
  // stop the server cleanly, not kill the process.
  const stopped = untilStopped();
  const fake = createFakeOpenAI({
    clock: options.speed ? { speed: options.speed } : 'instant',
    ...(options.provider === 'together' ? { provider: 'together' as const } : {}),
  });
  let server: Awaited<ReturnType<typeof fake.listen>>;
  try {
    server = await fake.listen({ port: options.port, host: options.host });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new CliError(
        `cannot listen on ${options.host}:${options.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`,
        { cause: error, hint: 'Pass --port 0 for any free port, or another --port.' },
      );
    }
    throw error;
  }
  process.stdout.write(banner(options.provider, server.baseURL, server.azureBaseURL));
  const clock = options.speed
    ? `jobs run in real time at ${options.speed}× speed`
    : 'jobs finish on the next request';
  process.stderr.write(`Clock: ${clock}. Any API key is accepted. Stop with Ctrl-C.\n`);
  const signal = await stopped;
  await server.close();
  process.stderr.write(`Stopped (${signal}).\n`);
  return ExitCode.Ok;
}
