import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  AnswerValidationError,
  InvalidArgumentError,
  ToolLoopLimitError,
  zodFunction,
  zodResponseFormat,
} from '../../../../src/index.ts';
import { createFakeOpenAI } from '../../../../src/testing/index.ts';
import { clientFor } from '../../../support/fake-client.ts';

const MODEL = 'gpt-4o-mini';
const ORDERS = new Map([
  ['42', { status: 'shipped', eta: '2026-03-02' }],
  ['43', { status: 'packing', eta: null }],
]);

function setup() {
  const fake = createFakeOpenAI();
  return { fake, client: clientFor(fake) };
}

/** The order lookup the model may call; records what it was called with. */
function lookupTool(seen: unknown[]) {
  return zodFunction({
    name: 'lookup_order',
    parameters: z.object({ orderId: z.string() }),
    function: ({ orderId }, context) => {
      seen.push({ orderId, toolCallId: context.toolCallId });
      return ORDERS.get(orderId) ?? { error: 'no such order' };
    },
  });
}

describe('chat.completions.runTools', () => {
  it('calls, runs the function with validated arguments, sends the result back, answers', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, (_question, request) => {
      const last = request.messages.at(-1);
      if (last?.role !== 'tool') {
        return {
          toolCalls: [
            { name: 'lookup_order', arguments: '{"orderId":"42"}' },
            { name: 'lookup_order', arguments: '{"orderId":"43"}' },
          ],
        };
      }
      const results = request.messages.filter((m) => m.role === 'tool').map((m) => m.content);
      return JSON.stringify({ summary: `Two orders: ${results.join(' and ')}` });
    });
    const seen: unknown[] = [];
    const result = await client.chat.completions.runTools({
      model: MODEL,
      messages: [{ role: 'user', content: 'Where are orders 42 and 43?' }],
      tools: [lookupTool(seen)],
      response_format: zodResponseFormat(z.object({ summary: z.string() }), 'answer'),
    });

    expect(result.rounds).toBe(2);
    expect(seen).toEqual([
      { orderId: '42', toolCallId: expect.stringMatching(/^call_/) },
      { orderId: '43', toolCallId: expect.stringMatching(/^call_/) },
    ]);
    const parsed = result.completion.choices[0]?.message.parsed;
    expectTypeOf(parsed).toEqualTypeOf<{ summary: string } | null | undefined>();
    expect(parsed?.summary).toBe(
      'Two orders: {"status":"shipped","eta":"2026-03-02"} and {"status":"packing","eta":null}',
    );
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(result.toolRuns.map((run) => [run.round, run.name, run.arguments])).toEqual([
      [1, 'lookup_order', { orderId: '42' }],
      [1, 'lookup_order', { orderId: '43' }],
    ]);
    // The second request carried the assistant's calls and both results, paired by id.
    const requests = fake.calls.filter((c) => c.route === 'chat.completions.create');
    expect(requests).toHaveLength(2);
    const second = requests[1]?.body as { messages: Array<Record<string, unknown>> };
    const assistant = second.messages[1] as { tool_calls: Array<{ id: string }> };
    expect(second.messages.slice(2).map((m) => m.tool_call_id)).toEqual(
      assistant.tool_calls.map((call) => call.id),
    );
  });

  it('stops after maxRounds requests with ToolLoopLimitError and the conversation so far', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":"42"}' }],
    }));
    const seen: unknown[] = [];
    const error = await client.chat.completions
      .runTools(
        {
          model: MODEL,
          messages: [{ role: 'user', content: 'Loop forever' }],
          tools: [lookupTool(seen)],
        },
        { maxRounds: 3 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolLoopLimitError);
    const limit = error as ToolLoopLimitError;
    expect(limit.maxRounds).toBe(3);
    expect(fake.calls.filter((c) => c.route === 'chat.completions.create')).toHaveLength(3);
    expect(seen).toHaveLength(2); // the third round's call is not run
    expect(limit.messages).toHaveLength(1 + 2 * 2);
    expect(limit.message).toContain('lookup_order');
  });

  it('stops at arguments that fail the schema, before running anything', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":42}' }],
    }));
    const seen: unknown[] = [];
    const error = await client.chat.completions
      .runTools({
        model: MODEL,
        messages: [{ role: 'user', content: 'x' }],
        tools: [lookupTool(seen)],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerValidationError);
    expect((error as AnswerValidationError).issues[0]?.path).toBe('orderId');
    expect(seen).toEqual([]);
  });

  it("passes a tool function's own error through, untouched", async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({ toolCalls: [{ name: 'explode', arguments: '{}' }] }));
    const boom = new Error('the database is down');
    const explode = zodFunction({
      name: 'explode',
      parameters: z.object({}),
      function: () => {
        throw boom;
      },
    });
    const error = await client.chat.completions
      .runTools({ model: MODEL, messages: [{ role: 'user', content: 'x' }], tools: [explode] })
      .catch((e: unknown) => e);
    expect(error).toBe(boom);
  });

  it('refuses what cannot loop: no tools, a tool without function, a bad maxRounds', async () => {
    const { client, fake } = setup();
    const params = { model: MODEL, messages: [{ role: 'user' as const, content: 'x' }] };
    const bare = zodFunction({ name: 'bare', parameters: z.object({}) });
    await expect(client.chat.completions.runTools({ ...params, tools: [] })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(client.chat.completions.runTools({ ...params, tools: [bare] })).rejects.toThrow(
      /Tool "bare" cannot run/,
    );
    for (const maxRounds of [0, 1.5, Number.NaN]) {
      await expect(
        client.chat.completions.runTools({ ...params, tools: [lookupTool([])] }, { maxRounds }),
      ).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'maxRounds' });
    }
    expect(fake.calls).toHaveLength(0);
  });
});
