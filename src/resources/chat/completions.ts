import { APIPromise } from '../../core/api-promise.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import type { ProviderFeature } from '../../core/providers/features.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import { ChatCompletion } from '../../schemas/chat-completion.ts';
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from '../../schemas/chat-params.ts';
import { APIResource } from '../resource.ts';
import { ChatCompletionStream, type ChatStreamSettings } from './chat-completion-stream.ts';
import { parseChatCompletion } from './structured/parse-completion.ts';
import { ParsedChatCompletionStream } from './structured/parsed-stream.ts';
import {
  checkMaxRounds,
  checkRunnableTools,
  runToolLoop,
  type ToolLoopResult,
} from './structured/tool-loop.ts';
import type { ParsedChatCompletion, ParsedOf, ToolOf } from './structured/types.ts';
import {
  type ZodFunctionTool,
  type ZodResponseFormat,
  zodSchemaOfFormat,
  zodSideOfTool,
} from './structured/zod-helpers.ts';

/** Params of a streamed request (`stream` is implied). */
export type ChatCompletionStreamParams = Omit<ChatCompletionCreateParams, 'stream'>;

/** Params of `parse()`: a request answered in one response. */
export type ChatCompletionParseParams = ChatCompletionCreateParamsNonStreaming;

/** Params of `runTools()`: tools built with `zodFunction`, each with its function. */
export type ChatCompletionRunToolsParams = Omit<ChatCompletionParseParams, 'tools'> & {
  tools: readonly ZodFunctionTool[];
};

/** Options of `runTools()`: per-request options, and the most requests the loop sends. */
export interface RunToolsOptions extends RequestOptions {
  /** Requests sent at most (each a round of tool calls); default 10. */
  maxRounds?: number | undefined;
}

/** Whether params carry a zod format or zod tools (then `stream()` validates the answer). */
type HasZodParts<P> = P extends { response_format: ZodResponseFormat<unknown> }
  ? true
  : ToolOf<P> extends never
    ? false
    : Extract<ToolOf<P>, ZodFunctionTool> extends never
      ? false
      : true;

/** What `stream(params)` returns: a parsed stream for zod formats and tools. */
export type ChatCompletionStreamFor<P> =
  HasZodParts<P> extends true
    ? ParsedChatCompletionStream<ParsedOf<P>, ToolOf<P>>
    : ChatCompletionStream;

/** What a request needs from the provider: structured outputs and tools are features too. */
function featuresOf(params: Pick<ChatCompletionCreateParams, 'response_format' | 'tools'>) {
  const features: ProviderFeature[] = ['chat.completions'];
  if (params.response_format?.type === 'json_schema') features.push('chat.structuredOutputs');
  if ((params.tools?.length ?? 0) > 0) features.push('chat.tools');
  return features;
}

function hasZodParts(params: ChatCompletionStreamParams): boolean {
  return (
    zodSchemaOfFormat(params.response_format) !== undefined ||
    (params.tools ?? []).some((tool) => zodSideOfTool(tool) !== undefined)
  );
}

/**
 * Chat completions (`POST /chat/completions`), plain or streamed.
 *
 * @example
 * const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
 */
export class Completions extends APIResource {
  readonly #settings: ChatStreamSettings;

  constructor(http: HttpClient, settings: ChatStreamSettings) {
    super(http);
    this.#settings = settings;
  }

