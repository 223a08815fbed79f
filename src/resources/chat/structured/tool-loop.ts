import { InvalidArgumentError } from '../../../core/errors/invalid-argument-error.ts';
import { APIUserAbortError } from '../../../core/errors/user-abort-error.ts';
import type { ChatMessageParam } from '../../../schemas/chat-params.ts';
import { ToolLoopLimitError } from '../errors/tool-loop-limit-error.ts';
import type { ParsedChatCompletion, ParsedToolCall } from './types.ts';
import { type ToolCallContext, type ZodFunctionTool, zodSideOfTool } from './zod-helpers.ts';

/** How many requests `runTools` sends at most unless told otherwise. */
export const DEFAULT_MAX_ROUNDS = 10;

/** One tool the loop ran. */
export interface ToolRun {
  round: number;
  toolCallId: string;
  name: string;
  /** The validated arguments the function got. */
  arguments: unknown;
  /** What was sent back to the model as the tool message. */
  result: string;
}

/** What `runTools` ends with: the final answer, the whole conversation, every tool it ran. */
export interface ToolLoopResult<T, Tool> {
  /** The last completion: the model answered instead of calling tools. */
  completion: ParsedChatCompletion<T, Tool>;
  /** The messages sent plus every assistant tool call and tool result, ready to continue. */
  messages: ChatMessageParam[];
  /** Requests sent (1 when the model answered at once). */
  rounds: number;
  toolRuns: ToolRun[];
}

/** What one round needs from the client: a parse of the conversation so far. */
export type ParseRound<T, Tool> = (
  messages: ChatMessageParam[],
) => Promise<ParsedChatCompletion<T, Tool>>;

/** The checked limit: a whole number from 1 up. */
export function checkMaxRounds(maxRounds: number | undefined): number {
  const rounds = maxRounds ?? DEFAULT_MAX_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new InvalidArgumentError(
      `Invalid maxRounds ${JSON.stringify(maxRounds)}: expected a whole number of requests, at least 1.`,
      'maxRounds',
    );
  }
  return rounds;
}

/** Every tool must be a `zodFunction` with a function to run: the loop runs what the model asks. */
export function checkRunnableTools(tools: readonly unknown[] | undefined): void {
  if (!tools || tools.length === 0) {
    throw new InvalidArgumentError('runTools needs at least one tool.', 'tools');
  }
  tools.forEach((tool, index) => {
    if (!zodSideOfTool(tool)?.run) {
      const name = (tool as { function?: { name?: string } }).function?.name ?? `#${index}`;
      throw new InvalidArgumentError(
        `Tool ${JSON.stringify(name)} cannot run: build it with zodFunction({ name, parameters, function }).`,
        'tools',
      );
    }
  });
}

/** A tool's result as the text of a tool message. */
function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? '';
}

/**
 * The tool loop: ask, run the functions the model calls (in order, with validated arguments),
 * send their results back, and ask again — until the model answers without tools, or
 * `maxRounds` requests were sent ({@link ToolLoopLimitError}). An error thrown by a function
 * stops the loop and reaches the caller as it is.
 */
export async function runToolLoop<T, Tool>(options: {
  messages: readonly ChatMessageParam[];
  tools: readonly ZodFunctionTool[];
  maxRounds: number;
  signal: AbortSignal | undefined;
  ask: ParseRound<T, Tool>;
}): Promise<ToolLoopResult<T, Tool>> {
  const messages = [...options.messages];
  const toolRuns: ToolRun[] = [];
  for (let round = 1; ; round++) {
    const completion = await options.ask(messages);
    const message = completion.choices[0]?.message;
    const calls = (message?.tool_calls ?? []) as ParsedToolCall<unknown>[];
    if (calls.length === 0) return { completion, messages, rounds: round, toolRuns };
    if (round >= options.maxRounds) {
      throw new ToolLoopLimitError(options.maxRounds, messages, completion);
    }
    messages.push({
      role: 'assistant',
      content: message?.content ?? null,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.function.name, arguments: call.function.arguments },
      })),
    });
    for (const call of calls) {
      // parse() already refused calls to tools that were not offered.
      const tool = options.tools.find((t) => t.function.name === call.function.name);
      const side = zodSideOfTool(tool);
      const context: ToolCallContext = { toolCallId: call.id, signal: options.signal };
      if (options.signal?.aborted) {
        throw new APIUserAbortError('The tool loop was aborted', { cause: options.signal.reason });
      }
      const result = resultText(await side?.run?.(call.function.parsed_arguments, context));
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
      toolRuns.push({
        round,
        toolCallId: call.id,
        name: call.function.name,
        arguments: call.function.parsed_arguments,
        result,
      });
    }
  }
}
