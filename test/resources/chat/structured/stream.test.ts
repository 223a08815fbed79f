import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  ChatCompletionStream,
  type DeepPartial,
  IncompleteAnswerError,
  ParsedChatCompletionStream,
  zodResponseFormat,
} from '../../../../src/index.ts';
import { createFakeOpenAI } from '../../../../src/testing/index.ts';
import { clientFor } from '../../../support/fake-client.ts';
import { Invoice } from '../../../support/invoices.ts';

const MODEL = 'gpt-4o-mini';
const messages = [{ role: 'user' as const, content: 'Read this invoice' }];
const GOOD = { vendor: 'ACME Corporation', total: 120.5, currency: 'EUR', due: '2026-03-01' };

function setup() {
  const fake = createFakeOpenAI();
  return { fake, client: clientFor(fake) };
}

describe('chat.completions.stream with zodResponseFormat', () => {
  it('yields the answer as it grows, then the validated whole', async () => {
    const { fake, client } = setup();
    // Indented JSON streams in several pieces (the fake sends a word at a time).
    fake.scriptAnswers(MODEL, () => JSON.stringify(GOOD, null, 1));
    const stream = client.chat.completions.stream({
      model: MODEL,
      messages,
      response_format: zodResponseFormat(Invoice, 'invoice'),
    });
    expect(stream).toBeInstanceOf(ParsedChatCompletionStream);
    const partials: DeepPartial<z.infer<typeof Invoice>>[] = [];
    for await (const partial of stream.partials()) {
      expectTypeOf(partial).toEqualTypeOf<DeepPartial<z.infer<typeof Invoice>>>();
      partials.push(partial);
    }
    expect(partials.length).toBeGreaterThan(3);
    expect(partials).toContainEqual({ vendor: 'ACME' });
    expect(partials.at(-1)).toEqual(GOOD);
    // A number appears only once whole: never 1, 12 or 120 on the way to 120.5.
    for (const partial of partials) expect([undefined, 120.5]).toContain(partial.total);
    // Each partial says no less than the one before it.
    partials.slice(1).forEach((partial, i) => {
      expect(Object.keys(partial).length).toBeGreaterThanOrEqual(
        Object.keys(partials[i] ?? {}).length,
      );
    });

    const completion = await stream.finalChatCompletion();
    const parsed = completion.choices[0]?.message.parsed;
    expectTypeOf(parsed).toEqualTypeOf<z.infer<typeof Invoice> | null | undefined>();
    expect(parsed).toEqual(GOOD);
    expect((await stream.finalMessage()).parsed).toEqual(GOOD);
  });

  it('raises IncompleteAnswerError at the end of a stream cut by the token limit', async () => {
    const { client } = setup();
    const stream = client.chat.completions.stream({
      model: MODEL,
      messages,
      response_format: zodResponseFormat(Invoice, 'invoice'),
      max_completion_tokens: 3,
    });
    const partials = [];
    for await (const partial of stream.partials()) partials.push(partial);
    const error = await stream.finalChatCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteAnswerError);
    expect((error as IncompleteAnswerError).raw).toBe('{"vendor":"T'); // 3 tokens of 4 characters
    expect(partials.at(-1)).toEqual({ vendor: 'T' });
  });

  it('assembles a streamed refusal: parsed null, refusal set', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({ refusal: 'I will not read that invoice.' }));
    const stream = client.chat.completions.stream({
      model: MODEL,
      messages,
      response_format: zodResponseFormat(Invoice, 'invoice'),
    });
    const message = await stream.finalMessage();
    expect(message.refusal).toBe('I will not read that invoice.');
    expect(message.parsed).toBeNull();
  });

  it('stays a plain stream when nothing is to be parsed', async () => {
    const { client } = setup();
    const stream = client.chat.completions.stream({ model: MODEL, messages });
    expectTypeOf(stream).toEqualTypeOf<ChatCompletionStream>();
    expect(stream).toBeInstanceOf(ChatCompletionStream);
    expect(stream).not.toBeInstanceOf(ParsedChatCompletionStream);
    const message = await stream.finalMessage();
    expect(message).not.toHaveProperty('parsed');
  });
});
