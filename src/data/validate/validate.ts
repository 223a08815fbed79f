import { performance } from 'node:perf_hooks';
import { type AnswerSchemas, createAnswerCheck } from '../answers/answer-check.ts';
import { defaultCatalog, type ModelCatalog } from '../catalog/catalog.ts';
import type { ModelEntry } from '../catalog/entry.ts';
import type { BatchResult } from '../check/batch.ts';
import { trainingCostOf } from '../cost.ts';
import { UnknownModelError } from '../errors.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { type Problem, problem } from '../problems.ts';
import { LineBatcher } from '../reader/line-batches.ts';
import { DEFAULT_MAX_LINE_BYTES, type ReadLinesOptions } from '../reader/lines.ts';
import { byteChunks, describeSource, sourceSize, type TrainingSource } from '../reader/source.ts';
import { describeForeignEncoding, detectForeignEncoding } from '../reader/text-encoding.ts';
import type { EncodingName } from '../tokens/encodings.ts';
import { loadRankTable } from '../tokens/rank-source.ts';
import type { RankTableData } from '../tokens/rank-table.ts';
import { answerProblemsIn, withAnswerProblems } from './answers-in-batch.ts';
import { ReportCollector } from './collector.ts';
import { exampleCountProblems, fileSizeProblems } from './file-checks.ts';
import { OrderedBatchChecker } from './ordered-checker.ts';
import { defaultThreads } from './pool.ts';
import type { ValidationReport } from './report.ts';

/** Progress of a validation: reported when reading starts, then after every checked batch. */
export interface ValidationProgress {
  /** Bytes of the source whose lines have been checked. */
  bytesRead: number;
  /** Known for files and in-memory sources. */
  totalBytes: number | undefined;
  /** Lines checked. */
  lines: number;
  /** Examples checked. */
  examples: number;
  /** Milliseconds since the validation started. */
  elapsedMs: number;
}

export interface ValidateOptions extends ReadLinesOptions {
  /** The model to check for: sets the encoding, the token limit and the cost estimate. */
  model?: string;
  /** Force the format instead of detecting it from the first lines. */
  format?: TrainingFormat;
  /** The encoding when no model is given. Default `o200k_base` (gpt-4o and later). */
  encoding?: EncodingName;
  /** How many problems to list (all are counted). Default 100. */
  maxProblems?: number;
  /** Look models up here (see `createModelCatalog`) instead of the built-in catalog. */
  catalog?: ModelCatalog;
  /**
   * Worker threads for large sources: a number (0 = none) or `'auto'` (the default: one per
   * core up to 4, used once a source passes 4 MB).
   */
  workers?: number | 'auto';
  /** Called when reading starts and after every checked batch (about every 256 KB). */
  onProgress?: (progress: ValidationProgress) => void;
  /**
   * Also check every trained assistant answer (and tool-call arguments) against the schemas the
   * model will be asked for in production, or those each example carries (`answers: {}`). Off
   * when absent. A schema that is not one throws `InvalidJsonSchemaError`.
   */
  answers?: AnswerSchemas;
}

/** Workers pay for themselves only past a few MB (each takes a moment to start). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** Lines are checked in batches of about this many bytes or lines. */
const BATCH_BYTES = 256 * 1024;
const BATCH_LINES = 2_000;

function resolveModel(options: ValidateOptions): ModelEntry | undefined {
  if (options.model === undefined) return undefined;
  const catalog = options.catalog ?? defaultCatalog;
  const entry = catalog.find(options.model);
  if (!entry)
    throw new UnknownModelError(
      options.model,
      catalog.entries.map((e) => e.id),
    );
  return entry;
}

/**
 * Validates a JSONL training file in bounded memory: every line is checked against its format,
 * tokens are counted exactly for the model's encoding, and the whole file is summarized. Bad
 * data never throws: a missing file, invalid JSON, a UTF-16 file or a binary blob all yield a
 * report. Only a wrong option (an unknown `model`) throws {@link UnknownModelError}.
 *
 * @example
 * const report = await validateTrainingFile('train.jsonl', { model: 'gpt-4o-mini' });
 * if (!report.valid) for (const p of report.problems) console.log(`train.jsonl:${p.line} ${p.message}`);
 * console.log(report.stats.totalTokens, report.cost?.usd);
 */
