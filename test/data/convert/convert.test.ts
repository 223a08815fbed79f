import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chatToBedrockClaude, chatToBedrockConverse } from '../../../src/data/convert/bedrock.ts';
import { ConvertError, convertTrainingFile } from '../../../src/data/convert/convert-file.ts';
import type { ChatExample } from '../../../src/data/formats/chat.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function fileWith(lines: unknown[]): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-convert-'));
  dirs.push(dir);
  const path = join(dir, 'in.jsonl');
  await writeFile(
    path,
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'),
  );
  return { dir, path };
}
const jsonl = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const simple: ChatExample = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Capital of France?' },
    { role: 'assistant', content: 'Paris.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'And ' },
        { type: 'text', text: 'Peru?' },
      ],
    },
    { role: 'assistant', content: 'Lima.', weight: 1 },
  ],
};

describe('chat → Amazon Bedrock', () => {
  it('writes the conversation format: system apart, content as text blocks', () => {
    expect(chatToBedrockConverse(simple)).toEqual({
      ok: true,
      value: {
        schemaVersion: 'bedrock-conversation-2024',
        system: [{ text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ text: 'Capital of France?' }] },
          { role: 'assistant', content: [{ text: 'Paris.' }] },
          { role: 'user', content: [{ text: 'And Peru?' }] },
          { role: 'assistant', content: [{ text: 'Lima.' }] },
        ],
      },
    });
  });

  it('writes the Claude 3 Haiku format: a system string and plain-text turns', () => {
    expect(chatToBedrockClaude(simple)).toEqual({
      ok: true,
      value: {
        system: 'Be brief.',
        messages: [
          { role: 'user', content: 'Capital of France?' },
          { role: 'assistant', content: 'Paris.' },
          { role: 'user', content: 'And Peru?' },
          { role: 'assistant', content: 'Lima.' },
        ],
      },
    });
  });

  it.each<[string, ChatExample, RegExp]>([
    [
      'tool calls',
      {
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{}' } },
            ],
          },
        ],
      },
      /messages\[1\] \(assistant\) calls tools/,
    ],
    [
      'images',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }],
          },
          { role: 'assistant', content: 'A cat.' },
        ],
      },
      /holds an image; Bedrock takes images only as S3 locations/,
    ],
    [
      'weight 0',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b', weight: 0 },
          { role: 'user', content: 'c' },
          { role: 'assistant', content: 'd' },
        ],
      },
      /messages\[1\] has weight 0/,
    ],
    [
      'a system message inside the conversation',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'system', content: 'b' },
          { role: 'assistant', content: 'c' },
        ],
      },
      /system message after the conversation started/,
    ],
    [
      'two user turns in a row',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
          { role: 'assistant', content: 'c' },
        ],
      },
      /messages\[1\] is a user turn where Bedrock needs a assistant turn/,
    ],
    [
      'a conversation that ends with the user',
      { messages: [{ role: 'user', content: 'a' }] },
      /ending with the assistant/,
    ],
  ])('refuses %s, saying why', (_label, example, reason) => {
    for (const convert of [chatToBedrockConverse, chatToBedrockClaude]) {
      const result = convert(example);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(reason);
    }
  });
});

