import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  AnswerValidationError,
  IncompleteAnswerError,
  NotSupportedByProviderError,
  TuneKit,
  zodFunction,
  zodResponseFormat,
} from '../../../../src/index.ts';
import { createFakeOpenAI } from '../../../../src/testing/index.ts';
import { clientFor, TEST_API_KEY } from '../../../support/fake-client.ts';
import {
  Invoice as InvoiceSchema,
  invoiceAt,
  SYSTEM,
  trainInvoiceModel,
} from '../../../support/invoices.ts';

const Invoice = z.object({
  vendor: z.string(),
  total: z.number(),
  currency: z.enum(['EUR', 'USD']),
  due: z.iso.date().nullable(),
  lines: z.array(z.object({ sku: z.string(), qty: z.int().positive() })),
});

const MODEL = 'gpt-4o-mini';
const ask = (content: string) => [{ role: 'user' as const, content }];
const GOOD = {
  vendor: 'ACME',
  total: 120.5,
  currency: 'EUR',
  due: null,
  lines: [{ sku: 'A-1', qty: 2 }],
};

function setup() {
  const fake = createFakeOpenAI();
  return { fake, client: clientFor(fake) };
}

describe('chat.completions.parse with zodResponseFormat', () => {
  it('sends the strict JSON Schema and returns the answer parsed, typed as z.infer', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, { 'Read this invoice': JSON.stringify(GOOD) });
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: ask('Read this invoice'),
      response_format: zodResponseFormat(Invoice, 'invoice'),
    });
    const message = completion.choices[0]?.message;
    expectTypeOf(message?.parsed).toEqualTypeOf<z.infer<typeof Invoice> | null | undefined>();
    expect(message?.parsed).toEqual(GOOD);
    expect(message?.refusal).toBeNull();
    expect(completion._request_id).toMatch(/^req_/);

    const [call] = fake.calls.filter((c) => c.route === 'chat.completions.create');
    const sent = call?.body as { response_format: Record<string, unknown> };
    expect(sent.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'invoice',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            vendor: { type: 'string' },
            total: { type: 'number' },
            currency: { type: 'string', enum: ['EUR', 'USD'] },
            due: {
              anyOf: [
                { type: 'string', format: 'date', pattern: expect.any(String) },
                { type: 'null' },
              ],
            },
            lines: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  sku: { type: 'string' },
                  qty: { type: 'integer', exclusiveMinimum: 0 },
                },
                required: ['sku', 'qty'],
                additionalProperties: false,
              },
            },
          },
          required: ['vendor', 'total', 'currency', 'due', 'lines'],
          additionalProperties: false,
        },
      },
    });
  });

  it('applies transforms: parsed is the output type, the model writes the input', async () => {
    const { fake, client } = setup();
    const Dated = z.object({ at: z.iso.date().transform((s) => new Date(`${s}T00:00:00Z`)) });
    fake.scriptAnswers(MODEL, () => '{"at":"2026-03-01"}');
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: ask('When?'),
      response_format: zodResponseFormat(Dated, 'dated'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expectTypeOf(parsed).toEqualTypeOf<{ at: Date } | null | undefined>();
    expect(parsed?.at).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('surfaces a refusal as such: parsed null, refusal set, no error', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({ refusal: "I can't help with that." }));
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: ask('Something forbidden'),
      response_format: zodResponseFormat(Invoice, 'invoice'),
    });
    const message = completion.choices[0]?.message;
    expect(message?.refusal).toBe("I can't help with that.");
    expect(message?.content).toBeNull();
    expect(message?.parsed).toBeNull();
  });

  it('raises IncompleteAnswerError with the raw text for an answer cut by the token limit', async () => {
    const { client } = setup();
    // The fake cuts the answer it builds from the schema at max_completion_tokens (4 chars a token).
    const error = await client.chat.completions
      .parse({
        model: MODEL,
        messages: ask('Read this invoice'),
        response_format: zodResponseFormat(Invoice, 'invoice'),
        max_completion_tokens: 5,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(IncompleteAnswerError);
    const cut = error as IncompleteAnswerError;
    expect(cut.finishReason).toBe('length');
    expect(cut.raw).toBe('{"vendor":"This is a'); // 5 tokens of 4 characters
    expect(cut.message).toContain('max_completion_tokens 5');
    expect(cut.requestId).toMatch(/^req_/);
  });

  it('raises IncompleteAnswerError for content_filter too', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      content: '{"vendor": "AC',
      finishReason: 'content_filter',
    }));
    const error = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), response_format: zodResponseFormat(Invoice, 'i') })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IncompleteAnswerError', finishReason: 'content_filter' });
    expect((error as IncompleteAnswerError).raw).toBe('{"vendor": "AC');
  });

  it('raises AnswerValidationError with every zod issue and its path for a mismatch', async () => {
    const { fake, client } = setup();
    const wrong = {
      ...GOOD,
      currency: 'GBP',
      lines: [
        { sku: 'A-1', qty: 0 },
        { sku: 7, qty: 1 },
      ],
    };
    fake.scriptAnswers(MODEL, () => JSON.stringify(wrong));
    const error = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), response_format: zodResponseFormat(Invoice, 'i') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerValidationError);
    const mismatch = error as AnswerValidationError;
    expect(mismatch.problem).toBe('schema_mismatch');
    expect(mismatch.target).toBe('content');
    expect(mismatch.raw).toBe(JSON.stringify(wrong));
    expect(mismatch.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['currency', 'invalid_value'],
      ['lines[0].qty', 'too_small'],
      ['lines[1].sku', 'invalid_type'],
    ]);
    expect(mismatch.issues[2]?.pathKeys).toEqual(['lines', 1, 'sku']);
    expect(mismatch.message).toContain('lines[1].sku');
    expect(mismatch.cause).toBeInstanceOf(z.ZodError);
  });

  it('raises AnswerValidationError for an answer that is not JSON, and never leaks the key', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => `Sure! Your key is ${TEST_API_KEY}.`);
    const error = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), response_format: zodResponseFormat(Invoice, 'i') })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AnswerValidationError', problem: 'not_json' });
    const invalid = error as AnswerValidationError;
    expect(invalid.raw).toBe('Sure! Your key is [redacted].');
    expect(JSON.stringify(invalid.completion)).not.toContain(TEST_API_KEY);
    expect(invalid.message).not.toContain(TEST_API_KEY);
  });

  it('leaves parsed null and checks nothing when nothing was asked for', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({ content: 'plain text, cut', finishReason: 'length' }));
    const completion = await client.chat.completions.parse({ model: MODEL, messages: ask('x') });
    expectTypeOf(completion.choices[0]?.message.parsed).toEqualTypeOf<null | undefined>();
    expect(completion.choices[0]?.message.parsed).toBeNull();
    expect(completion.choices[0]?.finish_reason).toBe('length');
  });
});

