import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenCounter } from '../../../src/data/tokens/counter.ts';
import { ExampleTokenCounter } from '../../../src/data/tokens/example-tokens.ts';

const tiktoken = get_encoding('o200k_base');
afterAll(() => tiktoken.free());
const t = (text: string) => tiktoken.encode_ordinary(text).length;
const tokens = new ExampleTokenCounter(await createTokenCounter('o200k_base'), {
  rule: 'tiles',
  base: 85,
  perTile: 170,
  source: 'test',
  asOf: '2026-01-01',
});

describe('ExampleTokenCounter', () => {
  it('applies the chat framing: 3 per message, 1 per name, 3 to prime the reply', () => {
    const example = {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', name: 'ada', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
      ],
    };
    const expected =
      3 +
      t('system') +
      t('You are terse.') +
      (3 + t('user') + t('ada') + 1 + t('Capital of France?')) +
      (3 + t('assistant') + t('Paris.')) +
      3;
    const counted = tokens.count(example, 'chat');
    expect(counted.total).toBe(expected);
    expect(counted.assistant).toBe(t('Paris.'));
  });

  it('counts tool calls and leaves weight-0 assistant messages out of the trained tokens', () => {
    const call = {
      id: 'c1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
    };
    const example = {
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: 'Let me check.', weight: 0 },
        { role: 'assistant', tool_calls: [call] },
      ],
    };
    const callTokens = 3 + t('get_weather') + t('{"city":"Oslo"}');
    const counted = tokens.count(example, 'chat');
    expect(counted.assistant).toBe(callTokens);
    expect(counted.total).toBe(
      3 +
        t('user') +
        t('Weather?') +
        3 +
        t('assistant') +
        t('Let me check.') +
        3 +
        t('assistant') +
        callTokens +
        3,
    );
  });

  it('counts tool definitions by the cookbook rule (gpt-4o constants) including enums', () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Get the weather.',
          parameters: {
            type: 'object',
            properties: { unit: { type: 'string', enum: ['c', 'f'], description: 'Unit.' } },
          },
        },
      },
    ];
    const withTools = tokens.count(
      { messages: [{ role: 'user', content: 'x' }], tools },
      'chat',
    ).total;
    const without = tokens.count({ messages: [{ role: 'user', content: 'x' }] }, 'chat').total;
    const rule =
      7 +
      t('get_weather:Get the weather') +
      3 +
      3 +
      (-3 + 3 + t('c') + 3 + t('f')) +
      t('unit:string:Unit') +
      12;
    expect(withTools - without).toBe(rule);
  });

  it('counts a legacy completion as prompt + completion, no framing', () => {
    const counted = tokens.count(
      { prompt: 'Hello there', completion: ' General Kenobi' },
      'completion',
    );
    expect(counted).toMatchObject({
      total: t('Hello there') + t(' General Kenobi'),
      assistant: t(' General Kenobi'),
    });
  });

  it('counts a preference example with both outputs, trains on the preferred one', () => {
    const example = {
      input: { messages: [{ role: 'user', content: 'Hi' }] },
      preferred_output: [{ role: 'assistant', content: 'Hello!' }],
      non_preferred_output: [{ role: 'assistant', content: 'Go away.' }],
    };
    const counted = tokens.count(example, 'preference');
    expect(counted.assistant).toBe(t('Hello!'));
    expect(counted.total).toBe(
      3 +
        t('user') +
        t('Hi') +
        3 +
        (3 + t('assistant') + t('Hello!')) +
        (3 + t('assistant') + t('Go away.')),
    );
  });

  it('counts images of readable data URLs by the tile rule and reports the others as not counted', () => {
    // The header of a 1024×1024 PNG is enough for image-size.
    const header = Buffer.from('89504e470d0a1a0a0000000d4948445200000400000004000802000000', 'hex');
    const png = `data:image/png;base64,${header.toString('base64')}`;
    const example = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: png, detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          ],
        },
        { role: 'assistant', content: 'ok' },
      ],
    };
    const counted = tokens.count(example, 'chat');
    expect(counted.images).toBe(2);
    expect(counted.imagesNotCounted).toBe(1);
    expect(counted.total).toBe(3 + t('user') + 765 + 3 + t('assistant') + t('ok') + 3);
  });
});
