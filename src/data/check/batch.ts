import type { ImageTokenRule } from '../catalog/entry.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { createTokenCounter, type TokenCounter } from '../tokens/counter.ts';
import type { EncodingName } from '../tokens/encodings.ts';
import { ExampleTokenCounter } from '../tokens/example-tokens.ts';
import { checkLine, type LineResult } from './line.ts';

/** Everything a thread needs to check lines; plain data, so it crosses to worker threads. */
export interface BatchSettings {
  format: TrainingFormat;
  encoding: EncodingName;
  maxTokensPerExample: number | null;
  imageTokens: ImageTokenRule | null;
}

/** A batch of decoded lines to check. */
export interface LineBatch {
  settings: BatchSettings;
  lines: { number: number; text: string }[];
}

// One token counter per encoding and thread: its memo is what makes repeated prompts cheap.
const counters = new Map<EncodingName, Promise<TokenCounter>>();
// Example counters keep a memo of tool definitions: keep them across batches too.
const exampleCounters = new Map<string, ExampleTokenCounter>();

function counterFor(encoding: EncodingName): Promise<TokenCounter> {
  let counter = counters.get(encoding);
  if (!counter) {
    counter = createTokenCounter(encoding);
    counters.set(encoding, counter);
  }
  return counter;
}

/**
 * Checks a batch of lines in this thread. The same function runs inline for small sources and
 * inside worker threads for large ones.
 *
 * @example
 * const results = await checkBatch({ settings, lines: [{ number: 1, text: '{"prompt":"a","completion":"b"}' }] });
 */
export async function checkBatch(batch: LineBatch): Promise<LineResult[]> {
  const { settings } = batch;
  const counter = await counterFor(settings.encoding);
  const key = `${settings.encoding} ${JSON.stringify(settings.imageTokens)}`;
  let tokens = exampleCounters.get(key);
  if (!tokens) {
    tokens = new ExampleTokenCounter(counter, settings.imageTokens);
    exampleCounters.set(key, tokens);
  }
  const context = {
    format: settings.format,
    tokens,
    maxTokensPerExample: settings.maxTokensPerExample,
    approximateCount: () => counter.approximateCount,
  };
  return batch.lines.map(({ number, text }) => checkLine(text, number, context));
}
