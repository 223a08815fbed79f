import type { TrainingPair } from '../chat/training-pairs.ts';

/** A model the fake trained: a job's fine-tuned model, or one of its checkpoints. */
export interface TrainedModel {
  /** `ft:{base}:{org}:{suffix}:{id}`, with `:ckpt-step-N` for a checkpoint. */
  id: string;
  /** The snapshot it was trained from. */
  base: string;
  /** Seconds. */
  created: number;
  owned_by: string;
  jobId: string;
  /** What the model "learned": prompts and replies of its training data. */
  pairs: readonly TrainingPair[];
  /** Checkpoints can be sampled but are not listed by `GET /models`. */
  listed: boolean;
  shutdown_date: string | undefined;
}