describe('chat.completions.parse with zodFunction tools', () => {
  const lookup = zodFunction({
    name: 'lookup_order',
    description: 'Finds an order by its id',
    parameters: z.object({ orderId: z.string(), verbose: z.boolean().nullable() }),
  });
  const refund = zodFunction({
    name: 'refund',
    parameters: z.object({ orderId: z.string(), cents: z.int() }),
  });

  it('validates the arguments of each call into parsed_arguments, typed by tool name', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      toolCalls: [
        { name: 'lookup_order', arguments: '{"orderId":"42","verbose":null}' },
        { name: 'refund', arguments: '{"orderId":"42","cents":1250}' },
      ],
    }));
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: ask('Refund order 42'),
      tools: [lookup, refund],
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.function.parsed_arguments)).toEqual([
      { orderId: '42', verbose: null },
      { orderId: '42', cents: 1250 },
    ]);
    const second = calls[1];
    if (second?.function.name === 'refund') {
      expectTypeOf(second.function.parsed_arguments).toEqualTypeOf<{
        orderId: string;
        cents: number;
      }>();
    }
    expect(completion.choices[0]?.message.parsed).toBeNull();
    const [call] = fake.calls.filter((c) => c.route === 'chat.completions.create');
    expect((call?.body as { tools: unknown[] } | undefined)?.tools[0]).toEqual({
      type: 'function',
      function: {
        name: 'lookup_order',
        description: 'Finds an order by its id',
        strict: true,
        parameters: {
          type: 'object',
          properties: {
            orderId: { type: 'string' },
            verbose: { type: ['boolean', 'null'] },
          },
          required: ['orderId', 'verbose'],
          additionalProperties: false,
        },
      },
    });
  });

  it('raises AnswerValidationError naming the tool call for arguments that do not match', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      toolCalls: [{ name: 'refund', arguments: '{"orderId":"42","cents":12.5}' }],
    }));
    const error = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), tools: [lookup, refund] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AnswerValidationError',
      target: 'tool_arguments',
      problem: 'schema_mismatch',
      toolCall: { name: 'refund', id: expect.stringMatching(/^call_/) },
      raw: '{"orderId":"42","cents":12.5}',
    });
    expect((error as AnswerValidationError).issues[0]?.path).toBe('cents');
  });

  it('leaves a cut text answer alone when only tools were to be parsed', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({
      content: 'Your order is on its w',
      finishReason: 'length',
    }));
    const completion = await client.chat.completions.parse({
      model: MODEL,
      messages: ask('x'),
      tools: [lookup],
    });
    expect(completion.choices[0]?.message.content).toBe('Your order is on its w');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    // A tool call cut at the limit is read, so it is an error.
    fake.scriptAnswers(MODEL, () => ({
      toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":"4' }],
      finishReason: 'length',
    }));
    const cutCall = await client.chat.completions
      .parse({ model: MODEL, messages: ask('y'), tools: [lookup] })
      .catch((e: unknown) => e);
    expect(cutCall).toMatchObject({
      name: 'IncompleteAnswerError',
      finishReason: 'length',
      raw: '{"orderId":"4',
    });
  });

  it('refuses a call to a tool that was not offered', async () => {
    const { fake, client } = setup();
    fake.scriptAnswers(MODEL, () => ({ toolCalls: [{ name: 'delete_all', arguments: '{}' }] }));
    const error = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), tools: [lookup] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AnswerValidationError', problem: 'unknown_tool' });
    expect((error as Error).message).toContain('"delete_all"');
  });
});

