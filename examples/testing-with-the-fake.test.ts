/**
 * How a tunekit user tests their own code with the fake: mount it in msw, run the code, assert
 * on what it did and on what it sent. Nothing here talks to the network.
 */
import { setupServer } from 'msw/node';
import { TuneKit } from 'tunekit';
import { createFakeOpenAI } from 'tunekit/testing';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// --- The user's own code under test --------------------------------------------------------

/** Fine-tunes `model` on a JSONL text, waits for the job, and asks the new model a question. */
async function trainAndAsk(client: TuneKit, jsonl: string, question: string): Promise<string> {
  const file = await client.files.create({
    file: new TextEncoder().encode(jsonl),
    filename: 'train.jsonl',
    purpose: 'fine-tune',
  });
  let job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
  while (!['succeeded', 'failed', 'cancelled'].includes(job.status)) {
    job = await client.jobs.retrieve(job.id);
  }
  if (job.status !== 'succeeded') throw new Error(`Training ${job.status}: ${job.error?.message}`);
  const reply = await client.chat.completions.create({
    model: job.fine_tuned_model ?? '',
    messages: [{ role: 'user', content: question }],
  });
  return reply.choices[0]?.message.content ?? '';
}

// --- The test -------------------------------------------------------------------------------

const fake = createFakeOpenAI();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' })); // msw 2: onUnhandledRequest
afterEach(() => fake.reset());
afterAll(() => server.close());

const client = () =>
  new TuneKit({ apiKey: 'sk-test-key', baseURL: 'https://api.openai.com/v1', maxRetries: 0 });

const capitals = [
  ['France', 'Paris'],
  ['Japan', 'Tokyo'],
  ['Peru', 'Lima'],
  ['Kenya', 'Nairobi'],
  ['Norway', 'Oslo'],
  ['Egypt', 'Cairo'],
  ['Canada', 'Ottawa'],
  ['Chile', 'Santiago'],
  ['Ghana', 'Accra'],
  ['Nepal', 'Kathmandu'],
]
  .map(([country, city]) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `What is the capital of ${country}?` },
        { role: 'assistant', content: `${city} is the capital of ${country}.` },
      ],
    }),
  )
  .join('\n');

it('trains a model that answers from its training data', async () => {
  const answer = await trainAndAsk(client(), capitals, 'What is the capital of Peru?');

  expect(answer).toBe('Lima is the capital of Peru.');
  const created = fake.calls.find((call) => call.route === 'jobs.create');
  expect(created?.body).toMatchObject({ model: 'gpt-4o-mini' });
});

it('reports a failed job with the reason the API gave', async () => {
  const broken = `${capitals}\nnot json`;

  await expect(trainAndAsk(client(), broken, 'Capital of Peru?')).rejects.toThrow(
    "Training failed: The job failed due to an invalid training file. Invalid file format. Line 11: invalid JSON at column 1: Unexpected token 'o'",
  );
});

it('surfaces a rate limit on job creation', async () => {
  fake.inject({ route: 'jobs.create', status: 429, retryAfter: 30 });

  await expect(trainAndAsk(client(), capitals, 'Capital of Peru?')).rejects.toMatchObject({
    status: 429,
    code: 'rate_limit_exceeded',
  });
});
