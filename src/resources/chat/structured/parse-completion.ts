import type { z } from 'zod';
import type { Redactor } from '../../../core/redact.ts';
import { attachRequestId } from '../../../core/request-id.ts';
import type {
  ChatCompletion,
  ChatCompletionMessageToolCall,
} from '../../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParams } from '../../../schemas/chat-params.ts';
import { formatPath } from '../../../schemas/issue-path.ts';
import {
  type AnswerIssue,
  type AnswerProblem,
  AnswerValidationError,
} from '../errors/answer-validation-error.ts';
import { IncompleteAnswerError } from '../errors/incomplete-answer-error.ts';
import type { ParsedChatCompletion } from './types.ts';
import { zodSchemaOfFormat, zodSideOfTool } from './zod-helpers.ts';

/** What parsing needs from the request: what was asked for. */
export type ParseParams = Pick<
  ChatCompletionCreateParams,
  'response_format' | 'tools' | 'max_completion_tokens' | 'max_tokens'
>;

/** Where the completion came from, for errors. */
export interface ParseContext {
  redactor: Redactor;
  requestId: string | undefined;
}

type Read =
  | { ok: true; value: unknown }
  | { ok: false; problem: AnswerProblem; issues: AnswerIssue[]; cause?: unknown };

/** JSON text read, and checked by zod when there is a schema. */
function readJson(text: string, schema: z.ZodType | undefined): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `not JSON: ${(error as Error).message}`;
    return {
      ok: false,
      problem: 'not_json',
      issues: [{ path: '', pathKeys: [], message, code: 'invalid_json' }],
    };
  }
  if (!schema) return { ok: true, value };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problem: 'schema_mismatch',
    issues: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      pathKeys: issue.path,
      message: issue.message,
      code: issue.code,
    })),
    cause: result.error,
  };
}

/** Whether the request asked for anything to parse: a json_schema answer, or tools. */
export function hasSomethingToParse(params: ParseParams): boolean {
  return params.response_format?.type === 'json_schema' || (params.tools?.length ?? 0) > 0;
}

class CompletionParser {
  readonly #completion: ChatCompletion;
  readonly #params: ParseParams;
  readonly #context: ParseContext;

  constructor(completion: ChatCompletion, params: ParseParams, context: ParseContext) {
    this.#completion = completion;
    this.#params = params;
    this.#context = context;
  }

