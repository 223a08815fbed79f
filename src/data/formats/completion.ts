import { z } from 'zod';

/** One line of a legacy completion file (babbage-002, davinci-002). */
export const CompletionExample = z.strictObject({
  prompt: z.string(),
  completion: z.string(),
});
export type CompletionExample = z.infer<typeof CompletionExample>;
