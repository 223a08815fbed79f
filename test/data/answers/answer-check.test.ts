import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANSWER_PROBLEM_CODES } from '../../../src/data/answers/answer-check.ts';
import { InvalidJsonSchemaError } from '../../../src/data/answers/json-schema.ts';
import type { Problem } from '../../../src/data/problems.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { zodFunction, zodResponseFormat } from '../../../src/index.ts';
import { Invoice, invoiceTrainingFile } from '../../support/invoices.ts';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The answer check's problems (not the format check's, such as `few_examples`), briefly. */
function brief(problems: readonly Problem[]) {
  return problems
    .filter((p) => (ANSWER_PROBLEM_CODES as readonly string[]).includes(p.code))
    .map(({ code, line, path, answerPath }) => ({ code, line, path, answerPath }));
}

/** Codes the tests of this file have seen, to show each code of the check is produced. */
const produced = new Set<string>();

async function validate(text: string, options: Parameters<typeof validateTrainingFile>[1]) {
  const report = await validateTrainingFile({ text }, { workers: 0, ...options });
  for (const code of Object.keys(report.counts)) produced.add(code);
  return report;
}

describe('the answer check of validateTrainingFile (option answers)', () => {
  it('passes a file whose every answer matches the zod schema', async () => {
    const report = await validate(invoiceTrainingFile(12), { answers: { response: Invoice } });
    expect(brief(report.problems)).toEqual([]);
    expect(report.errors).toBe(0);
  });

  it('reports each mismatch with its line, the message path and the path inside the answer', async () => {
    const text = invoiceTrainingFile(12, {
      2: { vendor: 'ACME', total: '120.50', currency: 'EUR', due: null },
      5: { vendor: 'Globex', total: 10, currency: 'GBP' },
      8: 'Sure, here is the invoice: ACME, 120.50 EUR',
    });
    const report = await validate(text, { answers: { response: Invoice } });
    expect(brief(report.problems)).toEqual([
      { code: 'answer_schema_mismatch', line: 3, path: 'messages[2].content', answerPath: 'total' },
      {
        code: 'answer_schema_mismatch',
        line: 6,
        path: 'messages[2].content',
        answerPath: 'currency',
      },
      { code: 'answer_schema_mismatch', line: 6, path: 'messages[2].content', answerPath: 'due' },
      { code: 'answer_not_json', line: 9, path: 'messages[2].content', answerPath: undefined },
    ]);
    expect(report.valid).toBe(false);
    expect(report.counts.answer_schema_mismatch).toBe(3);
    expect(report.problems.find((p) => p.line === 3)?.message).toBe(
      'messages[2].content: total Invalid input: expected number, received string (the response schema)',
    );
  });

  it('takes the same schema as JSON Schema: a file, or the response_format sent in production', async () => {
    const format = zodResponseFormat(Invoice, 'invoice');
    const path = join(dir, 'invoice.schema.json');
    writeFileSync(path, JSON.stringify(format.json_schema.schema));
    const text = invoiceTrainingFile(12, { 4: { vendor: 'ACME', total: 1, currency: 'EUR' } });
    for (const response of [JSON.parse(readFileSync(path, 'utf8')), format, format.json_schema]) {
      const report = await validate(text, { answers: { response } });
      expect(brief(report.problems)).toEqual([
        {
          code: 'answer_schema_mismatch',
          line: 5,
          path: 'messages[2].content',
          answerPath: 'due',
        },
      ]);
      expect(report.problems.find((p) => p.line === 5)?.message).toContain('due is required');
    }
  });

  it('checks tool-call arguments against the tools each example carries', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'lookup_order',
          parameters: {
            type: 'object',
            properties: { orderId: { type: 'string' } },
            required: ['orderId'],
            additionalProperties: false,
          },
        },
      },
    ];
    const line = (args: string, name = 'lookup_order') =>
      JSON.stringify({
        messages: [
          { role: 'user', content: 'Where is my order?' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: args } }],
          },
        ],
        tools,
      });
    const text = [
      line('{"orderId":"42"}'),
      line('{"orderId":42}'),
      line('{"order":"42"}'),
      line('{"orderId":'),
      line('{}', 'cancel_order'),
    ].join('\n');
    const report = await validate(text, { answers: {} });
    const at = 'messages[1].tool_calls[0].function';
    expect(brief(report.problems)).toEqual([
      {
        code: 'tool_arguments_schema_mismatch',
        line: 2,
        path: `${at}.arguments`,
        answerPath: 'orderId',
      },
      {
        code: 'tool_arguments_schema_mismatch',
        line: 3,
        path: `${at}.arguments`,
        answerPath: 'orderId',
      },
      {
        code: 'tool_arguments_schema_mismatch',
        line: 3,
        path: `${at}.arguments`,
        answerPath: 'order',
      },
      { code: 'tool_arguments_not_json', line: 4, path: `${at}.arguments`, answerPath: undefined },
      { code: 'unknown_tool', line: 5, path: `${at}.name`, answerPath: undefined },
    ]);
    expect(report.problems.find((p) => p.line === 3)?.message).toContain(
      'orderId is required (tool "lookup_order")',
    );

    // The production tools (zodFunction) win over the example's own.
    const strict = zodFunction({
      name: 'lookup_order',
      parameters: z.object({ orderId: z.string().regex(/^\d+$/) }),
    });
    const production = await validate(line('{"orderId":"A-42"}'), { answers: { tools: [strict] } });
    expect(production.counts.tool_arguments_schema_mismatch).toBe(1);
    const byName = await validate(line('{"orderId":"A-42"}'), {
      answers: { tools: { lookup_order: z.object({ orderId: z.string().regex(/^\d+$/) }) } },
    });
    expect(byName.counts.tool_arguments_schema_mismatch).toBe(1);
  });

  it('checks against the response_format an example carries, and reports one that is not a schema', async () => {
    const example = (schema: unknown, answer: string) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: 'Classify: my parcel is late' },
          { role: 'assistant', content: answer },
        ],
        response_format: { type: 'json_schema', json_schema: { name: 'intent', schema } },
      });
    const intent = {
      type: 'object',
      properties: { intent: { enum: ['shipping', 'billing'] } },
      required: ['intent'],
    };
    const text = [
      example(intent, '{"intent":"shipping"}'),
      example(intent, '{"intent":"returns"}'),
      example({ type: 'object', properties: { a: { $ref: '#/nowhere' } } }, '{}'),
    ].join('\n');
    const report = await validate(text, { answers: {} });
    const answerProblems = report.problems.filter((p) =>
      (ANSWER_PROBLEM_CODES as readonly string[]).includes(p.code),
    );
    expect(brief(answerProblems)).toEqual([
      {
        code: 'answer_schema_mismatch',
        line: 2,
        path: 'messages[1].content',
        answerPath: 'intent',
      },
      {
        code: 'invalid_answer_schema',
        line: 3,
        path: 'response_format.json_schema.schema',
        answerPath: undefined,
      },
    ]);
    expect(answerProblems[0]?.message).toContain('must be one of "shipping", "billing"');
    // Turned off, the examples' own schemas are not used.
    const off = await validate(text, { answers: { fromExamples: false } });
    expect(off.counts.answer_schema_mismatch ?? 0).toBe(0);
  });

  it('checks the preferred output of preference examples and the completion of legacy ones', async () => {
    const preference = JSON.stringify({
      input: { messages: [{ role: 'user', content: 'Invoice: ACME 10 EUR' }] },
      preferred_output: [{ role: 'assistant', content: '{"vendor":"ACME"}' }],
      non_preferred_output: [{ role: 'assistant', content: 'ACME, 10 EUR' }],
    });
    const dpo = await validate(preference, { answers: { response: Invoice } });
    expect(brief(dpo.problems.filter((p) => p.code.startsWith('answer')))).toEqual(
      ['total', 'currency', 'due'].map((answerPath) => ({
        code: 'answer_schema_mismatch',
        line: 1,
        path: 'preferred_output[0].content',
        answerPath,
      })),
    );

    const legacy = JSON.stringify({ prompt: 'Invoice: ACME', completion: ' {"vendor":"ACME"' });
    const completion = await validate(legacy, { answers: { response: Invoice } });
    expect(brief(completion.problems.filter((p) => p.code.startsWith('answer')))).toEqual([
      { code: 'answer_not_json', line: 1, path: 'completion', answerPath: undefined },
    ]);
  });

  it('skips what the model does not learn or answer: weight 0, refusals, tool-call turns', async () => {
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'not json, weight 0', weight: 0 },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: null, refusal: 'No.' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: '{"vendor":"A","total":1,"currency":"USD","due":null}' },
      ],
    });
    const report = await validate(line, { answers: { response: Invoice } });
    expect(report.problems.filter((p) => p.code.startsWith('answer'))).toEqual([]);
  });

  it('throws InvalidJsonSchemaError for an option schema that is not one, before reading', async () => {
    await expect(
      validate(invoiceTrainingFile(1), { answers: { response: { type: 'object', required: 3 } } }),
    ).rejects.toThrow(InvalidJsonSchemaError);
  });

  it('has produced every problem code of its own above', () => {
    expect([...ANSWER_PROBLEM_CODES].filter((code) => !produced.has(code))).toEqual([]);
  });
});
