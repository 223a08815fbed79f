import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ReferenceAnswer } from '../../../src/data/prompt/prompt.ts';
import type { PromptExample } from '../../../src/data/prompt/read-examples.ts';
import {
  type ModelOutput,
  normalizeAnswer,
  type ScoreContext,
  scorers,
  zodResponseFormat,
} from '../../../src/index.ts';

const example: PromptExample = {
  line: 1,
  format: 'chat',
  example: { messages: [] },
  prompt: { messages: [{ role: 'user', content: 'Weather in Oslo?' }] },
  reference: { content: null, toolCalls: [] },
};

function context(
  output: Partial<ModelOutput>,
  reference: Partial<ReferenceAnswer> = {},
): ScoreContext {
  return {
    output: { content: null, toolCalls: [], finishReason: 'stop', ...output },
    reference: { content: null, toolCalls: [], ...reference },
    example,
    candidate: { name: 'm', model: 'm' },
    complete: () => Promise.reject(new Error('no grading here')),
    signal: new AbortController().signal,
  };
}

const text = (answer: string, expected = '') => context({ content: answer }, { content: expected });

describe('text scorers', () => {
  it('exact match is character for character', () => {
    const exact = scorers.exactMatch();
    expect(exact.score(text('Paris.', 'Paris.'))).toEqual({ score: 1, pass: true });
    expect(exact.score(text('paris', 'Paris.'))).toEqual({
      score: 0,
      pass: false,
      detail: 'expected "Paris."',
    });
  });

  it('normalized match ignores case, punctuation, articles and spacing (SQuAD rules)', () => {
    expect(normalizeAnswer('  The Eiffel  Tower. ')).toBe('eiffel tower');
    expect(normalizeAnswer('Ｐａｒｉｓ!')).toBe('paris');
    const normalized = scorers.normalizedMatch();
    expect(normalized.score(text('the eiffel tower', 'The Eiffel Tower.'))).toMatchObject({
      pass: true,
    });
    expect(normalized.score(text('Eiffel', 'The Eiffel Tower.'))).toMatchObject({ pass: false });
  });

  it('contains needs every text; regex matches the answer', () => {
    const both = scorers.contains(['refund', '30 days']);
    expect(both.score(text('A Refund within 30 days.'))).toMatchObject({ pass: true });
    expect(both.score(text('A refund.'))).toEqual({
      score: 0,
      pass: false,
      detail: 'missing "30 days"',
    });
    expect(scorers.contains('Refund', { caseSensitive: true }).score(text('refund'))).toMatchObject(
      { pass: false },
    );
    const regex = scorers.regex(/^\{"intent": "\w+"\}$/g);
    expect(regex.score(text('{"intent": "returns"}'))).toMatchObject({ pass: true });
    // A global regex keeps no state between answers.
    expect(regex.score(text('{"intent": "returns"}'))).toMatchObject({ pass: true });
    expect(regex.score(text('returns'))).toMatchObject({ pass: false });
  });
});