  parse(): ParsedChatCompletion<unknown, unknown> {
    const choices = this.#completion.choices.map((choice) => {
      const { message } = choice;
      this.#checkFinished(choice.index, choice.finish_reason, message);
      const toolCalls = message.tool_calls?.map((call) => this.#toolCall(choice.index, call));
      return {
        ...choice,
        message: {
          ...message,
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
          parsed: this.#content(
            choice.index,
            message.content ?? null,
            message.refusal ?? null,
            toolCalls,
          ),
        },
      };
    });
    return { ...this.#completion, choices } as ParsedChatCompletion<unknown, unknown>;
  }

  /** A cut answer is an error, never a value read from half a JSON text. */
  #checkFinished(
    index: number,
    finishReason: string | null | undefined,
    message: ChatCompletion['choices'][number]['message'],
  ): void {
    if (finishReason !== 'length' && finishReason !== 'content_filter') return;
    // Only what is read is checked: a plain text answer next to offered tools may be cut.
    const readsContent = this.#params.response_format?.type === 'json_schema';
    if (!readsContent && (message.tool_calls?.length ?? 0) === 0) return;
    const raw =
      message.content ??
      message.tool_calls?.map((call) => call.function?.arguments ?? '').join('\n') ??
      null;
    throw new IncompleteAnswerError({
      finishReason,
      raw: raw === null ? null : this.#context.redactor.text(raw),
      choiceIndex: index,
      requestId: this.#context.requestId,
      completion: this.#redacted(),
      maxTokens: this.#params.max_completion_tokens ?? this.#params.max_tokens,
    });
  }

  #content(
    index: number,
    content: string | null,
    refusal: string | null,
    toolCalls: unknown[] | undefined,
  ): unknown {
    const format = this.#params.response_format;
    if (format?.type !== 'json_schema') return null;
    // A refusal is an answer of its own (in `refusal`); tool calls answer instead of content.
    if (refusal !== null && refusal !== '') return null;
    if (content === null || content === '') {
      if (toolCalls && toolCalls.length > 0) return null;
      this.#fail(
        'no_answer',
        'content',
        null,
        [
          {
            path: '',
            pathKeys: [],
            message: 'the message has no content and no refusal',
            code: 'no_answer',
          },
        ],
        index,
      );
    }
    const read = readJson(content as string, zodSchemaOfFormat(format));
    if (read.ok) return read.value;
    return this.#fail(read.problem, 'content', content, read.issues, index, undefined, read.cause);
  }

  #toolCall(index: number, call: ChatCompletionMessageToolCall) {
    const name = call.function?.name ?? '';
    const args = call.function?.arguments ?? '';
    const offered = this.#params.tools?.find((tool) => tool.function.name === name);
    const identity = { id: call.id, name };
    if (!offered) {
      const names = (this.#params.tools ?? []).map((tool) => tool.function.name).join(', ');
      this.#fail(
        'unknown_tool',
        'tool_arguments',
        args,
        [
          {
            path: '',
            pathKeys: [],
            message: `the model called ${JSON.stringify(name)}, but the request offered ${names || 'no tools'}`,
            code: 'unknown_tool',
          },
        ],
        index,
        identity,
      );
    }
    const read = readJson(args, zodSideOfTool(offered)?.schema);
    if (!read.ok) {
      this.#fail(read.problem, 'tool_arguments', args, read.issues, index, identity, read.cause);
    }
    return {
      ...call,
      function: { ...call.function, name, arguments: args, parsed_arguments: read.value },
    };
  }

  #fail(
    problem: AnswerProblem,
    target: 'content' | 'tool_arguments',
    raw: string | null,
    issues: AnswerIssue[],
    choiceIndex: number,
    toolCall?: { id: string; name: string },
    cause?: unknown,
  ): never {
    const redactor = this.#context.redactor;
    throw new AnswerValidationError(
      {
        problem,
        target,
        raw: raw === null ? null : redactor.text(raw),
        issues: issues.map((issue) => ({ ...issue, message: redactor.text(issue.message) })),
        choiceIndex,
        toolCall,
        requestId: this.#context.requestId,
        completion: this.#redacted(),
      },
      cause === undefined ? undefined : { cause },
    );
  }

  #redacted(): ChatCompletion {
    return this.#context.redactor.deep(this.#completion);
  }
}

/**
 * Reads the answers of a completion as the request asked for them: the content of each choice
 * through the `zodResponseFormat` schema (or as JSON for a plain `json_schema` format), the
 * arguments of each tool call through its `zodFunction` schema (or as JSON). A refusal leaves
 * `parsed` null and `refusal` set. A cut answer raises {@link IncompleteAnswerError}; one that is
 * not JSON or fails its schema raises {@link AnswerValidationError} — never a silent null.
 * Completions of requests with nothing to parse come back with `parsed: null` and no checks.
 *
 * @example
 * const parsed = parseChatCompletion(completion, params, { redactor, requestId });
 */
export function parseChatCompletion<T, Tool>(
  completion: ChatCompletion,
  params: ParseParams,
  context: ParseContext,
): ParsedChatCompletion<T, Tool> {
  const requestId = (completion as { _request_id?: string })._request_id ?? context.requestId;
  if (!hasSomethingToParse(params)) {
    const plain = {
      ...completion,
      choices: completion.choices.map((choice) => ({
        ...choice,
        message: { ...choice.message, parsed: null },
      })),
    };
    return attachRequestId(plain, requestId) as ParsedChatCompletion<T, Tool>;
  }
  const parsed = new CompletionParser(completion, params, { ...context, requestId }).parse();
  return attachRequestId(parsed, requestId) as ParsedChatCompletion<T, Tool>;
}
