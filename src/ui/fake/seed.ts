import { TuneKit } from '../../client.ts';
import { createFakeOpenAI, type FakeOpenAI } from '../../testing/index.ts';
import { supportBotExamples } from './examples.ts';

/** How fast the fake's jobs run under `tunekit ui --fake`: four simulated seconds a second. */
export const FAKE_SPEED = 4;

/** A fake API with jobs in every state, and a client on it. */
export interface FakeAccount {
  fake: FakeOpenAI;
  client: TuneKit;
}

/** The key the dashboard's client sends to its in-process fake (any well-formed key works). */
const FAKE_KEY = 'sk-tunekit-ui-fake';
const MINUTE = 60_000;
const MODEL = 'gpt-4o-mini-2024-07-18';

async function upload(client: TuneKit, jsonl: string, filename: string): Promise<string> {
  const file = await client.files.create({
    file: new TextEncoder().encode(jsonl),
    filename,
    purpose: 'fine-tune',
  });
  return file.id;
}

const supervised = (hyperparameters: Record<string, number>) => ({
  type: 'supervised' as const,
  supervised: { hyperparameters },
});

/**
 * A fake API in this process holding a shop's support-bot data and jobs in every state: two
 * finished hours ago (learning rates 1 and 2, to compare), one failed on a file with too few
 * examples, one cancelled, one training now and one about to start; plus `extraJobs` finished
 * ones before them (to measure the page with many jobs). The fake's clock starts in the past
 * and is moved through the jobs' lives, so their times and durations are plausible; it ends
 * at about now and then runs `speed` times faster than real time. No key, no network, no cost.
 *
 * @example
 * const { client, fake } = await fakeAccount();
 * const server = await startUi({ client, fake: true, now: () => fake.now().getTime() });
 */
export async function fakeAccount(
  options: { speed?: number; extraJobs?: number } = {},
): Promise<FakeAccount> {
  const extra = options.extraJobs ?? 0;
  const past = (extra * 20 + 180) * MINUTE;
  const fake = createFakeOpenAI({
    clock: { speed: options.speed ?? FAKE_SPEED },
    startTime: Date.now() - past,
  });
  let spent = 0;
  const advance = (ms: number) => {
    fake.advance(ms);
    spent += ms;
  };
  const client = new TuneKit({
    apiKey: FAKE_KEY,
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    maxRetries: 0,
    logLevel: 'off',
  });
  const training = await upload(client, supportBotExamples(120), 'support-bot.train.jsonl');
  const validation = await upload(client, supportBotExamples(24, 120), 'support-bot.valid.jsonl');
  const tooSmall = await upload(client, supportBotExamples(4), 'support-bot.sample.jsonl');
  const create = (
    suffix: string,
    hyperparameters: Record<string, number>,
    files: { training_file: string; validation_file?: string } = {
      training_file: training,
      validation_file: validation,
    },
  ) =>
    client.jobs.create(
      { model: MODEL, ...files, suffix, method: supervised(hyperparameters) },
      { lifecycleWarning: false },
    );

  for (let i = 0; i < extra; i += 1) {
    await create(`batch-${i + 1}`, { n_epochs: 1, batch_size: 8 }, { training_file: training });
    advance(20 * MINUTE);
  }
  await create('pip-lr1', { n_epochs: 2, batch_size: 4, learning_rate_multiplier: 1 });
  advance(25 * MINUTE);
  await create('pip-lr2', { n_epochs: 2, batch_size: 4, learning_rate_multiplier: 2 });
  advance(40 * MINUTE);
  await create('pip-tiny', { n_epochs: 1 }, { training_file: tooSmall });
  advance(30 * MINUTE);
  const dropped = await create('pip-dropped', { n_epochs: 1, batch_size: 8 });
  advance(MINUTE); // training, 10 of 15 steps in
  await client.jobs.cancel(dropped.id);
  advance(past - spent - 3 * MINUTE);
  await create('pip-4-epochs', { n_epochs: 4, batch_size: 1 });
  advance(3 * MINUTE);
  await create('pip-next', { n_epochs: 3, batch_size: 2 });
  return { fake, client };
}
