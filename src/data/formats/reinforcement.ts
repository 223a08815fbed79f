import { z } from 'zod';
import { AssistantMessage, DeveloperMessage, ToolMessage, UserMessage } from './messages.ts';
import { ToolDefinition } from './tools.ts';

/** Any message of a reinforcement fine-tuning example (no `system` or `function` roles). */
export const ReinforcementMessage = z.discriminatedUnion('role', [
  DeveloperMessage,
  UserMessage,
  AssistantMessage,
  ToolMessage,
]);
export type ReinforcementMessage = z.infer<typeof ReinforcementMessage>;

/**
 * One line of a reinforcement fine-tuning file. `messages` and `tools` are reserved; every other
 * top-level key is kept, because graders read them as `{{ item.key }}`.
 */
export const ReinforcementExample = z.looseObject({
  messages: z.array(ReinforcementMessage).min(1),
  tools: z.array(ToolDefinition).optional(),
});
export type ReinforcementExample = z.infer<typeof ReinforcementExample>;
