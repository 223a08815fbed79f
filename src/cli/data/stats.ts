import { ExitCode } from '../exit-codes.ts';
import { paint } from '../output/color.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { type FileCommandOptions, loadReport, noteErrors, readFailure } from './load-report.ts';
import { renderStats, renderTokenHistogram } from './render.ts';

/**
 * `tunekit data stats`: the statistics only. Exit 0 even when the data has problems (that is
 * `validate`'s job), 1 when the file cannot be read, 2 on a usage error.
 */
export async function runStats(
  file: string,
  options: FileCommandOptions & { json?: boolean },
): Promise<number> {
  const report = await loadReport(file, options, 5);
  if (typeof report === 'number') return report;
  const failed = readFailure(report);
  if (failed !== undefined) return failed;
  if (options.json) {
    const { source, format, encoding, model } = report;
    writeJson({ source, format, encoding, model, ...report.stats });
  } else {
    const head = `${paint(process.stdout, 'bold', file)}: ${report.format ?? 'unknown'} format, tokens counted with ${report.encoding}`;
    writeOut(`${head}\n\n${renderStats(report)}\n\n${renderTokenHistogram(report)}`);
  }
  noteErrors(file, report);
  return ExitCode.Ok;
}
