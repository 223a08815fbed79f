import { performance } from 'node:perf_hooks';
import { type AnswerSchemas, createAnswerCheck } from '../answers/answer-check.ts';
import { defaultCatalog, type ModelCatalog } from '../catalog/catalog.ts';
import type { ModelEntry } from '../catalog/entry.ts';
import { parseJsonLine } from '../check/parse-json.ts';
import { estimateTrainingCost } from '../cost.ts';
import { UnknownModelError } from '../errors.ts';
import { detectLineFormat } from '../formats/detect.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { isObject } from '../loose.ts';
import { problem } from '../problems.ts';
import { type ReadLinesOptions, readLines, type SourceLine } from '../reader/lines.ts';
import { describeSource, sourceSize, type TrainingSource } from '../reader/source.ts';
import type { EncodingName } from '../tokens/encodings.ts';
import { ReportCollector } from './collector.ts';
import { exampleCountProblems, fileSizeProblems } from './file-checks.ts';
import { OrderedLineChecker } from './ordered-checker.ts';
import { defaultThreads } from './pool.ts';
import type { ValidationReport } from './report.ts';

/** Progress of a validation, reported as batches are read. */
export interface ValidationProgress {
  bytesRead: number;
  /** Known for files and in-memory sources. */
  totalBytes: number | undefined;
  lines: number;
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
   * Worker threads for large sources: a number (0 = none) or `'auto'` (the default: up to 4,
   * used once a source passes 4 MB).
   */
  workers?: number | 'auto';
  onProgress?: (progress: ValidationProgress) => void;
  /**
   * Also check every trained assistant answer (and tool-call arguments) against the schemas the
   * model will be asked for in production, or those each example carries (`answers: {}`). Off
   * when absent. A schema that is not one throws `InvalidJsonSchemaError`.
   */
  answers?: AnswerSchemas;
}

/** Workers pay for themselves only past a few MB (each loads the tokenizer). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** Lines held while the format is still unknown; past this the file is taken as chat. */
const MAX_UNDECIDED_LINES = 1_000;

/** The first detectable line decides the format (chat and reinforcement share a family). */
function detectFormat(text: string): TrainingFormat | undefined {
  const parsed = parseJsonLine(text, 0);
  return parsed.ok && isObject(parsed.value) ? detectLineFormat(parsed.value) : undefined;
}

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
 * data never throws: a missing file, invalid JSON or a binary blob all yield a report. Only a
 * wrong option (an unknown `model`) throws {@link UnknownModelError}.
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
  const collector = new ReportCollector(Math.max(0, options.maxProblems ?? 100), limit);
  const answers = options.answers ? await createAnswerCheck(options.answers) : undefined;
  const totalBytes = await sourceSize(source);
  let format = options.format;
  let bytesRead = 0;

  const threads =
    options.workers === undefined || options.workers === 'auto'
      ? defaultThreads()
      : options.workers;
  const checker = new OrderedLineChecker({
    collector,
    settings: () => ({
      format: format ?? 'chat',
      encoding,
      maxTokensPerExample: limit,
      imageTokens: model?.imageTokens ?? null,
    }),
    threads,
    // A source known to be large goes to the workers from the first batch, so this thread
    // never loads a tokenizer; a stream of unknown size switches once it proves large.
    useWorkers: () => (totalBytes ?? bytesRead) >= WORKER_THRESHOLD_BYTES,
    onBatch: () => options.onProgress?.({ bytesRead, totalBytes, lines: collector.lines }),
  });

  let undecidedLines = 0;
  const lines = readLines(source, options);
  try {
    for (;;) {
      // Only the reading itself can fail with a read error; anything the checks throw is a bug
      // and must not be reported as if the file were unreadable.
      let next: IteratorResult<SourceLine>;
      try {
        next = await lines.next();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        collector.addFileProblem(
          problem('read_error', `could not read ${describeSource(source)}: ${reason}`),
        );
        break;
      }
      if (next.done) break;
      const line = next.value;
      collector.lines++;
      bytesRead += line.bytes;
      await checker.addReaderProblems(line.problems, line.number);
      if (line.text === undefined) continue;
      if (line.blank) {
        collector.blankLines++;
        const blank = problem('blank_line', 'blank line: JSONL wants one example per line', {
          line: line.number,
        });
        await checker.addReaderProblems([blank], line.number);
        continue;
      }
      if (answers) {
        // The answer check (opt-in) runs here, apart from the batched format checks.
        const found = answers.check(line.text, line.number, options.format);
        if (found.length > 0) await checker.addReaderProblems(found, line.number);
      }
      if (format === undefined) {
        format = detectFormat(line.text);
        undecidedLines++;
      }
      // Lines wait until the format is known (or clearly never will be).
      const decided = format !== undefined || undecidedLines >= MAX_UNDECIDED_LINES;
      await checker.addLine({ number: line.number, text: line.text }, line.bytes, decided);
    }
  } finally {
    // Closes the file if the loop ended early.
    await lines.return(undefined);
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
  // After a read error the counts say nothing about the file.
  if (!collector.counts.read_error) {
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
    cost:
      model && examples > 0
        ? estimateTrainingCost({ model, tokensPerEpoch: stats.billableTokensPerEpoch, examples })
        : null,
    durationMs: Math.round(performance.now() - started),
  };
}
