import { ExitCode } from '../exit-codes.ts';
import { paint } from '../output/color.ts';
import { writeErr, writeJson, writeOut } from '../output/streams.ts';
import { renderStats, renderTokenHistogram } from './render.ts';
import { type FileCommandOptions, unknownModel, usage, validateWithProgress } from './shared.ts';

/**
 * `tunekit data stats`: the statistics only. Exit 0 even when the data has problems (that is
 * `validate`'s job), 1 when the file cannot be read.
 */
export async function runStats(
  file: string,
  options: FileCommandOptions & { json?: boolean },
): Promise<number> {
  const modelError = unknownModel(options.model);
  if (modelError) return usage(modelError);
  const report = await validateWithProgress(file, { ...options, maxProblems: 5 });
  const readError = report.problems.find((p) => p.code === 'read_error');
  if (readError) {
    writeErr(`error: ${readError.message}`);
    return ExitCode.Error;
  }
  if (options.json) {
    writeJson({
      source: report.source,
      format: report.format,
      encoding: report.encoding,
      model: report.model,
      ...report.stats,
    });
  } else {
    writeOut(
      `${paint(process.stdout, 'bold', file)}: ${report.format ?? 'unknown'} format, tokens counted with ${report.encoding}\n\n${renderStats(report)}\n\n${renderTokenHistogram(report)}`,
    );
  }
  if (!report.valid)
    writeErr(`note: the file has ${report.errors} errors; run \`tunekit data validate ${file}\``);
  return ExitCode.Ok;
}
