import { randomBytes } from 'node:crypto';
import { jsonResponse } from '../http/respond.ts';
import { invalidRequest, RouteError } from '../http/route-error.ts';
import type { TrainedModel } from '../models/trained-model.ts';
import type { Dialect } from './dialect.ts';
import { openaiDialect } from './openai.ts';

/**
 * Azure's error codes by status, from the Azure OpenAI REST spec's `ErrorCode` (2024-10-21). A
 * code the route set itself (OpenAI's `model_not_found`, …) goes to `innererror` instead.
 */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'invalidPayload',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  429: 'tooManyRequests',
  500: 'internalFailure',
  503: 'serviceUnavailable',
};

/** The spellings of the training tiers Microsoft's samples use, lower-cased. */
const TRAINING_TYPES = new Set(['standard', 'globalstandard', 'developer', 'developertier']);

/** Azure says `pending` where OpenAI says validating_files or queued (2024-10-21 `FineTuningState`). */
const STATUS: Record<string, string> = { validating_files: 'pending', queued: 'pending' };

const SECONDS = (day: string | undefined) =>
  day === undefined ? undefined : Date.parse(`${day}T00:00:00Z`) / 1000;

function deprecation(shutdown: string | undefined, trainingEnd: string | undefined) {
  const out: Record<string, number> = {};
  const fineTune = SECONDS(trainingEnd);
  const inference = SECONDS(shutdown);
  if (fineTune !== undefined) out.fine_tune = fineTune;
  if (inference !== undefined) out.inference = inference;
  return out;
}

const CHAT_CAPABILITIES = {
  fine_tune: false,
  inference: true,
  completion: false,
  chat_completion: true,
  embeddings: false,
};

/**
 * Azure AI Foundry's v1 API at `/openai/v1`, as far as it is documented to differ (see
 * docs/testing.md, "The Azure flavour", for what is faithful and what is plausible).
 */
export const azureDialect: Dialect = {
  job: (record) => {
    const job = openaiDialect.job(record);
    const status = STATUS[record.status] ?? record.status;
    const wire: Record<string, unknown> = {
      ...job,
      status,
      // Absent until the job has results, rather than an empty list.
      result_files: record.resultFiles.length > 0 ? record.resultFiles : null,
    };
    delete wire.estimated_finish;
    return wire;
  },
  file: (file, nowMs) => {
    const wire = openaiDialect.file(file, nowMs);
    // The spec: `uploaded` "is not returned by Azure OpenAI"; a file waiting is `pending`.
    return { ...wire, status: wire.status === 'uploaded' ? 'pending' : wire.status };
  },
  baseModel: (name, model) => ({
    id: name,
    object: 'model',
    created_at: model.created,
    status: 'succeeded',
    capabilities: { ...CHAT_CAPABILITIES, fine_tune: model.fineTuning.length > 0 },
    lifecycle_status: 'generally-available',
    deprecation: deprecation(model.azure?.shutdown_date, model.azure?.training_end_date),
  }),
  trainedModel: (model: TrainedModel, base) => ({
    id: model.id,
    object: 'model',
    created_at: model.created,
    status: 'succeeded',
    model: model.base,
    fine_tune: model.jobId,
    capabilities: { ...CHAT_CAPABILITIES, fine_tune: true },
    lifecycle_status: 'generally-available',
    // A fine-tune is retired with its base model.
    deprecation: deprecation(base?.azure?.shutdown_date, undefined),
  }),
  errorResponse: (error) => {
    // Codes written Azure's way (`DeploymentNotFound`) are Azure's own; OpenAI's snake_case
    // codes become the inner error under the status's Azure code.
    const own = error.code !== null && !error.code.includes('_');
    const code =
      error.status === 401
        ? '401'
        : own
          ? error.code
          : (CODE_OF_STATUS[error.status] ?? 'internalFailure');
    const body: Record<string, unknown> = { code, message: error.message };
    if (error.param) body.target = error.param;
    if (error.code && !own) body.innererror = { code: error.code };
    return jsonResponse({ error: body }, error.status, error.headers);
  },
  // `{base}.ft-{32 hex}`, as Azure's documentation shows fine-tuned models.
  fineTunedModelName: ({ snapshot }) => `${snapshot}.ft-${randomBytes(16).toString('hex')}`,
  trainingType: (value) => {
    if (value === undefined) return null;
    if (typeof value !== 'string' || !TRAINING_TYPES.has(value.toLowerCase())) {
      throw invalidRequest(
        `Invalid trainingType ${JSON.stringify(value)}: expected Standard, GlobalStandard or Developer.`,
        'trainingType',
      );
    }
    return value;
  },
  chatAnswerer: (world, model) => {
    // Base models answer under their own names, as if deployed under them.
    const base = world.catalog.find(model);
    if (base) return { answerer: { kind: 'base' }, name: base.id };
    const deployed = world.state.deployments.get(model);
    const trained = deployed === undefined ? undefined : world.state.trainedModels.get(deployed);
    if (trained) return { answerer: { kind: 'trained', pairs: trained.pairs }, name: trained.id };
    // Azure serves fine-tuned models only through a deployment, named in `model`.
    throw new RouteError(404, {
      message:
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      code: 'DeploymentNotFound',
    });
  },
};
