import { defaultCatalog } from '../../data/catalog/catalog.ts';
import { trainingCostOf } from '../../data/cost.ts';
import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { plural } from '../output/table.ts';
import { UsageError } from '../usage-error.ts';
import { checkRead, type FileCommandOptions, loadReport, noteErrors } from './load-report.ts';
import { renderCost } from './render.ts';

/** `tunekit data cost`: exit 0 with an estimate, 2 when the file cannot be read or on usage errors. */
export async function runCost(
  file: string,
  options: FileCommandOptions & { epochs?: string; json?: boolean },
): Promise<number> {
  const epochs =
    options.epochs === undefined || options.epochs === 'auto' ? 'auto' : parseCount(options.epochs);
  if (epochs === undefined || epochs === 0) {
    throw new UsageError(
      `--epochs must be a positive whole number or "auto", got "${options.epochs}"`,
    );
  }
  const report = await loadReport(file, options, 5);
  checkRead(file, report);
  // loadReport checked the model against the catalog; commander made --model required.
  const model = defaultCatalog.find(options.model as string);
  if (!model) throw new UsageError('--model is required');
  const estimate = trainingCostOf(report.stats, model, epochs);
  if (options.json)
    writeJson({ ...estimate, examples: report.stats.examples, valid: report.valid });
  else
    writeOut(
      `${file}: ${plural(report.stats.examples, 'example')} for ${model.id}\n${renderCost(estimate)}`,
    );
  noteErrors(file, report);
  return ExitCode.Ok;
}