  /**
   * Creates a chat completion. With `stream: true` the result is a {@link ChatCompletionStream}
   * (resolved once the response headers are in, so errors such as 401 reject here).
   *
   * @example
   * const completion = await client.chat.completions.create({
   *   model: job.fine_tuned_model!,
   *   messages: [{ role: 'user', content: 'Where is my order?' }],
   * });
   * console.log(completion.choices[0].message.content);
   */
  create(
    params: ChatCompletionCreateParamsNonStreaming,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<ChatCompletion>>;
  create(
    params: ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): APIPromise<ChatCompletionStream>;
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<ChatCompletion>> | APIPromise<ChatCompletionStream>;
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<ChatCompletion>> | APIPromise<ChatCompletionStream> {
    if (params.stream) {
      const stream = this.stream(params, options);
      return new APIPromise<ChatCompletionStream>(
        stream.ready().then(async (ready) => ({
          data: ready,
          response: await ready.response(),
          requestId: await ready.requestId(),
        })),
      );
    }
    return this._http.json(
      {
        method: 'POST',
        path: '/chat/completions',
        body: { kind: 'json', value: this.#forProvider(params) },
        options,
        features: featuresOf(params),
      },
      ChatCompletion,
    );
  }

  /**
   * Creates a chat completion and reads its answer as the request asked: with
   * `response_format: zodResponseFormat(schema, name)`, `choices[i].message.parsed` is the
   * answer validated by the schema (typed `z.infer<typeof schema>`); with `zodFunction` tools,
   * each tool call has `function.parsed_arguments`, validated too. A refusal leaves `parsed`
   * null with `message.refusal` set. An answer cut off (`finish_reason` `length` or
   * `content_filter`) raises `IncompleteAnswerError`; one that is not JSON or fails the schema
   * raises `AnswerValidationError` with the raw text and each issue's path — never a silent null.
   *
   * @example
   * const Invoice = z.object({ vendor: z.string(), total: z.number() });
   * const completion = await client.chat.completions.parse({
   *   model: 'ft:gpt-4.1-mini-2025-04-14:acme:invoices:abc123',
   *   messages: [{ role: 'user', content: 'ACME Corp, total due 120.50 EUR' }],
   *   response_format: zodResponseFormat(Invoice, 'invoice'),
   * });
   * const message = completion.choices[0].message;
   * if (message.refusal) console.log('refused:', message.refusal);
   * else console.log(message.parsed?.total); // 120.5
   */
  parse<P extends ChatCompletionParseParams>(
    params: P,
    options?: RequestOptions,
  ): APIPromise<WithRequestId<ParsedChatCompletion<ParsedOf<P>, ToolOf<P>>>> {
    const created = this.create({ ...params, stream: false }, options).withResponse();
    return new APIPromise(
      created.then((result) => ({
        ...result,
        data: parseChatCompletion<ParsedOf<P>, ToolOf<P>>(result.data, params, {
          redactor: this.#settings.redactor,
          requestId: result.requestId,
        }) as WithRequestId<ParsedChatCompletion<ParsedOf<P>, ToolOf<P>>>,
      })),
    );
  }

  /**
   * Runs a tool loop: sends the request (as `parse()`), runs the `zodFunction` tools the model
   * calls with their validated arguments, sends the results back, and repeats until the model
   * answers without tools — at most `maxRounds` requests (default 10; then
   * `ToolLoopLimitError`, with the conversation so far). Calls run one after another, in order;
   * an error thrown by a tool's function stops the loop and reaches you as it is.
   *
   * @example
   * const lookup = zodFunction({
   *   name: 'lookup_order',
   *   parameters: z.object({ orderId: z.string() }),
   *   function: ({ orderId }) => orders.get(orderId),
   * });
   * const { completion, rounds } = await client.chat.completions.runTools(
   *   { model, messages: [{ role: 'user', content: 'Where is order 42?' }], tools: [lookup] },
   *   { maxRounds: 4 },
   * );
   * console.log(completion.choices[0].message.content, rounds);
   */
  async runTools<P extends ChatCompletionRunToolsParams>(
    params: P,
    options: RunToolsOptions = {},
  ): Promise<ToolLoopResult<ParsedOf<P>, ToolOf<P>>> {
    const { maxRounds, ...requestOptions } = options;
    const rounds = checkMaxRounds(maxRounds);
    checkRunnableTools(params.tools);
    return runToolLoop<ParsedOf<P>, ToolOf<P>>({
      messages: params.messages,
      tools: params.tools,
      maxRounds: rounds,
      signal: options.signal,
      ask: (messages) =>
        this.parse({ ...params, tools: [...params.tools], messages }, requestOptions) as Promise<
          ParsedChatCompletion<ParsedOf<P>, ToolOf<P>>
        >,
    });
  }

  /**
   * Streams a chat completion as server-sent chunks. The request starts at once; iterate the
   * result (breaking out aborts it) or call `finalChatCompletion()`. With a `zodResponseFormat`
   * or `zodFunction` tools the result is a {@link ParsedChatCompletionStream}: `partials()`
   * yields the answer as it grows, and `finalChatCompletion()` validates it as `parse()` does.
   *
   * @example
   * for await (const chunk of client.chat.completions.stream({ model, messages })) {
   *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
   * }
   */
  stream<P extends ChatCompletionStreamParams>(
    params: P,
    options?: RequestOptions,
  ): ChatCompletionStreamFor<P>;
  stream(params: ChatCompletionStreamParams, options?: RequestOptions): ChatCompletionStream {
    const body = { kind: 'json' as const, value: { ...this.#forProvider(params), stream: true } };
    const open = (controller: AbortController) =>
      this._http.open(
        {
          method: 'POST',
          path: '/chat/completions',
          body,
          options: { ...options, headers: { accept: 'text/event-stream', ...options?.headers } },
          features: featuresOf(params),
        },
        controller,
      );
    return hasZodParts(params)
      ? new ParsedChatCompletionStream(open, this.#settings, params, options?.signal)
      : new ChatCompletionStream(open, this.#settings, options?.signal);
  }

  /** The params with the model the provider serves it as (Azure: its deployment). */
  #forProvider<P extends { model: string }>(params: P): P {
    const model = this._http.provider.chatModel(params.model);
    return model === params.model ? params : { ...params, model };
  }
}

/**
 * The chat namespace: `client.chat.completions`.
 *
 * @example
 * const ask = (chat: Chat, content: string) => chat.completions.create({ model, messages: [{ role: 'user', content }] });
 */
export class Chat {
  readonly completions: Completions;

  constructor(http: HttpClient, settings: ChatStreamSettings) {
    this.completions = new Completions(http, settings);
  }
}
