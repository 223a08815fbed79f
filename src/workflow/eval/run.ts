import pLimit from 'p-limit';
import type { TuneKit } from '../../client.ts';
import { APIError } from '../../core/errors/api-error.ts';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { defaultCatalog, type ModelCatalog } from '../../data/catalog/catalog.ts';
import type { TrainingFormat } from '../../data/formats/format.ts';
import { type PromptExample, readPromptExamples } from '../../data/prompt/read-examples.ts';
import { describeSource, type TrainingSource } from '../../data/reader/source.ts';
import { picoFromUsd, usdFromPico } from '../../data/roi/exact.ts';
import { createTokenCounter } from '../../data/tokens/counter.ts';
import type { EncodingName } from '../../data/tokens/encodings.ts';
import { ExampleTokenCounter } from '../../data/tokens/example-tokens.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../schemas/chat-params.ts';
import { Budget, BudgetExhaustedError } from './budget.ts';
import {
  buildRequest,
  type EvalCandidate,
  fingerprint,
  outputOf,
  type ResolvedCandidate,
  resolveCandidates,
} from './candidates.ts';
import { isFatalEvalError } from './fatal.ts';
import { type ModelPricing, pricingOf, usageCost, worstCaseCost } from './pricing.ts';
import { buildEvalReport, resultKey, type ScoredResult } from './report/build.ts';
import type { EvalReport } from './report/types.ts';
import {
  type EvalResult,
  openResultsWriter,
  type ResultsWriter,
  readResultsFile,
} from './results-file.ts';
import { ScorerError, ScoreUnavailableError } from './scorers/errors.ts';
import type { Score, ScoreContext, Scorer } from './scorers/scorer.ts';
import { normalizedMatch } from './scorers/text.ts';

/** How far an evaluation has come. */
export interface EvalProgress {
  /** Requests in all: examples × candidates. */
  total: number;
  /** Requests answered, failed or reused so far. */
  done: number;
  reused: number;
  errors: number;
  /** What this run has spent, exactly; null when a price is unknown. */
  spentUsd: string | null;
}

/** Options of {@link runEval}. */
export interface EvalOptions {
  /** The held-out set: a JSONL file in a training format, or examples already read. */
  examples: TrainingSource | readonly PromptExample[];
  /** Force the examples' format instead of detecting it. */
  format?: TrainingFormat | undefined;
  /** The models to compare, each with its prompt. */
  candidates: readonly EvalCandidate[];
  /** How answers are judged; the first is primary (wins, losses, disagreements). Default: normalized match. */
  scorers?: readonly Scorer[] | undefined;
  /** Requests in flight at once. Default 4. */
  concurrency?: number | undefined;
  /** Most requests this run may send (answers and gradings). Default: no limit. */
  maxRequests?: number | undefined;
  /** Most dollars this run may spend ("5.00"); it stops before a request could pass it. */
  maxCostUsd?: string | undefined;
  /** `max_completion_tokens` of every request (bounds the worst-case cost). Default 1,024. */
  maxOutputTokens?: number | undefined;
  /** Default 0, for repeatable answers. */
  temperature?: number | undefined;
  /**
   * A JSONL file of per-request results: read first (answers for the same requests are reused,
   * failed ones asked again), then appended to, one whole line per answer. Run again with the
   * same file to resume.
   */
  resultsFile?: string | undefined;
  /** Prices (default: the built-in catalog; see `createModelCatalog`). */
  catalog?: ModelCatalog | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: EvalProgress) => void) | undefined;
}

const DECIMAL_USD = /^\d+(\.\d{1,6})?$/;

