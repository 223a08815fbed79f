import { z } from 'zod';
import { openEnum } from './open-enum.ts';

// Together AI's own fields: what its fine-tuning API has and OpenAI's has not. Shapes from the
// `together-ai` client 0.52 (src/resources/fine-tuning.ts, files.ts, models.ts); see
// docs/providers.md, "Together AI", for the sources and what could not be confirmed.

/** LoRA (Together's default) or full fine-tuning. */
export const TogetherTrainingType = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Lora'),
    /** Rank of the adapters. Default: the model's largest (`/fine-tunes/models/limits`). */
    lora_r: z.number().int().positive().optional(),
    /** Default: twice `lora_r`. */
    lora_alpha: z.number().int().positive().optional(),
    lora_dropout: z.number().min(0).max(1).optional(),
    /** `all-linear` by default, or module names separated by commas. */
    lora_trainable_modules: z.string().optional(),
  }),
  z.object({ type: z.literal('Full') }),
]);
export type TogetherTrainingType = z.infer<typeof TogetherTrainingType>;

/** The learning-rate schedule. */
export const TogetherLrScheduler = z.object({
  lr_scheduler_type: z.enum(['linear', 'cosine']),
  lr_scheduler_args: z
    .object({
      min_lr_ratio: z.number().min(0).max(1).optional(),
      num_cycles: z.number().optional(),
    })
    .optional(),
});
export type TogetherLrScheduler = z.infer<typeof TogetherLrScheduler>;

/**
 * Together AI's own job parameters, sent as they are beside the ones tunekit maps from OpenAI's
 * (`model`, files, `suffix`, `seed`, the method's epochs, batch size and DPO beta). Only a
 * client with `provider: 'together'` takes them; the others refuse them before sending.
 * `wandb_api_key` and `hf_api_token` travel in the request body: tunekit never logs bodies.
 */
export const TogetherJobOptions = z.object({
  /** LoRA (the default when absent) or full fine-tuning. */
  training_type: TogetherTrainingType.optional(),
  /**
   * The learning rate itself (Together's default 1e-5) — not OpenAI's multiplier, which this
   * provider refuses.
   */
  learning_rate: z.number().positive().optional(),
  lr_scheduler: TogetherLrScheduler.optional(),
  warmup_ratio: z.number().min(0).max(1).optional(),
  max_grad_norm: z.number().min(0).optional(),
  weight_decay: z.number().min(0).optional(),
  /** Checkpoints saved during training. Default 1 (the final one). */
  n_checkpoints: z.number().int().positive().optional(),
  /** Evaluations on the validation file. Default 0: a validation file is used only with n_evals > 0. */
  n_evals: z.number().int().min(0).optional(),
  max_seq_length: z.number().int().positive().optional(),
  /** Pack examples into sequences (default true). */
  packing: z.boolean().optional(),
  /** Train on the prompt's tokens too: `auto` (default), true or false. */
  train_on_inputs: z.union([z.boolean(), z.literal('auto')]).optional(),
  /** Continue from a job (`ft-…`), its output model, or a step of it (`ft-…:STEP`). */
  from_checkpoint: z.string().min(1).optional(),
  /** Train a Hugging Face model of the same architecture as `model`. */
  from_hf_model: z.string().min(1).optional(),
  hf_model_revision: z.string().optional(),
  hf_api_token: z.string().optional(),
  hf_output_repo_name: z.string().optional(),
  gradient_accumulation_steps: z.number().int().min(0).optional(),
  multimodal_params: z.object({ train_vision: z.boolean().optional() }).optional(),
  /** Preference training's knobs besides OpenAI's `beta`. */
  dpo: z
    .object({
      rpo_alpha: z.number().min(0).optional(),
      simpo_gamma: z.number().min(0).optional(),
      dpo_normalize_logratios_by_length: z.boolean().optional(),
      dpo_reference_free: z.boolean().optional(),
    })
    .optional(),
  wandb_api_key: z.string().optional(),
  wandb_base_url: z.string().optional(),
  wandb_project_name: z.string().optional(),
  wandb_name: z.string().optional(),
  wandb_entity: z.string().optional(),
  early_stopping_enabled: z.boolean().optional(),
  early_stopping_min_delta: z.number().optional(),
  early_stopping_patience: z.number().int().optional(),
  early_stopping_warmup_evals: z.number().int().optional(),
});
export type TogetherJobOptions = z.infer<typeof TogetherJobOptions>;

