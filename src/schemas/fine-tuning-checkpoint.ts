import { z } from 'zod';
import { TogetherCheckpointDetails } from './together.ts';

/** Metrics recorded with a checkpoint. Every member may be missing. */
export const CheckpointMetrics = z.looseObject({
  step: z.number().nullish(),
  train_loss: z.number().nullish(),
  train_mean_token_accuracy: z.number().nullish(),
  valid_loss: z.number().nullish(),
  valid_mean_token_accuracy: z.number().nullish(),
  full_valid_loss: z.number().nullish(),
  full_valid_mean_token_accuracy: z.number().nullish(),
});
export type CheckpointMetrics = z.infer<typeof CheckpointMetrics>;

/** A usable model checkpoint of a job (`object: "fine_tuning.job.checkpoint"`). */
export const FineTuningJobCheckpoint = z.looseObject({
  id: z.string(),
  object: z.string(),
  created_at: z.number(),
  fine_tuned_model_checkpoint: z.string(),
  fine_tuning_job_id: z.string(),
  step_number: z.number(),
  metrics: CheckpointMetrics.nullish(),
  /** Together AI only: the checkpoint's type, path and kind (model or adapter). */
  together: TogetherCheckpointDetails.nullish(),
});
export type FineTuningJobCheckpoint = z.infer<typeof FineTuningJobCheckpoint>;