describe('convertTrainingFile', () => {
  it('turns legacy prompt/completion into chat, removing the old separators', async () => {
    const { dir, path } = await fileWith([
      { prompt: 'Capital of France?\n\n###\n\n', completion: ' Paris END' },
      '',
      { prompt: 'Capital of Peru?\n\n###\n\n', completion: ' Lima END' },
    ]);
    const out = join(dir, 'out.jsonl');

    const result = await convertTrainingFile(path, {
      to: 'chat',
      outPath: out,
      systemPrompt: 'Answer briefly.',
      promptSeparator: '\n\n###\n\n',
      completionStop: ' END',
    });

    expect(result).toMatchObject({
      kind: 'converted',
      format: 'completion',
      converted: 2,
      skipped: [],
    });
    expect(await jsonl(out)).toEqual([
      {
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'Capital of France?' },
          { role: 'assistant', content: 'Paris' },
        ],
      },
      {
        messages: [
          { role: 'system', content: 'Answer briefly.' },
          { role: 'user', content: 'Capital of Peru?' },
          { role: 'assistant', content: 'Lima' },
        ],
      },
    ]);
  });

  it.each([
    ['fireworks', 'chat', /Fireworks AI takes OpenAI's chat format as it is/],
    ['nemo', 'chat', /NeMo Customizer takes OpenAI's messages format as it is/],
    ['azure', 'chat', /Azure AI Foundry takes OpenAI's chat format as it is/],
    ['together', 'completion', /prompt\/completion lines as they are/],
    ['nemo', 'completion', /prompt\/completion lines as they are/],
  ] as const)(
    'converts nothing for %s, which takes %s files as they are',
    async (to, format, note) => {
      const line =
        format === 'chat' ? simple : { prompt: 'Capital of France?', completion: 'Paris' };
      const { dir, path } = await fileWith([line]);
      const out = join(dir, 'out.jsonl');

      const result = await convertTrainingFile(path, { to, outPath: out });

      expect(result).toMatchObject({ kind: 'as-is', format, to });
      expect(result.kind === 'as-is' ? result.note : '').toMatch(note);
      expect(result.source).toMatch(/^https:\/\//);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('converts chat for Together AI: developer as system, text parts joined, the rest left out with reasons', async () => {
    const { dir, path } = await fileWith([
      simple,
      {
        messages: [
          { role: 'developer', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Capital ' },
              { type: 'text', text: 'of Peru?' },
            ],
          },
          { role: 'assistant', content: 'Lima', weight: 1 },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
          },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
          { role: 'assistant', content: 'c' },
        ],
      },
      { messages: [{ role: 'user', content: 'only a question' }] },
    ]);
    const out = join(dir, 'together.jsonl');

    const result = await convertTrainingFile(path, { to: 'together', outPath: out });

    expect(result).toMatchObject({ kind: 'converted', converted: 2 });
    const skipped = result.kind === 'converted' ? result.skipped : [];
    expect(skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(skipped[0]?.reason).toMatch(/calls tools/);
    expect(skipped[1]?.reason).toMatch(/alternate/);
    expect(skipped[2]?.reason).toMatch(/no assistant message/);
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[1]).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of Peru?' },
        { role: 'assistant', content: 'Lima', weight: 1 },
      ],
    });
  });

  it('converts chat for Bedrock, leaving out and listing each line it cannot express', async () => {
    const { dir, path } = await fileWith([
      simple,
      '{not json',
      { messages: [{ role: 'user', content: 'only a question' }] },
      { messages: [{ role: 'wizard', content: 'x' }] },
      simple,
    ]);
    const out = join(dir, 'bedrock.jsonl');

    const result = await convertTrainingFile(path, { to: 'bedrock-converse', outPath: out });

    expect(result).toMatchObject({ kind: 'converted', converted: 2 });
    expect(result.kind === 'converted' ? result.skipped : []).toEqual([
      { line: 2, reason: expect.stringMatching(/^not valid JSON/) },
      { line: 3, reason: expect.stringMatching(/ending with the assistant/) },
      { line: 4, reason: expect.stringMatching(/^not a chat example \(messages\[0\]/) },
    ]);
    const written = await jsonl(out);
    expect(written).toHaveLength(2);
    expect(written[0].schemaVersion).toBe('bedrock-conversation-2024');
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('refuses what it cannot convert, with a typed error', async () => {
    const { dir, path } = await fileWith([
      {
        input: { messages: [{ role: 'user', content: 'a' }] },
        preferred_output: [],
        non_preferred_output: [],
      },
    ]);
    await expect(
      convertTrainingFile(path, { to: 'bedrock-converse', outPath: join(dir, 'x.jsonl') }),
    ).rejects.toThrow(
      new ConvertError(
        'The file holds preference examples (line 1); only chat and prompt/completion files can be converted.',
      ),
    );

    const chat = await fileWith([simple]);
    await expect(
      convertTrainingFile(chat.path, { to: 'bedrock-claude', outPath: chat.path }),
    ).rejects.toThrow(/is the input file/);
    await expect(
      convertTrainingFile(join(dir, 'missing.jsonl'), { to: 'chat', outPath: 'x' }),
    ).rejects.toThrow(/ENOENT/);
  });
});
