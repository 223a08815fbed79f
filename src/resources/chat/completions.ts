import { APIPromise } from '../../core/api-promise.ts';
import type { HttpClient, RequestOptions } from '../../core/http-client.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import { ChatCompletion } from '../../schemas/chat-completion.ts';
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from '../../schemas/chat-params.ts';
import { APIResource } from '../resource.ts';
import { ChatCompletionStream, type ChatStreamSettings } from './chat-completion-stream.ts';

const CHAT = ['chat.completions'] as const;

/** Chat completions (`POST /chat/completions`), plain or streamed. */
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
        features: CHAT,
      },
      ChatCompletion,
    );
  }

  /**
   * Streams a chat completion as server-sent chunks. The request starts at once; iterate the
   * result (breaking out aborts it) or call `finalChatCompletion()`.
   *
   * @example
   * for await (const chunk of client.chat.completions.stream({ model, messages })) {
   *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
   * }
   */
  stream(
    params: Omit<ChatCompletionCreateParams, 'stream'>,
    options?: RequestOptions,
  ): ChatCompletionStream {
    const body = { kind: 'json' as const, value: { ...this.#forProvider(params), stream: true } };
    return new ChatCompletionStream(
      (controller) =>
        this._http.open(
          {
            method: 'POST',
            path: '/chat/completions',
            body,
            options: { ...options, headers: { accept: 'text/event-stream', ...options?.headers } },
            features: CHAT,
          },
          controller,
        ),
      this.#settings,
      options?.signal,
    );
  }

  /** The params with the model the provider serves it as (Azure: its deployment). */
  #forProvider<P extends { model: string }>(params: P): P {
    const model = this._http.provider.chatModel(params.model);
    return model === params.model ? params : { ...params, model };
  }
}

/** The chat namespace: `client.chat.completions`. */
export class Chat {
  readonly completions: Completions;

  constructor(http: HttpClient, settings: ChatStreamSettings) {
    this.completions = new Completions(http, settings);
  }
}
