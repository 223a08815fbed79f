import { z } from 'zod';
import { openEnum } from './open-enum.ts';

/** An event of a fine-tuning job (`object: "fine_tuning.job.event"`), newest first in lists. */
export const FineTuningJobEvent = z.looseObject({
  id: z.string(),
  object: z.string(),
  created_at: z.number(),
  level: openEnum(['info', 'warn', 'error']),
  message: z.string(),
  type: openEnum(['message', 'metrics']).nullish(),
  // Metrics events carry `{step, total_steps, train_loss, …}`; message events `{}` or null.
  data: z.record(z.string(), z.unknown()).nullish(),
});
export type FineTuningJobEvent = z.infer<typeof FineTuningJobEvent>;