describe('structured outputs and providers', () => {
  it('Azure: a fine-tuned extractor behind its deployment answers, parsed', async () => {
    const fake = createFakeOpenAI();
    const model = await trainInvoiceModel(fake, clientFor(fake));
    fake.deploy({ model, name: 'invoices' });
    const client = new TuneKit({
      provider: 'azure',
      apiKey: TEST_API_KEY,
      endpoint: 'https://example-resource.openai.azure.com',
      deployments: { [model]: 'invoices' },
      fetch: fake.fetch,
      maxRetries: 0,
      logLevel: 'off',
    });
    const { text, invoice } = invoiceAt(4);
    const completion = await client.chat.completions.parse({
      model,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: text },
      ],
      response_format: zodResponseFormat(InvoiceSchema, 'invoice'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual(invoice);
    const [call] = fake.calls.filter((c) => c.route === 'chat.completions.create');
    expect(call?.path).toBe('/openai/v1/chat/completions');
    expect((call?.body as { model: string } | undefined)?.model).toBe('invoices');
  });

  it('a gateway declared without structured outputs or tools refuses them before sending', async () => {
    const fake = createFakeOpenAI();
    const client = new TuneKit({
      provider: 'compatible',
      baseURL: 'https://api.openai.com/v1',
      apiKey: TEST_API_KEY,
      unsupported: ['chat.structuredOutputs', 'chat.tools'],
      fetch: fake.fetch,
      maxRetries: 0,
      logLevel: 'off',
    });
    const format = await client.chat.completions
      .parse({ model: MODEL, messages: ask('x'), response_format: zodResponseFormat(Invoice, 'i') })
      .catch((e: unknown) => e);
    expect(format).toBeInstanceOf(NotSupportedByProviderError);
    expect(format).toMatchObject({ feature: 'chat.structuredOutputs', provider: 'compatible' });
    const tools = await client.chat.completions
      .create({
        model: MODEL,
        messages: ask('x'),
        tools: [{ type: 'function', function: { name: 'f', parameters: {} } }],
      })
      .catch((e: unknown) => e);
    expect(tools).toMatchObject({ name: 'NotSupportedByProviderError', feature: 'chat.tools' });
    expect(fake.calls).toHaveLength(0);
    // Plain chat still works.
    const plain = await client.chat.completions.create({ model: MODEL, messages: ask('x') });
    expect(plain.choices[0]?.message.content).toBeTypeOf('string');
  });
});
