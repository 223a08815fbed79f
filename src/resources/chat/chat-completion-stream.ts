import type { EventSourceMessage } from 'eventsource-parser';
import { readErrorBody } from '../../core/error-from-response.ts';
import { APIStreamError } from '../../core/errors/api-error.ts';
import { APIConnectionError } from '../../core/errors/connection-error.ts';
import { ResponseValidationError } from '../../core/errors/response-validation-error.ts';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { OpenResponse } from '../../core/http-client.ts';
import type { Redactor } from '../../core/redact.ts';
import { STREAM_DONE, Stream, type StreamDecoder, type StreamPosition } from '../../core/stream.ts';
import { issuesOf } from '../../core/validate.ts';
import {
  type ChatCompletion,
  ChatCompletionChunk,
  type ChatCompletionMessage,
} from '../../schemas/chat-completion.ts';
import { ChatCompletionAccumulator } from './accumulator.ts';

/** How the stream checks and reports what arrives. */
export interface ChatStreamSettings {
  validateResponses: boolean;
  redactor: Redactor;
}

function endpointOf(at: StreamPosition): string {
  return `${at.method} ${new URL(at.url).pathname}`;
}

/** Decodes `data:` events into chunks, `[DONE]` into the end, `error` events into errors. */
class ChunkDecoder implements StreamDecoder<ChatCompletionChunk> {
  readonly accumulator = new ChatCompletionAccumulator();
  readonly #settings: ChatStreamSettings;

  constructor(settings: ChatStreamSettings) {
    this.#settings = settings;
  }

  decode(event: EventSourceMessage, at: StreamPosition) {
    if (event.data.trim() === '[DONE]') return STREAM_DONE;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      throw new ResponseValidationError(endpointOf(at), at.requestId, [
        {
          path: `event ${at.index}`,
          message: `data is not JSON: ${JSON.stringify(event.data.slice(0, 120))}`,
        },
      ]);
    }
    if (event.event === 'error' || (isObject(json) && 'error' in json && !('choices' in json))) {
      throw this.#streamError(json, at);
    }
    let chunk = json as ChatCompletionChunk;
    if (this.#settings.validateResponses) {
      const parsed = ChatCompletionChunk.safeParse(json);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error).map((issue) => ({
          ...issue,
          path: `event ${at.index}${issue.path ? `: ${issue.path}` : ''}`,
        }));
        throw new ResponseValidationError(endpointOf(at), at.requestId, issues);
      }
      chunk = parsed.data;
    }
    this.accumulator.add(chunk);
    return chunk;
  }

  ended(at: StreamPosition): void {
    // No [DONE]: tolerate servers that omit it once every choice has finished; anything else
    // means the stream was cut and the answer is incomplete.
    if (this.accumulator.finished()) return;
    throw new APIConnectionError(
      `The event stream of ${at.method} ${at.url} ended after ${at.index} events, before the answer was complete`,
      { method: at.method, url: at.url },
    );
  }

  #streamError(json: unknown, at: StreamPosition): APIStreamError {
    const redactor = this.#settings.redactor;
    const fields = readErrorBody(json, redactor);
    return new APIStreamError({
      status: at.status,
      apiMessage: fields.message ?? 'stream error',
      code: fields.code,
      param: fields.param,
      type: fields.type,
      headers: {},
      requestId: at.requestId,
      body: redactor.deep(json),
      method: at.method,
      url: at.url,
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A streamed chat completion: iterate it for chunks, or ask for the assembled result.
 *
 * @example
 * const stream = client.chat.completions.stream({ model, messages });
 * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 * const completion = await stream.finalChatCompletion();
 */
export class ChatCompletionStream extends Stream<ChatCompletionChunk> {
  readonly #decoder: ChunkDecoder;
  #finished = false;
  #started = false;

  /** @internal Built by `client.chat.completions.stream()`; user code never constructs one. */
  constructor(
    open: (controller: AbortController) => PromiseLike<OpenResponse>,
    settings: ChatStreamSettings,
    userSignal?: AbortSignal,
  ) {
    const decoder = new ChunkDecoder(settings);
    super(open, decoder, userSignal);
    this.#decoder = decoder;
  }

  override async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    this.#started = true;
    yield* super[Symbol.asyncIterator]();
    this.#finished = true;
  }

  /**
   * Reads the stream to its end (unless a loop already did) and returns the assembled
   * completion, as the same request would have returned unstreamed. Throws a `TuneKitError`
   * when a loop started reading and stopped early (chunks were missed).
   *
   * @example
   * const stream = client.chat.completions.stream({ model, messages, stream_options: { include_usage: true } });
   * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
   * const { usage } = await stream.finalChatCompletion();
   */
  async finalChatCompletion(): Promise<ChatCompletion> {
    if (!this.#finished) {
      if (this.#started) {
        throw new TuneKitError(
          'The stream was not read to its end: finalChatCompletion() needs every chunk.',
        );
      }
      for await (const _chunk of this) {
        // Reading is all that is needed: the decoder accumulates.
      }
    }
    return this.#decoder.accumulator.completion();
  }

  /**
   * The assembled message of the first choice: its text, refusal and tool calls joined from
   * their fragments. Reads the stream to its end like {@link finalChatCompletion}.
   *
   * @example
   * const message = await client.chat.completions.stream({ model, messages, tools }).finalMessage();
   * for (const call of message.tool_calls ?? []) run(call.function.name, JSON.parse(call.function.arguments));
   */
  async finalMessage(): Promise<ChatCompletionMessage> {
    const completion = await this.finalChatCompletion();
    const choice = completion.choices[0];
    if (!choice) throw new TuneKitError('The stream contained no choices.');
    return choice.message;
  }

  /**
   * The assembled text of the first choice (null when the model only called tools): streaming
   * for its time to first byte, without handling chunks.
   *
   * @example
   * const text = await client.chat.completions.stream({ model, messages }).finalContent();
   */
  async finalContent(): Promise<string | null> {
    return (await this.finalMessage()).content ?? null;
  }
}
