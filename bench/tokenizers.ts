/**
 * Measures the candidate BPE tokenizers on the same realistic corpus: throughput, agreement with
 * the reference (tiktoken WASM) and cold import time. This is how tunekit chose its tokenizer;
 * run it again before changing that choice: `npm run bench:tokenizers`.
 */
import { performance } from 'node:perf_hooks';
import { mixedParagraph, seededRandom } from './corpus.ts';

const random = seededRandom(7);
const texts: string[] = [];
let bytes = 0;
while (bytes < 20 * 1024 * 1024) {
  const text = mixedParagraph(random, 3 + Math.floor(random() * 12));
  texts.push(text);
  bytes += Buffer.byteLength(text);
}
console.log(`corpus: ${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, o200k_base`);

type Counter = (text: string) => number;

async function timeImport<T>(load: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await load();
  return { value, ms: performance.now() - start };
}

const candidates: { name: string; load: () => Promise<Counter> }[] = [
  {
    name: 'gpt-tokenizer',
    load: async () => {
      const m = await import('gpt-tokenizer/encoding/o200k_base');
      return (text) => m.countTokens(text);
    },
  },
  {
    name: 'tunekit counter',
    load: async () => {
      // gpt-tokenizer's BPE core with tunekit's split patterns, merge cache and memo.
      const { createTokenCounter } = await import('../src/data/tokens/counter.ts');
      const counter = await createTokenCounter('o200k_base');
      return (text) => counter.count(text);
    },
  },
  {
    name: 'tiktoken (WASM)',
    load: async () => {
      const { get_encoding } = await import('tiktoken');
      const encoder = get_encoding('o200k_base');
      return (text) => encoder.encode_ordinary(text).length;
    },
  },
];

const only = process.argv[2];
for (const candidate of candidates) {
  if (only && !candidate.name.startsWith(only)) continue;
  const { value: count, ms: importMs } = await timeImport(candidate.load);
  count('warm up');
  const start = performance.now();
  let total = 0;
  for (const text of texts) total += count(text);
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${candidate.name.padEnd(16)} import+init ${importMs.toFixed(0).padStart(5)} ms  ` +
      `${(bytes / 1e6 / seconds).toFixed(2)} MB/s  tokens ${total}`,
  );
}
