import type { TuneKit } from '../../client.ts';
import { defaultCatalog, inferencePrices, tokensCost, usdFromPico } from '../../data/index.ts';
import { describeError, type PageError } from './page-error.ts';

/** A question for one model, as the page sends it. */
export interface AskRequest {
  model: string;
  /** The conversation: an optional system message, then the user's question. */
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  /** Most answer tokens (bounds the cost of one question). Default 512, at most 4,096. */
  maxTokens: number;
}

/** What the page hears while a model answers. */
export type AskMessage =
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      model: string;
      promptTokens: number | null;
      completionTokens: number | null;
      /** Dollars for this answer at the catalog price, or null when unknown. */
      usd: string | null;
      note: string;
      ms: number;
    }
  | { type: 'failure'; error: PageError };

const MAX_MESSAGES = 20;
const MAX_CONTENT = 32 * 1024;

/**
 * Checks what the page sent; a string saying what is wrong, or the request.
 *
 * @example
 * parseAsk({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function parseAsk(body: unknown): AskRequest | string {
  if (typeof body !== 'object' || body === null) return 'Expected a JSON object.';
  const { model, messages, maxTokens } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model.trim() === '' || model.length > 256) {
    return 'Pick a model.';
  }
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
    return `Send 1 to ${MAX_MESSAGES} messages.`;
  }
  const checked: AskRequest['messages'] = [];
  for (const message of messages) {
    const { role, content } = (message ?? {}) as Record<string, unknown>;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') return 'Unknown role.';
    if (typeof content !== 'string' || content.length > MAX_CONTENT) {
      return `A message must be text of at most ${MAX_CONTENT} characters.`;
    }
    checked.push({ role, content });
  }
  if (!checked.some((m) => m.role === 'user' && m.content.trim() !== '')) {
    return 'Ask a question.';
  }
  const tokens = maxTokens === undefined ? 512 : maxTokens;
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 1 || tokens > 4096) {
    return 'maxTokens must be a whole number from 1 to 4096.';
  }
  return { model: model.trim(), messages: checked, maxTokens: tokens };
}

/** The price of an answer, when the catalog has one for this model at this provider. */
function priceOf(client: TuneKit, model: string, prompt: number | null, completion: number | null) {
  const entry = defaultCatalog.find(model);
  const prices =
    entry && entry.provider === client.provider.catalogProvider
      ? inferencePrices(model)
      : undefined;
  if (!prices || prompt === null || completion === null) {
    return {
      usd: null,
      note:
        prompt === null
          ? 'The API reported no token usage.'
          : `tunekit's catalog has no price for ${model} at ${client.provider.label}.`,
    };
  }
  // Exact, like eval's per-request costs: a chat turn costs fractions of a micro-dollar.
  const pico = tokensCost(prompt, prices.inputPer1M) + tokensCost(completion, prices.outputPer1M);
  return {
    usd: usdFromPico(pico),
    note: `$${prices.inputPer1M} in / $${prices.outputPer1M} out per 1M tokens (catalog price).`,
  };
}

/**
 * Asks one model, streamed: the answer's pieces as they come, then its tokens and cost.
 * Errors end the stream as an `error` message (never thrown).
 *
 * @example
 * for await (const message of ask(client, request, signal)) channel.send(message.type, message);
 */
export async function* ask(
  client: TuneKit,
  request: AskRequest,
  signal: AbortSignal,
): AsyncGenerator<AskMessage> {
  const started = performance.now();
  try {
    const stream = client.chat.completions.stream(
      {
        model: request.model,
        messages: request.messages,
        max_completion_tokens: request.maxTokens,
        stream_options: { include_usage: true },
      },
      { signal },
    );
    let usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined;
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) yield { type: 'delta', text };
      if (chunk.usage) usage = chunk.usage;
    }
    const prompt = usage?.prompt_tokens ?? null;
    const completion = usage?.completion_tokens ?? null;
    yield {
      type: 'done',
      model: request.model,
      promptTokens: prompt,
      completionTokens: completion,
      ...priceOf(client, request.model, prompt, completion),
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (signal.aborted) return;
    yield { type: 'failure', error: describeError(error) };
  }
}
