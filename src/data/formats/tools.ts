import { z } from 'zod';

/** A function the model may call, as declared in `tools[].function` or legacy `functions[]`. */
export const FunctionDefinition = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullable().optional(),
});
export type FunctionDefinition = z.infer<typeof FunctionDefinition>;

/** An entry of the top-level `tools` array. */
export const ToolDefinition = z.strictObject({
  type: z.literal('function'),
  function: FunctionDefinition,
});
export type ToolDefinition = z.infer<typeof ToolDefinition>;

/** A call the assistant makes, in `messages[].tool_calls`. */
export const ToolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.strictObject({
    name: z.string().min(1),
    arguments: z.string(),
  }),
});
export type ToolCall = z.infer<typeof ToolCall>;

/** The legacy single call of an assistant message (`function_call`). */
export const FunctionCall = z.strictObject({
  name: z.string().min(1),
  arguments: z.string(),
});
export type FunctionCall = z.infer<typeof FunctionCall>;
