import { describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../support/cli-process.ts';

/** Starts `tunekit fake-server` with the given arguments; collects its output. */
function start(args: string[]) {
  return startCli(['fake-server', ...args]);
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
    5_000,
  );
  return line()?.[1] ?? '';
}

describe('tunekit fake-server', () => {
  it('prints its base URL, serves the API there, and stops cleanly on SIGTERM', async () => {
    const { child, output, exited } = start(['--port', '0']);
    const baseURL = await baseUrlOf(output);
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(output.stdout).toContain(`listening at ${baseURL}`);

    const response = await fetch(`${baseURL}/models`, {
      headers: { authorization: 'Bearer sk-fake-key' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.length).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.stderr).toContain('Stopped (SIGTERM).');
  });

  it('stops cleanly on SIGINT too, and runs jobs in real time with --speed', async () => {
    const { child, output, exited } = start(['--port', '0', '--speed', '50']);
    await baseUrlOf(output);
    expect(output.stderr).toContain('real time at 50× speed');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port as a usage error (exit 2)', async () => {
    const { output, exited } = start(['--port', 'http']);
    expect(await exited).toBe(2);
    expect(output.stderr).toContain('expected a port number from 0 to 65535');
  });

  it('reports a port already in use as an error (exit 1)', async () => {
    const first = start(['--port', '0']);
    const port = new URL(await baseUrlOf(first.output)).port;
    const second = start(['--port', port]);
    expect(await second.exited).toBe(1);
    expect(second.output.stderr).toContain(
      `error: cannot listen on 127.0.0.1:${port}: the port is in use`,
    );
    expect(second.output.stderr).toContain('hint: Pass --port 0 for any free port');
    first.child.kill('SIGTERM');
    await first.exited;
  });
});
