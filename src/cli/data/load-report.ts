import { basename } from 'node:path';
import type { AnswerSchemas } from '../../data/answers/answer-check.ts';
import { defaultCatalog } from '../../data/catalog/catalog.ts';
import type { TrainingFormat } from '../../data/formats/format.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import { validateTrainingFile } from '../../data/validate/validate.ts';
import { checkInputFile, InputFileError } from '../input-file.ts';
import { createProgress, writeErr } from '../output/streams.ts';
import { plural } from '../output/table.ts';
import { validationProgressLine } from '../output/validation-progress.ts';
import { UsageError } from '../usage-error.ts';

/** Options common to the commands that read a whole file. */
export interface FileCommandOptions {
  model?: string;
  format?: TrainingFormat;
  maxProblems?: string;
}

/** Checks `--model` against the catalog; throws a {@link UsageError} when it is unknown. */
export function checkModel(model: string | undefined): void {
  if (model === undefined || defaultCatalog.find(model)) return;
  throw new UsageError(
    `unknown model "${model}"; known: ${defaultCatalog.entries.map((e) => e.id).join(', ')}`,
  );
}

/**
 * Validates a file with a progress bar on stderr (only when stderr is a terminal, and not with
 * `json`: output for programs gets nothing extra).
 */
export async function validateWithProgress(
  file: string,
  options: Omit<FileCommandOptions, 'maxProblems'> & {
    maxProblems?: number;
    json?: boolean;
    answers?: AnswerSchemas | undefined;
  },
): Promise<ValidationReport> {
  // Drawn as reported (about every 256 KB), at most every 100 ms, and always the last one.
  const progress = options.json ? { update() {}, done() {} } : createProgress(process.stderr, 0);
  const line = validationProgressLine(basename(file));
  let drawn = 0;
  const onProgress = (p: Parameters<typeof line>[0]) => {
    const text = line(p);
    if (p.elapsedMs - drawn < 100 && p.bytesRead !== p.totalBytes && drawn > 0) return;
    drawn = Math.max(1, p.elapsedMs);
    progress.update(text);
  };
  try {
    return await validateTrainingFile(file, {
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.format !== undefined ? { format: options.format } : {}),
      ...(options.maxProblems !== undefined ? { maxProblems: options.maxProblems } : {}),
      ...(options.answers !== undefined ? { answers: options.answers } : {}),
      onProgress,
    });
  } finally {
    progress.done();
  }
}

/**
 * The start of every command that reads a whole file: check `--model` and the file (a usage
 * error, exit 2, when it is unknown or the file cannot be read), then validate. A read that
 * fails part way through is a `read_error` in the report.
 */
export async function loadReport(
  file: string,
  options: FileCommandOptions & { json?: boolean },
  maxProblems: number,
  answers?: AnswerSchemas,
): Promise<ValidationReport> {
  checkModel(options.model);
  await checkInputFile(file);
  return validateWithProgress(file, { ...options, maxProblems, answers });
}

/**
 * For commands that need the data read to the end (stats, cost): a read that failed part way
 * is an input error, not statistics of half a file.
 */
export function checkRead(file: string, report: ValidationReport): void {
  const readError = report.problems.find((p) => p.code === 'read_error');
  if (readError) throw new InputFileError(file, 'unreadable', readError.message);
}

/** Points at `validate` when a command that does not list problems ran on invalid data. */
export function noteErrors(file: string, report: ValidationReport): void {
  if (!report.valid) {
    writeErr(
      `note: the file has ${plural(report.errors, 'error')}; run \`tunekit data validate ${file}\` for the list`,
    );
  }
}
