import type { ModelCatalog } from '../../data/catalog/catalog.ts';
import { loadCatalogFile } from '../../data/catalog/catalog-file.ts';
import { UnknownModelError } from '../../data/errors.ts';
import type { TRAINING_FORMATS } from '../../data/formats/names.ts';
import { loadPromptVariant } from '../../data/prompt/variant.ts';
import {
  estimateFineTuningRoi,
  type RequestsInput,
  type RoiOptions,
} from '../../data/roi/estimate.ts';
import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { checkInputFiles } from '../input-file.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { UsageError } from '../usage-error.ts';
import { renderRoi } from './render.ts';

/** Options of `tunekit cost`, as commander parses them. */
export interface CostCommandOptions {
  model: string;
  train?: string;
  epochs: string;
  trainingCost?: string;
  requests?: string;
  basePrompt?: string;
  fineTunedPrompt?: string;
  baseInputTokens?: number;
  fineTunedInputTokens?: number;
  outputTokens?: number;
  format?: (typeof TRAINING_FORMATS)[number];
  volume?: string;
  catalog?: string;
  json?: boolean;
}

/** The training input the options describe, or a usage message. */
function trainingOf(options: CostCommandOptions): RoiOptions['training'] | string {
  if (options.train && options.trainingCost)
    return 'give either --train or --training-cost, not both';
  if (options.trainingCost) return { usd: options.trainingCost };
  if (!options.train) return 'the training cost needs --train <file> (or --training-cost <usd>)';
  const epochs = options.epochs === 'auto' ? 'auto' : parseCount(options.epochs);
  if (epochs === undefined || epochs === 0) {
    return `--epochs must be a positive whole number or "auto", got "${options.epochs}"`;
  }
  return { file: options.train, epochs };
}

/** The requests input the options describe, or a usage message. */
async function requestsOf(options: CostCommandOptions): Promise<RequestsInput | string> {
  const figures = [options.baseInputTokens, options.fineTunedInputTokens];
  if (options.requests) {
    if (figures.some((f) => f !== undefined)) {
      return 'give either --requests or --base-input-tokens/--fine-tuned-input-tokens, not both';
    }
    return {
      file: options.requests,
      base: options.basePrompt ? await loadPromptVariant(options.basePrompt) : undefined,
      fineTuned: options.fineTunedPrompt
        ? await loadPromptVariant(options.fineTunedPrompt)
        : undefined,
      outputTokens: options.outputTokens,
      format: options.format,
    };
  }
  if (options.basePrompt || options.fineTunedPrompt)
    return '--base-prompt and --fine-tuned-prompt apply to --requests';
  const [base, fineTuned] = figures;
  if (base === undefined || fineTuned === undefined || options.outputTokens === undefined) {
    return 'per-request costs need --requests <file>, or --base-input-tokens, --fine-tuned-input-tokens and --output-tokens';
  }
  return {
    baseInputTokens: base,
    fineTunedInputTokens: fineTuned,
    outputTokens: options.outputTokens,
  };
}

/** Errors that are the options' fault (exit 2) rather than the data's (exit 1). */
const USAGE_ERRORS = new Set([
  'UnknownModelError',
  'PromptVariantError',
  'CatalogFileError',
  'MissingPriceError',
]);

/**
 * `tunekit cost`: exit 0 with an estimate (whether or not fine-tuning pays off: the verdict
 * says), 1 when a sample request is invalid, 2 on a usage error or a file that cannot be read.
 */
export async function runCostCommand(options: CostCommandOptions): Promise<number> {
  const training = trainingOf(options);
  if (typeof training === 'string') throw new UsageError(training);
  await checkInputFiles([
    [options.train, '--train'],
    [options.requests, '--requests'],
    [options.basePrompt, '--base-prompt'],
    [options.fineTunedPrompt, '--fine-tuned-prompt'],
    [options.catalog, '--catalog'],
  ]);
  try {
    const requests = await requestsOf(options);
    if (typeof requests === 'string') throw new UsageError(requests);
    let catalog: ModelCatalog | undefined;
    if (options.catalog) catalog = await loadCatalogFile(options.catalog);
    const roi = await estimateFineTuningRoi({
      model: options.model,
      training,
      requests,
      volume: options.volume,
      catalog,
    });
    if (options.json) writeJson(roi);
    else writeOut(renderRoi(roi));
    return ExitCode.Ok;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const input = (error as { input?: string }).input;
    if (USAGE_ERRORS.has(name) || error instanceof UnknownModelError || input === 'volume') {
      throw new UsageError((error as Error).message, { cause: error });
    }
    throw error;
  }
}
