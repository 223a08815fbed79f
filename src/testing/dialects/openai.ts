import { errorResponse } from '../http/respond.ts';
import { modelNotFound, RouteError } from '../http/route-error.ts';
import { newId } from '../ids.ts';
import { serializeJob } from '../jobs/job-record.ts';
import { serializeFile } from '../routes/files.ts';
import type { Dialect } from './dialect.ts';

/** OpenAI's API at `/v1`: the shapes the rest of the fake is written in. */
export const openaiDialect: Dialect = {
  job: (job) => serializeJob(job),
  file: (file, nowMs) => serializeFile(file, nowMs),
  baseModel: (name, model) => {
    const entry: Record<string, unknown> = {
      id: name,
      object: 'model',
      created: model.created,
      owned_by: model.owned_by,
    };
    if (model.shutdown_date) entry.shutdown_date = model.shutdown_date;
    return entry;
  },
  trainedModel: (model) => {
    const entry: Record<string, unknown> = {
      id: model.id,
      object: 'model',
      created: model.created,
      owned_by: model.owned_by,
    };
    if (model.shutdown_date) entry.shutdown_date = model.shutdown_date;
    return entry;
  },
  errorResponse,
  fineTunedModelName: ({ snapshot, organization, suffix }) =>
    `ft:${snapshot}:${organization}:${suffix ?? ''}:${newId.modelSuffix()}`,
  trainingType: (value) => {
    if (value === undefined) return null;
    // OpenAI's answer to a parameter it does not know.
    throw new RouteError(400, {
      message: 'Unrecognized request argument supplied: trainingType',
      param: 'trainingType',
    });
  },
  chatAnswerer: (world, model) => {
    const base = world.catalog.find(model);
    if (base) return { answerer: { kind: 'base' }, name: base.id };
    const trained = world.state.trainedModels.get(model);
    if (trained) return { answerer: { kind: 'trained', pairs: trained.pairs }, name: trained.id };
    throw modelNotFound(model);
  },
};
