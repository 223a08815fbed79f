import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runUiCommand, type UiCommandIo } from '../../src/ui/command.ts';
import { openCommand } from '../../src/ui/open-browser.ts';
import { runCli } from '../support/run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const KEY = 'sk-test-ui-command-0123456789abcdef';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `tunekit ui …` as a user starts it, without a terminal, with only the variables given. */
function startUi(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    join(ROOT, 'node_modules/.bin/node'),
    [join(ROOT, 'src/cli/index.ts'), 'ui', ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const firstLine = async () => {
    for (let waited = 0; waited < 20_000; waited += 25) {
      const end = output.stdout.indexOf('\n');
      if (end !== -1) return output.stdout.slice(0, end);
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no first line: ${JSON.stringify(output)}`);
  };
  return { child, output, exited, firstLine };
}

describe('tunekit ui as a command', () => {
  it('is listed in tunekit --help', () => {
    const { code, stdout } = runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n\s+ui \[options\]\s+a local web dashboard/);
  });

  it('--fake: prints the URL first, serves the page, and stops cleanly on Ctrl-C', async () => {
    const ui = startUi(['--fake', '--no-open']);
    const url = await ui.firstLine();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/$/);
    expect((await fetch(url)).status).toBe(200);
    const { jobs } = (await (await fetch(`${url}api/jobs`)).json()) as {
      jobs: Array<{ status: string }>;
    };
    expect(jobs.length).toBe(6);
    expect(new Set(jobs.map((job) => job.status))).toEqual(
      new Set(['succeeded', 'failed', 'cancelled', 'running', 'validating_files']),
    );
    // A tab keeps an event stream open: Ctrl-C must still stop at once.
    const stream = await fetch(`${url}api/events?list=1`);
    expect(stream.status).toBe(200);
    const started = Date.now();
    ui.child.kill('SIGINT');
    expect(await ui.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ui.output.stderr).toContain('fake API');
    expect(ui.output.stderr).toContain('tunekit ui stopped.');
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);

  it('--json prints {"url": …} as the first line', async () => {
    const ui = startUi(['--fake', '--no-open', '--json']);
    const line = JSON.parse(await ui.firstLine()) as { url: string };
    expect(Object.keys(line)).toEqual(['url']);
    expect((await fetch(line.url)).status).toBe(200);
    ui.child.kill('SIGTERM');
    expect(await ui.exited).toBe(0);
  }, 30_000);

  it('starts without a key and says on the page what to set', async () => {
    const ui = startUi(['--no-open']);
    const url = await ui.firstLine();
    const session = (await (await fetch(`${url}api/session`)).json()) as {
      problem: { kind: string; hint: string };
    };
    expect(session.problem.kind).toBe('no-key');
    expect(session.problem.hint).toContain('OPENAI_API_KEY');
    expect((await fetch(`${url}api/jobs`)).status).toBe(503);
    expect(ui.output.stderr).toContain('no connection');
    ui.child.kill('SIGINT');
    expect(await ui.exited).toBe(0);
  }, 30_000);

  it('never prints or serves the key', async () => {
    const ui = startUi(['--no-open', '--base-url', 'http://127.0.0.1:9/v1', '--max-retries', '0'], {
      OPENAI_API_KEY: KEY,
    });
    const url = await ui.firstLine();
    const session = await (await fetch(`${url}api/session`)).text();
    const jobs = await (await fetch(`${url}api/jobs`)).text();
    expect(jobs).toContain('unreachable');
    ui.child.kill('SIGINT');
    await ui.exited;
    for (const text of [ui.output.stdout, ui.output.stderr, session, jobs])
      expect(text).not.toContain(KEY);
  }, 30_000);

  it('says when the port is taken, and exits 1', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const ui = startUi(['--fake', '--no-open', '--port', String(port)]);
      expect(await ui.exited).toBe(1);
      expect(ui.output.stderr).toContain(`port ${port} is in use`);
      expect(ui.output.stdout).toBe('');
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('refuses a port that is not one', () => {
    const { code, stderr } = runCli(['ui', '--port', '70000']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected a port number');
  });
});

describe('opening the browser', () => {
  const saved = process.env.PATH;
  afterEach(() => {
    process.env.PATH = saved;
  });

  /** A fake opener (`xdg-open`, `open`) first on the PATH that writes down the URL it was given. */
  function fakeOpener() {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-ui-open-'));
    const log = join(dir, 'opened.txt');
    const script = join(dir, openCommand('x').command);
    writeFileSync(script, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`);
    chmodSync(script, 0o755);
    process.env.PATH = `${dir}:${saved}`;
    return log;
  }

  async function run(isTTY: boolean, open: boolean) {
    let stop: () => void = () => undefined;
    const lines: string[] = [];
    const io: UiCommandIo = {
      stdout: (line) => lines.push(line),
      stderr: () => undefined,
      isTTY,
      stopSignal: new Promise<void>((resolve) => {
        stop = resolve;
      }),
    };
    const done = runUiCommand({ fake: true, open, client: {} }, io);
    for (let i = 0; i < 400 && lines.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect(await done).toBe(0);
    return lines[0] as string;
  }

  it('opens it on a terminal, not otherwise, not with --no-open', async () => {
    const log = fakeOpener();
    const url = await run(true, true);
    expect(readFileSync(log, 'utf8')).toBe(url);
    const quiet = fakeOpener();
    await run(false, true);
    await run(true, false);
    expect(existsSync(quiet)).toBe(false);
  }, 30_000);

  it('knows the opener of each platform', () => {
    expect(openCommand('http://x/', 'darwin')).toEqual({ command: 'open', args: ['http://x/'] });
    expect(openCommand('http://x/', 'linux')).toEqual({ command: 'xdg-open', args: ['http://x/'] });
    expect(openCommand('http://x/', 'win32').args.at(-1)).toBe('http://x/');
  });
});
