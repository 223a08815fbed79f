import { z } from 'zod';
import { openEnum } from './open-enum.ts';

/**
 * Why the model stopped: `stop`, `length`, `tool_calls`, `content_filter`, `function_call`.
 * Together AI also says `eos` (the model ended its answer: what `stop` means elsewhere).
 */
export const FinishReason = openEnum([
  'stop',
  'eos',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);
export type FinishReason = z.infer<typeof FinishReason>;

/** A function the model asked to call. */
export const ChatCompletionMessageToolCall = z.looseObject({
  id: z.string(),
  type: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }).optional(),
});
export type ChatCompletionMessageToolCall = z.infer<typeof ChatCompletionMessageToolCall>;

/** The message the model produced. */
export const ChatCompletionMessage = z.looseObject({
  role: z.string(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(ChatCompletionMessageToolCall).nullish(),
  /** @deprecated Replaced by `tool_calls`. */
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
  annotations: z.array(z.unknown()).nullish(),
  audio: z.unknown().nullish(),
});
export type ChatCompletionMessage = z.infer<typeof ChatCompletionMessage>;

/** Token usage of one request. */
export const CompletionUsage = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  prompt_tokens_details: z.looseObject({}).nullish(),
  completion_tokens_details: z.looseObject({}).nullish(),
});
export type CompletionUsage = z.infer<typeof CompletionUsage>;

/** A chat completion (`object: "chat.completion"`). */
export const ChatCompletion = z.looseObject({
  id: z.string(),
  object: z.string(),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      message: ChatCompletionMessage,
      finish_reason: FinishReason.nullish(),
      logprobs: z.unknown().nullish(),
    }),
  ),
  usage: CompletionUsage.nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
});
export type ChatCompletion = z.infer<typeof ChatCompletion>;

/** A fragment of a tool call in a streamed chunk; fragments with the same `index` add up. */
export const ChatCompletionChunkToolCall = z.looseObject({
  index: z.number(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z
    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
    .nullish(),
});
export type ChatCompletionChunkToolCall = z.infer<typeof ChatCompletionChunkToolCall>;

/** What a streamed chunk adds to a choice's message. */
export const ChatCompletionDelta = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(ChatCompletionChunkToolCall).nullish(),
  /** @deprecated Replaced by `tool_calls`. */
  function_call: z
    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
    .nullish(),
});
export type ChatCompletionDelta = z.infer<typeof ChatCompletionDelta>;

/**
 * One server-sent chunk of a streamed completion (`object: "chat.completion.chunk"`). The last
 * chunk may have no choices and carry `usage` (`stream_options.include_usage`); Azure's first
 * chunk has no choices either (content filter results).
 */
export const ChatCompletionChunk = z.looseObject({
  id: z.string(),
  object: z.string().optional(),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      delta: ChatCompletionDelta,
      finish_reason: FinishReason.nullish(),
      logprobs: z.unknown().nullish(),
    }),
  ),
  usage: CompletionUsage.nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunk>;
