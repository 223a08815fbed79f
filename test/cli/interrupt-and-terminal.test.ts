import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, startFakeServerProcess, waitFor } from '../support/cli-process.ts';
import { jobIds, runCli, runCliInTerminal } from '../support/run-cli.ts';
import { chatTrainingFile } from '../support/training-data.ts';

let server: Awaited<ReturnType<typeof startFakeServerProcess>>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  // Jobs in real time: a job takes long enough to be interrupted.
  server = await startFakeServerProcess(['--speed', '5']);
  dir = await mkdtemp(join(tmpdir(), 'tunekit-cli-int-'));
  env = {
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'sk-cli-test-0123456789',
    TUNEKIT_CACHE_DIR: join(dir, 'cache'),
  };
  await writeFile(join(dir, 'train.jsonl'), chatTrainingFile(12));
});
afterAll(async () => {
  await server.stop();
});

describe('Ctrl-C while following', () => {
  it('leaves the job running and prints how to follow again from the last event and how to cancel', async () => {
    const fileId = runCli(['files', 'upload', join(dir, 'train.jsonl')], env).stdout.trim();
    const jobId = runCli(
      ['jobs', 'create', '--model', 'gpt-4o-mini', '--training-file', fileId, '-y'],
      env,
    ).stdout.trim();
    const follow = startCli(['jobs', 'follow', jobId, '--poll-interval', '50'], env);
    await waitFor(
      () => follow.output.stdout.includes('Validating training file'),
      'the first events',
      follow.output,
    );

    follow.child.kill('SIGINT');

    expect(await follow.exited).toBe(130);
    const since = /--since (ftevent-\S+)/.exec(follow.output.stderr)?.[1];
    expect(follow.output.stderr).toContain(`Stopped following ${jobId}; the job keeps running.`);
    expect(follow.output.stderr).toContain(
      `Follow it again: tunekit jobs follow ${jobId} --since ${since}`,
    );
    expect(follow.output.stderr).toContain(`Cancel it:       tunekit jobs cancel ${jobId}`);
    expect(follow.output.stderr).not.toContain('error:');
    const job = JSON.parse(runCli(['jobs', 'get', jobId, '--json'], env).stdout);
    expect(['validating_files', 'queued', 'running']).toContain(job.status);

    // Following again from the hint yields no event twice.
    const again = startCli(
      ['jobs', 'follow', jobId, '--since', since ?? '', '--json', '--poll-interval', '50'],
      env,
    );
    await waitFor(
      () => again.output.stdout.includes('\n'),
      'an event after resuming',
      again.output,
      40_000,
    );
    again.child.kill('SIGINT');
    await again.exited;
    const resumedIds = again.output.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).id as string);
    const firstIds = [...follow.output.stdout.matchAll(/^\d\d:\d\d:\d\d {2}/gm)].length;
    expect(resumedIds).not.toContain(since);
    expect(firstIds).toBeGreaterThan(0);
    runCli(['jobs', 'cancel', jobId], env);
  }, 60_000);
});

describe('a running job', () => {
  it('pauses, resumes and cancels it', async () => {
    const fileId = runCli(['files', 'upload', join(dir, 'train.jsonl')], env).stdout.trim();
    const jobId = runCli(
      ['jobs', 'create', '--model', 'gpt-4o-mini', '--training-file', fileId, '-y'],
      env,
    ).stdout.trim();
    // Validation and queueing take 10 s at 5× speed: wait until the job runs.
    const status = () =>
      JSON.parse(runCli(['jobs', 'get', jobId, '--json'], env).stdout).status as string;
    await waitFor(() => status() === 'running', 'the job running', {}, 30_000);

    const paused = runCli(['jobs', 'pause', jobId], env);
    const resumed = runCli(['jobs', 'resume', jobId, '--json'], env);
    const cancelled = runCli(['jobs', 'cancel', jobId], env);

    expect(paused).toMatchObject({ code: 0, stdout: `${jobId} is now paused\n` });
    expect(JSON.parse(resumed.stdout)).toMatchObject({ id: jobId, status: 'running' });
    expect(cancelled.stdout).toBe(`${jobId} is now cancelled\n`);
  }, 60_000);
});

describe('waiting too long', () => {
  it('exits 3 and says where the job was when --wait-timeout runs out (the job goes on)', () => {
    const result = runCli(
      ['train', join(dir, 'train.jsonl'), '--model', 'gpt-4o-mini', '-y', '--wait-timeout', '300'],
      env,
    );

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^error: Timed out after 300 ms waiting for job ftjob-\S+ to finish \(last status: \w+\)/m,
    );
  });
});

describe('on a terminal', () => {
  it('colours the output on a terminal; NO_COLOR turns colours off', () => {
    const coloured = runCliInTerminal(['models', 'list'], env);
    const plain = runCliInTerminal(['models', 'list'], { ...env, NO_COLOR: '1' });

    expect(coloured.code).toBe(0);
    expect(coloured.screen).toContain('\x1b[2mid'); // the dimmed heading
    expect(plain.screen).not.toContain('\x1b[');
  });

  it('asks before spending money, and a "no" starts nothing', () => {
    const fileId = runCli(['files', 'upload', join(dir, 'train.jsonl')], env).stdout.trim();
    const before = jobIds(env);

    // `script` gives the CLI a terminal; the answer comes on its stdin.
    const result = runCliInTerminal(
      ['jobs', 'create', '--model', 'gpt-4o-mini-2024-07-18', '--training-file', fileId],
      env,
      'n\n',
    );

    expect(result.screen).toMatch(
      /gpt-4o-mini-2024-07-18: [\d,]+ tokens × 9 epochs \(auto\) = [\d,]+ training tokens at \$3\/1M ≈ \$[\d.]+\./,
    );
    expect(result.screen).toContain(
      'Start a paid fine-tuning job on gpt-4o-mini-2024-07-18? [y/N]',
    );
    expect(result.screen).toContain('Fine-tuning was not started: nothing was uploaded or spent.');
    expect(result.code).toBe(1);
    expect(jobIds(env)).toEqual(before);
  });
});
