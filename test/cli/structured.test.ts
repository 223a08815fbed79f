import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { startFakeServerProcess } from '../support/cli-process.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { useFakeServer } from '../support/fake-server.ts';
import { runCliAsync, runCliInTerminalAsync } from '../support/run-cli.ts';

// Issue 16 on the command line: training answers checked against the production schema
// (`data validate --response-schema / --tool-schemas / --check-answers`) and answers asked for
// in that schema (`chat --response-schema [--stream]`), through the CLI process, against
// `tunekit fake-server` and, where the model must misbehave on cue, a scripted fake.

const dir = mkdtempSync(join(tmpdir(), 'tunekit-structured-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const json = (value: unknown) => JSON.stringify(value);

const INVOICE = {
  type: 'object',
  additionalProperties: false,
  required: ['vendor', 'total', 'currency', 'lines'],
  properties: {
    vendor: { type: 'string' },
    total: { type: 'number' },
    currency: { enum: ['EUR', 'USD'] },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['item', 'qty'],
        properties: { item: { type: 'string' }, qty: { type: 'integer' } },
      },
    },
  },
};
const schemaFile = file('invoice.schema.json', json(INVOICE));
const formatFile = file(
  'invoice.format.json',
  json({ type: 'json_schema', json_schema: { name: 'invoice', schema: INVOICE, strict: true } }),
);

const good = { vendor: 'ACME', total: 12.5, currency: 'EUR', lines: [{ item: 'lamp', qty: 1 }] };
const example = (i: number, answer: string) =>
  json({
    messages: [
      { role: 'user', content: `invoice ${i}` },
      { role: 'assistant', content: answer },
    ],
  });
/** 12 answers: line 4's total is a string, line 8's qty is not whole, line 10 is prose. */
const invoices = file(
  'invoices.jsonl',
  `${Array.from({ length: 12 }, (_, i) => {
    if (i === 3) return example(i, json({ ...good, total: '12.50' }));
    if (i === 7) return example(i, json({ ...good, lines: [{ item: 'lamp', qty: 1.5 }] }));
    if (i === 9) return example(i, 'Sure, here is the invoice.');
    return example(i, json(good));
  }).join('\n')}\n`,
);
const cleanInvoices = file(
  'clean.jsonl',
  `${Array.from({ length: 12 }, (_, i) => example(i, json(good))).join('\n')}\n`,
);

const LOOKUP = {
  type: 'object',
  properties: { orderId: { type: 'string' } },
  required: ['orderId'],
  additionalProperties: false,
};
const callExample = (i: number, name: string, args: string) =>
  json({
    messages: [
      { role: 'user', content: `where is order ${i}?` },
      {
        role: 'assistant',
        tool_calls: [{ id: `call_${i}`, type: 'function', function: { name, arguments: args } }],
      },
    ],
  });
/** 12 tool calls: line 2 passes a number, line 5 calls a tool nobody declared. */
const calls = file(
  'calls.jsonl',
  `${Array.from({ length: 12 }, (_, i) => {
    if (i === 1) return callExample(i, 'lookup_order', '{"orderId": 42}');
    if (i === 4) return callExample(i, 'cancel_order', '{"orderId": "42"}');
    return callExample(i, 'lookup_order', `{"orderId": "${i}"}`);
  }).join('\n')}\n`,
);

const validate = (args: string[]) => runCliAsync(['data', 'validate', ...args], {});

