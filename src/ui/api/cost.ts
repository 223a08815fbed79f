import type { TuneKit } from '../../client.ts';
import {
  defaultCatalog,
  estimateTrainingCost,
  type ModelEntry,
  validateTrainingFile,
} from '../../data/index.ts';
import { type FineTuningJob, isTerminalJobStatus } from '../../schemas/index.ts';

/** What a job costs to train, as far as tunekit can tell. */
export interface CostView {
  /** Dollars as a decimal string ("2.40"), or null when unknown. */
  usd: string | null;
  /**
   * `trained`: from the job's `trained_tokens` at the catalog price; `estimate`: from the
   * training file's tokens and the epochs, before the job has trained; `unknown`: no figure.
   */
  basis: 'trained' | 'estimate' | 'unknown';
  /** Tokens the figure is for. */
  tokens: number | null;
  /** One sentence on how the figure was reached, or why there is none. */
  note: string;
}

/** Training files larger than this are not read back for an estimate (time, bandwidth). */
const MAX_ESTIMATE_BYTES = 50 * 1024 * 1024;

type Counted =
  | { tokensPerEpoch: number; examples: number }
  | { failed: string }
  | { pending: true };

const COUNTING: CostView = {
  usd: null,
  basis: 'unknown',
  tokens: null,
  note: 'Counting the training file’s tokens for an estimate…',
};

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The epochs a job trains for: resolved by the service once running, else as requested.
 *
 * @example
 * epochsOfJob(job); // 3, or 'auto'
 */
export function epochsOfJob(job: FineTuningJob): number | 'auto' {
  const resolved = numberOf(job.hyperparameters?.n_epochs);
  if (resolved !== undefined) return resolved;
  const method = job.method as Record<string, unknown> | null | undefined;
  const settings = method?.[String(method?.type)] as
    | { hyperparameters?: Record<string, unknown> }
    | undefined;
  return numberOf(settings?.hyperparameters?.n_epochs) ?? 'auto';
}

/**
 * Costs of jobs: the figure is computed at once from what is known; an estimate that needs the
 * training file's tokens is worked out in the background (one file at a time, each file once)
 * and `onUpdate` is called when it lands, so the next look shows it.
 */
export class CostBook {
  readonly #client: TuneKit;
  readonly #onUpdate: () => void;
  readonly #counted = new Map<string, Counted>();
  #queue: Promise<void> = Promise.resolve();

  constructor(client: TuneKit, onUpdate: () => void) {
    this.#client = client;
    this.#onUpdate = onUpdate;
  }

  /** The catalog entry whose training price applies at this provider, if any. */
  #priced(model: string): ModelEntry | undefined {
    const entry = defaultCatalog.find(model);
    return entry && entry.provider === this.#client.provider.catalogProvider ? entry : undefined;
  }

  /**
   * The cost of a job: from trained tokens when the job reports them, else an estimate.
   *
   * @example
   * book.of(job); // { usd: '0.36', basis: 'trained', tokens: 120000, note: '…' }
   */
  of(job: FineTuningJob): CostView {
    const entry = this.#priced(job.model);
    const noPrice: CostView = {
      usd: null,
      basis: 'unknown',
      tokens: numberOf(job.trained_tokens) ?? null,
      note: `tunekit's catalog has no training price for ${job.model} at ${this.#client.provider.label}.`,
    };
    const trained = numberOf(job.trained_tokens);
    if (trained !== undefined) {
      if (!entry) return noPrice;
      const cost = estimateTrainingCost({
        model: entry,
        tokensPerEpoch: trained,
        examples: 1,
        epochs: 1,
      });
      return {
        usd: cost.usd,
        basis: cost.usd === null ? 'unknown' : 'trained',
        tokens: trained,
        note:
          cost.note ??
          `${trained.toLocaleString('en-US')} trained tokens at $${cost.usdPer1M} per 1M (catalog price).`,
      };
    }
    if (isTerminalJobStatus(job.status)) {
      return {
        usd: null,
        basis: 'unknown',
        tokens: null,
        note: 'The API reported no trained tokens for this job.',
      };
    }
    if (!entry) return noPrice;
    const key = `${job.training_file}|${entry.id}`;
    const counted = this.#counted.get(key);
    if (!counted) {
      this.#count(key, job.training_file, entry);
      return COUNTING;
    }
    if ('pending' in counted) return COUNTING;
    if ('failed' in counted)
      return { usd: null, basis: 'unknown', tokens: null, note: counted.failed };
    const estimate = estimateTrainingCost({
      model: entry,
      tokensPerEpoch: counted.tokensPerEpoch,
      examples: counted.examples,
      epochs: epochsOfJob(job),
    });
    return {
      usd: estimate.usd,
      basis: estimate.usd === null ? 'unknown' : 'estimate',
      tokens: estimate.trainedTokens,
      note:
        estimate.note ??
        `Estimate: ${estimate.tokensPerEpoch.toLocaleString('en-US')} tokens × ${estimate.epochs} epoch${estimate.epochs === 1 ? '' : 's'}${estimate.autoEpochs ? ' (auto)' : ''} at $${estimate.usdPer1M} per 1M.`,
    };
  }

  #count(key: string, fileId: string, entry: ModelEntry): void {
    this.#counted.set(key, { pending: true });
    this.#queue = this.#queue
      .then(() => this.#countFile(fileId, entry))
      .then(
        (counted) => this.#counted.set(key, counted),
        () => this.#counted.set(key, { failed: 'The training file could not be read back.' }),
      )
      .then(() => this.#onUpdate());
  }

  async #countFile(fileId: string, entry: ModelEntry): Promise<Counted> {
    const file = await this.#client.files.retrieve(fileId);
    if ((file.bytes ?? 0) > MAX_ESTIMATE_BYTES) {
      return { failed: 'The training file is too large to read back for an estimate.' };
    }
    const content = await this.#client.files.content(fileId);
    if (!content.body) return { failed: 'The training file is empty.' };
    const report = await validateTrainingFile(content.body as ReadableStream<Uint8Array>, {
      model: entry.id,
      workers: 0,
    });
    return {
      tokensPerEpoch: report.stats.billableTokensPerEpoch,
      examples: report.stats.examples,
    };
  }
}
