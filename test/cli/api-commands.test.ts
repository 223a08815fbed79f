import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServerProcess } from '../support/cli-process.ts';
import { jobIds, runCli } from '../support/run-cli.ts';
import { brokenTrainingFile, chatTrainingFile } from '../support/training-data.ts';

// Every command as a user runs it: a subprocess without a terminal, against `tunekit
// fake-server` (another subprocess), checking stdout, stderr and the exit code.

let server: Awaited<ReturnType<typeof startFakeServerProcess>>;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  server = await startFakeServerProcess();
  dir = await mkdtemp(join(tmpdir(), 'tunekit-cli-'));
  env = {
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: 'sk-cli-test-0123456789',
    TUNEKIT_CACHE_DIR: join(dir, 'cache'),
  };
  await writeFile(join(dir, 'train.jsonl'), chatTrainingFile(12));
  await writeFile(join(dir, 'broken.jsonl'), brokenTrainingFile());
});
afterAll(async () => {
  await server.stop();
});

const cli = (args: string[], input?: string) => runCli(args, env, input);
const json = (text: string) => JSON.parse(text) as Record<string, unknown> & { id: string };
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Uploads the training file and starts a job on it; returns both ids. */
function startJob(file = 'train.jsonl') {
  const upload = cli(['files', 'upload', join(dir, file), '--json']);
  const fileId = json(upload.stdout).id;
  const create = cli([
    'jobs',
    'create',
    '--model',
    'gpt-4o-mini',
    '--training-file',
    fileId,
    '--suffix',
    'cli',
    '--yes',
  ]);
  return { fileId, jobId: create.stdout.trim(), create };
}

describe('tunekit files', () => {
  it('uploads, lists, shows, downloads and deletes a file', async () => {
    const upload = cli(['files', 'upload', join(dir, 'train.jsonl')]);
    expect(upload.code).toBe(0);
    const id = upload.stdout.trim();
    expect(id).toMatch(/^file-/);
    expect(upload.stderr).toContain(`Uploaded train.jsonl (`);

    const list = cli(['files', 'list', '--purpose', 'fine-tune']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(id);
    expect(list.stdout.split('\n')[0]).toMatch(/id\s+filename\s+purpose/);

    const got = json(cli(['files', 'get', id, '--json']).stdout);
    expect(got).toMatchObject({ id, filename: 'train.jsonl', purpose: 'fine-tune' });
    // For people, the time is a date; --json keeps the number.
    const shown = cli(['files', 'get', id]).stdout;
    expect(shown).toMatch(
      new RegExp(
        `created_at\\s+${new Date(Number(got.created_at) * 1000).toISOString().slice(0, 16).replace('T', ' ')}Z\n`,
      ),
    );

    const output = join(dir, 'copy.jsonl');
    expect(cli(['files', 'download', id, '--output', output]).code).toBe(0);
    expect(await readFile(output, 'utf8')).toBe(chatTrainingFile(12));
    expect(cli(['files', 'download', id]).stdout).toBe(chatTrainingFile(12));

    const deleted = cli(['files', 'delete', id]);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted ${id}\n` });
    const missing = cli(['files', 'get', id]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: 404 .*request id: req_/m);
    expect(missing.stderr).toContain('hint: Check the id');
  });

  it('says which file is missing, as a usage error', () => {
    const result = cli(['files', 'upload', join(dir, 'nope.jsonl')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: cannot read ${join(dir, 'nope.jsonl')}: no such file\n`);
  });
});