describe.concurrent('tunekit data validate --response-schema / --tool-schemas / --check-answers', () => {
  it('lists each answer that misses the schema by line, path and place in the answer; exit 1', async () => {
    const result = await validate([invoices, '--response-schema', schemaFile]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${invoices}:4  error    answer_schema_mismatch  messages[1].content › total: must be number (the response schema)`,
    );
    expect(result.stdout).toContain(
      `${invoices}:8  error    answer_schema_mismatch  messages[1].content › lines[0].qty: must be integer (the response schema)`,
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `${invoices}:10  error    answer_not_json  messages\\[1\\]\\.content: the answer is not JSON`,
      ),
    );
    expect(result.stdout).toContain('✗ invalid: 3 errors');
  });

  it('takes a response_format file as well, and gives answerPath in --json', async () => {
    const result = await validate([invoices, '--response-schema', formatFile, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      problems: Array<{ code: string; line?: number; path?: string; answerPath?: string }>;
    };
    expect(report.problems.filter((p) => p.code === 'answer_schema_mismatch')).toEqual([
      expect.objectContaining({ line: 4, path: 'messages[1].content', answerPath: 'total' }),
      expect.objectContaining({ line: 8, path: 'messages[1].content', answerPath: 'lines[0].qty' }),
    ]);
  });

  it('passes a file whose answers all match (exit 0)', async () => {
    const result = await validate([cleanInvoices, '--response-schema', schemaFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ valid/);
  });

  it.each([
    [
      'an array of tools',
      [{ type: 'function', function: { name: 'lookup_order', parameters: LOOKUP } }],
    ],
    ['a map of names to schemas', { lookup_order: LOOKUP }],
  ])('checks tool-call arguments against %s', async (_what, tools) => {
    const toolsFile = file(`tools-${_what.length}.json`, json(tools));
    const result = await validate([calls, '--tool-schemas', toolsFile]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${calls}:2  error    tool_arguments_schema_mismatch  messages[1].tool_calls[0].function.arguments › orderId: must be string (tool "lookup_order")`,
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `${calls}:5  error    unknown_tool  .*"cancel_order", which is not among the tools \\("lookup_order"\\)`,
      ),
    );
  });

  it('--check-answers checks against the tools each example carries', async () => {
    const carried = file(
      'carried.jsonl',
      `${Array.from({ length: 12 }, (_, i) =>
        json({
          ...JSON.parse(callExample(i, 'lookup_order', i === 6 ? '{}' : `{"orderId": "${i}"}`)),
          tools: [{ type: 'function', function: { name: 'lookup_order', parameters: LOOKUP } }],
        }),
      ).join('\n')}\n`,
    );
    const without = await validate([carried]);
    expect(without.code).toBe(0);
    const result = await validate([carried, '--check-answers']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${carried}:7  error    tool_arguments_schema_mismatch  messages[1].tool_calls[0].function.arguments › orderId: is required (tool "lookup_order")`,
    );
  });

  it.each([
    ['not JSON', 'nope', '--response-schema', /is not JSON: Unexpected token/],
    [
      'not a schema',
      json({ type: 'object', properties: { a: { type: 'nope' } } }),
      '--response-schema',
      /: invalid JSON Schema: /,
    ],
    [
      'a schema-less format',
      json({ type: 'json_object' }),
      '--response-schema',
      /a response_format of type "json_object" carries no schema/,
    ],
    [
      'an array',
      json([1]),
      '--response-schema',
      /expected a JSON Schema object or a response_format, got an array/,
    ],
    [
      'a tool without a name',
      json([{ type: 'function', function: {} }]),
      '--tool-schemas',
      /\[0\] is not a tool/,
    ],
    [
      'a map entry that is not a schema',
      json({ lookup_order: 3 }),
      '--tool-schemas',
      /"lookup_order" is not a JSON Schema object/,
    ],
  ])(
    'a schema file that is %s: exit 2 naming the flag and the file, before reading the data',
    async (what, text, flag, message) => {
      const bad = file(`bad-${what.replaceAll(' ', '-')}.json`, text);
      const result = await validate([invoices, flag, bad]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^error: ${flag} ${bad}`));
      expect(result.stderr).toMatch(message);
      const asJson = await validate([invoices, flag, bad, '--json']);
      expect(JSON.parse(asJson.stderr)).toMatchObject({
        error: { type: 'InputFileError', path: bad, code: 'invalid' },
      });
    },
  );
});

