import type { ChatCompletion, ChatCompletionMessage } from '../../../schemas/chat-completion.ts';
import type { ZodFunctionTool, ZodResponseFormat } from './zod-helpers.ts';

/** `T` without the keys `K`, keeping the index signature of loose objects (which Omit drops). */
type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/**
 * A tool call whose arguments were read: validated by zod for a `zodFunction` tool. (A type
 * literal, not an interface, so that it still counts as the tolerant response type.)
 */
export type ParsedFunctionToolCall<Name extends string = string, Args = unknown> = {
  id: string;
  type: 'function';
  function: { name: Name; arguments: string; parsed_arguments: Args };
};

/** The parsed call of one offered tool: typed by name for `zodFunction` tools. */
export type ParsedToolCall<Tool> =
  Tool extends ZodFunctionTool<infer Name, infer Args>
    ? ParsedFunctionToolCall<Name, Args>
    : ParsedFunctionToolCall;

/**
 * The message with its answer read: `parsed` is the validated value (`null` only when the model
 * refused — see `refusal` — or called tools instead of answering).
 */
export type ParsedChatCompletionMessage<T, Tool = never> = Without<
  ChatCompletionMessage,
  'tool_calls'
> & {
  parsed: T | null;
  tool_calls?: ParsedToolCall<Tool>[] | null;
};

/** One choice of a parsed completion. */
export type ParsedChoice<T, Tool = never> = Without<
  ChatCompletion['choices'][number],
  'message'
> & {
  message: ParsedChatCompletionMessage<T, Tool>;
};

/** A chat completion whose answers (and tool-call arguments) were parsed and validated. */
export type ParsedChatCompletion<T, Tool = never> = Without<ChatCompletion, 'choices'> & {
  choices: ParsedChoice<T, Tool>[];
};

/** What `parsed` holds for request params `P`: the zod output, unknown JSON, or null. */
export type ParsedOf<P> = P extends { response_format?: infer F }
  ? NonNullable<F> extends ZodResponseFormat<infer T>
    ? T
    : NonNullable<F> extends { type: 'json_schema' }
      ? unknown
      : null
  : null;

/** The union of the tools offered in request params `P`. */
export type ToolOf<P> = P extends { tools?: infer U }
  ? NonNullable<U> extends readonly (infer Tool)[]
    ? Tool
    : never
  : never;

/** A plain partial of a parsed value, as it grows while streaming. */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