describe('tunekit jobs', () => {
  it('refuses to start a paid job without a terminal unless --yes', () => {
    const fileId = json(cli(['files', 'upload', join(dir, 'train.jsonl'), '--json']).stdout).id;
    const jobsBefore = jobIds(env);

    const result = cli([
      'jobs',
      'create',
      '--model',
      'gpt-4o-mini-2024-07-18',
      '--training-file',
      fileId,
    ]);

    expect(result.code).toBe(2);
    // Sentences: the question it would have asked, why not, the estimate, what to do.
    expect(result.stderr).toMatch(
      /^error: Start a paid fine-tuning job on gpt-4o-mini-2024-07-18\? Nothing was started: this costs money, and stdin is not a terminal to confirm on\. Estimated cost of gpt-4o-mini-2024-07-18: [\d,]+ tokens × 9 epochs \(auto\) = [\d,]+ training tokens at \$[\d.]+\/1M ≈ \$[\d.]+\. Pass --yes \(-y\) to go ahead\.\n$/m,
    );
    expect(jobIds(env)).toEqual(jobsBefore);
  });

  it('warns about a model that has shut down before asking to pay for it', () => {
    const fileId = json(cli(['files', 'upload', join(dir, 'train.jsonl'), '--json']).stdout).id;

    // gpt-3.5-turbo shut down on 2026-10-23: that stays true whatever day the test runs.
    const create = ['jobs', 'create', '--model', 'gpt-3.5-turbo-0125', '--training-file', fileId];
    const result = cli(create);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^warning: gpt-3\.5-turbo-0125 shut down \d+ days ago \(2026-10-23\)/m,
    );
    expect(result.stderr).toMatch(/≈ \$[\d.]+\. Pass --yes \(-y\) to go ahead\.$/m);
    // The warning is said once, on its line; with --json (nothing else printed) in the error.
    expect(result.stderr.match(/shut down \d+ days ago/g)).toHaveLength(1);
    const asJson = cli([...create, '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr).error.message).toMatch(
      /≈ \$[\d.]+\. Warning: gpt-3\.5-turbo-0125 shut down [^\n]*\. Pass --yes \(-y\) to go ahead\.$/,
    );
    expect(result.stderr).not.toMatch(/\.[;.]|\.\)/);
  });

  it('creates a job, follows it to the end, and shows it, its events, checkpoints and metrics', () => {
    const { jobId, create } = startJob();
    expect(create.code).toBe(0);
    expect(jobId).toMatch(/^ftjob-/);
    expect(create.stderr).toContain(`Follow it: tunekit jobs follow ${jobId}`);

    const follow = cli(['jobs', 'follow', jobId, '--poll-interval', '10']);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toMatch(/^\d\d:\d\d:\d\d {2}Validating training file: file-/m);
    expect(follow.stdout).toMatch(/^\d\d:\d\d:\d\d {2}The job has successfully completed$/m);
    expect(follow.stderr).toMatch(
      new RegExp(`✔ ${jobId} succeeded: ft:gpt-4o-mini-2024-07-18:[^:]+:cli:`),
    );
    expect(follow.stderr).toMatch(/Try it: tunekit chat ft:\S+ "Hello!"/);

    const job = json(cli(['jobs', 'get', jobId, '--json']).stdout);
    expect(job).toMatchObject({ id: jobId, status: 'succeeded' });
    expect(cli(['jobs', 'list']).stdout).toContain(jobId);
    expect(cli(['jobs', 'events', jobId, '--limit', '3']).stdout.trim().split('\n')).toHaveLength(
      3,
    );
    const checkpoints = cli(['jobs', 'checkpoints', jobId]);
    expect(checkpoints.stdout).toMatch(/step\s+train loss\s+valid loss\s+model/);
    const metrics = cli(['jobs', 'metrics', jobId]);
    expect(metrics.code).toBe(0);
    expect(metrics.stdout).toContain('• train loss');
    expect(metrics.stdout).toMatch(/train loss\s+[\d.]+ → [\d.]+ \(min [\d.]+\)/);
    const rows = JSON.parse(cli(['jobs', 'metrics', jobId, '--json']).stdout) as Array<{
      step: number;
    }>;
    expect(rows.map((row) => row.step)).toEqual(rows.map((_, i) => i + 1));
  });

  it('follows as JSON lines: every event, then the final job', () => {
    const { jobId } = startJob();

    const follow = cli(['jobs', 'follow', jobId, '--json', '--poll-interval', '10']);

    expect(follow.code).toBe(0);
    const lines = jsonLines(follow.stdout);
    expect(lines.slice(0, -1).every((line) => line.object === 'fine_tuning.job.event')).toBe(true);
    expect(lines.at(-1)).toMatchObject({
      object: 'fine_tuning.job',
      id: jobId,
      status: 'succeeded',
    });
    expect(follow.stderr).toBe('');
  });

  it('exits 5 with the job’s own error when it fails', () => {
    const { jobId } = startJob('broken.jsonl');

    const follow = cli(['jobs', 'follow', jobId, '--poll-interval', '10']);

    expect(follow.code).toBe(5);
    expect(follow.stderr).toMatch(
      new RegExp(
        `^error: Fine-tuning job ${jobId} failed: The job failed due to an invalid training file.*Line 3.*\\(code: invalid_training_file, param: training_file\\)`,
        'm',
      ),
    );
  });

  it('reports an API refusal with its message, request id and exit 1', () => {
    const { jobId } = startJob();
    cli(['jobs', 'follow', jobId]);

    const cancel = cli(['jobs', 'cancel', jobId, '--json']);

    expect(cancel.code).toBe(1);
    const { error } = json(cancel.stderr) as unknown as { error: Record<string, unknown> };
    expect(error).toMatchObject({ type: 'BadRequestError', status: 400 });
    expect(error.requestId).toMatch(/^req_/);
  });
});

