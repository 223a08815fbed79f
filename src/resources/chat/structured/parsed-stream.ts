import type { OpenResponse } from '../../../core/http-client.ts';
import type { ChatCompletionChunk } from '../../../schemas/chat-completion.ts';
import { ChatCompletionStream, type ChatStreamSettings } from '../chat-completion-stream.ts';
import { type ParseParams, parseChatCompletion } from './parse-completion.ts';
import type { DeepPartial, ParsedChatCompletion, ParsedChatCompletionMessage } from './types.ts';

type PartialParser = (text: string) => unknown;

let partialParser: Promise<PartialParser> | undefined;

/**
 * partial-json reads the JSON text that has arrived so far. Numbers are left out until they are
 * whole (`12` may still become `125`); strings, arrays and objects grow as they come.
 */
function loadPartialParser(): Promise<PartialParser> {
  partialParser ??= import('partial-json').then(({ parse, Allow }) => {
    const allow = Allow.ALL & ~Allow.NUM;
    return (text: string) => {
      try {
        return parse(text, allow);
      } catch {
        // Malformed so far (or only whitespace): the final parse reports what is wrong.
        return undefined;
      }
    };
  });
  return partialParser;
}

/**
 * A streamed completion asked for with `zodResponseFormat` (or `zodFunction` tools): iterate it
 * for chunks, or `partials()` for the answer as it grows; `finalChatCompletion()` reads it to
 * the end and validates it as `parse()` does.
 *
 * @example
 * const stream = client.chat.completions.stream({ model, messages, response_format: zodResponseFormat(Invoice, 'invoice') });
 * for await (const partial of stream.partials()) render(partial); // { vendor: 'Ac' }, …
 * const invoice = (await stream.finalMessage()).parsed; // validated
 */
export class ParsedChatCompletionStream<T, Tool = never> extends ChatCompletionStream {
  readonly #params: ParseParams;
  readonly #settings: ChatStreamSettings;

  /** @internal Built by `client.chat.completions.stream()`; user code never constructs one. */
  constructor(
    open: (controller: AbortController) => PromiseLike<OpenResponse>,
    settings: ChatStreamSettings,
    params: ParseParams,
    userSignal?: AbortSignal,
  ) {
    super(open, settings, userSignal);
    this.#params = params;
    this.#settings = settings;
  }

  /**
   * The answer of the first choice as it grows: a new partial object each time a chunk changes
   * what the JSON so far says. Reads the stream (do not also iterate the chunks); call
   * `finalChatCompletion()` after it for the validated whole.
   *
   * @example
   * const stream = client.chat.completions.stream({ model, messages, response_format: zodResponseFormat(Invoice, 'invoice') });
   * for await (const partial of stream.partials()) console.log(partial.vendor, partial.lines?.length);
   * const invoice = (await stream.finalMessage()).parsed; // the validated whole
   */
  async *partials(): AsyncGenerator<DeepPartial<T>, void, undefined> {
    const parsePartial = await loadPartialParser();
    let text = '';
    let last: string | undefined;
    for await (const chunk of this as AsyncIterable<ChatCompletionChunk>) {
      const delta = chunk.choices.find((choice) => choice.index === 0)?.delta.content;
      if (!delta) continue;
      text += delta;
      const partial = parsePartial(text);
      if (partial === undefined) continue;
      const shown = JSON.stringify(partial);
      if (shown === last) continue;
      last = shown;
      yield partial as DeepPartial<T>;
    }
  }

  /**
   * Reads the stream to its end (unless a loop already did) and returns the completion with its
   * answers parsed and validated, as `parse()` would: an answer that does not match the schema
   * throws `AnswerValidationError`, one cut short by the token limit `IncompleteAnswerError`.
   *
   * @example
   * const completion = await client.chat.completions.stream({ model, messages, response_format }).finalChatCompletion();
   * completion.choices[0]?.message.parsed; // typed from the zod schema
   */
  override async finalChatCompletion(): Promise<ParsedChatCompletion<T, Tool>> {
    const completion = await super.finalChatCompletion();
    return parseChatCompletion<T, Tool>(completion, this.#params, {
      redactor: this.#settings.redactor,
      requestId: await this.requestId(),
    });
  }

  /**
   * The parsed message of the first choice: `parsed` for a zod response format, `tool_calls`
   * with `parsed_arguments` for zod tools.
   *
   * @example
   * const message = await client.chat.completions.stream({ model, messages, tools: [lookup] }).finalMessage();
   * for (const call of message.tool_calls ?? []) console.log(call.function.parsed_arguments);
   */
  override async finalMessage(): Promise<ParsedChatCompletionMessage<T, Tool>> {
    return (await super.finalMessage()) as unknown as ParsedChatCompletionMessage<T, Tool>;
  }
}
