import fc from 'fast-check';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCounter, type TokenCounter } from '../../../src/data/tokens/counter.ts';
import { ENCODINGS, type EncodingName } from '../../../src/data/tokens/encodings.ts';

// tiktoken (WASM, OpenAI's Rust code) is the independent reference for every count here.
const reference = new Map<EncodingName, Tiktoken>();
const counters = new Map<EncodingName, TokenCounter>();

beforeAll(async () => {
  for (const name of ENCODINGS) {
    reference.set(name, get_encoding(name));
    counters.set(name, await createTokenCounter(name));
  }
});
afterAll(() => {
  for (const encoder of reference.values()) encoder.free();
});

const expected = (name: EncodingName, text: string) =>
  reference.get(name)?.encode_ordinary(text).length;

/** Texts where JavaScript tokenizers have been seen to disagree with tiktoken. */
const TRICKY = [
  'Hello, world!',
  '\uFEFFhello',
  'x \uFEFF\uFEFF y',
  'a\u0085 b\u0085\u0085x',
  '__proto__ valueOf constructor hasOwnProperty toString',
  '<|endoftext|> and <|im_start|> are plain text here',
  '  \u3000\t\n\n  x\r\n',
  "they're we'll I'd CAN'T",
  '你好，世界。这是一个测试。',
  'Größe für Überweisung',
  '👩‍💻 🇩🇪 🙂🙂🙂',
  '{"order_number":"A-12345","include_items":true}',
  'def refund(order_id: str) -> None:\n    return api.refunds.create(order=order_id)\n',
  '1234567890 3.14159 -42',
];

describe.each(ENCODINGS)('token counts with %s agree with tiktoken', (name) => {
  it.each(TRICKY)('%j', (text) => {
    expect(counters.get(name)?.count(text)).toBe(expected(name, text));
  });

  it('on random Unicode text (property)', () => {
    const counter = counters.get(name) as TokenCounter;
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (text) => counter.count(text) === expected(name, text),
      ),
      { numRuns: 300 },
    );
  });

  it('on text built from characters JavaScript and Rust regexes classify differently (property)', () => {
    const counter = counters.get(name) as TokenCounter;
    const pieces = fc.constantFrom(
      '\uFEFF',
      '\u0085',
      ' ',
      '\n',
      'a',
      'Z',
      '1',
      '.',
      '\u3000',
      'é',
      '🙂',
      "'s",
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
        (text) => counter.count(text) === expected(name, text),
      ),
      { numRuns: 300 },
    );
  });

  it('on long pieces without a break, merged with a heap (property)', () => {
    const counter = counters.get(name) as TokenCounter;
    // One pre-tokenizer piece of 20–400 characters: CJK, Hangul, Cyrillic or Latin letters.
    const alphabet = fc.constantFrom(
      ...'的一是不了人我在有他这中大来上个国和也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知很最问机意物已第手点现长样力部度外间认实理本政因高通各海口产设色',
      '한국어텍스트입니다',
      'дсприветжкл',
      'abcdefghijklmnopqrstuvwxyzéü',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 20, maxLength: 400 }).map((chars) => chars.join('')),
        (text) => counter.count(text) === expected(name, text),
      ),
      { numRuns: 200 },
    );
  });

  it('remembers a repeated long string and still counts it right', () => {
    const counter = counters.get(name) as TokenCounter;
    const prompt = 'You are a helpful assistant for Acme. Always answer in two sentences. '.repeat(
      20,
    );
    const first = counter.count(prompt);
    expect(counter.count(prompt)).toBe(first);
    expect(first).toBe(expected(name, prompt));
  });
});

describe('the long-run guard', () => {
  it('counts a hostile 300,000-letter run quickly and flags it approximate', async () => {
    const counter = await createTokenCounter('o200k_base');
    const hostile = `start ${'q'.repeat(300_000)} end`;
    const before = counter.approximateCount;
    const started = performance.now();
    const count = counter.count(hostile);
    // Unguarded BPE takes tens of seconds on this input; the guard keeps it linear.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(counter.approximateCount).toBe(before + 1);
    // Chunking costs at most a token or two per 500-character cut.
    const exactPerChunk = expected('o200k_base', 'q'.repeat(500)) ?? 0;
    expect(count).toBeGreaterThanOrEqual(exactPerChunk * 600);
    expect(count).toBeLessThanOrEqual(exactPerChunk * 600 + 10);
  });

  it('leaves ordinary long text exact', async () => {
    const counter = await createTokenCounter('o200k_base');
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(2_000);
    const before = counter.approximateCount;
    expect(counter.count(prose)).toBe(expected('o200k_base', prose));
    expect(counter.approximateCount).toBe(before);
  });
});
