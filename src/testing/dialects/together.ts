import { randomBytes } from 'node:crypto';
import type { FineTuningJobCheckpoint } from '../../schemas/fine-tuning-checkpoint.ts';
import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import { errorResponse } from '../http/respond.ts';
import { RouteError } from '../http/route-error.ts';
import type { JobRecord } from '../jobs/job-record.ts';
import type { CatalogModel } from '../models/catalog.ts';
import type { TrainedModel } from '../models/trained-model.ts';
import type { StoredFile } from '../state.ts';
import type { Dialect, Wire } from './dialect.ts';

// Together AI's shapes, from its `together-ai` client 0.52 (src/resources/fine-tuning.ts,
// files.ts, models.ts). What is plausible rather than documented is said in docs/testing.md,
// "The Together flavour".

/** The fake's statuses (OpenAI's) as Together's. */
const STATUS: Record<string, string> = {
  validating_files: 'pending',
  queued: 'queued',
  running: 'running',
  succeeded: 'completed',
  failed: 'error',
  cancelled: 'cancelled',
};

const iso = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString();

/** Together's learning rate when a job does not set one. */
export const DEFAULT_LEARNING_RATE = 1e-5;

/** When the job last changed: its last event, or its creation. */
function updatedAt(job: JobRecord): number {
  return job.history.events.at(-1)?.created_at ?? job.createdAt;
}

/** The fields every job shape has (`POST /fine-tunes`, list items, `GET /fine-tunes/{id}`). */
function commonFields(job: JobRecord): Wire {
  const own = job.together ?? {};
  const started = job.history.events.find((e) => e.data?.together_type === 'training_start');
  const epochs = job.hyperparameters?.n_epochs ?? job.requested.n_epochs;
  const datasetTokens =
    job.trainedTokens !== null && typeof epochs === 'number'
      ? Math.round(job.trainedTokens / epochs)
      : null;
  const wire: Wire = {
    id: job.id,
    created_at: iso(job.createdAt),
    updated_at: iso(updatedAt(job)),
    started_at: iso(started?.created_at),
    status: STATUS[job.status] ?? job.status,
    user_id: job.organizationId,
    owner_address: `0x${Buffer.from(job.organizationId).toString('hex').slice(0, 40).padEnd(40, '0')}`,
    model: job.model,
    model_output_name: job.plannedModel,
    training_file: job.trainingFile,
    validation_file: job.validationFile ?? '',
    n_epochs: typeof epochs === 'number' ? epochs : 1,
    batch_size: job.hyperparameters?.batch_size ?? job.requested.batch_size ?? 'max',
    learning_rate: own.learning_rate ?? DEFAULT_LEARNING_RATE,
    n_checkpoints: own.n_checkpoints ?? 1,
    n_evals: own.n_evals ?? 0,
    warmup_ratio: own.warmup_ratio ?? 0,
    max_grad_norm: own.max_grad_norm ?? 1,
    weight_decay: own.weight_decay ?? 0,
    lr_scheduler: own.lr_scheduler ?? {
      lr_scheduler_type: 'cosine',
      lr_scheduler_args: { min_lr_ratio: 0, num_cycles: 0.5 },
    },
    training_type: own.training_type ?? { type: 'Lora', lora_r: 64, lora_alpha: 128 },
    training_method: own.training_method ?? { method: 'sft', train_on_inputs: 'auto' },
    token_count: datasetTokens,
    progress: { estimate_available: false, seconds_remaining: 0 },
  };
  for (const key of ['wandb_project_name', 'wandb_name', 'from_checkpoint', 'from_hf_model']) {
    if (own[key] !== undefined) wire[key] = own[key];
  }
  return wire;
}

/**
 * The job as `POST /fine-tunes`, `GET /fine-tunes` and `/cancel` answer it (Together's
 * "truncated" job: with `suffix`, `packing`, `max_seq_length` and `random_seed`).
 */
export function truncatedJob(job: JobRecord): Wire {
  const own = job.together ?? {};
  return {
    ...commonFields(job),
    suffix: job.suffix ?? undefined,
    random_seed: job.seed,
    packing: own.packing ?? true,
    max_seq_length: own.max_seq_length ?? 8192,
  };
}

/** An event as Together lists it: no id, an ISO time, its lifecycle type. */
export function togetherEvent(event: FineTuningJobEvent): Wire {
  const { together_type, ...numbers } = (event.data ?? {}) as Record<string, unknown>;
  return {
    object: 'fine-tune-event',
    created_at: iso(event.created_at),
    level: event.level === 'warn' ? 'warning' : event.level,
    message: event.message,
    type: together_type ?? 'warning',
    ...numbers,
  };
}

