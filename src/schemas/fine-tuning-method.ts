import { z } from 'zod';

/** `"auto"` lets the service choose a hyperparameter from the data. */
const Auto = z.literal('auto');

/** Number of examples per batch: `"auto"` or 1–256. */
const BatchSize = z.union([Auto, z.number().int().min(1).max(256)]);
/** Learning-rate scaling: `"auto"` or a positive number. */
const LearningRateMultiplier = z.union([Auto, z.number().positive()]);
/** Passes over the training data: `"auto"` or 1–50. */
const Epochs = z.union([Auto, z.number().int().min(1).max(50)]);

/** Hyperparameters of supervised fine-tuning. */
export const SupervisedHyperparameters = z.object({
  batch_size: BatchSize.optional(),
  learning_rate_multiplier: LearningRateMultiplier.optional(),
  n_epochs: Epochs.optional(),
});
export type SupervisedHyperparameters = z.infer<typeof SupervisedHyperparameters>;

/** Hyperparameters of DPO (preference) fine-tuning. */
export const DpoHyperparameters = SupervisedHyperparameters.extend({
  /** Weight of the penalty between policy and reference model: `"auto"` or (0, 2]. */
  beta: z.union([Auto, z.number().positive().max(2)]).optional(),
});
export type DpoHyperparameters = z.infer<typeof DpoHyperparameters>;

/** Hyperparameters of reinforcement fine-tuning. */
export const ReinforcementHyperparameters = SupervisedHyperparameters.extend({
  reasoning_effort: z.enum(['default', 'low', 'medium', 'high']).optional(),
  compute_multiplier: z.union([Auto, z.number().positive().max(10)]).optional(),
  eval_interval: z.union([Auto, z.number().int().min(1)]).optional(),
  eval_samples: z.union([Auto, z.number().int().min(1)]).optional(),
});
export type ReinforcementHyperparameters = z.infer<typeof ReinforcementHyperparameters>;

/**
 * A grader of reinforcement fine-tuning (string_check, text_similarity, python, score_model,
 * multi). Graders are many and still evolving, so only `type` is checked here.
 */
export const Grader = z.looseObject({ type: z.string() });
export type Grader = z.infer<typeof Grader>;

/** How to fine-tune: supervised (the default), DPO or reinforcement, with its hyperparameters. */
export const FineTuningMethod = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('supervised'),
    supervised: z.object({ hyperparameters: SupervisedHyperparameters.optional() }).optional(),
  }),
  z.object({
    type: z.literal('dpo'),
    dpo: z.object({ hyperparameters: DpoHyperparameters.optional() }).optional(),
  }),
  z.object({
    type: z.literal('reinforcement'),
    reinforcement: z.object({
      grader: Grader,
      hyperparameters: ReinforcementHyperparameters.optional(),
    }),
  }),
]);
export type FineTuningMethod = z.infer<typeof FineTuningMethod>;

/** A Weights & Biases integration of a job. */
export const FineTuningIntegration = z.object({
  type: z.literal('wandb'),
  wandb: z.object({
    project: z.string(),
    name: z.string().nullish(),
    entity: z.string().nullish(),
    tags: z.array(z.string()).optional(),
  }),
});
export type FineTuningIntegration = z.infer<typeof FineTuningIntegration>;

/**
 * The epochs a method asks for, or `"auto"` when it leaves them to the service (reinforcement
 * has no epochs to estimate a cost from, so it counts as `"auto"` too).
 *
 * @example
 * epochsOf({ type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } }); // 3
 */
export function epochsOf(method: FineTuningMethod | undefined): number | 'auto' {
  const hyperparameters =
    method?.type === 'supervised'
      ? method.supervised?.hyperparameters
      : method?.type === 'dpo'
        ? method.dpo?.hyperparameters
        : undefined;
  return hyperparameters?.n_epochs ?? 'auto';
}
