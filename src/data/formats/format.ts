import type { z } from 'zod';
import { ChatExample } from './chat.ts';
import { CompletionExample } from './completion.ts';
import { TRAINING_FORMATS, type TrainingFormat } from './names.ts';
import { PreferenceExample } from './preference.ts';
import { ReinforcementExample } from './reinforcement.ts';

export { TRAINING_FORMATS, type TrainingFormat };

/** The schema of one line of each format. */
export const EXAMPLE_SCHEMAS = {
  chat: ChatExample,
  preference: PreferenceExample,
  reinforcement: ReinforcementExample,
  completion: CompletionExample,
} as const satisfies Record<TrainingFormat, z.ZodType>;

/** A parsed line of any format. */
export type TrainingExample =
  | z.infer<typeof ChatExample>
  | z.infer<typeof PreferenceExample>
  | z.infer<typeof ReinforcementExample>
  | z.infer<typeof CompletionExample>;

/**
 * True when `value` names a training format.
 *
 * @example
 * isTrainingFormat('chat'); // true
 * isTrainingFormat('sft'); // false
 */
export function isTrainingFormat(value: string): value is TrainingFormat {
  return (TRAINING_FORMATS as readonly string[]).includes(value);
}
