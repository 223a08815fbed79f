import type { TrainingCostEstimate } from '../cost.ts';
import type { TrainingFormat } from '../formats/format.ts';
import type { Problem, ProblemCode } from '../problems.ts';
import type { Distribution, HistogramBucket } from '../stats.ts';
import type { EncodingName } from '../tokens/encodings.ts';

/** Statistics of a training file. Token figures use the model's encoding. */
export interface DataStatistics {
  /** Lines read, blank ones included. */
  lines: number;
  blankLines: number;
  /** Lines that are examples of the file's format (valid or not). */
  examples: number;
  messagesPerExample: Distribution | null;
  tokensPerExample: Distribution | null;
  assistantTokensPerExample: Distribution | null;
  /** Tokens per example in power-of-two buckets, for a histogram. */
  tokenHistogram: HistogramBucket[];
  examplesWithSystemMessage: number;
  examplesWithoutSystemMessage: number;
  examplesWithToolCalls: number;
  images: number;
  /** Images whose tokens are not included (https URLs, unreadable data, no rule for the model). */
  imagesNotCounted: number;
  totalTokens: number;
  /** Tokens billed per epoch: each example counted up to the model's per-example limit. */
  billableTokensPerEpoch: number;
  examplesOverTokenLimit: number;
}

/** The result of validating a training file. Never thrown: bad data is reported here. */
export interface ValidationReport {
  /** The path, or a description of the stream. */
  source: string;
  /** True when there is no error (warnings allowed): the API should accept the file. */
  valid: boolean;
  format: TrainingFormat | null;
  formatForced: boolean;
  /** The catalog id of the model the data was checked for, if one was given. */
  model: string | null;
  encoding: EncodingName;
  /** Per-example token limit applied, if known. */
  maxTokensPerExample: number | null;
  bytes: number;
  errors: number;
  warnings: number;
  /** How many problems of each code, all of them counted (not only the ones listed). */
  counts: Partial<Record<ProblemCode, number>>;
  /** The first `maxProblems` problems, file-level ones first, then by line. */
  problems: Problem[];
  /** True when more problems were found than listed. */
  problemsTruncated: boolean;
  stats: DataStatistics;
  /** Training cost with `auto` epochs, when a model with a per-token price was given. */
  cost: TrainingCostEstimate | null;
  durationMs: number;
}
