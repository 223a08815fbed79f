import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { ModelCatalog } from '../../data/catalog/catalog.ts';
import type { TrainingFormat } from '../../data/formats/format.ts';
import type { PromptExample } from '../../data/prompt/read-examples.ts';
import type { TrainingSource } from '../../data/reader/source.ts';
import type { EvalCandidate } from './candidates.ts';
import type { Scorer } from './scorers/scorer.ts';

/** How far an evaluation has come. */
export interface EvalProgress {
  /** Requests in all: examples × candidates. */
  total: number;
  /** Requests answered, failed or reused so far. */
  done: number;
  reused: number;
  errors: number;
  /** What this run has spent, exactly; null when a price is unknown. */
  spentUsd: string | null;
}

/** Options of {@link runEval}. */
export interface EvalOptions {
  /** The held-out set: a JSONL file in a training format, or examples already read. */
  examples: TrainingSource | readonly PromptExample[];
  /** Force the examples' format instead of detecting it. */
  format?: TrainingFormat | undefined;
  /** The models to compare, each with its prompt. */
  candidates: readonly EvalCandidate[];
  /** How answers are judged; the first is primary (wins, losses, disagreements). Default: normalized match. */
  scorers?: readonly Scorer[] | undefined;
  /** Requests in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** Most requests this run may send (answers and gradings). Default: no limit. */
  maxRequests?: number | undefined;
  /** Most dollars this run may spend ("5.00"); it stops before a request could pass it. */
  maxCostUsd?: string | undefined;
  /** `max_completion_tokens` of every request (bounds the worst-case cost). Default 1,024. */
  maxOutputTokens?: number | undefined;
  /** Default 0, for repeatable answers. */
  temperature?: number | undefined;
  /**
   * A JSONL file of per-request results: read first (answers for the same requests are reused,
   * failed ones asked again), then appended to, one whole line per answer. Run again with the
   * same file to resume.
   */
  resultsFile?: string | undefined;
  /** Prices (default: the built-in catalog; see `createModelCatalog`). */
  catalog?: ModelCatalog | undefined;
  signal?: AbortSignal | undefined;
  /** Called after every request answered, failed or reused (its return value is ignored). */
  onProgress?: ((progress: EvalProgress) => unknown) | undefined;
}

const DECIMAL_USD = /^\d+(\.\d{1,6})?$/;

function wholeNumber(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}, got ${value}`, name);
  }
}

/** Refuses options that cannot work, naming the option, before anything is read or sent. */
export function checkOptions(options: EvalOptions, scorers: readonly Scorer[]): void {
  wholeNumber(options.concurrency, 'concurrency', 1);
  wholeNumber(options.maxRequests, 'maxRequests', 0);
  wholeNumber(options.maxOutputTokens, 'maxOutputTokens', 1);
  if (options.maxCostUsd !== undefined && !DECIMAL_USD.test(options.maxCostUsd)) {
    throw new InvalidArgumentError(
      `maxCostUsd must be a dollar amount like "5" or "0.25", got "${options.maxCostUsd}"`,
      'maxCostUsd',
    );
  }
  const names = new Set<string>();
  for (const scorer of scorers) {
    if (names.has(scorer.name)) {
      throw new InvalidArgumentError(`two scorers are both called "${scorer.name}"`, 'scorers');
    }
    names.add(scorer.name);
  }
}
