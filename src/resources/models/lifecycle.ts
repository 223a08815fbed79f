import { withNote } from '../../core/error-from-response.ts';
import { APIError } from '../../core/errors/api-error.ts';
import type { HttpClient } from '../../core/http-client.ts';
import { pathId } from '../../core/path.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import { Model } from '../../schemas/model.ts';

/** Options of the API-informed lifecycle check. */
export interface LifecycleCheck {
  /** The shutdown date the API reported for the model, preferred over the catalog. */
  apiShutdownDate?: string | number | null | undefined;
  /** The last day of fine-tuning the API reported (Azure's `deprecation.fine_tune`). */
  apiTrainingEndDate?: string | number | null | undefined;
  warnWithinDays?: number | undefined;
}

/**
 * The lifecycle of a model for the client's provider and clock. The catalog module is loaded
 * only here, on first use, so `import 'tunekit'` stays light.
 */
export async function lifecycleFor(
  http: HttpClient,
  model: string,
  check: LifecycleCheck = {},
): Promise<ModelLifecycle> {
  const { modelLifecycle } = await import('../../data/catalog/lifecycle.ts');
  return modelLifecycle(model, {
    now: http.now(),
    provider: http.provider.catalogProvider,
    ...check,
  });
}

/** The dates a model's API record carries: OpenAI's `shutdown_date`, Azure's `deprecation`. */
export function reportedDates(reported: Model | undefined): LifecycleCheck {
  return {
    apiShutdownDate: reported?.shutdown_date,
    apiTrainingEndDate: reported?.deprecation?.fine_tune,
  };
}

/** How long the create waits for the model's dates from the API before going ahead without. */
const LOOKUP_TIMEOUT_MS = 10_000;

/**
 * The model's dates as the API reports them, for providers the catalog has nothing on (Azure
 * reports `deprecation`). One quick attempt; any failure means "not reported".
 */
async function quickLookup(http: HttpClient, model: string): Promise<LifecycleCheck> {
  const found = await http
    .json(
      {
        method: 'GET',
        path: `/models/${pathId(model, 'model', { allowSlash: true })}`,
        features: ['models'],
        options: { maxRetries: 0, timeout: LOOKUP_TIMEOUT_MS },
      },
      Model,
    )
    .then(
      (reported) => reported,
      () => undefined,
    );
  return reportedDates(found);
}

/**
 * Logs a warning when a job is about to train a model that is shut down, closed to training
 * or retiring within 90 days: from the catalog, or — when the catalog knows nothing of the
 * model at this provider — from the dates the API reports for it. Never fails the create: a
 * check that cannot run is logged at debug level and the job goes ahead. A lifecycle the
 * caller already `known` is used as it is: no second lookup.
 */
export async function warnBeforeTraining(
  http: HttpClient,
  model: string,
  warn = true,
  known?: ModelLifecycle,
): Promise<ModelLifecycle | undefined> {
  try {
    let life = known ?? (await lifecycleFor(http, model));
    if (!known && life.status === 'unknown' && http.provider.whyNot('models') === undefined) {
      life = await lifecycleFor(http, model, await quickLookup(http, model));
    }
    if (warn && life.needsConfirmation) http.logger.warn(`Fine-tuning ${model}: ${life.message}`);
    return life;
  } catch (error) {
    http.logger.debug(`Could not check the lifecycle of ${model}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Statuses that say something about the request itself, not about the model's availability. */
const UNRELATED = new Set([401, 408, 409, 429]);

/**
 * The create's error, explained when the model cannot be trained any more: after a provider
 * closes fine-tuning (OpenAI on 2027-01-06) its 4xx says little; the note says what happened
 * and where to go instead.
 */
export function explainRefusal(error: unknown, life: ModelLifecycle | undefined): unknown {
  if (!(error instanceof APIError) || life === undefined) return error;
  if (error.status < 400 || error.status >= 500 || UNRELATED.has(error.status)) return error;
  if (life.status !== 'training-closed' && life.status !== 'shut-down') return error;
  return withNote(error, life.message);
}
