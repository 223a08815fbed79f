import { z } from 'zod';
import { TextContent, UserContent } from './content.ts';
import { FunctionCall, ToolCall } from './tools.ts';

/** A `system` message: instructions that frame the conversation. */
export const SystemMessage = z.strictObject({
  role: z.literal('system'),
  content: TextContent,
  name: z.string().optional(),
});
export type SystemMessage = z.infer<typeof SystemMessage>;

/** A `developer` message: the reasoning models' name for system instructions. */
export const DeveloperMessage = z.strictObject({
  role: z.literal('developer'),
  content: TextContent,
  name: z.string().optional(),
});
export type DeveloperMessage = z.infer<typeof DeveloperMessage>;

/** A `user` message; the only role that may carry images. */
export const UserMessage = z.strictObject({
  role: z.literal('user'),
  content: UserContent,
  name: z.string().optional(),
});
export type UserMessage = z.infer<typeof UserMessage>;

/**
 * An `assistant` message: the text the model learns to produce. `weight: 0` excludes it from
 * training; with `tool_calls` (or legacy `function_call`) the content may be null or absent.
 */
export const AssistantMessage = z
  .strictObject({
    role: z.literal('assistant'),
    content: TextContent.nullable().optional(),
    name: z.string().optional(),
    tool_calls: z.array(ToolCall).min(1).optional(),
    function_call: FunctionCall.optional(),
    refusal: z.string().nullable().optional(),
    weight: z.literal([0, 1]).optional(),
  })
  .superRefine((message, ctx) => {
    const hasContent = message.content !== undefined && message.content !== null;
    if (!hasContent && !message.tool_calls && !message.function_call) {
      ctx.addIssue({
        code: 'custom',
        path: ['content'],
        message: 'an assistant message needs content, tool_calls or function_call',
        params: { problem: 'missing_content' },
      });
    }
  });
export type AssistantMessage = z.infer<typeof AssistantMessage>;

/** A `tool` message: the result of the assistant's tool call with the same id. */
export const ToolMessage = z.strictObject({
  role: z.literal('tool'),
  content: TextContent,
  tool_call_id: z.string().min(1),
});
export type ToolMessage = z.infer<typeof ToolMessage>;

/** A legacy `function` message: the result of a legacy `function_call`. */
export const FunctionMessage = z.strictObject({
  role: z.literal('function'),
  name: z.string().min(1),
  content: z.string().nullable(),
});
export type FunctionMessage = z.infer<typeof FunctionMessage>;

/** Any message of a supervised (chat) or preference example. */
export const ChatMessage = z.discriminatedUnion('role', [
  SystemMessage,
  DeveloperMessage,
  UserMessage,
  AssistantMessage,
  ToolMessage,
  FunctionMessage,
]);
export type ChatMessage = z.infer<typeof ChatMessage>;

/** The roles the chat formats know, in the order the docs list them. */
export const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;
