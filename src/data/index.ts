/**
 * `tunekit/data`: training-data schemas, a streaming validator with exact token counts, the
 * model catalog and cost estimates. No HTTP here: usable with no client at all.
 */

export {
  ANSWER_PROBLEM_CODES,
  type AnswerCheck,
  type AnswerSchemas,
  createAnswerCheck,
  type ResponseFormatInput,
  type SchemaInput,
  type ToolSchemaInput,
} from './answers/answer-check.ts';
export {
  InvalidJsonSchemaError,
  type JsonSchemaCompiler,
  type JsonSchemaObject,
  loadJsonSchemaCompiler,
  type SchemaCheck,
  type SchemaIssue,
} from './answers/json-schema.ts';
export {
  type StrictMode,
  type StrictRule,
  type StrictSchemaProblem,
  type StrictSchemaResult,
  strictJsonSchema,
} from './answers/strict-schema.ts';
export {
  baseModelOf,
  createModelCatalog,
  defaultCatalog,
  type ModelCatalog,
} from './catalog/catalog.ts';
export { CatalogFileError, loadCatalogFile } from './catalog/catalog-file.ts';
export { daysUntil } from './catalog/days.ts';
export {
  DatedFact,
  ImageTokenRule,
  ModelEntry,
  type ModelEntryInput,
  Provenance,
  TokenPrices,
  TrainingPrice,
} from './catalog/entry.ts';
export {
  type LifecycleOptions,
  type LifecycleStatus,
  type ModelLifecycle,
  modelLifecycle,
} from './catalog/lifecycle.ts';
export { BUILTIN_MODELS } from './catalog/models.ts';
export {
  type Converted,
  chatToBedrockClaude,
  chatToBedrockConverse,
} from './convert/bedrock.ts';
export { type CompletionToChatOptions, completionToChat } from './convert/completion-to-chat.ts';
export {
  ConvertError,
  type ConvertFileOptions,
  type ConvertFileResult,
  convertTrainingFile,
  type SkippedLine,
} from './convert/convert-file.ts';
export {
  CONVERT_TARGETS,
  type ConvertTarget,
  type Handling as ConvertHandling,
  TARGETS as CONVERT_TARGET_SPECS,
  type TargetSpec as ConvertTargetSpec,
} from './convert/targets.ts';
export {
  autoEpochs,
  billableTokensPerEpoch,
  estimateTrainingCost,
  type TrainingCostEstimate,
  type TrainingCounts,
  trainingCostOf,
} from './cost.ts';
export { canonicalKey, deduplicateExamples } from './dedupe.ts';
export { UnknownModelError } from './errors.ts';
export * from './formats/index.ts';
export {
  type Picodollars,
  picoFromUsd,
  roundToMicroUsd,
  tokensCost,
  usdFromPico,
} from './money.ts';
export {
  formatPath,
  PROBLEM_CATALOG,
  PROBLEM_CODES,
  type Problem,
  type ProblemCode,
  type Severity,
} from './problems.ts';
export { ExampleLineError, PromptVariantError } from './prompt/errors.ts';
export {
  contentText,
  type Prompt,
  type PromptWithReference,
  promptAndReference,
  type ReferenceAnswer,
  type ToolCallAnswer,
} from './prompt/prompt.ts';
export {
  type PromptExample,
  type ReadPromptExamplesOptions,
  readPromptExamples,
} from './prompt/read-examples.ts';
export {
  applyPromptVariant,
  INPUT_PLACEHOLDER,
  loadPromptVariant,
  PromptVariant,
} from './prompt/variant.ts';
export { percent } from './ratio.ts';
export {
  DEFAULT_MAX_LINE_BYTES,
  type ReadLinesOptions,
  readLines,
  type SourceLine,
} from './reader/lines.ts';
export type { TrainingSource } from './reader/source.ts';
export {
  analyzeBreakEven,
  type BreakEvenAnalysis,
  type BreakEvenInput,
  breakEvenVerdict,
  type PeriodCosts,
  type RequestCost,
} from './roi/break-even.ts';
export { RoiInputError } from './roi/errors.ts';
export {
  estimateFineTuningRoi,
  type RequestsInput,
  type RoiEstimate,
  type RoiOptions,
  type RoiTraining,
  type TrainingInput,
} from './roi/estimate.ts';
export {
  catalogEntry,
  inferencePrices,
  MissingPriceError,
  type RoiPrices,
  roiPrices,
} from './roi/prices.ts';
export {
  type InferencePrices,
  promptReductionForEqualCost,
  promptReductionForMultiplier,
  type Share,
} from './roi/prompt-reduction.ts';
export {
  type CountRequestsOptions,
  countRequestTokens,
  type RequestTokens,
  type RequestTokenTotals,
  totalRequestTokens,
} from './roi/request-tokens.ts';
export {
  describeDuration,
  parseVolume,
  VOLUME_PERIODS,
  Volume,
  type VolumePeriod,
} from './roi/volume.ts';
export {
  type SplitOptions,
  splitTrainValidation,
  validationCount,
} from './split/split-examples.ts';
export {
  type SplitFileOptions,
  type SplitFileResult,
  splitTrainingFile,
} from './split/split-file.ts';
export type { Distribution, HistogramBucket } from './stats.ts';
export { createTokenCounter, type TokenCounter } from './tokens/counter.ts';
export { ENCODINGS, type EncodingName } from './tokens/encodings.ts';
export { ExampleTokenCounter, type ExampleTokens } from './tokens/example-tokens.ts';
export { imageTokens } from './tokens/images.ts';
export type { DataStatistics, ValidationReport } from './validate/report.ts';
export {
  type ValidateOptions,
  type ValidationProgress,
  validateTrainingFile,
} from './validate/validate.ts';
