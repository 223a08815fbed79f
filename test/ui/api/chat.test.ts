import { describe, expect, it } from 'vitest';
import { inferencePrices, tokensCost, usdFromPico } from '../../../src/data/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { type AskMessage, ask, parseAsk } from '../../../src/ui/api/chat.ts';
import { uiClient } from '../../support/ui.ts';

const question = (content: string) => [{ role: 'user', content }];

describe('what the page may ask', () => {
  it('accepts a model and a conversation, with a bounded answer length', () => {
    expect(parseAsk({ model: ' gpt-4o-mini ', messages: question('Hi?') })).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi?' }],
      maxTokens: 512,
    });
  });

  it('refuses what it cannot send, saying why', () => {
    expect(parseAsk(null)).toBe('Expected a JSON object.');
    expect(parseAsk({ model: '', messages: question('x') })).toBe('Pick a model.');
    expect(parseAsk({ model: 'm', messages: [] })).toMatch(/messages/);
    expect(parseAsk({ model: 'm', messages: [{ role: 'tool', content: 'x' }] })).toBe(
      'Unknown role.',
    );
    expect(
      parseAsk({ model: 'm', messages: [{ role: 'system', content: 'only a system message' }] }),
    ).toBe('Ask a question.');
    expect(parseAsk({ model: 'm', messages: question('x'.repeat(40_000)) })).toMatch(/at most/);
    expect(parseAsk({ model: 'm', messages: question('x'), maxTokens: 100_000 })).toMatch(
      /maxTokens/,
    );
  });
});

describe('asking a model', () => {
  async function collect(stream: AsyncIterable<AskMessage>) {
    const messages: AskMessage[] = [];
    for await (const message of stream) messages.push(message);
    return messages;
  }

  it('streams the answer, then its tokens and its cost at the catalog price', async () => {
    const fake = createFakeOpenAI();
    fake.scriptAnswers('gpt-4o-mini', { 'Capital of Peru?': 'Lima is the capital of Peru.' });
    const client = uiClient(fake);
    const messages = await collect(
      ask(
        client,
        {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'Capital of Peru?' }],
          maxTokens: 64,
        },
        new AbortController().signal,
      ),
    );
    const text = messages.flatMap((m) => (m.type === 'delta' ? [m.text] : [])).join('');
    expect(text).toBe('Lima is the capital of Peru.');
    const done = messages.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.promptTokens).toBeGreaterThan(0);
    expect(done.completionTokens).toBeGreaterThan(0);
    const prices = inferencePrices('gpt-4o-mini');
    expect(prices).toBeDefined();
    if (!prices) return;
    const expected =
      tokensCost(done.promptTokens ?? 0, prices.inputPer1M) +
      tokensCost(done.completionTokens ?? 0, prices.outputPer1M);
    expect(done.usd).toBe(usdFromPico(expected));
    const body = fake.calls.find((call) => call.route === 'chat.completions.create')
      ?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      stream: true,
      max_completion_tokens: 64,
      stream_options: { include_usage: true },
    });
  });

  it('ends with a failure message, not a throw, when the API refuses', async () => {
    const fake = createFakeOpenAI();
    fake.inject({
      route: 'chat.completions.create',
      status: 404,
      message: 'The model does not exist',
    });
    const messages = await collect(
      ask(
        uiClient(fake),
        { model: 'ft:nope', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 8 },
        new AbortController().signal,
      ),
    );
    expect(messages).toEqual([
      { type: 'failure', error: expect.objectContaining({ kind: 'not-found' }) },
    ]);
  });

  it('prices nothing at a provider whose prices the catalog does not know', async () => {
    const fake = createFakeOpenAI();
    const client = uiClient(fake, { provider: 'compatible', baseURL: 'https://api.openai.com/v1' });
    const messages = await collect(
      ask(
        client,
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 8 },
        new AbortController().signal,
      ),
    );
    expect(messages.at(-1)).toMatchObject({
      type: 'done',
      usd: null,
      note: expect.stringContaining('no price'),
    });
  });
});
