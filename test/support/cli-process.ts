import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/** The CLI's entry in the sources; run with Node 22 as `tunekit` would be. */
export const CLI = resolve(import.meta.dirname, '../../src/cli/index.ts');

/** A CLI process running in the background, with its output collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `tunekit …args` without a terminal. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...rest } = process.env;
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...rest, ...env },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output, exited };
}

/** Waits (up to `ms`) until `ready()` holds; fails with the output so far otherwise. */
export async function waitFor(
  ready: () => boolean,
  what: string,
  output: object,
  ms = 10_000,
): Promise<void> {
  for (let waited = 0; waited < ms; waited += 25) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Never saw ${what}: ${JSON.stringify(output)}`);
}

/**
 * Starts `tunekit fake-server` on a free port and resolves once it serves, with its base URL
 * and a way to stop it.
 */
export async function startFakeServerProcess(extraArgs: string[] = []) {
  const server = startCli(['fake-server', '--port', '0', ...extraArgs]);
  const line = () => /OPENAI_BASE_URL=(\S+) OPENAI_API_KEY=\S+/.exec(server.output.stdout);
  await waitFor(
    () => line() !== null && server.output.stderr.includes('Stop with Ctrl-C'),
    'the fake server start',
    server.output,
  );
  return {
    baseURL: line()?.[1] ?? '',
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}
