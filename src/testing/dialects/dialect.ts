import type { Answerer } from '../chat/answer.ts';
import type { RouteError } from '../http/route-error.ts';
import type { JobRecord } from '../jobs/job-record.ts';
import type { CatalogModel } from '../models/catalog.ts';
import type { TrainedModel } from '../models/trained-model.ts';
import type { StoredFile } from '../state.ts';
import type { World } from '../world.ts';

/** A JSON object as a route sends it. */
export type Wire = Record<string, unknown>;

/**
 * How one API (OpenAI's `/v1`, Azure's `/openai/v1`) writes what the fake knows. The state is
 * shared; each dialect shows it the way its service does, so one job can be read through both.
 */
export interface Dialect {
  job(job: JobRecord): Wire;
  file(file: StoredFile, nowMs: number): Wire;
  /** A catalog model listed under `name` (its id or an alias). */
  baseModel(name: string, model: CatalogModel): Wire;
  /** A model the fake trained; `base` is the catalog model it was trained from. */
  trainedModel(model: TrainedModel, base: CatalogModel | undefined): Wire;
  /** The error response, in this API's error shape. */
  errorResponse(error: RouteError): Response;
  /** The name a job's fine-tuned model will have. */
  fineTunedModelName(parts: {
    snapshot: string;
    organization: string;
    suffix: string | null;
  }): string;
  /** The job request's `trainingType`, checked; null when absent. Throws when not accepted. */
  trainingType(value: unknown): string | null;
  /** Who answers chat requests for `model`, and the model name responses report. */
  chatAnswerer(world: World, model: string): { answerer: Answerer; name: string };
}
