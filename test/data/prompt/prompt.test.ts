import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../../src/data/catalog/catalog-file.ts';
import { readPromptExamples } from '../../../src/data/prompt/read-examples.ts';
import { applyPromptVariant, loadPromptVariant } from '../../../src/data/prompt/variant.ts';
import { tempDir } from '../../support/eval.ts';
import { fixture } from '../../support/training-data.ts';

function file(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe('readPromptExamples', () => {
  it('splits chat examples at the last assistant message, keeping tools', async () => {
    const [first] = await readPromptExamples(fixture('tool-calls.jsonl'));
    expect(first?.line).toBe(1);
    expect(first?.prompt.messages.at(-1)?.role).not.toBe('assistant');
    expect(first?.prompt.tools?.length).toBeGreaterThan(0);
    expect(first?.reference.content !== null || (first?.reference.toolCalls.length ?? 0) > 0).toBe(
      true,
    );
  });

  it('takes the preferred output of DPO examples and the completion of legacy ones', async () => {
    const [dpo] = await readPromptExamples(fixture('preference.jsonl'));
    expect(dpo?.format).toBe('preference');
    expect(dpo?.reference.content).toEqual(expect.any(String));
    const [legacy] = await readPromptExamples(fixture('completion.jsonl'));
    expect(legacy?.prompt.messages).toHaveLength(1);
    expect(legacy?.prompt.messages[0]?.role).toBe('user');
    expect(legacy?.reference.content).toEqual(expect.any(String));
  });

  it('reads tool calls of the reference answer', async () => {
    const path = file(
      'tools.jsonl',
      `${JSON.stringify({
        messages: [
          { role: 'user', content: 'Weather in Oslo?' },
          {
            role: 'assistant',
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
        ],
      })}\n`,
    );
    const [example] = await readPromptExamples(path);
    expect(example?.reference).toEqual({
      content: null,
      toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }],
    });
  });

  it.each([
    ['{"messages": [}\n', /:1: invalid JSON at column 15/],
    ['[1, 2]\n', /:1: expected a JSON object/],
    ['{"hello": 1}\n', /:1: not an example/],
    [
      '{"messages": [{"role": "user", "content": 5}, {"role": "assistant", "content": "x"}]}\n',
      /:1: messages\[0\]\.content: /,
    ],
    ['\n\n', /:1: the file holds no examples/],
    [
      '{"messages": [{"role": "user", "content": "q"}], "reference_answer": 4}\n',
      /:1: reinforcement examples hold no reference answer/,
    ],
  ])('names the line and the problem: %j', async (text, message) => {
    await expect(readPromptExamples(file('bad.jsonl', text))).rejects.toThrow(message);
  });
});

describe('prompt variants', () => {
  const prompt = {
    messages: [
      { role: 'system' as const, content: 'Old system.' },
      { role: 'user' as const, content: 'Refund?' },
    ],
  };

  it('replaces or removes the system prompt, adds few-shot turns, wraps the question', () => {
    const applied = applyPromptVariant(prompt, {
      system: 'New system.',
      fewShot: [
        { role: 'user', content: 'Where is my parcel?' },
        { role: 'assistant', content: 'shipping' },
      ],
      user: 'Ticket: {{input}}\nContext: none',
    });
    expect(applied.messages).toEqual([
      { role: 'system', content: 'New system.' },
      { role: 'user', content: 'Where is my parcel?' },
      { role: 'assistant', content: 'shipping' },
      { role: 'user', content: 'Ticket: Refund?\nContext: none' },
    ]);
    expect(applyPromptVariant(prompt, { system: null }).messages).toEqual([
      { role: 'user', content: 'Refund?' },
    ]);
    expect(applyPromptVariant(prompt, {})).toEqual(prompt);
    // The input is not changed.
    expect(prompt.messages[0]?.content).toBe('Old system.');
  });

  it('loads .json variants and plain-text system prompts, named after the file', async () => {
    const json = file('long.json', JSON.stringify({ system: 'S', user: 'Q: {{input}}' }));
    expect(await loadPromptVariant(json)).toEqual({
      name: 'long',
      system: 'S',
      user: 'Q: {{input}}',
    });
    const text = file('terse.txt', 'Be terse.\n');
    expect(await loadPromptVariant(text)).toEqual({ name: 'terse', system: 'Be terse.' });
  });

  it('says which field of a variant file is wrong', async () => {
    await expect(loadPromptVariant(file('v.json', '{"user": "no placeholder"}'))).rejects.toThrow(
      /v\.json: not a prompt variant .*\n.*must contain \{\{input\}\}/,
    );
    await expect(loadPromptVariant(file('v.json', '{"sytem": "typo"}'))).rejects.toThrow(
      /Unrecognized key: "sytem"/,
    );
    await expect(loadPromptVariant(file('v.json', '{'))).rejects.toThrow(/v\.json: not valid JSON/);
    await expect(loadPromptVariant('/no/such/file.json')).rejects.toThrow(
      '/no/such/file.json: cannot read the prompt file: no such file',
    );
  });
});

describe('catalog files', () => {
  it('adds entries to the built-in catalog', async () => {
    const catalog = await loadCatalogFile(
      file(
        'prices.json',
        JSON.stringify({
          id: 'my-azure-mini',
          encoding: 'o200k_base',
          fineTunable: true,
          maxTokensPerExample: null,
          training: null,
          inference: {
            base: { inputPer1M: '0.2', outputPer1M: '0.8', source: 'contract', asOf: '2026-01-01' },
          },
        }),
      ),
    );
    expect(catalog.find('my-azure-mini')?.inference.base?.inputPer1M).toBe('0.2');
    expect(catalog.find('gpt-4o-mini')?.id).toBe('gpt-4o-mini-2024-07-18');
  });

  it('names the file and the field of a bad entry', async () => {
    await expect(
      loadCatalogFile(
        file(
          'prices.json',
          JSON.stringify([
            {
              id: 'x',
              encoding: 'o200k_base',
              fineTunable: true,
              maxTokensPerExample: null,
              training: { unit: '1M tokens', usd: 'cheap', source: 's', asOf: '2026-01-01' },
            },
          ]),
        ),
      ),
    ).rejects.toThrow(
      /prices\.json: not a list of model entries:\n.*\n\s+→ at \[0\]\.training\.usd/,
    );
  });
});
