import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../support/cli-process.ts';
import { runCliAsync } from '../support/run-cli.ts';

const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

/**
 * The done-criterion from the command line: `tunekit train … --provider together`
 * against `tunekit fake-server --provider together`, each in its own process, then
 * `tunekit chat` with the fine-tuned model.
 */
describe('tunekit with --provider together against tunekit fake-server --provider together', () => {
  let stop: () => Promise<unknown>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const server = startCli(['fake-server', '--port', '0', '--provider', 'together']);
    const line = () => /TOGETHER_BASE_URL=(\S+) TOGETHER_API_KEY=(\S+)/.exec(server.output.stdout);
    await waitFor(
      () => line() !== null && server.output.stderr.includes('Stop with Ctrl-C'),
      'the Together fake server start',
      server.output,
    );
    expect(server.output.stdout).toMatch(
      /^Fake Together AI API listening at http:\/\/127\.0\.0\.1:\d+\/v1\n/,
    );
    // No OpenAI variable: the Together provider reads its own, and OPENAI_API_KEY is never sent.
    env = {
      TOGETHER_BASE_URL: line()?.[1] ?? '',
      TOGETHER_API_KEY: line()?.[2] ?? '',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
    };
    stop = async () => {
      server.child.kill('SIGTERM');
      return server.exited;
    };
  });
  afterAll(async () => {
    await stop?.();
  });

  it('trains a Together base model from examples/data/support-bot.jsonl, and chats with the result', {
    timeout: 60_000,
  }, async () => {
    const train = await runCliAsync(
      [
        'train',
        'examples/data/support-bot.jsonl',
        '--provider',
        'together',
        '--model',
        MODEL,
        '--suffix',
        'pip',
        '--yes',
      ],
      env,
    );

    expect(train.stderr).not.toMatch(/error:/);
    expect(train.code).toBe(0);
    const model = train.stdout.trim().split('\n').at(-1) ?? '';
    expect(model).toMatch(
      /^tunekit-fake\/Meta-Llama-3\.1-8B-Instruct-Reference-pip-tk[0-9a-f]{32}-[0-9a-f]{8}$/,
    );
    // Together's own events, followed to the end; the estimate says what it could not price.
    expect(train.stderr).toContain(`Job completed: ${model} is ready`);
    expect(train.stderr).toMatch(/could not be confirmed/);
    expect(train.stderr).toMatch(/token counts are estimates/);
    // The printed next step reaches the same API when pasted.
    expect(train.stderr).toContain(`Try it: tunekit chat ${model} "Hello!" --provider together\n`);

    const chat = await runCliAsync(
      ['chat', model, 'Can I return a lamp?', '--provider', 'together'],
      env,
    );

    expect(chat.code).toBe(0);
    expect(chat.stdout.trim()).toMatch(/^Yes — any lam/);
  });

  it('jobs list --client-token finds the job a token started, however Together carries it', async () => {
    const upload = await runCliAsync(
      ['files', 'upload', 'examples/data/support-bot.jsonl', '--provider', 'together'],
      env,
    );
    const fileId = upload.stdout.trim();
    const create = await runCliAsync(
      [
        'jobs',
        'create',
        '--provider',
        'together',
        '--model',
        MODEL,
        '--training-file',
        fileId,
        '--client-token',
        'nightly-2026-11-28',
        '-y',
      ],
      env,
    );
    expect(create.code).toBe(0);

    const found = await runCliAsync(
      ['jobs', 'list', '--client-token', 'nightly-2026-11-28', '--provider', 'together', '--json'],
      env,
    );
    const other = await runCliAsync(
      ['jobs', 'list', '--client-token', 'another-token', '--provider', 'together', '--json'],
      env,
    );

    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).map((job: { id: string }) => job.id)).toEqual([
      create.stdout.trim(),
    ]);
    expect(JSON.parse(other.stdout)).toEqual([]);
  });

  it('says what Together lacks, with the provider, before anything is sent', async () => {
    const pause = await runCliAsync(
      ['jobs', 'pause', 'ft-1', '--provider', 'together', '--json'],
      env,
    );

    expect(pause.code).toBe(1);
    expect(JSON.parse(pause.stderr)).toMatchObject({
      error: { type: 'NotSupportedByProviderError', feature: 'jobs.pause', provider: 'together' },
    });
  });
});
