export { TuneKit } from './client.ts';
export { APIPromise, type APIResponse } from './core/api-promise.ts';
export * from './core/errors/index.ts';
export type { HeaderRecord } from './core/headers.ts';
export type { RequestOptions } from './core/http-client.ts';
export type { Logger, LogLevel } from './core/logger.ts';
export type { ClientOptions, FetchLike } from './core/options.ts';
export { CursorPage, PagePromise } from './core/pagination.ts';
export {
  isProviderFeature,
  PROVIDER_FEATURES,
  PROVIDER_NAMES,
  type ProviderFeature,
  type ProviderName,
} from './core/providers/features.ts';
export type { ProviderInfo } from './core/providers/provider-info.ts';
export type { ProviderOptions } from './core/providers/provider-options.ts';
export type { QueryInit } from './core/query.ts';
export type { WithRequestId } from './core/request-id.ts';
export { Stream } from './core/stream.ts';
export type { Uploadable } from './core/uploadable.ts';
export type { StrictRule, StrictSchemaProblem } from './data/answers/strict-schema.ts';
export type {
  LifecycleOptions,
  LifecycleStatus,
  ModelLifecycle,
} from './data/catalog/lifecycle.ts';
export {
  assembleChatCompletion,
  ChatCompletionAccumulator,
} from './resources/chat/accumulator.ts';
export { ChatCompletionStream } from './resources/chat/chat-completion-stream.ts';
export type {
  Chat,
  ChatCompletionParseParams,
  ChatCompletionRunToolsParams,
  ChatCompletionStreamFor,
  ChatCompletionStreamParams,
  Completions as ChatCompletions,
  RunToolsOptions,
} from './resources/chat/completions.ts';
export * from './resources/chat/errors/index.ts';
export { ParsedChatCompletionStream } from './resources/chat/structured/parsed-stream.ts';
export {
  DEFAULT_MAX_ROUNDS,
  type ToolLoopResult,
  type ToolRun,
} from './resources/chat/structured/tool-loop.ts';
export type {
  DeepPartial,
  ParsedChatCompletion,
  ParsedChatCompletionMessage,
  ParsedChoice,
  ParsedFunctionToolCall,
  ParsedOf,
  ParsedToolCall,
  ToolOf,
} from './resources/chat/structured/types.ts';
export {
  type ToolCallContext,
  type ZodFunctionTool,
  type ZodResponseFormat,
  zodFunction,
  zodResponseFormat,
} from './resources/chat/structured/zod-helpers.ts';
export type { FileCreateParams } from './resources/files/create-params.ts';
export { FileProcessingError, JsonlParseError } from './resources/files/errors.ts';
export type { Files } from './resources/files/files.ts';
export {
  DEFAULT_UPLOAD_THRESHOLD,
  type FileUploadOptions,
} from './resources/files/upload.ts';
export type { WaitForProcessingOptions } from './resources/files/wait-for-processing.ts';
export * from './resources/jobs/errors.ts';
export type { FollowOptions } from './resources/jobs/follow.ts';
export { CLIENT_TOKEN_KEY } from './resources/jobs/idempotent-create.ts';
export type {
  JobCreateOptions,
  JobDownloadParams,
  Jobs,
  ResultFileReader,
} from './resources/jobs/jobs.ts';
export { MetricsParseError, MetricsRow, parseMetricsCsv } from './resources/jobs/metrics.ts';
export type { WaitOptions } from './resources/jobs/wait.ts';
export type { Models } from './resources/models/models.ts';
export {
  MAX_PART_BYTES,
  MAX_UPLOAD_BYTES,
  type UploadFileOptions,
  type UploadProgress,
  type UploadState,
} from './resources/uploads/upload-file.ts';
export type { Uploads } from './resources/uploads/uploads.ts';
export { WaitTimeoutError } from './resources/wait-timeout-error.ts';
export * from './schemas/index.ts';
export { VERSION } from './version.ts';
export { BudgetExhaustedError, type BudgetLimit } from './workflow/eval/budget.ts';
export type { EvalCandidate } from './workflow/eval/candidates.ts';
export { runEval } from './workflow/eval/index.ts';
export type { EvalOptions, EvalProgress } from './workflow/eval/options.ts';
export { renderEvalHtml } from './workflow/eval/report/html.ts';
export type {
  CandidateSummary,
  Disagreement,
  EvalReport,
  LatencySummary,
  PairwiseComparison,
  ScoreSummary,
} from './workflow/eval/report/types.ts';
export { EvalResult, ResultsFileError } from './workflow/eval/results-file.ts';
export type { CustomScore } from './workflow/eval/scorers/custom.ts';
export { ScorerError, ScoreUnavailableError } from './workflow/eval/scorers/errors.ts';
export { scorers } from './workflow/eval/scorers/index.ts';
export type { ScorerSchemaInput } from './workflow/eval/scorers/json.ts';
export type {
  ModelOutput,
  Score,
  ScoreContext,
  Scorer,
  ScorerKind,
} from './workflow/eval/scorers/scorer.ts';
export { normalizeAnswer } from './workflow/eval/scorers/text.ts';
export type { Interval } from './workflow/eval/stats/wilson.ts';
export { IncompleteDownloadError } from './workflow/export/errors.ts';
export type {
  ExportOptions,
  ExportProgress,
  ExportResult,
} from './workflow/export/export-all.ts';
export { exportAll } from './workflow/export/index.ts';
export {
  ExportedFile,
  ExportedJob,
  ExportManifest,
  ExportProblem,
  StoredCopy,
} from './workflow/export/manifest.ts';
export { FineTuneDeclinedError, TrainingDataError } from './workflow/fine-tune/errors.ts';
export { fineTune } from './workflow/fine-tune/index.ts';
export { resumeToken } from './workflow/fine-tune/resume-token.ts';
export type {
  FileRole,
  FineTuneOptions,
  FineTunePlan,
  FineTuneResult,
  FineTuneStage,
} from './workflow/fine-tune/types.ts';
export type { JobPlan } from './workflow/plan/plan-job.ts';
