import type { EventSourceMessage } from 'eventsource-parser';
import { APIConnectionError, APIConnectionTimeoutError } from './errors/connection-error.ts';
import { ResponseTooLargeError } from './errors/response-too-large-error.ts';
import { TuneKitError } from './errors/tunekit-error.ts';
import { APIUserAbortError } from './errors/user-abort-error.ts';
import type { OpenResponse } from './http-client.ts';

/** Returned by a decoder to end the stream (the `[DONE]` sentinel). */
export const STREAM_DONE: unique symbol = Symbol('tunekit.stream.done');

/** Where in a stream an event arrived, for errors that point at it. */
export interface StreamPosition {
  /** 1-based number of the event in the stream. */
  index: number;
  requestId: string | undefined;
  method: string;
  url: string;
  status: number;
}

/** Turns server-sent events into items of a stream. */
export interface StreamDecoder<Item> {
  /** An item, {@link STREAM_DONE} to end, or `undefined` to skip the event. Throws on errors. */
  decode(event: EventSourceMessage, at: StreamPosition): Item | typeof STREAM_DONE | undefined;
  /** The body ended without {@link STREAM_DONE}: throw if that means the stream was cut. */
  ended(at: StreamPosition): void;
}

/**
 * A server-sent event stream as an async iterable. The request starts when the stream is
 * created; iterate it once. Breaking out of the loop (or an error) aborts the request, so an
 * abandoned stream does not keep a connection busy.
 *
 * @example
 * const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages });
 * for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 */
export class Stream<Item> implements AsyncIterable<Item> {
  /** Aborts the request and the body. */
  readonly controller: AbortController;
  readonly #opened: Promise<OpenResponse>;
  readonly #decoder: StreamDecoder<Item>;
  readonly #userSignal: AbortSignal | undefined;
  #iterated = false;

  /** @internal Built by streaming methods; user code receives a stream, never constructs one. */
  constructor(
    open: (controller: AbortController) => PromiseLike<OpenResponse>,
    decoder: StreamDecoder<Item>,
    userSignal?: AbortSignal,
  ) {
    this.controller = new AbortController();
    this.#opened = Promise.resolve(open(this.controller));
    // Failures surface when the stream is awaited or iterated, not as unhandled rejections.
    this.#opened.catch(() => {});
    this.#decoder = decoder;
    this.#userSignal = userSignal;
  }

  /**
   * The HTTP response, once its headers are in (its body is the stream: iterate the stream,
   * not the body).
   *
   * @example
   * const stream = client.chat.completions.stream({ model, messages });
   * console.log((await stream.response()).headers.get('openai-processing-ms'));
   */
  async response(): Promise<Response> {
    return (await this.#opened).response;
  }

  /**
   * The id the server gave the request, once its headers are in: the one to quote to support.
   *
   * @example
   * const stream = client.chat.completions.stream({ model, messages });
   * console.log('request', await stream.requestId());
   */
  async requestId(): Promise<string | undefined> {
    return (await this.#opened).requestId;
  }

  /**
   * Resolves when the response headers are in; rejects with the request's error (an error
   * status, a refused connection) before anything is iterated.
   *
   * @example
   * const stream = await client.chat.completions.stream({ model, messages }).ready();
   * // the request was accepted: now show the answer as it comes
   * for await (const chunk of stream) render(chunk);
   */
  async ready(): Promise<this> {
    await this.#opened;
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    if (this.#iterated) throw new TuneKitError('A stream can be iterated only once.');
    this.#iterated = true;
    const opened = await this.#opened;
    const { response, requestId, method, url, redactor } = opened;
    const at: StreamPosition = { index: 0, requestId, method, url, status: response.status };
    if (!response.body) {
      this.#decoder.ended(at);
      return;
    }
    const size = eventSizeLimit(opened, at);
    // Loaded with the first stream: most programs never stream, and start-up counts.
    const { EventSourceParserStream } = await import('eventsource-parser/stream');
    const events = response.body
      .pipeThrough(size.counter)
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream());
    const reader = events.getReader();
    try {
      for (;;) {
        let next: ReadableStreamReadResult<EventSourceMessage>;
        try {
          next = await reader.read();
        } catch (error) {
          throw this.#readFailure(error, at);
        }
        if (next.done) {
          this.#decoder.ended(at);
          return;
        }
        at.index += 1;
        size.eventArrived();
        // Redacted as it enters: a server may echo the key in any event.
        const event: EventSourceMessage = {
          ...next.value,
          event: next.value.event && redactor.text(next.value.event),
          id: next.value.id && redactor.text(next.value.id),
          data: redactor.jsonText(next.value.data),
        };
        const item = this.#decoder.decode(event, at);
        if (item === STREAM_DONE) return;
        if (item !== undefined) yield item;
      }
    } finally {
      // Normal end, early break or error: either way nothing more will be read. Cancelling
      // the reader reaches the body through the pipes, so no read is left pending behind the
      // `[DONE]` event with its idle timer holding the process open.
      this.controller.abort();
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }

  #readFailure(error: unknown, at: StreamPosition): Error {
    if (this.#userSignal?.aborted) return new APIUserAbortError(undefined, { cause: error });
    if (
      error instanceof APIConnectionTimeoutError ||
      error instanceof ResponseTooLargeError ||
      error instanceof APIUserAbortError
    ) {
      return error;
    }
    const reason = error instanceof Error ? (error.cause as Error)?.message || error.message : '';
    return new APIConnectionError(
      `The event stream of ${at.method} ${at.url} broke after ${at.index} events${reason ? `: ${reason}` : ''}`,
      { method: at.method, url: at.url },
      { cause: error },
    );
  }
}

/**
 * Counts the bytes that arrive between two events, so that one event can hold no more than
 * `maxResponseBytes` (a server that never ends an event would otherwise grow the parser's
 * buffer without bound). The count starts again at each event.
 */
function eventSizeLimit(opened: OpenResponse, at: StreamPosition) {
  let sinceEvent = 0;
  const counter = new TransformStream<Uint8Array, BufferSource>({
    transform(chunk, controller) {
      sinceEvent += chunk.byteLength;
      if (sinceEvent > opened.maxResponseBytes) {
        controller.error(
          new ResponseTooLargeError({
            limit: opened.maxResponseBytes,
            declared: undefined,
            received: sinceEvent,
            status: at.status,
            method: at.method,
            url: at.url,
            requestId: at.requestId,
          }),
        );
        return;
      }
      controller.enqueue(chunk as Uint8Array<ArrayBuffer>);
    },
  });
  return {
    counter,
    eventArrived() {
      sinceEvent = 0;
    },
  };
}
