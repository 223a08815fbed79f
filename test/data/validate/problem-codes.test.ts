import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWER_PROBLEM_CODES } from '../../../src/data/answers/answer-check.ts';
import { PROBLEM_CODES, type ProblemCode } from '../../../src/data/problems.ts';
import { fileSizeProblems } from '../../../src/data/validate/file-checks.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { chatLines, fixture } from '../../support/training-data.ts';

/** Line of the first problem each fixture must produce; null for problems of the whole file. */
const EXPECTED_LINE: Partial<Record<ProblemCode, number | null>> = {
  empty_file: null,
  unsupported_encoding: null,
  bom: 1,
  invalid_utf8: 2,
  blank_line: 2,
  invalid_json: 2,
  not_an_object: 2,
  unknown_format: 2,
  mixed_formats: 2,
  format_not_supported: null,
  missing_messages: 2,
  empty_messages: 2,
  unknown_role: 2,
  unknown_key: 2,
  missing_content: 2,
  missing_field: 2,
  invalid_field: 2,
  no_assistant_message: 2,
  missing_preference_output: 2,
  invalid_weight: 2,
  weight_on_non_assistant: 2,
  tool_call_without_response: 2,
  tool_response_without_call: 2,
  image_not_in_user_message: 2,
  invalid_image_url: 2,
  too_many_images: 2,
  special_token: 2,
  duplicate_example: 2,
  too_few_examples: null,
  few_examples: null,
  example_too_long: 2,
  approximate_token_count: 2,
};

/** Models the fixtures need: a short token limit, or a model without preference training. */
const MODEL_FOR: Partial<Record<ProblemCode, string>> = {
  example_too_long: 'gpt-3.5-turbo-0613',
  format_not_supported: 'gpt-3.5-turbo',
};

/** Codes triggered by a generated input rather than a fixture file (see the tests below). */
const GENERATED: ProblemCode[] = [
  'too_deeply_nested',
  'line_too_complex',
  'read_error',
  'line_too_long',
  'image_too_large',
  'needs_uploads_api',
  'file_too_large',
];

describe('problem codes', () => {
  it('every code has a fixture or a generated test', () => {
    const fixtures = readdirSync(fixture('problems')).map((name) => name.replace(/\.jsonl$/, ''));
    // The opt-in answer check's codes are produced in test/data/answers/.
    expect(new Set([...fixtures, ...GENERATED, ...ANSWER_PROBLEM_CODES])).toEqual(
      new Set(PROBLEM_CODES),
    );
    expect(new Set(Object.keys(EXPECTED_LINE))).toEqual(new Set(fixtures));
  });

  it.each(Object.entries(EXPECTED_LINE))(
    '%s fixture reports it where it is',
    async (code, line) => {
      const report = await validateTrainingFile(fixture(`problems/${code}.jsonl`), {
        model: MODEL_FOR[code as ProblemCode] ?? 'gpt-4o-mini',
      });
      expect(report.counts[code as ProblemCode]).toBeGreaterThan(0);
      const found = report.problems.find((p) => p.code === code);
      expect(found?.line ?? null).toBe(line);
      expect(found?.message.length).toBeGreaterThan(10);
      expect(report.valid).toBe(report.errors === 0);
    },
  );

  it('invalid_json carries a column, path problems carry a JSON path', async () => {
    const json = await validateTrainingFile(fixture('problems/invalid_json.jsonl'));
    expect(json.problems.find((p) => p.code === 'invalid_json')?.column).toBe(15);
    const role = await validateTrainingFile(fixture('problems/unknown_role.jsonl'));
    expect(role.problems.find((p) => p.code === 'unknown_role')?.path).toBe('messages[0].role');
    const utf8 = await validateTrainingFile(fixture('problems/invalid_utf8.jsonl'));
    expect(utf8.problems.find((p) => p.code === 'invalid_utf8')?.column).toBe(43);
  });

  it('read_error: a missing file yields a report, not an exception', async () => {
    const report = await validateTrainingFile(fixture('does-not-exist.jsonl'));
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['read_error']);
    expect(report.problems[0]?.message).toMatch(/ENOENT/);
  });

  it('line_too_long: a line past maxLineBytes is skipped, not buffered', async () => {
    const text = `${chatLines(1)}${'x'.repeat(5000)}\n${chatLines(1, 1)}`;
    const report = await validateTrainingFile({ text }, { maxLineBytes: 1000 });
    expect(report.problems.find((p) => p.code === 'line_too_long')?.line).toBe(2);
    expect(report.stats.examples).toBe(2);
  });

  it('image_too_large: an inline image over 10 MB', async () => {
    const url = `data:image/png;base64,${'A'.repeat(14 * 1024 * 1024)}`;
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
        { role: 'assistant', content: 'ok' },
      ],
    });
    const report = await validateTrainingFile({ text: `${line}\n` });
    expect(report.problems.find((p) => p.code === 'image_too_large')).toMatchObject({
      line: 1,
      path: 'messages[0].content[0]',
    });
  });

  it('too_deeply_nested: hostile nesting is refused before parsing, never a stack overflow', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const lines = [
      `{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}],"tools":${deep}}`,
      '['.repeat(1_000_000),
      deep,
      // 100 levels are fine (and not an example); 101 are not.
      `${'['.repeat(100)}${']'.repeat(100)}`,
      `${'['.repeat(101)}${']'.repeat(101)}`,
    ];
    const report = await validateTrainingFile({ text: `${lines.join('\n')}\n` });
    expect(
      report.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.code]),
    ).toEqual([
      [1, 'too_deeply_nested'],
      [2, 'too_deeply_nested'],
      [3, 'too_deeply_nested'],
      [4, 'not_an_object'],
      [5, 'too_deeply_nested'],
    ]);
  });

  it('line_too_complex: a line of a million values is refused before parsing', async () => {
    const values = `[${'1,'.repeat(1_000_001)}1]`;
    const line = `{"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}],"n":${values}}`;
    const strings = `{"prompt":"${'a'.repeat(100)}","completion":"b","x":{${'"k":"v",'.repeat(600_000)}"z":1}}`;
    const report = await validateTrainingFile({ text: `${line}\n${strings}\n` });
    expect(
      report.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.code]),
    ).toEqual([
      [1, 'line_too_complex'],
      [2, 'line_too_complex'],
    ]);
    expect(report.problems.find((p) => p.line === 1)?.message).toMatch(/1,000,000 JSON values/);
  });

  it('needs_uploads_api and file_too_large follow the 512 MB and 8 GB limits', () => {
    expect(fileSizeProblems(512 * 2 ** 20)).toEqual([]);
    expect(fileSizeProblems(512 * 2 ** 20 + 1).map((p) => p.code)).toEqual(['needs_uploads_api']);
    expect(fileSizeProblems(8 * 2 ** 30).map((p) => p.code)).toEqual(['needs_uploads_api']);
    expect(fileSizeProblems(8 * 2 ** 30 + 1).map((p) => p.code)).toEqual(['file_too_large']);
    expect(fileSizeProblems(8 * 2 ** 30 + 1)[0]?.severity).toBe('error');
    expect(fileSizeProblems(600 * 2 ** 20)[0]?.severity).toBe('warning');
  });
});
