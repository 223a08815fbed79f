import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/data/problems.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';

const specials = (problems: Problem[]) =>
  problems
    .filter((p) => p.code === 'special_token')
    .map(({ line, path, column, severity }) => ({ line, path, column, severity }));

/** The 1-based column of `needle` in `line`, as an editor shows it. */
const columnOf = (line: string, needle: string, from = 0) => line.indexOf(needle, from) + 1;

const ok = JSON.stringify({
  messages: [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello' },
  ],
});

describe('special tokens in text are errors, located by line, message and column', () => {
  it('chat: in a message, a content part, a tool call and a tool definition', async () => {
    const line = JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'def f(x):<|fim_suffix|>' }] },
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'run', arguments: '{"s":"<|endoftext|>"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
        { role: 'assistant', content: 'Done. <|im_end|>' },
      ],
      tools: [
        { type: 'function', function: { name: 'run', description: 'Runs <|endofprompt|> code' } },
      ],
    });
    const report = await validateTrainingFile({ text: `${ok}\n${line}\n` });
    expect(report.valid).toBe(false);
    expect(specials(report.problems)).toEqual([
      {
        line: 2,
        path: 'messages[1].content[0].text',
        column: columnOf(line, '<|fim_suffix|>'),
        severity: 'error',
      },
      {
        line: 2,
        path: 'messages[2].tool_calls[0].function.arguments',
        // Inside the arguments string the quotes are escaped: the column counts them as written.
        column: columnOf(line, '<|endoftext|>'),
        severity: 'error',
      },
      {
        line: 2,
        path: 'messages[4].content',
        column: columnOf(line, '<|im_end|>'),
        severity: 'error',
      },
      {
        line: 2,
        path: 'tools[0].function.description',
        column: columnOf(line, '<|endofprompt|>'),
        severity: 'error',
      },
    ]);
    expect(report.problems.find((p) => p.code === 'special_token')?.message).toBe(
      'messages[1].content[0].text contains <|fim_suffix|>, a special token of o200k_base: the API rejects the file',
    );
  });

  it('preference (DPO): in the input and in both outputs', async () => {
    const line = JSON.stringify({
      input: { messages: [{ role: 'user', content: 'Say <|fim_prefix|>' }] },
      preferred_output: [{ role: 'assistant', content: 'ok <|fim_middle|>' }],
      non_preferred_output: [{ role: 'assistant', content: '<|im_start|>no' }],
    });
    const report = await validateTrainingFile({ text: `${line}\n` }, { model: 'gpt-4o-mini' });
    expect(specials(report.problems).map((p) => [p.line, p.path, p.column])).toEqual([
      [1, 'input.messages[0].content', columnOf(line, '<|fim_prefix|>')],
      [1, 'preferred_output[0].content', columnOf(line, '<|fim_middle|>')],
      [1, 'non_preferred_output[0].content', columnOf(line, '<|im_start|>')],
    ]);
  });

  it('reinforcement (RFT): in messages, not in the grader data', async () => {
    const line = JSON.stringify({
      messages: [{ role: 'user', content: 'Solve <|im_sep|> this' }],
      reference_answer: '<|endoftext|> is grader data, not text the model reads',
    });
    const report = await validateTrainingFile({ text: `${line}\n` }, { format: 'reinforcement' });
    expect(specials(report.problems).map((p) => [p.line, p.path])).toEqual([
      [1, 'messages[0].content'],
    ]);
  });

  it('legacy completion: in the prompt and the completion, with cl100k for a -002 model', async () => {
    const line = '{"prompt": "Q: 2+2 <|endoftext|>", "completion": " 4<|endoftext|>"}';
    const report = await validateTrainingFile({ text: `${line}\n` }, { model: 'babbage-002' });
    expect(specials(report.problems).map((p) => [p.path, p.column])).toEqual([
      ['prompt', columnOf(line, '<|endoftext|>')],
      ['completion', columnOf(line, '<|endoftext|>', columnOf(line, '<|endoftext|>'))],
    ]);
    expect(report.problems.find((p) => p.code === 'special_token')?.message).toMatch(/cl100k_base/);
  });

  it('a token written with escapes is found; its column is left out when the text cannot be located', async () => {
    // Go's encoder writes < and > as \u003c and \u003e.
    const line =
      '{"messages":[{"role":"user","content":"a \\u003c|endoftext|\\u003e b"},{"role":"assistant","content":"c"}]}';
    const report = await validateTrainingFile({ text: `${line}\n` });
    expect(specials(report.problems)).toEqual([
      { line: 1, path: 'messages[0].content', column: undefined, severity: 'error' },
    ]);
  });

  it('look-alikes are not special tokens', async () => {
    const line = JSON.stringify({
      messages: [
        {
          role: 'user',
          content: '<|user|> [INST] <s> <|endoftext> <| endoftext |> <|eot_id|> |endofprompt|',
        },
        { role: 'assistant', content: 'ok' },
      ],
    });
    const report = await validateTrainingFile({ text: `${line}\n` });
    expect(report.counts.special_token).toBeUndefined();
  });
});
