import { z } from 'zod';
import { AssistantMessage, ChatMessage } from './messages.ts';
import { ToolDefinition } from './tools.ts';

/**
 * One line of a preference (DPO) file: a prompt conversation, the answer to prefer and the
 * answer to avoid.
 */
export const PreferenceExample = z.strictObject({
  input: z.strictObject({
    messages: z.array(ChatMessage).min(1),
    tools: z.array(ToolDefinition).optional(),
    parallel_tool_calls: z.boolean().optional(),
  }),
  preferred_output: z.array(AssistantMessage).min(1),
  non_preferred_output: z.array(AssistantMessage).min(1),
});
export type PreferenceExample = z.infer<typeof PreferenceExample>;
