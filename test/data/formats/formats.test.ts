import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ChatExample,
  CompletionExample,
  detectLineFormat,
  PreferenceExample,
  ReinforcementExample,
  sameFamily,
} from '../../../src/data/formats/index.ts';
import { fixture } from '../../support/training-data.ts';

const firstLine = (file: string) =>
  JSON.parse(readFileSync(fixture(file), 'utf8').split('\n')[0] as string);

describe('format schemas', () => {
  it('accept the fixture examples of each format', () => {
    expect(ChatExample.parse(firstLine('tool-calls.jsonl')).messages[2]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_0' }],
    });
    expect(ChatExample.safeParse(firstLine('vision.jsonl')).success).toBe(true);
    expect(PreferenceExample.safeParse(firstLine('preference.jsonl')).success).toBe(true);
    expect(ReinforcementExample.parse(firstLine('reinforcement.jsonl')).reference_answer).toEqual({
      value: 0,
    });
    expect(CompletionExample.safeParse(firstLine('completion.jsonl')).success).toBe(true);
  });

  it('accept legacy functions and function messages', () => {
    const example = {
      functions: [{ name: 'f', parameters: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } },
        { role: 'function', name: 'f', content: 'done' },
        { role: 'assistant', content: 'ok' },
      ],
    };
    expect(ChatExample.safeParse(example).success).toBe(true);
  });

  it('reject images outside user messages and weights outside 0/1', () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.com/a.png' } };
    expect(
      ChatExample.safeParse({ messages: [{ role: 'system', content: [image] }] }).success,
    ).toBe(false);
    expect(
      ChatExample.safeParse({ messages: [{ role: 'assistant', content: 'x', weight: 2 }] }).success,
    ).toBe(false);
    expect(
      ChatExample.safeParse({
        messages: [
          { role: 'user', content: [image] },
          { role: 'assistant', content: 'x', weight: 0 },
        ],
      }).success,
    ).toBe(true);
  });
});

describe('detectLineFormat', () => {
  it.each([
    [{ messages: [] }, 'chat'],
    [{ messages: [], tools: [] }, 'chat'],
    [{ messages: [], answer: 4 }, 'reinforcement'],
    [{ input: {}, preferred_output: [] }, 'preference'],
    [{ prompt: 'a', completion: 'b' }, 'completion'],
    [{ tools: [] }, 'chat'],
    [{ question: 'q' }, undefined],
  ])('%j → %s', (value, format) => {
    expect(detectLineFormat(value)).toBe(format);
  });

  it('puts chat and reinforcement in one family', () => {
    expect(sameFamily('reinforcement', 'chat')).toBe(true);
    expect(sameFamily('chat', 'preference')).toBe(false);
  });
});