export async function validateTrainingFile(
  source: TrainingSource,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const started = performance.now();
  const model = resolveModel(options);
  const encoding = model?.encoding ?? options.encoding ?? 'o200k_base';
  const limit = model?.maxTokensPerExample?.value ?? null;
  const maxProblems = Math.max(0, options.maxProblems ?? 100);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const collector = new ReportCollector(maxProblems, limit);
  const answers = options.answers ? await createAnswerCheck(options.answers) : undefined;
  // The answer check's problems of each batch sent, oldest first: results come back in order.
  const answerProblems: Problem[][] = [];
  const totalBytes = await sourceSize(source);
  // Built on another thread while the first bytes are read.
  const rankTableLoading = loadRankTable(encoding);
  rankTableLoading.catch(() => undefined); // awaited before the first batch, if there is one
  let rankTable: RankTableData | undefined;
  let format = options.format;
  let bytesRead = 0;
  let bytesChecked = 0;
  let foreignEncoding = false;

  const progress = () =>
    options.onProgress?.({
      bytesRead: bytesChecked,
      totalBytes,
      lines: collector.lines,
      examples: collector.examples,
      elapsedMs: Math.round(performance.now() - started),
    });
  const threads =
    options.workers === undefined || options.workers === 'auto'
      ? defaultThreads()
      : options.workers;
  const checker = new OrderedBatchChecker({
    settings: () => ({
      format,
      encoding,
      rankTable: rankTable as RankTableData,
      maxTokensPerExample: limit,
      imageTokens: model?.imageTokens ?? null,
      maxProblems,
      maxLineBytes,
    }),
    threads,
    maxLineBytes,
    // A source known to be large goes to the workers from the first batch; a stream of unknown
    // size switches once it proves large.
    useWorkers: () => (totalBytes ?? bytesRead) >= WORKER_THRESHOLD_BYTES,
    onResult: (result: BatchResult, batch) => {
      format ??= result.format;
      collector.addBatch(
        answers ? withAnswerProblems(result, answerProblems.shift() ?? []) : result,
      );
      bytesChecked += batch.sourceBytes;
      progress();
    },
  });
  checker.warmUp();
  progress();

  const batcher = new LineBatcher({
    maxLineBytes,
    batchBytes: BATCH_BYTES,
    batchLines: BATCH_LINES,
  });
  const chunks = byteChunks(source);
  let first = true;
  try {
    for (;;) {
      // Only the reading itself can fail with a read error; anything the checks throw is a bug
      // and must not be reported as if the file were unreadable.
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        collector.addFileProblem(
          problem('read_error', `could not read ${describeSource(source)}: ${reason}`),
        );
        break;
      }
      if (next.done) break;
      const chunk = next.value;
      if (first) {
        first = false;
        const foreign = detectForeignEncoding(chunk);
        if (foreign) {
          foreignEncoding = true;
          collector.addFileProblem(
            problem('unsupported_encoding', describeForeignEncoding(foreign)),
          );
          break;
        }
      }
      bytesRead += chunk.length;
      for (const batch of batcher.push(chunk)) {
        rankTable ??= await rankTableLoading;
        if (answers) answerProblems.push(answerProblemsIn(batch, answers, options.format));
        await checker.add(batch);
      }
    }
    if (!collector.counts.read_error && !foreignEncoding) {
      for (const batch of batcher.finish()) {
        rankTable ??= await rankTableLoading;
        if (answers) answerProblems.push(answerProblemsIn(batch, answers, options.format));
        await checker.add(batch);
      }
    }
  } finally {
    // Closes the file if the loop ended early.
    await chunks.return(undefined);
    await checker.finish();
  }

  if (model && format && !model.formats.includes(format)) {
    collector.addFileProblem(
      problem(
        'format_not_supported',
        `${model.id} does not train on ${format} files; it takes: ${model.formats.join(', ')}`,
      ),
    );
  }
  const size = totalBytes ?? bytesRead;
  for (const p of fileSizeProblems(size)) collector.addFileProblem(p);
  const examples = collector.examples;
  // After a read error, or in a file of another encoding, the counts say nothing about the file.
  if (!collector.counts.read_error && !foreignEncoding) {
    for (const p of exampleCountProblems(examples, collector.lines)) collector.addFileProblem(p);
  }

  const stats = collector.stats();
  return {
    source: describeSource(source),
    valid: collector.errors === 0,
    format: format ?? null,
    formatForced: options.format !== undefined,
    model: model?.id ?? null,
    encoding,
    maxTokensPerExample: limit,
    bytes: size,
    errors: collector.errors,
    warnings: collector.warnings,
    counts: collector.counts,
    problems: [...collector.fileProblems, ...collector.lineProblems],
    problemsTruncated: collector.truncated,
    stats,
    cost: model && examples > 0 ? trainingCostOf(stats, model) : null,
    durationMs: Math.round(performance.now() - started),
  };
}
