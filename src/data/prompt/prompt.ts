import type { TrainingExample, TrainingFormat } from '../formats/format.ts';
import type { AssistantMessage, ChatMessage } from '../formats/messages.ts';
import type { ToolDefinition } from '../formats/tools.ts';

/** What a model is asked: the conversation before its reply, and the tools it may call. */
export interface Prompt {
  messages: ChatMessage[];
  tools?: ToolDefinition[] | undefined;
}

/** A tool call as the data (or a model) states it: the function's name and its JSON arguments. */
export interface ToolCallAnswer {
  name: string;
  arguments: string;
}

/** The answer an example holds for its prompt: text, tool calls, or both. */
export interface ReferenceAnswer {
  content: string | null;
  toolCalls: ToolCallAnswer[];
}

/** An example split into what is asked and what should be answered. */
export interface PromptWithReference {
  prompt: Prompt;
  reference: ReferenceAnswer;
}

/**
 * The text of message content: a string, or its text parts joined.
 *
 * @example
 * contentText([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]); // 'ab'
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('');
}

function referenceOf(message: AssistantMessage): ReferenceAnswer {
  const content =
    message.content === undefined || message.content === null ? null : contentText(message.content);
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  if (message.function_call) toolCalls.push({ ...message.function_call });
  return { content, toolCalls };
}

/**
 * Splits a parsed example into its prompt and the answer it expects: for chat, the messages
 * before the last assistant message and that message; for preference (DPO), the input and the
 * preferred output; for prompt/completion, the prompt as a user message and the completion.
 * Returns a reason (a string) instead when the example holds no answer to compare with.
 *
 * @example
 * const split = promptAndReference(
 *   { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] },
 *   'chat',
 * );
 * // { prompt: { messages: [{ role: 'user', content: 'Hi' }] }, reference: { content: 'Hello!', toolCalls: [] } }
 */
export function promptAndReference(
  example: TrainingExample,
  format: TrainingFormat,
): PromptWithReference | string {
  if (format === 'completion') {
    const { prompt, completion } = example as { prompt: string; completion: string };
    return {
      prompt: { messages: [{ role: 'user', content: prompt }] },
      reference: { content: completion, toolCalls: [] },
    };
  }
  if (format === 'preference') {
    const { input, preferred_output } = example as Extract<TrainingExample, { input: unknown }>;
    const preferred = preferred_output.at(-1) as AssistantMessage;
    return {
      prompt: { messages: input.messages, tools: input.tools },
      reference: referenceOf(preferred),
    };
  }
  if (format === 'reinforcement') {
    return 'reinforcement examples hold no reference answer to compare with (their graders read other fields)';
  }
  const { messages, tools } = example as Extract<TrainingExample, { messages: unknown }> & {
    tools?: ToolDefinition[];
  };
  const last = messages.findLastIndex((message) => message.role === 'assistant');
  if (last < 0) return 'no assistant message: nothing to compare an answer with';
  if (last === 0) return 'the assistant message comes first: there is no prompt before it';
  return {
    prompt: { messages: messages.slice(0, last), tools },
    reference: referenceOf(messages[last] as AssistantMessage),
  };
}
