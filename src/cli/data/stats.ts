import { ExitCode } from '../exit-codes.ts';
import { paint } from '../output/color.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { checkRead, type FileCommandOptions, loadReport, noteErrors } from './load-report.ts';
import { renderStats, renderTokenHistogram } from './render.ts';

/**
 * `tunekit data stats`: the statistics only. Exit 0 even when the data has problems (that is
 * `validate`'s job), 2 when the file cannot be read or the command line is wrong.
 */
export async function runStats(
  file: string,
  options: FileCommandOptions & { json?: boolean },
): Promise<number> {
  const report = await loadReport(file, options, 5);
  checkRead(file, report);
  if (options.json) {
    const { source, format, encoding, model } = report;
    writeJson({ source, format, encoding, model, ...report.stats });
  } else {
    const head = `${paint(process.stdout, 'bold', file)}: ${report.format ?? 'unknown'} format, tokens counted with ${report.encoding}`;
    const histogram = renderTokenHistogram(report);
    writeOut([head, renderStats(report), histogram].filter(Boolean).join('\n\n'));
  }
  noteErrors(file, report);
  return ExitCode.Ok;
}
