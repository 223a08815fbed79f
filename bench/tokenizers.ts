/**
 * Measures the candidate BPE tokenizers on two seeded corpora — `corpus.ts`'s paragraphs (English
 * with a Zipf-like vocabulary, Chinese, German, code, emoji) and the message texts of
 * `realistic.ts`'s low-repetition dataset (ten languages and scripts, code, emoji) — in
 * o200k_base: throughput, the total count (all must agree with tiktoken), load time and what
 * loading cost in memory. Each candidate runs in its own process. This is how tunekit chose its
 * tokenizer; run it again before changing that choice: `npm run bench:tokenizers`.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { mixedParagraph, seededRandom } from './corpus.ts';
import { RealisticText } from './realistic.ts';

type Counter = (text: string) => number;

const CANDIDATES: Record<string, () => Promise<Counter>> = {
  'gpt-tokenizer': async () => {
    const m = await import('gpt-tokenizer/encoding/o200k_base');
    return (text) => m.countTokens(text);
  },
  'tiktoken (WASM)': async () => {
    const { get_encoding } = await import('tiktoken');
    const encoder = get_encoding('o200k_base');
    return (text) => encoder.encode_ordinary(text).length;
  },
  'tunekit counter': async () => {
    // tunekit's byte-pair merge over the shared rank table, with its piece and string caches.
    const { createTokenCounter } = await import('../src/data/tokens/counter.ts');
    const counter = await createTokenCounter('o200k_base');
    return (text) => counter.count(text);
  },
};

const MB = 12 * 1e6;

function paragraphs(): string[] {
  const random = seededRandom(7);
  const texts: string[] = [];
  for (let bytes = 0; bytes < MB; ) {
    const text = mixedParagraph(random, 3 + Math.floor(random() * 12));
    texts.push(text);
    bytes += Buffer.byteLength(text);
  }
  return texts;
}

function realistic(): string[] {
  const random = seededRandom(11);
  const source = new RealisticText();
  const texts: string[] = [];
  for (let bytes = 0; bytes < MB; ) {
    const text = source.paragraph(random, 1 + Math.floor(random() * 12));
    texts.push(text);
    bytes += Buffer.byteLength(text);
  }
  return texts;
}

function measure(count: Counter, texts: string[]): { rate: number; tokens: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const start = performance.now();
  let tokens = 0;
  for (const text of texts) tokens += count(text);
  return { rate: bytes / 1e6 / ((performance.now() - start) / 1000), tokens };
}

async function child(name: string): Promise<void> {
  const corpora = { paragraphs: paragraphs(), realistic: realistic() };
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const count = await (CANDIDATES[name] as () => Promise<Counter>)();
  count('warm up');
  const loadMs = performance.now() - start;
  const loadMB = (process.memoryUsage().rss - before) / 2 ** 20;
  const results = Object.entries(corpora).map(([corpus, texts]) => ({
    corpus,
    ...measure(count, texts),
  }));
  process.stdout.write(JSON.stringify({ loadMs, loadMB, results }));
}

function main(): void {
  console.log(`o200k_base, ${MB / 1e6} MB of text per corpus, one process per candidate`);
  for (const name of Object.keys(CANDIDATES)) {
    const output = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', name],
      {
        encoding: 'utf8',
      },
    );
    const { loadMs, loadMB, results } = JSON.parse(output) as {
      loadMs: number;
      loadMB: number;
      results: { corpus: string; rate: number; tokens: number }[];
    };
    const rates = results
      .map((r) => `${r.corpus} ${r.rate.toFixed(2).padStart(5)} MB/s (${r.tokens} tokens)`)
      .join('  ');
    console.log(
      `${name.padEnd(16)} load ${loadMs.toFixed(0).padStart(4)} ms, RSS +${loadMB.toFixed(0).padStart(3)} MB  ${rates}`,
    );
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as string);
else main();
