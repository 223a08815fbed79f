import OpenAI from 'openai';
import {
  zodResponseFormat as openaiZodFormat,
  zodFunction as openaiZodFunction,
} from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadRequestError, zodFunction, zodResponseFormat } from '../../src/index.ts';
import { BASE_MODEL_ANSWER, createFakeOpenAI } from '../../src/testing/index.ts';
import { forEachAdapter } from '../support/adapters.ts';
import { clientFor, TEST_API_KEY } from '../support/fake-client.ts';
import { Invoice, invoiceAt, SYSTEM, trainInvoiceModel } from '../support/invoices.ts';

const ask = (text: string) => [
  { role: 'system' as const, content: SYSTEM },
  { role: 'user' as const, content: text },
];

describe('the fake and strict structured outputs', () => {
  it("refuses a strict schema that breaks strict mode's rules, in the API's words", async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const format = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: ask('x'),
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'thing', strict: true, schema: open },
        },
      })
      .catch((e: unknown) => e);
    expect(format).toBeInstanceOf(BadRequestError);
    expect(format).toMatchObject({
      param: 'response_format',
      apiMessage:
        "Invalid schema for response_format 'thing': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    });

    const optional = {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const tool = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: ask('x'),
        tools: [
          { type: 'function', function: { name: 'weather', strict: true, parameters: optional } },
        ],
      })
      .catch((e: unknown) => e);
    expect(tool).toMatchObject({
      status: 400,
      param: 'tools[0].function.parameters',
      code: 'invalid_function_parameters',
      apiMessage:
        "Invalid schema for function 'weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
    });

    // Without strict, the same schemas are taken (and the answer only loosely shaped).
    const loose = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: ask('x'),
      response_format: { type: 'json_schema', json_schema: { name: 'thing', schema: open } },
    });
    expect(JSON.parse(loose.choices[0]?.message.content ?? '')).toEqual({ a: BASE_MODEL_ANSWER });
  });

  it('answers a fine-tuned extractor with its trained JSON when it fits the schema', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const model = await trainInvoiceModel(fake, client);
    const { text, invoice } = invoiceAt(7);
    const completion = await client.chat.completions.parse({
      model,
      messages: ask(text),
      response_format: zodResponseFormat(Invoice, 'invoice'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual(invoice);

    // Asked for a schema its training answers do not fit, it answers one built from the schema.
    const Other = z.object({
      vendor: z.string(),
      vatId: z.string(),
      lines: z.array(z.int()).min(2),
    });
    const other = await client.chat.completions.parse({
      model,
      messages: ask(text),
      response_format: zodResponseFormat(Other, 'other'),
    });
    const parsed = other.choices[0]?.message.parsed;
    expect(parsed?.lines).toEqual([0, 0]);
    expect(parsed?.vatId).toBe(JSON.stringify(invoice)); // strings get the trained text
  });

  it('builds conforming answers from the schema for base models: formats, enums, nulls, refs', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const Node = z.object({
      id: z.uuid(),
      at: z.iso.datetime(),
      kind: z.enum(['a', 'b']),
      score: z.number().min(3).max(10),
      label: z.string().max(12),
      get children(): z.ZodArray<typeof Node> {
        return z.array(Node);
      },
      parent: z.string().nullable(),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4.1-mini',
      messages: ask('anything'),
      response_format: zodResponseFormat(Node, 'node'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual({
      id: '00000000-0000-4000-8000-000000000000',
      at: '2026-01-01T00:00:00Z',
      kind: 'a',
      score: 3,
      label: BASE_MODEL_ANSWER.slice(0, 12),
      children: [],
      parent: BASE_MODEL_ANSWER,
    });
  });

  it('calls tools with trained arguments that fit, and with arguments built from the schema', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    fake.scriptAnswers('gpt-4o-mini', () => undefined);
    const lookup = zodFunction({
      name: 'lookup_order',
      parameters: z.object({ orderId: z.string(), priority: z.enum(['low', 'high']) }),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: ask('Where is my order?'),
      tools: [lookup],
      tool_choice: 'required',
    });
    const [call] = completion.choices[0]?.message.tool_calls ?? [];
    expect(call?.function.parsed_arguments).toEqual({
      orderId: BASE_MODEL_ANSWER,
      priority: 'low',
    });
  });
});

forEachAdapter('the official openai client parse() against the fake', (setup) => {
  it('parses a zodResponseFormat answer of a fine-tuned model, plain and streamed', async () => {
    const { fake, baseURL } = setup();
    const openai = new OpenAI({ apiKey: TEST_API_KEY, baseURL, maxRetries: 0 });
    const model = await trainInvoiceModel(fake, clientFor(fake));
    const { text, invoice } = invoiceAt(3);
    const completion = await openai.chat.completions.parse({
      model,
      messages: ask(text),
      response_format: openaiZodFormat(Invoice, 'invoice'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual(invoice);
    expect(completion.choices[0]?.message.refusal).toBeNull();

    const stream = openai.chat.completions.stream({
      model,
      messages: ask(text),
      response_format: openaiZodFormat(Invoice, 'invoice'),
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.parsed).toEqual(invoice);
  });

  it('gets a refusal as a refusal, and parsed_arguments for zodFunction tools', async () => {
    const { fake, baseURL } = setup();
    const openai = new OpenAI({ apiKey: TEST_API_KEY, baseURL, maxRetries: 0 });
    fake.scriptAnswers('gpt-4o-mini', {
      'Refuse this': { refusal: 'I cannot help with that.' },
      'Look up order 42': {
        toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":"42"}' }],
      },
    });
    const refused = await openai.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Refuse this' }],
      response_format: openaiZodFormat(Invoice, 'invoice'),
    });
    expect(refused.choices[0]?.message.refusal).toBe('I cannot help with that.');
    expect(refused.choices[0]?.message.parsed).toBeNull();

    const called = await openai.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Look up order 42' }],
      tools: [
        openaiZodFunction({ name: 'lookup_order', parameters: z.object({ orderId: z.string() }) }),
      ],
    });
    const call = called.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.parsed_arguments).toEqual({ orderId: '42' });
  });
});