describe('JSON scorers', () => {
  const schema = {
    type: 'object',
    properties: {
      intent: { enum: ['shipping', 'returns'] },
      email: { type: 'string', format: 'email' },
    },
    required: ['intent'],
    additionalProperties: false,
  };

  it('json validity', () => {
    expect(scorers.jsonValid().score(text('{"a": 1}'))).toMatchObject({ pass: true });
    expect(scorers.jsonValid().score(text('{a: 1}'))).toMatchObject({
      pass: false,
      detail: expect.stringMatching(/^not JSON/),
    });
    expect(scorers.jsonValid().score(context({ content: null }))).toMatchObject({
      pass: false,
      detail: 'no text answer',
    });
  });

  it('JSON Schema conformance through Ajv, formats included, naming the failing path', async () => {
    const scorer = scorers.jsonSchema(schema);
    await scorer.prepare();
    expect(await scorer.score(text('{"intent": "returns"}'))).toEqual({ score: 1, pass: true });
    expect(await scorer.score(text('{"intent": "refund"}'))).toEqual({
      score: 0,
      pass: false,
      detail: 'intent: must be one of "shipping", "returns"',
    });
    expect(await scorer.score(text('{"intent": "returns", "email": "nope"}'))).toMatchObject({
      pass: false,
      detail: 'email: must match format "email"',
    });
    expect(await scorer.score(text('{"intent": "returns", "x": 1}'))).toMatchObject({
      detail: 'x: is not a property the schema allows',
    });
  });

  it('accepts an OpenAI response_format json_schema object', async () => {
    const scorer = scorers.jsonSchema({ name: 'ticket', strict: true, schema });
    expect(await scorer.score(text('{"intent": "shipping"}'))).toMatchObject({ pass: true });
    expect(await scorer.score(text('{}'))).toMatchObject({
      detail: 'intent: is required',
    });
  });

  it('rejects a broken schema before anything is sent', async () => {
    await expect(scorers.jsonSchema({ type: 'objekt' }).prepare()).rejects.toThrow(
      /^invalid JSON Schema: /,
    );
  });

  it('takes a zod schema, or a zodResponseFormat, as the same JSON Schema scorer', async () => {
    const Ticket = z.object({
      intent: z.enum(['shipping', 'returns']),
      // A refinement JSON Schema cannot carry: zod checks it.
      order: z.string().refine((id) => id.startsWith('A-'), 'must start with A-'),
    });
    for (const given of [Ticket, zodResponseFormat(Ticket, 'ticket')]) {
      const scorer = scorers.jsonSchema(given);
      await scorer.prepare();
      expect(await scorer.score(text('{"intent": "returns", "order": "A-1"}'))).toEqual({
        score: 1,
        pass: true,
      });
      expect(await scorer.score(text('{"intent": "returns", "order": "B-1"}'))).toEqual({
        score: 0,
        pass: false,
        detail: 'order: must start with A-',
      });
      expect(await scorer.score(text('{"intent": 3, "order": "A-1"}'))).toMatchObject({
        detail: expect.stringMatching(/^intent: Invalid option/),
      });
    }
    // The response_format sent in production, as plain JSON, is checked by Ajv.
    const plain = JSON.parse(JSON.stringify(zodResponseFormat(Ticket, 'ticket')));
    expect(await scorers.jsonSchema(plain).score(text('{"intent": "returns"}'))).toMatchObject({
      detail: 'order: is required',
    });
  });

  it('zod-schema conformance', () => {
    const scorer = scorers.zodSchema(z.object({ intent: z.enum(['shipping', 'returns']) }));
    expect(scorer.score(text('{"intent": "shipping"}'))).toMatchObject({ pass: true });
    expect(scorer.score(text('{"intent": 3}'))).toMatchObject({
      pass: false,
      detail: expect.stringMatching(/^intent: /),
    });
  });
});

describe('tool-call match', () => {
  const call = (name: string, args: string) => ({ name, arguments: args });
  const scorer = scorers.toolCallMatch();

  it('compares names and arguments as JSON, in any order', () => {
    const expected = {
      toolCalls: [call('weather', '{"city":"Oslo","unit":"C"}'), call('time', '{"zone":"CET"}')],
    };
    expect(
      scorer.score(
        context(
          {
            toolCalls: [
              call('time', '{ "zone": "CET" }'),
              call('weather', '{"unit":"C", "city":"Oslo"}'),
            ],
          },
          expected,
        ),
      ),
    ).toEqual({ score: 1, pass: true });
  });

  it('says what differs', () => {
    const expected = { toolCalls: [call('weather', '{"city":"Oslo"}')] };
    expect(
      scorer.score(context({ toolCalls: [call('weather', '{"city":"Bergen"}')] }, expected)),
    ).toMatchObject({
      pass: false,
      detail: 'expected weather({"city":"Oslo"}), got weather({"city":"Bergen"})',
    });
    expect(scorer.score(context({ content: 'It is sunny.' }, expected))).toMatchObject({
      detail: 'expected weather({"city":"Oslo"}), got no call',
    });
    expect(
      scorer.score(
        context({ toolCalls: [call('weather', '{"city":"Oslo"}'), call('time', '{}')] }, expected),
      ),
    ).toMatchObject({ pass: false, detail: 'unexpected time({})' });
    // No call expected, none made.
    expect(scorer.score(context({ content: 'Hi' }))).toMatchObject({ pass: true });
  });
});

describe('custom scorers', () => {
  it('takes booleans, numbers (passing at passAt) and full scores', async () => {
    expect(
      await scorers
        .custom('polite', ({ output }) => /please/i.test(output.content ?? ''))
        .score(text('Please wait')),
    ).toEqual({
      score: 1,
      pass: true,
    });
    const short = scorers.custom('short', ({ output }) => 1 - (output.content ?? '').length / 10, {
      passAt: 0.8,
    });
    expect(await short.score(text('abc'))).toEqual({ score: 0.7, pass: false });
    expect(
      await scorers
        .custom('full', () => ({ score: 0.5, pass: true, detail: 'ok' }))
        .score(text('')),
    ).toEqual({
      score: 0.5,
      pass: true,
      detail: 'ok',
    });
  });

  it('rejects a score outside 0–1', async () => {
    await expect(scorers.custom('bad', () => 7).score(text(''))).rejects.toThrow(
      'a score must be a number from 0 to 1, got 7',
    );
  });
});
