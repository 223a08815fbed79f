import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../../src/cli/index.ts');

/** Starts `tunekit fake-server` with the given arguments; collects its output. */
function start(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'fake-server', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk;
  });
  return { child, output };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  const [code] = await once(child, 'exit');
  return code as number | null;
}

/** Waits (up to 5 s) until `ready()` holds. */
async function waitFor(ready: () => boolean, what: string, output: object): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`The fake server never printed ${what}: ${JSON.stringify(output)}`);
}

/**
 * Waits until the server has printed everything it prints at start (stdout and stderr arrive
 * separately) and returns the base URL from the environment line.
 */
async function baseUrlOf(output: { stdout: string; stderr: string }): Promise<string> {
  const line = () => /OPENAI_BASE_URL=(\S+) OPENAI_API_KEY=\S+/.exec(output.stdout);
  await waitFor(
    () => line() !== null && output.stderr.includes('Stop with Ctrl-C'),
    'its start-up lines',
    output,
  );
  return line()?.[1] ?? '';
}

describe('tunekit fake-server', () => {
  it('prints its base URL, serves the API there, and stops cleanly on SIGTERM', async () => {
    const { child, output } = start(['--port', '0']);
    const baseURL = await baseUrlOf(output);
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(output.stdout).toContain(`listening at ${baseURL}`);

    const response = await fetch(`${baseURL}/models`, {
      headers: { authorization: 'Bearer sk-fake-key' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.length).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(output.stderr).toContain('Stopped (SIGTERM).');
  });

  it('stops cleanly on SIGINT too, and runs jobs in real time with --speed', async () => {
    const { child, output } = start(['--port', '0', '--speed', '50']);
    await baseUrlOf(output);
    expect(output.stderr).toContain('real time at 50× speed');
    child.kill('SIGINT');
    expect(await exitOf(child)).toBe(0);
  });

  it('refuses a bad port as a usage error (exit 2)', async () => {
    const { child, output } = start(['--port', 'http']);
    expect(await exitOf(child)).toBe(2);
    expect(output.stderr).toContain('expected a port number from 0 to 65535');
  });

  it('reports a port already in use as an error (exit 1)', async () => {
    const first = start(['--port', '0']);
    const port = new URL(await baseUrlOf(first.output)).port;
    const second = start(['--port', port]);
    expect(await exitOf(second.child)).toBe(1);
    expect(second.output.stderr).toContain('could not listen');
    first.child.kill('SIGTERM');
    await exitOf(first.child);
  });
});