/** The job as `GET /fine-tunes/{id}` answers it, with its events. */
function fullJob(job: JobRecord): Wire {
  const steps = job.history.events.filter((e) => e.data?.together_type === 'epoch_complete');
  return {
    ...commonFields(job),
    job_id: job.id,
    epochs_completed: steps.length,
    queue_depth: job.status === 'queued' ? 1 : 0,
    param_count: 8_030_261_248,
    model_output_path: `s3://together-fake/${job.id}/model`,
    adapter_output_name: `${job.plannedModel}-adapter`,
    events: job.history.events.map(togetherEvent),
  };
}

/** A checkpoint as `GET /fine-tunes/{id}/checkpoints` lists it. */
export function togetherCheckpoint(job: JobRecord, checkpoint: FineTuningJobCheckpoint): Wire {
  const final = checkpoint.fine_tuned_model_checkpoint === job.plannedModel;
  const full = (job.together?.training_type as { type?: string } | undefined)?.type === 'Full';
  return {
    checkpoint_type: final ? 'Final' : `Intermediate (step ${checkpoint.step_number})`,
    created_at: iso(checkpoint.created_at),
    path: `s3://together-fake/${job.id}/checkpoint-${checkpoint.step_number}`,
    step: checkpoint.step_number,
    checkpoint: full ? 'model' : 'adapter',
  };
}

/** `Meta-Llama-3.1-8B-Instruct-Reference` from `meta-llama/Meta-Llama-3.1-8B-Instruct-Reference`. */
const shortName = (id: string) => id.slice(id.lastIndexOf('/') + 1);

const FAKE_PRICING = { base: 0, finetune: 0, hourly: 0, input: 0, output: 0 };

/** Together AI's API at `/v1` of a fake created with `provider: 'together'`. */
export const togetherDialect: Dialect = {
  job: (job) => fullJob(job),
  file: (file: StoredFile, nowMs: number) => {
    const processed = nowMs >= file.processedAtMs;
    const wire: Wire = {
      id: file.id,
      object: 'file',
      bytes: file.content.byteLength,
      created_at: file.createdAt,
      filename: file.filename,
      purpose: file.purpose,
      FileType: file.filename.toLowerCase().endsWith('.csv')
        ? 'csv'
        : file.filename.toLowerCase().endsWith('.parquet')
          ? 'parquet'
          : 'jsonl',
      Processed: processed,
    };
    if (file.purpose === 'fine-tune') {
      wire.processing_status = processed ? 'COMPLETED' : 'PENDING';
      if (processed) {
        const lines = new TextDecoder()
          .decode(file.content)
          .split('\n')
          .filter((l) => l.trim());
        wire.validation_report = {
          valid: true,
          file_id: file.id,
          nlines: lines.length,
          dataset_format: lines[0]?.includes('"messages"') ? 'CONVERSATION' : 'INSTRUCTION',
        };
      }
    }
    return wire;
  },
  baseModel: (name: string, model: CatalogModel) => ({
    id: name,
    object: 'model',
    created: model.created,
    type: 'chat',
    display_name: shortName(model.id).replaceAll('-', ' '),
    organization: model.owned_by,
    context_length: 131_072,
    license: 'see the model card',
    link: `https://huggingface.co/${model.id}`,
    pricing: FAKE_PRICING,
  }),
  trainedModel: (model: TrainedModel) => ({
    id: model.id,
    object: 'model',
    created: model.created,
    type: 'chat',
    display_name: shortName(model.id),
    organization: model.owned_by,
    pricing: FAKE_PRICING,
  }),
  errorResponse,
  // `<user>/<base model>-<suffix>-<8 hex>`, the shape Together's examples show.
  fineTunedModelName: ({ snapshot, organization, suffix }) =>
    `${organization}/${shortName(snapshot)}${suffix ? `-${suffix}` : ''}-${randomBytes(4).toString('hex')}`,
  trainingType: (value) => {
    if (value === undefined) return null;
    throw new RouteError(400, { message: 'Unknown field: trainingType', param: 'trainingType' });
  },
  chatAnswerer: (world, model) => {
    const base = world.catalog.find(model);
    if (base) return { answerer: { kind: 'base' }, name: base.id };
    const trained = world.state.trainedModels.get(model);
    if (trained) return { answerer: { kind: 'trained', pairs: trained.pairs }, name: trained.id };
    throw new RouteError(404, {
      message: `Unable to access model ${model}. Please visit https://api.together.ai/models to view the list of supported models.`,
      type: 'invalid_request_error',
      param: 'model',
      code: 'model_not_available',
    });
  },
};