/** Together's own job statuses, kept as it sent them. */
export const TogetherJobStatus = openEnum([
  'pending',
  'queued',
  'running',
  'compressing',
  'uploading',
  'cancel_requested',
  'cancelled',
  'error',
  'user_error',
  'completed',
]);

/**
 * What a Together AI job says that tunekit's job has no field for (`job.together`): the raw
 * status, the output model's name (also while training), LoRA or full, the price, progress.
 */
export const TogetherJobDetails = z.looseObject({
  status: TogetherJobStatus,
  /** The model the job makes, named from the start (`fine_tuned_model` is set once it exists). */
  model_output_name: z.string().nullish(),
  suffix: z.string().nullish(),
  training_type: z.looseObject({ type: z.string() }).nullish(),
  training_method: z.looseObject({ method: z.string() }).nullish(),
  learning_rate: z.number().nullish(),
  lr_scheduler: z.looseObject({}).nullish(),
  warmup_ratio: z.number().nullish(),
  max_grad_norm: z.number().nullish(),
  weight_decay: z.number().nullish(),
  n_checkpoints: z.number().nullish(),
  n_evals: z.number().nullish(),
  packing: z.boolean().nullish(),
  max_seq_length: z.number().nullish(),
  train_on_inputs: z.union([z.boolean(), z.string()]).nullish(),
  from_checkpoint: z.string().nullish(),
  from_hf_model: z.string().nullish(),
  /** What Together counted (whether every epoch is included could not be confirmed). */
  token_count: z.number().nullish(),
  /** In nano-dollars, by Together's Python SDK (which divides by 1e9): not confirmed. */
  total_price: z.number().nullish(),
  progress: z
    .looseObject({
      estimate_available: z.boolean().nullish(),
      seconds_remaining: z.number().nullish(),
    })
    .nullish(),
  queue_depth: z.number().nullish(),
  epochs_completed: z.number().nullish(),
  param_count: z.number().nullish(),
  model_output_path: z.string().nullish(),
  model_object_name: z.string().nullish(),
  adapter_object_name: z.string().nullish(),
  user_id: z.string().nullish(),
  owner_address: z.string().nullish(),
  /** ISO time the current stage started. */
  started_at: z.string().nullish(),
  /** ISO time of the last change. */
  updated_at: z.string().nullish(),
  wandb_url: z.string().nullish(),
  wandb_project_name: z.string().nullish(),
  wandb_name: z.string().nullish(),
});
export type TogetherJobDetails = z.infer<typeof TogetherJobDetails>;

/** What a Together AI file says besides tunekit's fields (`file.together`). */
export const TogetherFileDetails = z.looseObject({
  file_type: z.string().nullish(),
  processing_status: z.string().nullish(),
  /** Deprecated by Together in favour of `processing_status`. */
  processed: z.boolean().nullish(),
  validation_report: z.looseObject({}).nullish(),
});
export type TogetherFileDetails = z.infer<typeof TogetherFileDetails>;

/** What a Together AI checkpoint says besides tunekit's fields (`checkpoint.together`). */
export const TogetherCheckpointDetails = z.looseObject({
  checkpoint_type: z.string().nullish(),
  path: z.string().nullish(),
  /** `model` or `adapter`. */
  checkpoint: z.string().nullish(),
});
export type TogetherCheckpointDetails = z.infer<typeof TogetherCheckpointDetails>;

/** What a Together AI model says besides tunekit's fields (`model.together`). */
export const TogetherModelDetails = z.looseObject({
  type: z.string().nullish(),
  display_name: z.string().nullish(),
  context_length: z.number().nullish(),
  /** Together's prices as `/models` gives them; their units could not be confirmed. */
  pricing: z.looseObject({}).nullish(),
  license: z.string().nullish(),
  link: z.string().nullish(),
});
export type TogetherModelDetails = z.infer<typeof TogetherModelDetails>;
