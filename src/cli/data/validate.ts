import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { usage } from '../usage-error.ts';
import { type FileCommandOptions, loadReport } from './load-report.ts';
import { renderReport } from './render.ts';

/** `tunekit data validate`: exit 0 when the file is valid, 1 when not, 2 on a usage error. */
export async function runValidate(
  file: string,
  options: FileCommandOptions & { json?: boolean },
): Promise<number> {
  const maxProblems = parseCount(options.maxProblems ?? '50');
  if (maxProblems === undefined)
    return usage(`--max-problems must be a whole number, got "${options.maxProblems}"`);
  const report = await loadReport(file, options, maxProblems);
  if (typeof report === 'number') return report;
  if (options.json) writeJson(report);
  else writeOut(renderReport(file, report));
  return report.valid ? ExitCode.Ok : ExitCode.Error;
}