describe('tunekit chat --response-schema against tunekit fake-server', () => {
  let server: Awaited<ReturnType<typeof startFakeServerProcess>>;
  beforeAll(async () => {
    server = await startFakeServerProcess();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const chat = (args: string[]) =>
    runCliAsync(['chat', 'gpt-4o-mini', 'ACME, 12.50 EUR', ...args], {
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: TEST_API_KEY,
    });

  it('prints the parsed answer, pretty, and nothing else', async () => {
    const result = await chat(['--response-schema', schemaFile]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(result.stdout);
    expect(Object.keys(answer).sort()).toEqual(['currency', 'lines', 'total', 'vendor']);
    expect(result.stdout).toBe(`${JSON.stringify(answer, null, 2)}\n`);
  });

  it('--json prints the completion, with the parsed answer beside the text', async () => {
    const result = await chat(['--response-schema', formatFile, '--json']);
    expect(result.code).toBe(0);
    const completion = JSON.parse(result.stdout);
    expect(completion.object).toBe('chat.completion');
    const message = completion.choices[0].message;
    expect(message.parsed).toEqual(JSON.parse(message.content));
  });

  it('--stream --json: the object as it grows, then the validated completion', async () => {
    const result = await chat(['--response-schema', schemaFile, '--stream', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const partials = lines.filter((line) => line.type === 'partial');
    expect(partials.length).toBeGreaterThan(2);
    // Each partial says no less than the one before it.
    expect(JSON.stringify(partials.at(-1).value).length).toBeGreaterThan(
      JSON.stringify(partials[0].value).length,
    );
    const last = lines.at(-1);
    expect(last.type).toBe('result');
    expect(last.completion.choices[0].message.parsed).toEqual(partials.at(-1).value);
  });

  it('--stream without --json prints the final object only on stdout (no terminal: no live view)', async () => {
    const result = await chat(['--response-schema', schemaFile, '--stream']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys(JSON.parse(result.stdout)).sort()).toEqual([
      'currency',
      'lines',
      'total',
      'vendor',
    ]);
  });

  it('--stream on a terminal: the object drawn live as it grows, then the answer', async () => {
    const { code, screen } = await runCliInTerminalAsync(
      ['chat', 'gpt-4o-mini', 'ACME', '--response-schema', schemaFile, '--stream'],
      { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: TEST_API_KEY },
    );
    expect(code).toBe(0);
    // The live line holds compact JSON that is still growing; the answer is pretty.
    expect(screen).toMatch(/\{"vendor":"This is a/);
    expect(screen).toContain('"vendor": "This is a placeholder answer');
  });

  it('refuses --stream without --response-schema as a usage error', async () => {
    const result = await chat(['--stream']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --stream shows the object of --response-schema/);
  });
});

describe('tunekit chat --response-schema when the model misbehaves', () => {
  const fake = createFakeOpenAI();
  const server = useFakeServer(fake);
  const chat = (question: string, args: string[]) =>
    runCliAsync(['chat', 'gpt-4o-mini', question, '--response-schema', schemaFile, ...args], {
      OPENAI_BASE_URL: server().baseURL,
      OPENAI_API_KEY: TEST_API_KEY,
    });
  fake.scriptAnswers('gpt-4o-mini', {
    mismatch: json({ ...good, total: 'twelve', lines: [{ item: 'lamp', qty: 'one' }] }),
    prose: 'Sure! The total is 12.50 EUR.',
    refuse: { refusal: 'I cannot help with that.' },
    cut: { content: '{"vendor": "AC', finishReason: 'length' },
  });

  it('an answer that fails the schema: exit 1, each place named, the raw answer kept', async () => {
    const result = await chat('mismatch', []);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: The answer of choice 0 does not match/);
    expect(result.stderr).toContain('total: must be number');
    expect(result.stderr).toContain('lines[0].qty: must be integer');
    expect(result.stderr).toContain('hint: The raw answer is in the message');
    const asJson = await chat('mismatch', ['--json']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout).choices[0].finish_reason).toBe('stop');
    expect(JSON.parse(asJson.stderr)).toMatchObject({
      error: {
        type: 'AnswerValidationError',
        code: 'schema_mismatch',
        issues: [
          { path: 'total', message: 'must be number' },
          { path: 'lines[0].qty', message: 'must be integer' },
        ],
        raw: expect.stringContaining('"twelve"'),
      },
    });
  });

  it('the same when streamed: the partials come, then the error', async () => {
    const result = await chat('mismatch', ['--stream', '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('{"type":"partial"');
    expect(result.stdout).not.toContain('"type":"result"');
    expect(JSON.parse(result.stderr).error.type).toBe('AnswerValidationError');
  });

  it('prose instead of JSON: exit 1, not JSON', async () => {
    const result = await chat('prose', ['--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'not_json' });
  });

  it('a refusal is said as one, exit 1', async () => {
    const result = await chat('refuse', []);
    expect(result).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: The model refused to answer: I cannot help with that.\n',
    });
  });

  it('an answer cut at the token limit: exit 1 with the way out', async () => {
    const result = await chat('cut', []);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/was cut off at the token limit/);
    expect(result.stderr).toContain('hint: Raise --max-tokens, or ask for less.');
  });

  it('a schema strict mode cannot take: exit 2 naming each place, and no request sent', async () => {
    const loose = file(
      'loose.json',
      json({ type: 'object', properties: { a: { type: 'string' }, b: {} }, required: ['a'] }),
    );
    const before = fake.calls.length;
    const result = await runCliAsync(['chat', 'gpt-4o-mini', 'hi', '--response-schema', loose], {
      OPENAI_BASE_URL: server().baseURL,
      OPENAI_API_KEY: TEST_API_KEY,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error: --response-schema ${loose} cannot be sent in strict mode: (root): 'additionalProperties' is required`,
    );
    expect(result.stderr).toContain("b: 'required' is required");
    expect(fake.calls.length).toBe(before);
  });

  it('sends the file’s schema as it is, strict', async () => {
    const result = await chat('mismatch', ['--json']);
    expect(result.code).toBe(1);
    const sent = fake.calls.findLast((call) => call.route === 'chat.completions.create')?.body as {
      response_format?: unknown;
    };
    expect(sent.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'invoice_schema', schema: INVOICE, strict: true },
    });
  });
});
