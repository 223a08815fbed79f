import { basename } from 'node:path';
import { defaultCatalog } from '../../data/catalog/catalog.ts';
import type { TrainingFormat } from '../../data/formats/format.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import { validateTrainingFile } from '../../data/validate/validate.ts';
import { ExitCode } from '../exit-codes.ts';
import { createProgress, writeErr } from '../output/streams.ts';
import { validationProgressLine } from '../output/validation-progress.ts';
import { usage } from '../usage-error.ts';

/** Options common to the commands that read a whole file. */
export interface FileCommandOptions {
  model?: string;
  format?: TrainingFormat;
  maxProblems?: string;
}

/** Checks `--model` against the catalog; returns an error message when unknown. */
export function unknownModel(model: string | undefined): string | undefined {
  if (model === undefined || defaultCatalog.find(model)) return undefined;
  return `unknown model "${model}"; known: ${defaultCatalog.entries.map((e) => e.id).join(', ')}`;
}

/**
 * Validates a file with a progress bar on stderr (only when stderr is a terminal, and not with
 * `json`: output for programs gets nothing extra).
 */
export async function validateWithProgress(
  file: string,
  options: Omit<FileCommandOptions, 'maxProblems'> & { maxProblems?: number; json?: boolean },
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
      onProgress,
    });
  } finally {
    progress.done();
  }
}

/**
 * The start of every command that reads a whole file: check `--model`, then validate. Returns
 * the report, or the exit code to stop with (a usage error).
 */
export async function loadReport(
  file: string,
  options: FileCommandOptions & { json?: boolean },
  maxProblems: number,
): Promise<ValidationReport | number> {
  const modelError = unknownModel(options.model);
  if (modelError) return usage(modelError);
  return validateWithProgress(file, { ...options, maxProblems });
}

/** For commands that need readable data: prints the read error and returns its exit code. */
export function readFailure(report: ValidationReport): number | undefined {
  const readError = report.problems.find((p) => p.code === 'read_error');
  if (!readError) return undefined;
  writeErr(`error: ${readError.message}`);
  return ExitCode.Error;
}

/** Points at `validate` when a command that does not list problems ran on invalid data. */
export function noteErrors(file: string, report: ValidationReport): void {
  if (!report.valid)
    writeErr(`note: the file has ${report.errors} errors; run \`tunekit data validate ${file}\``);
}
