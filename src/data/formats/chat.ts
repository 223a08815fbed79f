import { z } from 'zod';
import { ChatMessage } from './messages.ts';
import { FunctionDefinition, ToolDefinition } from './tools.ts';

/**
 * One line of a supervised fine-tuning file: a conversation whose assistant messages the model
 * learns, with the tools (or legacy functions) it may call.
 */
export const ChatExample = z.strictObject({
  messages: z.array(ChatMessage).min(1),
  tools: z.array(ToolDefinition).optional(),
  functions: z.array(FunctionDefinition).min(1).max(128).optional(),
  parallel_tool_calls: z.boolean().optional(),
});
export type ChatExample = z.infer<typeof ChatExample>;