function wholeNumber(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}, got ${value}`, name);
  }
}

function checkOptions(options: EvalOptions, scorers: readonly Scorer[]): void {
  wholeNumber(options.concurrency, 'concurrency', 1);
  wholeNumber(options.maxRequests, 'maxRequests', 0);
  wholeNumber(options.maxOutputTokens, 'maxOutputTokens', 1);
  if (options.maxCostUsd !== undefined && !DECIMAL_USD.test(options.maxCostUsd)) {
    throw new InvalidArgumentError(
      `maxCostUsd must be a dollar amount like "5" or "0.25", got "${options.maxCostUsd}"`,
      'maxCostUsd',
    );
  }
  const names = new Set<string>();
  for (const scorer of scorers) {
    if (names.has(scorer.name)) {
      throw new InvalidArgumentError(`two scorers are both called "${scorer.name}"`, 'scorers');
    }
    names.add(scorer.name);
  }
}

function describeFailure(error: unknown): NonNullable<EvalResult['error']> {
  return {
    type: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    status: error instanceof APIError ? error.status : null,
  };
}

/** The evaluation itself; `runEval` (the public entry) loads this module on first use. */
export async function evaluate(client: TuneKit, options: EvalOptions): Promise<EvalReport> {
  const scorerList = options.scorers?.length ? [...options.scorers] : [normalizedMatch()];
  checkOptions(options, scorerList);
  const candidates = resolveCandidates(options.candidates);
  for (const scorer of scorerList) await (scorer as { prepare?: () => Promise<void> }).prepare?.();
  const examples = Array.isArray(options.examples)
    ? (options.examples as PromptExample[])
    : await readPromptExamples(options.examples as TrainingSource, { format: options.format });
  const source = Array.isArray(options.examples)
    ? '<examples>'
    : describeSource(options.examples as TrainingSource);

  const catalog = options.catalog ?? defaultCatalog;
  const pricing = new Map<string, ModelPricing>();
  const models = [
    ...candidates.map((c) => c.model),
    ...scorerList.flatMap((s) => (s.grader ? [s.grader] : [])),
  ];
  for (const model of models) pricing.set(model, pricingOf(model, catalog));
  if (options.maxCostUsd !== undefined) {
    const unpriced = [...pricing.values()].find((p) => !p.prices);
    if (unpriced) {
      throw new InvalidArgumentError(
        `a cost cap needs the price of every model, and the catalog has none for ${unpriced.model}: add it with createModelCatalog (the CLI: --catalog)`,
        'maxCostUsd',
      );
    }
  }
  const counters = new Map<EncodingName, Promise<ExampleTokenCounter>>();
  const counterFor = (encoding: EncodingName) => {
    let counter = counters.get(encoding);
    if (!counter) {
      counter = createTokenCounter(encoding).then((c) => new ExampleTokenCounter(c, null));
      counters.set(encoding, counter);
    }
    return counter;
  };
  const priceOf = (model: string) => {
    let known = pricing.get(model);
    if (!known) {
      known = pricingOf(model, catalog);
      pricing.set(model, known);
    }
    return known;
  };

  const stored = options.resultsFile
    ? await readResultsFile(options.resultsFile)
    : { results: [], completeBytes: 0, tornTail: false };
  const latestStored = new Map<string, EvalResult>();
  for (const result of stored.results)
    latestStored.set(resultKey(result.line, result.candidate), result);
  const writer: ResultsWriter | null = options.resultsFile
    ? await openResultsWriter(options.resultsFile, stored)
    : null;

  const budget = new Budget({ maxRequests: options.maxRequests, maxCostUsd: options.maxCostUsd });
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let fatal: unknown;
  const fail = (error: unknown) => {
    fatal ??= error;
    stop.abort();
  };
  let pricesKnown = true;
  const final = new Map<string, ScoredResult>();
  const counts = { reused: 0, sent: 0, grading: 0, errors: 0, done: 0 };
  const total = examples.length * candidates.length;
  const progress = () =>
    options.onProgress?.({
      total,
      done: counts.done,
      reused: counts.reused,
      errors: counts.errors,
      spentUsd: pricesKnown ? usdFromPico(budget.spentPico) : null,
    });

  const defaults = {
    temperature: options.temperature ?? 0,
    maxOutputTokens: options.maxOutputTokens ?? 1024,
  };
  /**
   * Sends one request on the run's budget; returns it with its exact cost. A request without
   * an output limit (a grader's) gets the run's, so its worst case — and the cap — is bounded.
   */
  const send = async (asked: ChatCompletionCreateParamsNonStreaming) => {
    const params =
      asked.max_completion_tokens == null && asked.max_tokens == null
        ? { ...asked, max_completion_tokens: defaults.maxOutputTokens }
        : asked;
    const model = priceOf(params.model);
    const worst = worstCaseCost(model, params, await counterFor(model.encoding));
    if (worst === null && budget.maxCostPico !== undefined) {
      throw new InvalidArgumentError(
        `a cost cap needs the price of every model, and the catalog has none for ${params.model}: add it with createModelCatalog (the CLI: --catalog)`,
        'maxCostUsd',
      );
    }
    const reservation = budget.reserve(worst);
    const started = performance.now();
    try {
      const completion = await client.chat.completions.create(params, { signal });
      // The request's own time, retries included (not the tokenizer's first load above).
      const latencyMs = Math.round(performance.now() - started);
      const cost = usageCost(model.prices, completion.usage);
      if (cost === null) pricesKnown = false;
      reservation.settle(cost);
      return { completion, cost, latencyMs };
    } catch (error) {
      reservation.settle(null);
      throw error;
    }
  };

  /** Scores an answer; grades already stored are kept. Never throws: a fatal error is returned. */
  const judge = async (result: EvalResult, example: PromptExample) => {
    const scores: Record<string, Score | null> = {};
    const grading = {
      requests: result.grading.requests,
      pico: 0n,
      known: result.grading.costUsd !== null,
    };
    let stopWith: unknown;
    const complete: ScoreContext['complete'] = async (params) => {
      grading.requests++;
      counts.grading++;
      const { completion, cost } = await send(params);
      if (cost === null) grading.known = false;
      else grading.pico += cost;
      return completion;
    };
    for (const scorer of scorerList) {
      const kept = result.scores[scorer.name];
      if (scorer.kind === 'model-graded' && kept) {
        scores[scorer.name] = kept;
        continue;
      }
      if (stopWith !== undefined || !result.output) {
        scores[scorer.name] = null;
        continue;
      }
      try {
        scores[scorer.name] = await scorer.score({
          output: result.output,
          reference: example.reference,
          example,
          candidate: { name: result.candidate, model: result.model },
          complete,
          signal,
        });
      } catch (error) {
        scores[scorer.name] = null;
        if (error instanceof ScoreUnavailableError || error instanceof BudgetExhaustedError)
          continue;
        stopWith = isFatalEvalError(error)
          ? error
          : new ScorerError(scorer.name, example.line, error);
      }
    }
    const spent = result.grading.costUsd === null ? 0n : picoFromUsd(result.grading.costUsd);
    return {
      scores,
      grading: {
        requests: grading.requests,
        costUsd: grading.known ? usdFromPico(spent + grading.pico) : null,
      },
      stopWith,
    };
  };

  const record = async (
    result: EvalResult,
    scores: Record<string, Score | null>,
    save: boolean,
  ) => {
    if (save) await writer?.append(result);
    final.set(resultKey(result.line, result.candidate), { result, scores });
    counts.done++;
    progress();
  };

  /** Asks one candidate about one example, scores and records the answer. */
  const ask = async (
    candidate: ResolvedCandidate,
    example: PromptExample,
    request: ChatCompletionCreateParamsNonStreaming,
    print: string,
  ) => {
    if (fatal !== undefined || budget.exhausted) return;
    const started = performance.now();
    /** What every result line of this request starts with; scores come later. */
    const resultHead = (latencyMs: number) => ({
      v: 1 as const,
      line: example.line,
      candidate: candidate.name,
      model: candidate.model,
      fingerprint: print,
      at: new Date().toISOString(),
      latencyMs,
      scores: {},
      grading: { requests: 0, costUsd: '0.00' },
    });
    let answered: Awaited<ReturnType<typeof send>>;
    try {
      counts.sent++;
      answered = await send(request);
    } catch (error) {
      if (error instanceof BudgetExhaustedError) {
        counts.sent--;
        return;
      }
      if (isFatalEvalError(error)) return fail(error);
      counts.errors++;
      const failed: EvalResult = {
        ...resultHead(Math.round(performance.now() - started)),
        output: null,
        usage: null,
        costUsd: null,
        error: describeFailure(error),
      };
      return record(failed, {}, true);
    }
    const { completion, cost, latencyMs } = answered;
    const result: EvalResult = {
      ...resultHead(latencyMs),
      output: outputOf(completion),
      usage: completion.usage
        ? {
            promptTokens: completion.usage.prompt_tokens,
            completionTokens: completion.usage.completion_tokens,
          }
        : null,
      costUsd: cost === null ? null : usdFromPico(cost),
      error: null,
    };
    const judged = await judge(result, example);
    const scored = { ...result, scores: judged.scores, grading: judged.grading };
    // The answer was paid for: keep it even when scoring has to stop the run.
    await record(scored, judged.scores, true);
    if (judged.stopWith !== undefined) fail(judged.stopWith);
  };

  /** Scores a stored answer again; grades it where a grade is missing. */
  const rejudge = async (result: EvalResult, example: PromptExample) => {
    if (fatal !== undefined) return;
    const judged = await judge(result, example);
    const graded = judged.grading.requests > result.grading.requests;
    counts.reused++;
    await record(
      { ...result, scores: judged.scores, grading: judged.grading },
      judged.scores,
      graded,
    );
    if (judged.stopWith !== undefined) fail(judged.stopWith);
  };

  const limit = pLimit(options.concurrency ?? 4);
  const tasks: Array<Promise<void>> = [];
  for (const example of examples) {
    for (const candidate of candidates) {
      const request = buildRequest(candidate, example, defaults);
      const print = fingerprint(request);
      const before = latestStored.get(resultKey(example.line, candidate.name));
      const same = before?.fingerprint === print ? before : undefined;
      const run =
        same && same.error === null
          ? () => rejudge(same, example)
          : () => {
              // A stored failure stays in the report until it is asked again.
              if (same)
                final.set(resultKey(example.line, candidate.name), { result: same, scores: {} });
              return ask(candidate, example, request, print);
            };
      tasks.push(
        limit(async () => {
          try {
            await run();
          } catch (error) {
            fail(error); // the results file could not be written, or a bug: stop, keep what is saved
          }
        }),
      );
    }
  }
  await Promise.all(tasks);
  await writer?.close();
  if (fatal !== undefined) throw fatal;

  return buildEvalReport({
    source,
    examples,
    candidates,
    scorers: scorerList,
    results: final,
    pricing,
    run: {
      reused: counts.reused,
      sent: counts.sent,
      gradingRequests: counts.grading,
      spentPico: pricesKnown ? budget.spentPico : null,
      stoppedBy: budget.exhausted?.limit ?? null,
      stopReason: budget.exhausted?.message ?? null,
      resultsFile: options.resultsFile ?? null,
    },
  });
}
