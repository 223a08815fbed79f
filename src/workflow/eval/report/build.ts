import { picoFromUsd, usdFromPico } from '../../../data/money.ts';
import { contentText, type ReferenceAnswer } from '../../../data/prompt/prompt.ts';
import type { PromptExample } from '../../../data/prompt/read-examples.ts';
import { divideRounded } from '../../../data/ratio.ts';
import type { BudgetLimit } from '../budget.ts';
import type { ResolvedCandidate } from '../candidates.ts';
import type { ModelPricing } from '../pricing.ts';
import type { EvalResult } from '../results-file.ts';
import type { Score, Scorer } from '../scorers/scorer.ts';
import { bootstrapInterval } from '../stats/bootstrap.ts';
import { nearestRank } from '../stats/percentile.ts';
import { signTestPValue } from '../stats/sign-test.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import type {
  CandidateSummary,
  Disagreement,
  EvalReport,
  PairwiseComparison,
  ScoreSummary,
} from './types.ts';

/** A final result with its scores as judged now. */
export interface ScoredResult {
  result: EvalResult;
  scores: Record<string, Score | null>;
}

/** What the report is built from. */
export interface ReportInput {
  source: string;
  examples: readonly PromptExample[];
  candidates: readonly ResolvedCandidate[];
  scorers: readonly Scorer[];
  /** The final result of each (example line, candidate), keyed by {@link resultKey}. */
  results: ReadonlyMap<string, ScoredResult>;
  pricing: ReadonlyMap<string, ModelPricing>;
  run: {
    reused: number;
    sent: number;
    gradingRequests: number;
    spentPico: bigint | null;
    stoppedBy: BudgetLimit | null;
    stopReason: string | null;
    resultsFile: string | null;
  };
}

/**
 * The key of an (example, candidate) pair in maps of results.
 *
 * @example
 * resultKey(12, 'gpt-4o-mini'); // '12\u0000gpt-4o-mini'
 */
export function resultKey(line: number, candidate: string): string {
  return `${line}\u0000${candidate}`;
}

const CONFIDENCE =
  '95 % intervals: Wilson score interval for pass/fail scores (it stays within 0–1 and holds its coverage at small n); percentile bootstrap (2,000 resamples, seed 42) for graded scores.';

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A reference or an answer as one line of text. */
export function answerText(answer: Pick<ReferenceAnswer, 'content' | 'toolCalls'> | null): string {
  if (!answer) return '';
  const calls = answer.toolCalls.map((call) => `${call.name}(${call.arguments})`);
  return [answer.content ?? '', ...calls].filter(Boolean).join(' ');
}

function summarizeScores(scores: Array<Score | null>): ScoreSummary {
  const judged = scores.filter((s): s is Score => s !== null);
  const values = judged.map((s) => s.score);
  const passes = judged.filter((s) => s.pass).length;
  const binary = values.every((v) => v === 0 || v === 1);
  const n = judged.length;
  return {
    mean: n === 0 ? 0 : round(values.reduce((a, b) => a + b, 0) / n, 4),
    passes,
    n,
    unscored: scores.length - n,
    interval: binary ? wilsonInterval(passes, n) : bootstrapInterval(values),
  };
}

function summarizeCandidate(input: ReportInput, candidate: ResolvedCandidate): CandidateSummary {
  const mine = input.examples.map((example) =>
    input.results.get(resultKey(example.line, candidate.name)),
  );
  const answered = mine.filter(
    (r): r is ScoredResult => r !== undefined && r.result.error === null,
  );
  const failed = mine.filter((r) => r !== undefined && r.result.error !== null);
  const pricing = input.pricing.get(candidate.model);
  const scores: Record<string, ScoreSummary> = {};
  for (const scorer of input.scorers) {
    scores[scorer.name] = summarizeScores(answered.map((r) => r.scores[scorer.name] ?? null));
  }
  const latencies = answered.map((r) => Math.round(r.result.latencyMs));
  const sorted = [...latencies].sort((a, b) => a - b);
  const withUsage = answered.filter((r) => r.result.usage !== null);
  const costs = answered.map((r) => r.result.costUsd);
  const known = costs.every((c) => c !== null) && answered.length > 0;
  const total = known ? costs.reduce((sum, c) => sum + picoFromUsd(c as string), 0n) : null;
  const gradingCosts = mine.flatMap((r) => (r ? [r.result.grading] : []));
  const gradingKnown = gradingCosts.every((g) => g.costUsd !== null);
  return {
    name: candidate.name,
    model: candidate.model,
    prompt: candidate.prompt?.name ?? null,
    prices: pricing?.prices
      ? {
          inputPer1M: pricing.prices.inputPer1M,
          outputPer1M: pricing.prices.outputPer1M,
          source: pricing.prices.source,
          asOf: pricing.prices.asOf,
        }
      : null,
    answered: answered.length,
    errors: failed.length,
    pending: mine.filter((r) => r === undefined).length,
    scores,
    latencyMs:
      sorted.length === 0
        ? null
        : {
            p50: nearestRank(sorted, 0.5) as number,
            p95: nearestRank(sorted, 0.95) as number,
            mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length, 1),
            values: latencies,
          },
    tokens:
      withUsage.length === 0
        ? null
        : {
            prompt: round(
              withUsage.reduce((s, r) => s + (r.result.usage?.promptTokens ?? 0), 0) /
                withUsage.length,
            ),
            completion: round(
              withUsage.reduce((s, r) => s + (r.result.usage?.completionTokens ?? 0), 0) /
                withUsage.length,
            ),
          },
    costPerRequestUsd:
      total === null ? null : usdFromPico(divideRounded(total, BigInt(answered.length))),
    totalCostUsd: total === null ? null : usdFromPico(total),
    grading: {
      requests: gradingCosts.reduce((s, g) => s + g.requests, 0),
      costUsd: gradingKnown
        ? usdFromPico(gradingCosts.reduce((s, g) => s + picoFromUsd(g.costUsd as string), 0n))
        : null,
    },
    failures: failed.slice(0, 5).map((r) => ({
      line: r?.result.line ?? 0,
      message: r?.result.error?.message ?? '',
    })),
  };
}

