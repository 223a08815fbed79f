import type { TuneKit } from '../../client.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { ModelCatalog } from '../../data/catalog/catalog.ts';
import { usdFromPico } from '../../data/money.ts';
import { createTokenCounter } from '../../data/tokens/counter.ts';
import type { EncodingName } from '../../data/tokens/encodings.ts';
import { ExampleTokenCounter } from '../../data/tokens/example-tokens.ts';
import type { ChatCompletion } from '../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../schemas/chat-params.ts';
import { Budget } from './budget.ts';
import { type ModelPricing, pricingOf, usageCost, worstCaseCost } from './pricing.ts';

/** A cost cap was asked for, and the catalog cannot price `model`. */
export function unpricedModelError(model: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `a cost cap needs the price of every model, and the catalog has none for ${model}: add it with createModelCatalog (the CLI: --catalog)`,
    'maxCostUsd',
  );
}

/** One answered request with what it cost (null: a price or the usage is unknown). */
export interface MeteredCompletion {
  completion: ChatCompletion;
  cost: bigint | null;
  latencyMs: number;
}

/** The limits and defaults metering works with. */
export interface MeterSettings {
  catalog: ModelCatalog;
  /** Every model the run will ask: candidates and graders. */
  models: readonly string[];
  maxRequests?: number | undefined;
  maxCostUsd?: string | undefined;
  /** The output limit of a request that sets none (a grader's). */
  maxOutputTokens: number;
}

/**
 * The metering of one run: every request goes through {@link Meter.send}, which reserves its
 * worst-case cost on the budget before sending (so a cap is never passed), and settles it with
 * what the usage says it cost. Knows each model's prices and keeps one token counter per
 * encoding.
 */
export class Meter {
  readonly budget: Budget;
  /** The pricing of every model asked so far, for the report. */
  readonly pricing = new Map<string, ModelPricing>();
  readonly #catalog: ModelCatalog;
  readonly #maxOutputTokens: number;
  readonly #counters = new Map<EncodingName, Promise<ExampleTokenCounter>>();
  #pricesKnown = true;

  constructor(settings: MeterSettings) {
    this.#catalog = settings.catalog;
    this.#maxOutputTokens = settings.maxOutputTokens;
    for (const model of settings.models) this.#priceOf(model);
    if (settings.maxCostUsd !== undefined) {
      const unpriced = [...this.pricing.values()].find((p) => !p.prices);
      if (unpriced) throw unpricedModelError(unpriced.model);
    }
    this.budget = new Budget({
      maxRequests: settings.maxRequests,
      maxCostUsd: settings.maxCostUsd,
    });
  }

  /** What the run has spent, exactly; null once a request's cost could not be known. */
  get spentPico(): bigint | null {
    return this.#pricesKnown ? this.budget.spentPico : null;
  }

  /** {@link Meter.spentPico} in dollars. */
  spentUsd(): string | null {
    const spent = this.spentPico;
    return spent === null ? null : usdFromPico(spent);
  }

  /**
   * Sends one request on the run's budget; returns it with its exact cost. A request without
   * an output limit (a grader's) gets the run's, so its worst case — and the cap — is bounded.
   * Throws `BudgetExhaustedError` without sending when it could pass a limit.
   */
  async send(
    client: TuneKit,
    asked: ChatCompletionCreateParamsNonStreaming,
    signal: AbortSignal,
  ): Promise<MeteredCompletion> {
    const params =
      asked.max_completion_tokens == null && asked.max_tokens == null
        ? { ...asked, max_completion_tokens: this.#maxOutputTokens }
        : asked;
    const model = this.#priceOf(params.model);
    const worst = worstCaseCost(model, params, await this.#counterFor(model.encoding));
    if (worst === null && this.budget.maxCostPico !== undefined) {
      throw unpricedModelError(params.model);
    }
    const reservation = this.budget.reserve(worst);
    const started = performance.now();
    try {
      const completion = await client.chat.completions.create(params, { signal });
      // The request's own time, retries included (not the tokenizer's first load above).
      const latencyMs = Math.round(performance.now() - started);
      const cost = usageCost(model.prices, completion.usage);
      if (cost === null) this.#pricesKnown = false;
      reservation.settle(cost);
      return { completion, cost, latencyMs };
    } catch (error) {
      reservation.settle(null);
      throw error;
    }
  }

  #priceOf(model: string): ModelPricing {
    let known = this.pricing.get(model);
    if (!known) {
      known = pricingOf(model, this.#catalog);
      this.pricing.set(model, known);
    }
    return known;
  }

  #counterFor(encoding: EncodingName): Promise<ExampleTokenCounter> {
    let counter = this.#counters.get(encoding);
    if (!counter) {
      counter = createTokenCounter(encoding).then((c) => new ExampleTokenCounter(c, null));
      this.#counters.set(encoding, counter);
    }
    return counter;
  }
}
