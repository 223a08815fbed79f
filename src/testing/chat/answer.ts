import type { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { invalidRequest } from '../http/route-error.ts';
import { newId } from '../ids.ts';
import { contentText, estimateTokens } from '../jobs/training-file.ts';
import type { FormatChecks } from './format-checks.ts';
import { valueFromSchema } from './json-from-schema.ts';
import { closestPair, type TrainingPair } from './training-pairs.ts';

/**
 * What every base model answers, whatever it is asked: the fake does not generate text, and a
 * fixed, recognisable answer makes that plain in tests and demos.
 */
export const BASE_MODEL_ANSWER =
  'This is a placeholder answer from the tunekit fake API: base models always reply with this text.';

/** A tool call in an answer. */
export interface AnswerToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What the model "says": text, a refusal or tool calls, and why it stopped. */
export interface Answer {
  content: string | null;
  /** The model declined (structured outputs' `refusal`); content is then null. */
  refusal?: string | null | undefined;
  toolCalls: AnswerToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
}

/** No schema asked for: every text will do. */
const NO_CHECKS: FormatChecks = { tools: new Map() };

/** Who answers: a base model, or a model trained on these pairs. */
export type Answerer = { kind: 'base' } | { kind: 'trained'; pairs: readonly TrainingPair[] };

/** The text of the last user message: the question a fine-tuned model looks up. */
export function lastUserText(params: ChatCompletionCreateParams): string {
  const last = params.messages.findLast((message) => message.role === 'user');
  return last ? contentText(last.content) : '';
}

type Tool = NonNullable<ChatCompletionCreateParams['tools']>[number];

function callTool(
  tool: Tool,
  text: string,
  checks: FormatChecks,
  trainedArguments?: string,
): AnswerToolCall {
  // Strict tools get arguments that fit: the trained ones when they do, else built ones.
  const fits =
    trainedArguments !== undefined &&
    (checks.tools.get(tool.function.name)?.(trainedArguments) ?? true);
  return {
    id: newId.toolCall(),
    name: tool.function.name,
    arguments: fits
      ? (trainedArguments as string)
      : JSON.stringify(valueFromSchema(tool.function.parameters ?? {}, text)),
  };
}

/**
 * Tool calls for the request, if the model should call tools: the named tool when
 * `tool_choice` names one; with `required`, the tools the matching training reply called (or
 * the first tool); with `auto`, only the tools the matching training reply called.
 */
function toolCallsFor(
  params: ChatCompletionCreateParams,
  text: string,
  pair: TrainingPair | undefined,
  checks: FormatChecks,
): AnswerToolCall[] {
  const tools = params.tools ?? [];
  const choice = params.tool_choice ?? (tools.length > 0 ? 'auto' : 'none');
  if (tools.length === 0 || choice === 'none') return [];
  if (typeof choice === 'object') {
    const tool = tools.find((t) => t.function.name === choice.function.name);
    if (!tool) {
      throw invalidRequest(
        `Invalid value for 'tool_choice': no tool named '${choice.function.name}' is among 'tools'.`,
        'tool_choice',
        'invalid_value',
      );
    }
    return [callTool(tool, text, checks)];
  }
  const learned = (pair?.toolCalls ?? []).flatMap((call) => {
    const tool = tools.find((t) => t.function.name === call.name);
    return tool ? [callTool(tool, text, checks, call.arguments)] : [];
  });
  if (learned.length > 0) return learned;
  const first = tools[0];
  return choice === 'required' && first ? [callTool(first, text, checks)] : [];
}

/**
 * The text shaped by `response_format`: JSON for `json_object`; for `json_schema`, the text
 * itself when it is JSON that fits the schema (a model trained on such answers), else a value
 * built from the schema.
 */
function formatContent(
  params: ChatCompletionCreateParams,
  text: string,
  checks: FormatChecks,
): string {
  const format = params.response_format;
  if (!format || format.type === 'text') return text;
  if (format.type === 'json_object') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) return text;
    } catch {
      // Not JSON yet: wrap it.
    }
    return JSON.stringify({ answer: text });
  }
  if (checks.content?.(text)) return text;
  return JSON.stringify(valueFromSchema(format.json_schema.schema ?? {}, text));
}

/** Applies `stop` sequences and the token limit to the text. */
function limit(params: ChatCompletionCreateParams, text: string): { text: string; cut: boolean } {
  let out = text;
  const stops = typeof params.stop === 'string' ? [params.stop] : (params.stop ?? []);
  for (const stop of stops) {
    const at = stop ? out.indexOf(stop) : -1;
    if (at >= 0) out = out.slice(0, at);
  }
  const max = params.max_completion_tokens ?? params.max_tokens;
  if (typeof max === 'number' && estimateTokens(out) > max) {
    return { text: out.slice(0, Math.max(0, max) * 4), cut: true };
  }
  return { text: out, cut: false };
}

/**
 * The answer to a chat request: base models give {@link BASE_MODEL_ANSWER}; a fine-tuned model
 * gives the reply of the training example whose prompt is most like the last user message.
 */
export function answer(
  params: ChatCompletionCreateParams,
  answerer: Answerer,
  checks: FormatChecks = NO_CHECKS,
): Answer {
  const question = lastUserText(params);
  const pair = answerer.kind === 'trained' ? closestPair(answerer.pairs, question) : undefined;
  const text = answerer.kind === 'trained' ? (pair?.reply ?? '') : BASE_MODEL_ANSWER;
  const toolCalls = toolCallsFor(params, text, pair, checks);
  if (toolCalls.length > 0) return { content: null, toolCalls, finishReason: 'tool_calls' };
  const limited = limit(params, formatContent(params, text, checks));
  return {
    content: limited.text,
    toolCalls: [],
    finishReason: limited.cut ? 'length' : 'stop',
  };
}
