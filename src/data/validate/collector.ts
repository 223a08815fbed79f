import type { LineResult } from '../check/line.ts';
import type { Problem, ProblemCode } from '../problems.ts';
import { NumberSeries } from '../stats.ts';
import type { DataStatistics } from './report.ts';

/**
 * Accumulates line results in file order into counts, the first problems, duplicates and
 * statistics. Memory: the listed problems (capped), 4 bytes per example per series, and one
 * map entry per distinct example for duplicate detection.
 */
export class ReportCollector {
  readonly counts: Partial<Record<ProblemCode, number>> = {};
  readonly fileProblems: Problem[] = [];
  readonly lineProblems: Problem[] = [];
  errors = 0;
  warnings = 0;
  lines = 0;
  blankLines = 0;
  readonly #maxProblems: number;
  readonly #limit: number | null;
  readonly #seen = new Map<string, number>();
  readonly #tokens = new NumberSeries();
  readonly #assistant = new NumberSeries();
  readonly #messages = new NumberSeries();
  #withSystem = 0;
  #withToolCalls = 0;
  #images = 0;
  #imagesNotCounted = 0;
  #billable = 0;
  #overLimit = 0;

  constructor(maxProblems: number, limit: number | null) {
    this.#maxProblems = maxProblems;
    this.#limit = limit;
  }

  get examples(): number {
    return this.#tokens.length;
  }

  get truncated(): boolean {
    return this.errors + this.warnings > this.fileProblems.length + this.lineProblems.length;
  }

  /** Records a problem of the whole file (always listed: there are few). */
  addFileProblem(problem: Problem): void {
    this.#count(problem);
    this.fileProblems.push(problem);
  }

  addLineProblem(problem: Problem): void {
    this.#count(problem);
    if (this.fileProblems.length + this.lineProblems.length < this.#maxProblems)
      this.lineProblems.push(problem);
  }

  addResult(result: LineResult): void {
    for (const problem of result.problems) this.addLineProblem(problem);
    const example = result.example;
    if (!example) return;
    const first = this.#seen.get(example.digest);
    if (first === undefined) this.#seen.set(example.digest, result.line);
    else
      this.addLineProblem({
        code: 'duplicate_example',
        severity: 'warning',
        message: `same example as line ${first}`,
        line: result.line,
      });
    this.#tokens.push(example.tokens);
    this.#assistant.push(example.assistantTokens);
    this.#messages.push(example.messages);
    if (example.hasSystem) this.#withSystem++;
    if (example.hasToolCalls) this.#withToolCalls++;
    this.#images += example.images;
    this.#imagesNotCounted += example.imagesNotCounted;
    const limit = this.#limit;
    this.#billable += limit === null ? example.tokens : Math.min(example.tokens, limit);
    if (limit !== null && example.tokens > limit) this.#overLimit++;
  }

  #count(problem: Problem): void {
    this.counts[problem.code] = (this.counts[problem.code] ?? 0) + 1;
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
  }

  stats(): DataStatistics {
    return {
      lines: this.lines,
      blankLines: this.blankLines,
      examples: this.examples,
      messagesPerExample: this.#messages.summary(),
      tokensPerExample: this.#tokens.summary(),
      assistantTokensPerExample: this.#assistant.summary(),
      tokenHistogram: this.#tokens.histogram(),
      examplesWithSystemMessage: this.#withSystem,
      examplesWithoutSystemMessage: this.examples - this.#withSystem,
      examplesWithToolCalls: this.#withToolCalls,
      images: this.#images,
      imagesNotCounted: this.#imagesNotCounted,
      totalTokens: this.#tokens.sum,
      billableTokensPerEpoch: this.#billable,
      examplesOverTokenLimit: this.#overLimit,
    };
  }
}
