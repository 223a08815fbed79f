import { open, readFile, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';

/** A score as stored: `null` when the scorer could not judge (a grader that failed). */
const StoredScore = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  detail: z.string().optional(),
});

/**
 * One line of a results file: one request of one candidate model for one example, with what
 * it answered (or how it failed), its usage, latency and cost, and its scores. Lines are
 * appended whole; the last line for an (example, candidate) pair wins.
 */
export const EvalResult = z.object({
  v: z.literal(1),
  /** Line of the example in the held-out file. */
  line: z.number().int().positive(),
  candidate: z.string().min(1),
  model: z.string().min(1),
  /** Hash of the exact request: a stored result is reused only for the same request. */
  fingerprint: z.string().min(1),
  /** When the answer arrived (ISO 8601). */
  at: z.string(),
  /** Wall time of the request, retries included. */
  latencyMs: z.number().nonnegative(),
  output: z
    .object({
      content: z.string().nullable(),
      toolCalls: z.array(z.object({ name: z.string(), arguments: z.string() })),
      finishReason: z.string().nullable(),
    })
    .nullable(),
  usage: z
    .object({
      promptTokens: z.number().int().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
    })
    .nullable(),
  /** What the request cost, exactly, in dollars; null when the price is not known. */
  costUsd: z.string().nullable(),
  /** Why the request failed after the client's retries; null when it was answered. */
  error: z
    .object({ type: z.string(), message: z.string(), status: z.number().nullable() })
    .nullable(),
  scores: z.record(z.string(), StoredScore.nullable()),
  /** Requests and dollars spent by model-graded scorers on this answer. */
  grading: z.object({ requests: z.number().int().nonnegative(), costUsd: z.string().nullable() }),
});
export type EvalResult = z.infer<typeof EvalResult>;

/**
 * A results file holds a line that is neither a result nor the torn end of an interrupted write.
 * Thrown by `runEval` before any request is sent.
 *
 * @example
 * await runEval(client, { ...options, resultsFile: 'results.jsonl' }).catch((error) => {
 *   if (error instanceof ResultsFileError) console.error(`fix or delete ${error.file}:${error.line}`);
 *   throw error;
 * });
 */
export class ResultsFileError extends TuneKitError {
  override name = 'ResultsFileError';
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, reason: string) {
    super(
      `${file}:${line}: not an evaluation result (${reason}); fix or delete that line, or use another --results file`,
    );
    this.file = file;
    this.line = line;
  }
}

/** What a results file holds. */
export interface StoredResults {
  results: EvalResult[];
  /** Bytes up to the end of the last complete line. */
  completeBytes: number;
  /** The file ended in a partial line (a crash mid-write); it is left out and cut off. */
  tornTail: boolean;
}

/**
 * Reads a results file; a missing file holds nothing. A last line without its newline is the
 * torn end of an interrupted write and is ignored; any other line that is not a result throws
 * a {@link ResultsFileError} with its line number (nothing is dropped silently).
 *
 * @example
 * const { results } = await readResultsFile('results.jsonl');
 */
export async function readResultsFile(file: string): Promise<StoredResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { results: [], completeBytes: 0, tornTail: false };
    }
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  const results: EvalResult[] = [];
  const lines = text.slice(0, end).split('\n');
  lines.pop(); // the empty string after the last newline
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ResultsFileError(file, index + 1, `invalid JSON: ${(error as Error).message}`);
    }
    const parsed = EvalResult.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ResultsFileError(
        file,
        index + 1,
        `${issue?.path.join('.') || '(line)'}: ${issue?.message}`,
      );
    }
    results.push(parsed.data);
  });
  return {
    results,
    completeBytes: Buffer.byteLength(text.slice(0, end)),
    tornTail: end < text.length,
  };
}

/** Appends results to a file, one whole line per write, in the order they are given. */
export interface ResultsWriter {
  append(result: EvalResult): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a results file for appending. A torn last line (`stored.tornTail`) is cut off first,
 * so the next line starts clean. Each result is one `write` of one line; writes are chained,
 * never interleaved, and flushed to disk on close.
 *
 * @example
 * const writer = await openResultsWriter('results.jsonl', await readResultsFile('results.jsonl'));
 */
export async function openResultsWriter(
  file: string,
  stored: Pick<StoredResults, 'completeBytes' | 'tornTail'>,
): Promise<ResultsWriter> {
  if (stored.tornTail) await truncate(file, stored.completeBytes);
  const handle = await open(file, 'a');
  let chain: Promise<void> = Promise.resolve();
  return {
    append(result) {
      const line = `${JSON.stringify(result)}\n`;
      chain = chain.then(() => handle.appendFile(line, 'utf8'));
      return chain;
    },
    async close() {
      try {
        await chain;
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}
