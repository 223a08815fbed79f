import { isUtf8 } from 'node:buffer';
import type { ImageTokenRule } from '../catalog/entry.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { type Problem, type ProblemCode, problem } from '../problems.ts';
import type { LineBatch } from '../reader/line-batches.ts';
import { firstInvalidUtf8 } from '../reader/utf8.ts';
import { type TokenCounter, tokenCounterFromTable } from '../tokens/counter.ts';
import type { EncodingName } from '../tokens/encoding-names.ts';
import { ExampleTokenCounter } from '../tokens/example-tokens.ts';
import type { RankTableData } from '../tokens/rank-table.ts';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, scanJson } from './json-scan.ts';
import { checkLine, type LineCheckContext, type LineResult } from './line.ts';

/** Everything a thread needs to check a batch; plain data, so it crosses to worker threads. */
export interface BatchSettings {
  /** The file's format; undefined to let the batch's first line of a known format decide it. */
  format: TrainingFormat | undefined;
  encoding: EncodingName;
  /** Shared with worker threads, not copied. */
  rankTable: RankTableData;
  maxTokensPerExample: number | null;
  imageTokens: ImageTokenRule | null;
  /** Problems listed per batch (more are only counted): the report lists no more anyway. */
  maxProblems: number;
  /** The reader's limit, for the message of a line it skipped. */
  maxLineBytes: number;
}

/** What checking a batch found: counts, the first problems, and a few numbers per example. */
export interface BatchResult {
  /** The format the lines were checked against (decided here when the settings had none). */
  format: TrainingFormat | undefined;
  lines: number;
  blankLines: number;
  /** The first `maxProblems` problems, in line order. */
  problems: Problem[];
  /** Every problem, counted by code. */
  counts: Partial<Record<ProblemCode, number>>;
  /** EXAMPLE_FIELDS numbers per example: line, tokens, assistant tokens, messages, hash. */
  examples: Uint32Array;
  withSystem: number;
  withToolCalls: number;
  images: number;
  imagesNotCounted: number;
}

// One token counter per encoding and thread: its caches are what make repeated words cheap.
const counters = new Map<EncodingName, TokenCounter>();
// Example counters keep a memo of tool definitions: keep them across batches too.
const exampleCounters = new Map<string, ExampleTokenCounter>();

function exampleCounterFor(settings: BatchSettings): {
  tokens: ExampleTokenCounter;
  counter: TokenCounter;
} {
  let counter = counters.get(settings.encoding);
  if (!counter) {
    counter = tokenCounterFromTable(settings.encoding, settings.rankTable);
    counters.set(settings.encoding, counter);
  }
  const key = `${settings.encoding} ${JSON.stringify(settings.imageTokens)}`;
  let tokens = exampleCounters.get(key);
  if (!tokens) {
    tokens = new ExampleTokenCounter(counter, settings.imageTokens);
    exampleCounters.set(key, tokens);
  }
  return { tokens, counter };
}

const BOM = [0xef, 0xbb, 0xbf];
const CR = 0x0d;

/** Collects a batch's results in line order. */
class BatchCollector {
  readonly result: BatchResult;
  readonly #examples: number[] = [];
  readonly #maxProblems: number;

  constructor(format: TrainingFormat | undefined, maxProblems: number) {
    this.#maxProblems = maxProblems;
    this.result = {
      format,
      lines: 0,
      blankLines: 0,
      problems: [],
      counts: {},
      examples: new Uint32Array(0),
      withSystem: 0,
      withToolCalls: 0,
      images: 0,
      imagesNotCounted: 0,
    };
  }

  add(found: Problem): void {
    const { counts, problems } = this.result;
    counts[found.code] = (counts[found.code] ?? 0) + 1;
    if (problems.length < this.#maxProblems) problems.push(found);
  }

  addLine(result: LineResult, hashLow: number, hashHigh: number): void {
    for (const found of result.problems) this.add(found);
    const example = result.example;
    if (!example) return;
    this.#examples.push(
      result.line,
      example.tokens,
      example.assistantTokens,
      example.messages,
      hashLow,
      hashHigh,
    );
    if (example.hasSystem) this.result.withSystem++;
    if (example.hasToolCalls) this.result.withToolCalls++;
    this.result.images += example.images;
    this.result.imagesNotCounted += example.imagesNotCounted;
  }

  finish(format: TrainingFormat | undefined): BatchResult {
    this.result.format = format;
    this.result.examples = Uint32Array.from(this.#examples);
    return this.result;
  }
}

/**
 * Checks a batch of raw lines in this thread — decoding, BOM, blank lines, nesting and size
 * limits, then {@link checkLine} — so the reading thread never decodes or parses. The same
 * function runs inline for small sources and inside worker threads for large ones.
 *
 * @example
 * const result = checkBatch(batch, { format: undefined, encoding: 'o200k_base', rankTable, … });
 */
export function checkBatch(batch: LineBatch, settings: BatchSettings): BatchResult {
  const { tokens, counter } = exampleCounterFor(settings);
  const context: LineCheckContext = {
    format: settings.format,
    encoding: settings.encoding,
    tokens,
    maxTokensPerExample: settings.maxTokensPerExample,
    approximateCount: () => counter.approximateCount,
  };
  const collector = new BatchCollector(settings.format, settings.maxProblems);
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const tooLong = new Map(batch.tooLong.map(({ index, bytes }) => [index, bytes]));
  let start = 0;
  for (let index = 0; index < batch.ends.length; index++) {
    const line = batch.firstLine + index;
    let end = batch.ends[index] as number;
    const lineStart = start;
    start = end;
    collector.result.lines++;
    const skipped = tooLong.get(index);
    if (skipped !== undefined) {
      collector.add(
        problem(
          'line_too_long',
          `line is ${skipped} bytes; the reader stops at ${settings.maxLineBytes}`,
          { line },
        ),
      );
      continue;
    }
    let from = lineStart;
    if (end > from && bytes[end - 1] === CR) end--;
    if (line === 1 && end - from >= 3 && BOM.every((byte, i) => bytes[from + i] === byte)) {
      from += 3;
      collector.add(
        problem(
          'bom',
          'the file starts with a UTF-8 byte order mark (EF BB BF); tunekit skipped it, the API may not',
          { line, column: 1 },
        ),
      );
    }
    const slice = bytes.subarray(from, end);
    if (!isUtf8(slice)) {
      const offset = firstInvalidUtf8(slice);
      collector.add(
        problem(
          'invalid_utf8',
          `invalid UTF-8 byte 0x${(slice[offset] ?? 0).toString(16).padStart(2, '0')} at byte ${offset + 1}`,
          { line, column: offset + 1 },
        ),
      );
      continue;
    }
    const text = bytes.toString('utf8', from, end);
    if (text.trim() === '') {
      collector.result.blankLines++;
      collector.add(
        problem('blank_line', 'blank line: JSONL wants one example per line', { line }),
      );
      continue;
    }
    const scan = scanJson(bytes, from, end);
    if (scan.depth > MAX_JSON_DEPTH) {
      collector.add(
        problem(
          'too_deeply_nested',
          `the line nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; it was not parsed`,
          { line },
        ),
      );
      continue;
    }
    if (scan.values > MAX_JSON_VALUES) {
      collector.add(
        problem(
          'line_too_complex',
          `the line holds more than ${MAX_JSON_VALUES.toLocaleString('en-US')} JSON values; it was not parsed`,
          { line },
        ),
      );
      continue;
    }
    collector.addLine(checkLine(text, line, context), scan.hashLow, scan.hashHigh);
  }
  return collector.finish(context.format);
}
