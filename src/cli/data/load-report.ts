import { basename } from 'node:path';
import { defaultCatalog } from '../../data/catalog/catalog.ts';
import type { TrainingFormat } from '../../data/formats/format.ts';
import type { ValidationReport } from '../../data/validate/report.ts';
import { type ValidationProgress, validateTrainingFile } from '../../data/validate/validate.ts';
import { ExitCode } from '../exit-codes.ts';
import { createProgress, writeErr } from '../output/streams.ts';
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

/** Validates a file with a progress line on stderr (only when stderr is a terminal). */
export async function validateWithProgress(
  file: string,
  options: Omit<FileCommandOptions, 'maxProblems'> & { maxProblems?: number },
): Promise<ValidationReport> {
  const progress = createProgress();
  const name = basename(file);
  const onProgress = ({ bytesRead, totalBytes, lines }: ValidationProgress) => {
    const share = totalBytes ? ` ${Math.floor((bytesRead / totalBytes) * 100)}%` : '';
    progress.update(
      `validating ${name}${share} · ${(bytesRead / 1e6).toFixed(1)} MB · ${lines.toLocaleString('en-US')} lines`,
    );
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
  options: FileCommandOptions,
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