describe('tunekit train, chat and models', () => {
  it('trains from a file to a model and the model answers from its data', () => {
    const train = cli([
      'train',
      join(dir, 'train.jsonl'),
      '--model',
      'gpt-4o-mini',
      '--suffix',
      'geo',
      '--epochs',
      '2',
      '--yes',
    ]);

    expect(train.code).toBe(0);
    const model = train.stdout.trim();
    expect(model).toMatch(/^ft:gpt-4o-mini-2024-07-18:[^:]+:geo:/);
    expect(train.stderr).toMatch(/✔ Validated train\.jsonl: 12 examples, [\d,]+ tokens/);
    expect(train.stderr).toMatch(/tokens × 2 epochs = [\d,]+ training tokens at \$3\/1M ≈ \$/);
    expect(train.stderr).toContain('The job has successfully completed');

    const chat = cli(['chat', model, 'What is the capital of Peru?']);
    expect(chat).toMatchObject({ code: 0, stdout: 'The capital of Peru is Lima.\n' });
    const piped = cli(['chat', model], 'What is the capital of Kenya?');
    expect(piped.stdout).toBe('The capital of Kenya is Nairobi.\n');
    const completion = json(cli(['chat', model, 'What is the capital of Japan?', '--json']).stdout);
    expect(completion).toMatchObject({ object: 'chat.completion', model });

    expect(cli(['models', 'list', '--fine-tuned']).stdout).toContain(model);
    expect(cli(['models', 'delete', model]).stdout).toBe(`Deleted ${model}\n`);
  });

  it('reuses the file uploaded before on a second train run', () => {
    const first = cli([
      'train',
      join(dir, 'train.jsonl'),
      '--model',
      'gpt-4o-mini',
      '--yes',
      '--json',
    ]);
    // --new-job: without it, the same file and options follow the first run's job.
    const second = cli([
      'train',
      join(dir, 'train.jsonl'),
      '--model',
      'gpt-4o-mini',
      '--yes',
      '--json',
      '--new-job',
    ]);

    const uploaded = (run: { stdout: string }) =>
      jsonLines(run.stdout).find((line) => line.type === 'uploaded');
    expect(uploaded(second)).toMatchObject({
      reused: true,
      file: { id: (uploaded(first)?.file as { id: string } | undefined)?.id },
    });
    expect(jsonLines(second.stdout).at(-1)).toMatchObject({
      type: 'result',
      job: { status: 'succeeded' },
    });
  });

  it('refuses a training file with errors and shows where they are, uploading nothing', () => {
    const before = cli(['files', 'list', '--json']).stdout;

    const train = cli(['train', join(dir, 'broken.jsonl'), '--model', 'gpt-4o-mini', '--yes']);

    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(/broken\.jsonl:3/);
    // No tick for a file that failed its check.
    expect(train.stderr).not.toContain('Validated');
    expect(train.stderr).toMatch(/^error: .*broken\.jsonl has 1 error: line 3: invalid JSON/m);
    expect(cli(['files', 'list', '--json']).stdout).toBe(before);
  });

  it('runs the demo end to end with no key and no network', () => {
    const demo = runCli(['demo', '--speed', '1000', '--question', 'Can I pay with PayPal?'], {
      TUNEKIT_CACHE_DIR: join(dir, 'demo-cache'),
    });

    expect(demo.code).toBe(0);
    expect(demo.stdout.trim()).toMatch(/^ft:gpt-4o-mini-2024-07-18:[^:]+:pip:/);
    expect(demo.stderr).toContain('Validated support-bot.jsonl: 24 examples');
    expect(demo.stderr).toMatch(
      /fine-tuned ft:\S+\n {2}Yes, we accept PayPal as well as all major cards and Apple Pay\./,
    );
    expect(demo.stderr).toMatch(/base gpt-4o-mini-2024-07-18\n {2}This is a placeholder answer/);
  });
});

describe('tunekit demo --live', () => {
  it('runs the same flow against the configured API instead of the built-in fake', () => {
    const result = cli([
      'demo',
      '--live',
      '-y',
      '--model',
      'gpt-4o-mini',
      '--question',
      'Where is my order?',
    ]);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `LIVE against ${server.baseURL}: this trains a real model and costs money.`,
    );
    expect(result.stderr).toMatch(/gpt-4o-mini-2024-07-18: [\d,]+ tokens × 5 epochs \(auto\)/);
    // The job ran on the configured API: it is listed there.
    const model = result.stdout.trim();
    expect(cli(['models', 'list', '--fine-tuned']).stdout).toContain(model);
    expect(result.stderr).toMatch(/fine-tuned ft:\S+\n {2}Orders ship within two working days/);
  });
});

describe('configuration and usage', () => {
  it('names the missing key and exits 4', () => {
    const result = runCli(['models', 'list'], {
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: server.baseURL,
    });

    expect(result.code).toBe(4);
    expect(result.stderr).toContain('error: No API key: set OPENAI_API_KEY, or pass --api-key.');
  });

  it('exits 2 on a bad flag value', () => {
    const result = cli(['jobs', 'list', '--limit', 'many']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a whole number ≥ 1');
  });

  it('never prints the key, even with --debug', () => {
    const result = cli(['models', 'get', 'no-such-model', '--debug']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('debug: → GET');
    expect(result.stdout + result.stderr).not.toContain(env.OPENAI_API_KEY);
  });
});
