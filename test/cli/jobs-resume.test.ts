import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, startFakeServerProcess, waitFor } from '../support/cli-process.ts';
import { jobIds, runCli, runCliAsync } from '../support/run-cli.ts';
import { chatTrainingFile } from '../support/training-data.ts';

// `tunekit train` resumable across restarts, `--client-token`, and following a server that
// never answers — as a user runs them: subprocesses against `tunekit fake-server`.

let server: Awaited<ReturnType<typeof startFakeServerProcess>>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  // Jobs in real time, sped up: a run can be killed while its job is going.
  server = await startFakeServerProcess(['--speed', '40']);
  dir = await mkdtemp(join(tmpdir(), 'tunekit-cli-resume-'));
  env = {
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'sk-cli-test-0123456789',
    TUNEKIT_CACHE_DIR: join(dir, 'cache'),
  };
  await writeFile(join(dir, 'train.jsonl'), chatTrainingFile(12));
  await writeFile(join(dir, 'other.jsonl'), chatTrainingFile(13));
});
afterAll(async () => {
  await server.stop();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('tunekit train after a crash', () => {
  it('a rerun with the same file and options follows the job the killed run started: one job', async () => {
    const before = jobIds(env).length;
    const args = [
      'train',
      join(dir, 'train.jsonl'),
      '--model',
      'gpt-4o-mini',
      '--suffix',
      'rs',
      '-y',
    ];
    const first = startCli([...args, '--json'], env);
    await waitFor(
      () => first.output.stdout.includes('"type":"created"'),
      'the job created',
      first.output,
      30_000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const created = JSON.parse(
      first.output.stdout.split('\n').find((line) => line.includes('"type":"created"')) ?? '{}',
    ) as { job: { id: string } };

    const rerun = await runCliAsync(args, env);

    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`✔ Found ${created.job.id} (`);
    expect(rerun.stderr).toMatch(
      /started by an earlier run with client token tk-[0-9a-f]{40}; following it instead of starting another/,
    );
    expect(rerun.stderr).toContain('The job has successfully completed');
    expect(rerun.stdout.trim()).toMatch(/^ft:gpt-4o-mini-2024-07-18:[^:]+:rs:/);
    expect(jobIds(env).length - before).toBe(1);
    console.info(`train killed after the create, then rerun: ${jobIds(env).length - before} job`);
  }, 60_000);

  it('--new-job starts another; other data starts another; --client-token picks its own', async () => {
    const base = ['train', join(dir, 'other.jsonl'), '--model', 'gpt-4o-mini', '-y', '--json'];
    const before = jobIds(env).length;
    const result = (args: string[]) => {
      const run = runCli(args, env);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const started = lines.find((l) => l.type === 'created' || l.type === 'resumed');
      return { type: started?.type, id: (started?.job as { id: string } | undefined)?.id };
    };

    const first = result(base);
    const again = result(base);
    const forced = result([...base, '--new-job']);
    const afterForced = result(base);
    const tokened = result([...base, '--client-token', 'nightly-1']);
    const tokenedAgain = result([...base, '--client-token', 'nightly-1']);

    expect(first.type).toBe('created');
    expect(again).toEqual({ type: 'resumed', id: first.id });
    expect(forced.type).toBe('created');
    expect(forced.id).not.toBe(first.id);
    expect(afterForced).toEqual({ type: 'resumed', id: forced.id });
    expect(tokened.type).toBe('created');
    expect(tokenedAgain).toEqual({ type: 'resumed', id: tokened.id });
    expect(jobIds(env).length - before).toBe(3);
  }, 120_000);
});

describe('tunekit jobs create --client-token', () => {
  it('creates once; a second run with the token shows the job instead of creating another', () => {
    const fileId = runCli(['files', 'upload', join(dir, 'train.jsonl')], env).stdout.trim();
    const before = jobIds(env).length;
    const args = ['jobs', 'create', '--model', 'gpt-4o-mini', '--training-file', fileId, '-y'];

    const first = runCli([...args, '--client-token', 'deploy-42'], env);
    const second = runCli([...args, '--client-token', 'deploy-42'], env);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain(`${first.stdout.trim()} (`);
    expect(second.stderr).toContain(
      'was already created with client token deploy-42: not creating another.',
    );
    expect(jobIds(env).length - before).toBe(1);
    const job = JSON.parse(runCli(['jobs', 'get', first.stdout.trim(), '--json'], env).stdout);
    expect(job.metadata).toMatchObject({ tunekit_client_token: 'deploy-42' });
    runCli(['jobs', 'cancel', first.stdout.trim()], env);
  });

  it('refuses a token with spaces as a usage error', () => {
    const result = runCli(
      ['jobs', 'create', '--model', 'm', '--training-file', 'f', '--client-token', 'a b', '-y'],
      env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected 1 to 512 printable characters without spaces.');
  });
});

describe('following a server that never answers', () => {
  it('jobs follow fails in bounded time, saying the API was never reached', async () => {
    const port = await closedPort();
    const started = performance.now();

    const result = await runCliAsync(['jobs', 'follow', 'ftjob-typo'], {
      ...env,
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });

    const seconds = (performance.now() - started) / 1000;
    console.info(`jobs follow against a closed port gave up after ${seconds.toFixed(1)} s`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('never reached the API');
    expect(result.stderr).toContain('check the base URL');
    // core's first-contact window is 30 s: the pause that would pass it is not taken.
    expect(seconds).toBeLessThan(35);
  }, 60_000);

  it('Ctrl-C before the job was ever reached does not say the job keeps running', async () => {
    const port = await closedPort();
    // --debug logs each attempt: once one is logged the command is running and its Ctrl-C
    // handler is in place (a fixed pause raced the CLI's start-up on a loaded machine).
    const follow = startCli(['jobs', 'follow', 'ftjob-typo', '--debug'], {
      ...env,
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    await waitFor(
      () => follow.output.stderr.includes('→ GET'),
      'the first attempt',
      follow.output,
      30_000,
    );

    follow.child.kill('SIGINT');

    expect(await follow.exited).toBe(130);
    expect(follow.output.stderr).toContain(
      'Stopped before reaching ftjob-typo: the API never answered about it, so its state is unknown (it may not exist).',
    );
    expect(follow.output.stderr).not.toContain('keeps running');
  });
});
