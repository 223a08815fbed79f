import { defaultCatalog } from '../../data/catalog/catalog.ts';
import { estimateTrainingCost } from '../../data/cost.ts';
import { ExitCode } from '../exit-codes.ts';
import { writeErr, writeJson, writeOut } from '../output/streams.ts';
import { renderCost } from './render.ts';
import {
  type FileCommandOptions,
  parseCount,
  unknownModel,
  usage,
  validateWithProgress,
} from './shared.ts';

/** `tunekit data cost`: exit 0 with an estimate, 1 when the file cannot be read, 2 on usage errors. */
export async function runCost(
  file: string,
  options: FileCommandOptions & { epochs?: string; json?: boolean },
): Promise<number> {
  const modelError = unknownModel(options.model);
  if (modelError) return usage(modelError);
  const model = defaultCatalog.find(options.model as string);
  if (!model) return usage('--model is required');
  const epochs =
    options.epochs === undefined || options.epochs === 'auto' ? 'auto' : parseCount(options.epochs);
  if (epochs === undefined || epochs === 0)
    return usage(`--epochs must be a positive whole number or "auto", got "${options.epochs}"`);
  const report = await validateWithProgress(file, { ...options, maxProblems: 5 });
  const readError = report.problems.find((p) => p.code === 'read_error');
  if (readError) {
    writeErr(`error: ${readError.message}`);
    return ExitCode.Error;
  }
  const estimate = estimateTrainingCost({
    model,
    tokensPerEpoch: report.stats.billableTokensPerEpoch,
    examples: report.stats.examples,
    epochs,
  });
  if (options.json)
    writeJson({ ...estimate, examples: report.stats.examples, valid: report.valid });
  else
    writeOut(
      `${file}: ${report.stats.examples.toLocaleString('en-US')} examples for ${model.id}\n${renderCost(estimate)}`,
    );
  if (!report.valid)
    writeErr(`note: the file has ${report.errors} errors; run \`tunekit data validate ${file}\``);
  return ExitCode.Ok;
}
