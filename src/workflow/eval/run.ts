import type { TuneKit } from '../../client.ts';
import { defaultCatalog } from '../../data/catalog/catalog.ts';
import { type PromptExample, readPromptExamples } from '../../data/prompt/read-examples.ts';
import { describeSource, type TrainingSource } from '../../data/reader/source.ts';
import { ask, type EvalTask, type RunContext, rejudge } from './ask.ts';
import {
  buildRequest,
  fingerprint,
  type ResolvedCandidate,
  resolveCandidates,
} from './candidates.ts';
import { Meter } from './meter.ts';
import { checkOptions, type EvalOptions } from './options.ts';
import { Recorder } from './recorder.ts';
import { buildEvalReport, resultKey } from './report/build.ts';
import type { EvalReport } from './report/types.ts';
import {
  type EvalResult,
  openResultsWriter,
  type ResultsWriter,
  readResultsFile,
} from './results-file.ts';
import { RunControl, runTasks } from './schedule.ts';
import type { Scorer } from './scorers/scorer.ts';
import { normalizedMatch } from './scorers/text.ts';

export type { EvalOptions, EvalProgress } from './options.ts';

/** The held-out examples, and how the report names where they came from. */
async function loadExamples(options: EvalOptions) {
  if (Array.isArray(options.examples)) {
    return { examples: options.examples as PromptExample[], source: '<examples>' };
  }
  const source = options.examples as TrainingSource;
  const examples = await readPromptExamples(source, { format: options.format });
  return { examples, source: describeSource(source) };
}

/** The stored results to resume from (the latest per request), and the writer that appends. */
async function openResults(resultsFile: string | undefined): Promise<{
  latest: Map<string, EvalResult>;
  writer: ResultsWriter | null;
}> {
  if (!resultsFile) return { latest: new Map(), writer: null };
  const stored = await readResultsFile(resultsFile);
  const latest = new Map<string, EvalResult>();
  for (const result of stored.results) latest.set(resultKey(result.line, result.candidate), result);
  return { latest, writer: await openResultsWriter(resultsFile, stored) };
}

/**
 * One task per example and candidate: a stored answer to the same request is scored again,
 * anything else (nothing stored, a stored failure, a changed request) is asked.
 */
function planTasks(
  context: RunContext,
  examples: readonly PromptExample[],
  candidates: readonly ResolvedCandidate[],
  latest: ReadonlyMap<string, EvalResult>,
  defaults: { temperature: number; maxOutputTokens: number },
): Array<() => Promise<void>> {
  return examples.flatMap((example) =>
    candidates.map((candidate) => {
      const request = buildRequest(candidate, example, defaults);
      const task: EvalTask = { candidate, example, request, fingerprint: fingerprint(request) };
      const before = latest.get(resultKey(example.line, candidate.name));
      const same = before?.fingerprint === task.fingerprint ? before : undefined;
      if (same && same.error === null) return () => rejudge(context, same, example);
      return () => {
        if (same) context.recorder.keepStoredFailure(same);
        return ask(context, task);
      };
    }),
  );
}

/** The evaluation itself; `runEval` (the public entry) loads this module on first use. */
export async function evaluate(client: TuneKit, options: EvalOptions): Promise<EvalReport> {
  const scorers: Scorer[] = options.scorers?.length ? [...options.scorers] : [normalizedMatch()];
  checkOptions(options, scorers);
  const candidates = resolveCandidates(options.candidates);
  for (const scorer of scorers) await (scorer as { prepare?: () => Promise<void> }).prepare?.();
  const { examples, source } = await loadExamples(options);

  const defaults = {
    temperature: options.temperature ?? 0,
    maxOutputTokens: options.maxOutputTokens ?? 1024,
  };
  const meter = new Meter({
    catalog: options.catalog ?? defaultCatalog,
    models: [...candidates.map((c) => c.model), ...scorers.flatMap((s) => s.grader ?? [])],
    maxRequests: options.maxRequests,
    maxCostUsd: options.maxCostUsd,
    maxOutputTokens: defaults.maxOutputTokens,
  });
  const { latest, writer } = await openResults(options.resultsFile);
  const recorder = new Recorder({
    writer,
    total: examples.length * candidates.length,
    onProgress: options.onProgress,
    spentUsd: () => meter.spentUsd(),
  });
  const control = new RunControl(options.signal);
  const context: RunContext = { client, meter, recorder, scorers, control };

  const tasks = planTasks(context, examples, candidates, latest, defaults);
  await runTasks(tasks, options.concurrency ?? 4, control);
  await writer?.close();
  if (control.stopped) throw control.fatal;

  const { counts } = recorder;
  return buildEvalReport({
    source,
    examples,
    candidates,
    scorers,
    results: recorder.results,
    pricing: meter.pricing,
    run: {
      reused: counts.reused,
      sent: counts.sent,
      gradingRequests: counts.grading,
      spentPico: meter.spentPico,
      stoppedBy: meter.budget.exhausted?.limit ?? null,
      stopReason: meter.budget.exhausted?.message ?? null,
      resultsFile: options.resultsFile ?? null,
    },
  });
}
