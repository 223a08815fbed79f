import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { JobRecord } from './job-record.ts';
import type { StepMetrics } from './loss-curve.ts';
import type { JobError } from './plan.ts';

/** One event a job writes, before it gets its id and time. */
export type NarratedEvent = { message: string } & Partial<
  Pick<FineTuningJobEvent, 'level' | 'type' | 'data'>
>;

/**
 * What a job says as it moves along, in one API's words: the engine decides what happens, the
 * narrator how the service tells it (OpenAI's "Step 12/90: training loss=…", Together's
 * `job_start`, `epoch_complete`…). Each method returns the events to write, oldest first.
 */
export interface Narrator {
  created(job: JobRecord): NarratedEvent[];
  validated(job: JobRecord): NarratedEvent[];
  rejected(job: JobRecord, error: JobError): NarratedEvent[];
  started(job: JobRecord): NarratedEvent[];
  step(
    job: JobRecord,
    metrics: StepMetrics,
    totalSteps: number,
    stepsPerEpoch: number,
  ): NarratedEvent[];
  /** A checkpoint saved during training (`final`: the last one, which is the model). */
  checkpoint(job: JobRecord, step: number, name: string, final: boolean): NarratedEvent[];
  /** The job succeeded: `earlier` are the checkpoints before the final one. */
  finished(job: JobRecord, earlier: ReadonlyArray<{ step: number; name: string }>): NarratedEvent[];
  cancelled(job: JobRecord): NarratedEvent[];
  paused(job: JobRecord): NarratedEvent[];
  resumed(job: JobRecord): NarratedEvent[];
}

function formatLoss(value: number): string {
  return value.toFixed(2);
}

/** "Step 12/90: training loss=0.48, validation loss=0.52", as the real service words it. */
function stepMessage(metrics: StepMetrics, totalSteps: number): string {
  let message = `Step ${metrics.step}/${totalSteps}: training loss=${formatLoss(metrics.train_loss)}`;
  if (metrics.valid_loss !== undefined) {
    message += `, validation loss=${formatLoss(metrics.valid_loss)}`;
  }
  if (metrics.full_valid_loss !== undefined) {
    message += `, full validation loss=${formatLoss(metrics.full_valid_loss)}`;
  }
  return message;
}

/** OpenAI's events (and Azure's, which are OpenAI's). */
export const openaiNarrator: Narrator = {
  created(job) {
    const files = job.validationFile
      ? `${job.trainingFile} and validation file: ${job.validationFile}`
      : job.trainingFile;
    return [
      { message: `Created fine-tuning job: ${job.id}` },
      { message: `Validating training file: ${files}` },
    ];
  },
  validated: () => [{ message: 'Files validated, moving job to queued state' }],
  rejected: (_job, error) => [{ message: error.message, level: 'error' }],
  // The real service sends `data: null` on this one event.
  started: () => [{ message: 'Fine-tuning job started', data: null }],
  step: (_job, metrics, totalSteps) => [
    {
      message: stepMessage(metrics, totalSteps),
      type: 'metrics',
      data: { ...metrics, total_steps: totalSteps },
    },
  ],
  // OpenAI announces checkpoints at the end, with the model.
  checkpoint: () => [],
  finished(job, earlier) {
    return [
      ...earlier.map(({ step, name }) => ({
        message: `Checkpoint created at step ${step} with Snapshot ID: ${name}`,
      })),
      { message: `New fine-tuned model created: ${job.plannedModel}` },
      { message: 'Evaluating model against our usage policies' },
      { message: 'Usage policy evaluations completed, model is now enabled for sampling' },
      { message: 'The job has successfully completed' },
    ];
  },
  cancelled: () => [{ message: 'Fine-tuning job cancelled' }],
  paused: () => [{ message: 'Fine-tuning job paused' }],
  resumed: () => [{ message: 'Fine-tuning job resumed' }],
};

/** A Together event: its lifecycle type kept in `data.together_type`, numbers beside it. */
function together(
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): NarratedEvent {
  return { message, data: { together_type: type, ...extra } };
}

/**
 * Together AI's events, by the event types of its `together-ai` client (`job_pending`,
 * `job_start`, `training_start`, `epoch_complete`, `checkpoint_save`, `job_complete`…). The
 * messages are plausible, not Together's own words (none were published).
 */
export const togetherNarrator: Narrator = {
  created: (job) => [together('job_pending', `Fine-tune request created for ${job.id}`)],
  validated: () => [together('job_start', 'Job started: files validated, waiting in the queue')],
  rejected: (_job, error) => [{ ...together('job_error', error.message), level: 'error' }],
  started: (job) => [
    together('model_downloading', `Downloading model ${job.model}`),
    together('model_download_complete', 'Model downloaded'),
    together('training_data_downloading', `Downloading training data ${job.trainingFile}`),
    together('training_data_download_complete', 'Training data downloaded'),
    together('training_start', 'Training started'),
  ],
  step(_job, metrics, totalSteps, stepsPerEpoch) {
    if (metrics.step % stepsPerEpoch !== 0) return [];
    const epoch = metrics.step / stepsPerEpoch;
    return [
      together('epoch_complete', `Epoch ${epoch} completed at step ${metrics.step}`, {
        step: metrics.step,
        total_steps: totalSteps,
      }),
    ];
  },
  checkpoint: (job, step) => [
    together('checkpoint_save', `Checkpoint saved at step ${step}`, {
      step,
      checkpoint_path: `s3://together-fake/${job.id}/checkpoint-${step}`,
    }),
  ],
  finished: (job) => [
    together('training_complete', 'Training completed'),
    together('model_compressing', 'Compressing the model'),
    together('model_compression_complete', 'Model compressed'),
    together('model_uploading', 'Uploading the model'),
    together('model_upload_complete', 'Model uploaded', {
      model_path: `s3://together-fake/${job.id}/model`,
    }),
    together('job_complete', `Job completed: ${job.plannedModel} is ready`),
  ],
  cancelled: () => [together('cancel_requested', 'Cancellation requested')],
  paused: () => [],
  resumed: () => [],
};