function compare(
  input: ReportInput,
  a: ResolvedCandidate,
  b: ResolvedCandidate,
  scorer: string,
): PairwiseComparison {
  let aWins = 0;
  let bWins = 0;
  let ties = 0;
  for (const example of input.examples) {
    const left = input.results.get(resultKey(example.line, a.name))?.scores[scorer];
    const right = input.results.get(resultKey(example.line, b.name))?.scores[scorer];
    if (!left || !right) continue;
    if (left.score > right.score) aWins++;
    else if (right.score > left.score) bWins++;
    else ties++;
  }
  return {
    a: a.name,
    b: b.name,
    scorer,
    aWins,
    bWins,
    ties,
    pValue: round(signTestPValue(aWins, bWins), 4),
  };
}

function disagreements(input: ReportInput, scorer: string): Disagreement[] {
  const out: Disagreement[] = [];
  for (const example of input.examples) {
    const answers: Disagreement['answers'] = [];
    for (const candidate of input.candidates) {
      const scored = input.results.get(resultKey(example.line, candidate.name));
      const score = scored?.scores[scorer];
      if (!scored || !score) continue;
      answers.push({
        candidate: candidate.name,
        answer: answerText(scored.result.output),
        pass: score.pass,
        score: score.score,
        ...(score.detail === undefined ? {} : { detail: score.detail }),
      });
    }
    if (answers.length < 2 || answers.every((a) => a.pass === answers[0]?.pass)) continue;
    const question = example.prompt.messages.findLast((m) => m.role === 'user');
    out.push({
      line: example.line,
      question: contentText(question?.content),
      expected: answerText(example.reference),
      answers,
    });
  }
  return out;
}

/**
 * Builds the report of an evaluation from its final results: per candidate its scores with
 * 95 % intervals, latency, tokens and cost; per pair of candidates wins, losses and ties with
 * a sign test; the examples they disagree on; and how the run went.
 */
export function buildEvalReport(input: ReportInput, now = new Date()): EvalReport {
  const primary = input.scorers[0]?.name ?? '';
  const candidates = input.candidates.map((c) => summarizeCandidate(input, c));
  const comparisons: PairwiseComparison[] = [];
  input.candidates.forEach((a, i) => {
    for (const b of input.candidates.slice(i + 1)) comparisons.push(compare(input, a, b, primary));
  });
  const pending = candidates.reduce((s, c) => s + c.pending, 0);
  return {
    createdAt: now.toISOString(),
    examples: { source: input.source, count: input.examples.length },
    scorers: input.scorers.map((s) => ({
      name: s.name,
      kind: s.kind,
      description: s.description,
      ...(s.grader ? { grader: s.grader } : {}),
    })),
    primaryScorer: primary,
    candidates,
    comparisons,
    disagreements: disagreements(input, primary),
    run: {
      total: input.examples.length * input.candidates.length,
      reused: input.run.reused,
      sent: input.run.sent,
      gradingRequests: input.run.gradingRequests,
      spentUsd: input.run.spentPico === null ? null : usdFromPico(input.run.spentPico),
      pending,
      stoppedBy: input.run.stoppedBy,
      stopReason: input.run.stopReason,
      complete: pending === 0,
      resultsFile: input.run.resultsFile,
    },
    confidence: { level: 0.95, methods: CONFIDENCE },
  };
}
