import type { BatchResult } from '../check/batch.ts';
import {
  ASSISTANT_TOKENS,
  EXAMPLE_FIELDS,
  HASH_HIGH,
  HASH_LOW,
  LINE,
  MESSAGES,
  TOKENS,
} from '../check/example-fields.ts';
import { PROBLEM_CATALOG, type Problem, type ProblemCode, problem } from '../problems.ts';
import { CountDistribution } from '../stats.ts';
import { DuplicateFinder } from './duplicates.ts';
import type { DataStatistics } from './report.ts';

/**
 * Adds up batch results, in file order, into the report: counts, the first problems,
 * duplicates and statistics. Memory is fixed whatever the file's size: the listed problems
 * (capped), three distributions of 270 KB each, and the duplicate table (at most 24 MB).
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
  readonly #duplicates = new DuplicateFinder();
  readonly #tokens = new CountDistribution();
  readonly #assistant = new CountDistribution();
  readonly #messages = new CountDistribution();
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

  /** True once the duplicate table is full: later examples are compared only with earlier ones. */
  get duplicatesApproximate(): boolean {
    return this.#duplicates.full;
  }

  /** Records a problem of the whole file (always listed: there are few). */
  addFileProblem(found: Problem): void {
    this.#count(found.code, found.severity === 'error', 1);
    this.fileProblems.push(found);
  }

  /** Takes the next batch's result (batches must come in file order). */
  addBatch(result: BatchResult): void {
    this.lines += result.lines;
    this.blankLines += result.blankLines;
    this.#withSystem += result.withSystem;
    this.#withToolCalls += result.withToolCalls;
    this.#images += result.images;
    this.#imagesNotCounted += result.imagesNotCounted;
    for (const [code, count] of Object.entries(result.counts) as [ProblemCode, number][]) {
      this.#count(code, PROBLEM_CATALOG[code].severity === 'error', count);
    }
    const duplicates = this.#addExamples(result.examples);
    this.#list(result.problems, duplicates);
  }

  /** Statistics and duplicates of a batch's examples; returns the duplicate problems. */
  #addExamples(examples: Uint32Array): Problem[] {
    const duplicates: Problem[] = [];
    const limit = this.#limit;
    for (let i = 0; i < examples.length; i += EXAMPLE_FIELDS) {
      const line = examples[i + LINE] as number;
      const tokens = examples[i + TOKENS] as number;
      const first = this.#duplicates.check(
        examples[i + HASH_LOW] as number,
        examples[i + HASH_HIGH] as number,
        line,
      );
      if (first !== undefined) {
        this.#count('duplicate_example', false, 1);
        if (this.#listed < this.#maxProblems)
          duplicates.push(problem('duplicate_example', `same example as line ${first}`, { line }));
      }
      this.#tokens.push(tokens);
      this.#assistant.push(examples[i + ASSISTANT_TOKENS] as number);
      this.#messages.push(examples[i + MESSAGES] as number);
      this.#billable += limit === null ? tokens : Math.min(tokens, limit);
      if (limit !== null && tokens > limit) this.#overLimit++;
    }
    return duplicates;
  }

  get #listed(): number {
    return this.fileProblems.length + this.lineProblems.length;
  }

  /** Lists a batch's problems and its duplicates, merged by line, up to the cap. */
  #list(problems: readonly Problem[], duplicates: readonly Problem[]): void {
    let p = 0;
    let d = 0;
    while (this.#listed < this.#maxProblems && (p < problems.length || d < duplicates.length)) {
      const next = problems[p];
      const duplicate = duplicates[d];
      // A line's own problems come before its duplicate warning.
      if (next && (!duplicate || (next.line ?? 0) <= (duplicate.line ?? 0))) {
        this.lineProblems.push(next);
        p++;
      } else {
        this.lineProblems.push(duplicate as Problem);
        d++;
      }
    }
  }

  #count(code: ProblemCode, error: boolean, count: number): void {
    this.counts[code] = (this.counts[code] ?? 0) + count;
    if (error) this.errors += count;
    else this.warnings += count;
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
