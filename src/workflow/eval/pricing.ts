import type { ModelCatalog } from '../../data/catalog/catalog.ts';
import type { TokenPrices } from '../../data/catalog/entry.ts';
import { tokensCost } from '../../data/money.ts';
import { inferencePrices } from '../../data/roi/prices.ts';
import type { EncodingName } from '../../data/tokens/encodings.ts';
import type { ExampleTokenCounter } from '../../data/tokens/example-tokens.ts';
import type { CompletionUsage } from '../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../schemas/chat-params.ts';

/**
 * Prompt tokens counted locally can differ from the API's by a few framing tokens (they are
 * not documented for every model): the worst case adds 10 % and 10 tokens.
 */
const PROMPT_MARGIN = (tokens: number) => Math.ceil(tokens * 1.1) + 10;

/** What a model costs, and how to count its prompt tokens. */
export interface ModelPricing {
  model: string;
  /** Per-token prices; undefined when the catalog does not know the model. */
  prices: TokenPrices | undefined;
  encoding: EncodingName;
}

/**
 * The pricing of a model from the catalog: fine-tuned prices for `ft:` models.
 *
 * @example
 * pricingOf('ft:gpt-4o-mini-2024-07-18:acme::x', defaultCatalog).prices?.inputPer1M; // '0.30'
 */
export function pricingOf(model: string, catalog: ModelCatalog): ModelPricing {
  return {
    model,
    prices: inferencePrices(model, catalog),
    encoding: catalog.find(model)?.encoding ?? 'o200k_base',
  };
}

/**
 * What a request cost by its usage, in picodollars; null when the price or the usage is not
 * known.
 *
 * @example
 * usageCost(prices, { prompt_tokens: 1_000, completion_tokens: 20, total_tokens: 1_020 });
 */
export function usageCost(
  prices: TokenPrices | undefined,
  usage: Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens'> | null | undefined,
): bigint | null {
  if (!prices || !usage) return null;
  return (
    tokensCost(usage.prompt_tokens, prices.inputPer1M) +
    tokensCost(usage.completion_tokens, prices.outputPer1M)
  );
}

/**
 * The most a request can cost: its prompt counted with the model's tokenizer (plus a margin)
 * and the largest answer `max_completion_tokens` allows. Null without a price or a limit.
 */
export function worstCaseCost(
  pricing: ModelPricing,
  params: ChatCompletionCreateParamsNonStreaming,
  counter: ExampleTokenCounter,
): bigint | null {
  const maxOutput = params.max_completion_tokens ?? params.max_tokens;
  if (!pricing.prices || typeof maxOutput !== 'number') return null;
  const prompt = counter.count({ messages: params.messages, tools: params.tools }, 'chat').total;
  return (
    tokensCost(PROMPT_MARGIN(prompt), pricing.prices.inputPer1M) +
    tokensCost(maxOutput * (params.n ?? 1), pricing.prices.outputPer1M)
  );
}
