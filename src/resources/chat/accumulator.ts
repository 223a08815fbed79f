import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageToolCall,
  CompletionUsage,
} from '../../schemas/chat-completion.ts';

interface ChoiceState {
  role: string | undefined;
  content: string | null;
  refusal: string | null;
  toolCalls: Map<number, { id: string; type: string; name: string; arguments: string }>;
  functionCall: { name: string; arguments: string } | undefined;
  finishReason: string | null;
  logprobs: { content: unknown[]; refusal: unknown[] } | null;
}

function appendLogprobs(state: ChoiceState, logprobs: unknown): void {
  if (!logprobs || typeof logprobs !== 'object') return;
  const { content, refusal } = logprobs as { content?: unknown; refusal?: unknown };
  state.logprobs ??= { content: [], refusal: [] };
  if (Array.isArray(content)) state.logprobs.content.push(...content);
  if (Array.isArray(refusal)) state.logprobs.refusal.push(...refusal);
}

/**
 * Adds up the chunks of a streamed chat completion into the completion the same request would
 * have returned unstreamed: content and refusal concatenated, tool-call fragments joined by
 * their index, the finish reason and usage kept.
 *
 * @example
 * const acc = new ChatCompletionAccumulator();
 * for await (const chunk of client.chat.completions.stream(params)) acc.add(chunk);
 * console.log(acc.completion().choices[0].message.content);
 */
export class ChatCompletionAccumulator {
  #first: ChatCompletionChunk | undefined;
  #usage: CompletionUsage | null = null;
  #fingerprint: string | null = null;
  #serviceTier: string | null = null;
  readonly #choices = new Map<number, ChoiceState>();

  /**
   * Adds one chunk: text and refusal appended, tool-call fragments joined by their index,
   * usage, fingerprint and finish reasons kept.
   *
   * @example
   * const acc = new ChatCompletionAccumulator();
   * for await (const chunk of client.chat.completions.stream(params)) acc.add(chunk);
   */
  add(chunk: ChatCompletionChunk): void {
    this.#first ??= chunk;
    if (chunk.usage) this.#usage = chunk.usage;
    if (chunk.system_fingerprint) this.#fingerprint = chunk.system_fingerprint;
    if (chunk.service_tier) this.#serviceTier = chunk.service_tier;
    for (const choice of chunk.choices) {
      let state = this.#choices.get(choice.index);
      if (!state) {
        state = {
          role: undefined,
          content: null,
          refusal: null,
          toolCalls: new Map(),
          functionCall: undefined,
          finishReason: null,
          logprobs: null,
        };
        this.#choices.set(choice.index, state);
      }
      const { delta } = choice;
      if (delta.role) state.role = delta.role;
      if (typeof delta.content === 'string') state.content = (state.content ?? '') + delta.content;
      if (typeof delta.refusal === 'string') state.refusal = (state.refusal ?? '') + delta.refusal;
      for (const fragment of delta.tool_calls ?? []) {
        let call = state.toolCalls.get(fragment.index);
        if (!call) {
          call = { id: '', type: 'function', name: '', arguments: '' };
          state.toolCalls.set(fragment.index, call);
        }
        if (fragment.id) call.id = fragment.id;
        if (fragment.type) call.type = fragment.type;
        // The name comes whole in the first fragment; the arguments come in pieces.
        if (fragment.function?.name && !call.name) call.name = fragment.function.name;
        if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
      }
      if (delta.function_call) {
        state.functionCall ??= { name: '', arguments: '' };
        if (delta.function_call.name) state.functionCall.name = delta.function_call.name;
        if (delta.function_call.arguments) {
          state.functionCall.arguments += delta.function_call.arguments;
        }
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
      appendLogprobs(state, choice.logprobs);
    }
  }

  /**
   * Whether every choice seen so far has a finish reason (the model is done): false for a
   * stream that was cut before its end.
   *
   * @example
   * if (!acc.finished()) console.warn('the answer was cut off; what came so far:', acc.completion());
   */
  finished(): boolean {
    if (this.#choices.size === 0) return false;
    for (const state of this.#choices.values()) if (!state.finishReason) return false;
    return true;
  }

  /**
   * The completion assembled from the chunks added so far, shaped as the unstreamed
   * response (`object: 'chat.completion'`, one message per choice).
   *
   * @example
   * const completion = acc.completion();
   * console.log(completion.choices[0]?.message.content, completion.usage?.total_tokens);
   */
  completion(): ChatCompletion {
    const first = this.#first;
    const choices = [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const toolCalls: ChatCompletionMessageToolCall[] = [...state.toolCalls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, call]) => ({
            id: call.id,
            type: call.type,
            function: { name: call.name, arguments: call.arguments },
          }));
        return {
          index,
          message: {
            role: state.role ?? 'assistant',
            content: state.content,
            refusal: state.refusal,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            ...(state.functionCall ? { function_call: state.functionCall } : {}),
          },
          finish_reason: state.finishReason,
          logprobs: state.logprobs,
        };
      });
    return {
      id: first?.id ?? '',
      object: 'chat.completion',
      created: first?.created ?? 0,
      model: first?.model ?? '',
      choices,
      usage: this.#usage,
      system_fingerprint: this.#fingerprint,
      service_tier: this.#serviceTier,
    };
  }
}

/**
 * Assembles a chat completion from its streamed chunks.
 *
 * @example
 * const chunks = [];
 * for await (const chunk of client.chat.completions.stream(params)) chunks.push(chunk);
 * const completion = assembleChatCompletion(chunks);
 */
export function assembleChatCompletion(chunks: Iterable<ChatCompletionChunk>): ChatCompletion {
  const accumulator = new ChatCompletionAccumulator();
  for (const chunk of chunks) accumulator.add(chunk);
  return accumulator.completion();
}
