import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TuneKit } from '../../client.ts';
import { paint } from '../output/color.ts';
import { writeOut } from '../output/streams.ts';
import { packageRoot } from '../package-root.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { type TrainState, trainWith } from '../train/run.ts';

/** Flags of `tunekit demo`. */
export interface DemoFlags {
  live?: boolean;
  model?: string;
  speed?: number;
  question?: string;
  yes?: boolean;
}

/** The dataset the demo trains on: a small support bot for a lamp-and-plant shop. */
export function demoDataset(): string {
  return join(packageRoot(), 'examples', 'data', 'support-bot.jsonl');
}

/** A user question from the dataset (a random one unless given), to show what was learned. */
async function pickQuestion(path: string, given: string | undefined): Promise<string> {
  if (given) return given;
  const questions = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map(
      (line) =>
        (JSON.parse(line) as { messages: Array<{ role: string; content: string }> }).messages,
    )
    .map((messages) => messages.find((m) => m.role === 'user')?.content ?? '')
    .filter(Boolean);
  return questions[Math.floor(Math.random() * questions.length)] ?? 'Where is my order?';
}

/** The demo's client: the fake API in this process, jobs in real time sped up. No key, no network. */
export async function fakeClient(
  speed: number,
  logger: import('../../core/logger.ts').Logger,
): Promise<TuneKit> {
  const [{ createFakeOpenAI }, { TuneKit }] = await Promise.all([
    import('../../testing/create-fake.ts'),
    import('../../client.ts'),
  ]);
  const fake = createFakeOpenAI({ clock: { speed } });
  return new TuneKit({
    apiKey: 'sk-tunekit-demo',
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    logger,
    logLevel: 'warn',
  });
}

/**
 * `tunekit demo`: the whole flow on a bundled dataset — validate, show the cost, upload, train
 * with a live display, then ask the fine-tuned model and its base the same question from the
 * training set. Against the fake in this process unless `--live`.
 */
export async function demoCommand(
  context: ApiContext,
  flags: DemoFlags,
  state: TrainState,
): Promise<void> {
  const dataset = demoDataset();
  const model = flags.model ?? (flags.live ? 'gpt-4.1-mini-2025-04-14' : 'gpt-4o-mini-2024-07-18');
  if (!context.json) {
    process.stderr.write(
      flags.live
        ? `tunekit demo — LIVE against ${context.client.baseURL}: this trains a real model and costs money.\n\n`
        : 'tunekit demo — the whole fine-tuning flow against tunekit’s fake API (no key, no network, no cost).\n\n',
    );
  }
  const question = await pickQuestion(dataset, flags.question);
  const result = await trainWith(
    context,
    context.client,
    dataset,
    { model, suffix: 'pip', yes: flags.live ? flags.yes : true, lifecycle: flags.live === true },
    state,
    { question, ...(flags.live ? {} : { timeScale: flags.speed ?? 20 }) },
  );
  const answers: Array<{ model: string; answer: string }> = [];
  for (const asked of [result.model, model]) {
    const completion = await context.client.chat.completions.create(
      { model: asked, messages: [{ role: 'user', content: question }] },
      { signal: context.signal },
    );
    answers.push({ model: asked, answer: completion.choices[0]?.message.content ?? '' });
  }
  if (context.json) {
    writeOut(JSON.stringify({ type: 'answers', question, answers }));
    return;
  }
  process.stderr.write(
    `\nAsking both models a question from the training data: ${paint(process.stderr, 'bold', JSON.stringify(question))}\n\n`,
  );
  for (const [index, { model: asked, answer }] of answers.entries()) {
    const label = index === 0 ? 'fine-tuned' : 'base';
    process.stderr.write(
      `${paint(process.stderr, index === 0 ? 'green' : 'yellow', `${label} ${asked}`)}\n  ${answer}\n\n`,
    );
  }
}
