import type { BudgetLimit } from '../budget.ts';
import type { ScorerKind } from '../scorers/scorer.ts';
import type { Interval } from '../stats/wilson.ts';

/** One scorer's result for one candidate. */
export interface ScoreSummary {
  /** Mean score in [0, 1] (the pass rate for pass/fail scorers). */
  mean: number;
  passes: number;
  /** Answers scored. */
  n: number;
  /** Answers the scorer could not judge (a grader that failed). */
  unscored: number;
  /** 95 % confidence interval of the mean. */
  interval: Interval;
}

/** Latency of a candidate's answered requests, in ms (retries included). */
export interface LatencySummary {
  p50: number;
  p95: number;
  mean: number;
  /** Every latency, in example order: the distribution the HTML report draws. */
  values: number[];
}

/** Everything measured about one candidate. */
export interface CandidateSummary {
  name: string;
  model: string;
  /** The prompt variant's name, or null for the examples' own prompt. */
  prompt: string | null;
  /** Inference prices used for its cost, with their source; null when unknown. */
  prices: { inputPer1M: string; outputPer1M: string; source: string; asOf: string } | null;
  /** Examples answered. */
  answered: number;
  /** Examples whose request failed after the client's retries. */
  errors: number;
  /** Examples not run yet (budget, cost cap). */
  pending: number;
  scores: Record<string, ScoreSummary>;
  latencyMs: LatencySummary | null;
  /** Mean tokens per answered request. */
  tokens: { prompt: number; completion: number } | null;
  /** Mean cost of an answered request and the total, exactly; null without a price. */
  costPerRequestUsd: string | null;
  totalCostUsd: string | null;
  /** Requests and dollars spent grading its answers (model-graded scorers). */
  grading: { requests: number; costUsd: string | null };
  /** The first failures, to see what went wrong. */
  failures: Array<{ line: number; message: string }>;
}

/** How two candidates compare example by example on the primary scorer. */
export interface PairwiseComparison {
  a: string;
  b: string;
  scorer: string;
  /** Examples where a scored higher. */
  aWins: number;
  /** Examples where b scored higher. */
  bWins: number;
  ties: number;
  /** Exact two-sided sign test of aWins vs bWins: small means the difference is unlikely chance. */
  pValue: number;
}

/** An example on which the candidates do not agree (on the primary scorer). */
export interface Disagreement {
  line: number;
  /** The text of the example's last user message. */
  question: string;
  /** The reference answer, as text (tool calls as `name(arguments)`). */
  expected: string;
  answers: Array<{
    candidate: string;
    answer: string;
    pass: boolean;
    score: number;
    detail?: string;
  }>;
}

/** The report of an evaluation: what `runEval` returns and `tunekit eval --json` prints. */
export interface EvalReport {
  createdAt: string;
  examples: { source: string; count: number };
  scorers: Array<{ name: string; kind: ScorerKind; description: string; grader?: string }>;
  /** The scorer that wins, losses, ties and disagreements are judged by (the first one). */
  primaryScorer: string;
  candidates: CandidateSummary[];
  comparisons: PairwiseComparison[];
  disagreements: Disagreement[];
  run: {
    /** Requests in all: examples × candidates. */
    total: number;
    /** Answers taken from the results file instead of being asked again. */
    reused: number;
    /** Answer requests this run sent. */
    sent: number;
    /** Grading requests this run sent. */
    gradingRequests: number;
    /** What this run spent, exactly; null when a price was unknown. */
    spentUsd: string | null;
    /** Requests not sent because the budget or the cost cap ran out. */
    pending: number;
    stoppedBy: BudgetLimit | null;
    stopReason: string | null;
    /** Every example has an answer (or a final error) from every candidate. */
    complete: boolean;
    resultsFile: string | null;
  };
  confidence: { level: 0.95; methods: string };
}
