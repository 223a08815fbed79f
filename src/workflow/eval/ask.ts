import type { TuneKit } from '../../client.ts';
import { APIError } from '../../core/errors/api-error.ts';
import { usdFromPico } from '../../data/money.ts';
import type { PromptExample } from '../../data/prompt/read-examples.ts';
import type { ChatCompletionCreateParamsNonStreaming } from '../../schemas/chat-params.ts';
import { BudgetExhaustedError } from './budget.ts';
import { outputOf, type ResolvedCandidate } from './candidates.ts';
import { isFatalEvalError } from './fatal.ts';
import { judge } from './judge.ts';
import type { Meter, MeteredCompletion } from './meter.ts';
import type { Recorder } from './recorder.ts';
import type { EvalResult } from './results-file.ts';
import type { RunControl } from './schedule.ts';
import type { Scorer } from './scorers/scorer.ts';

/** What every request of a run works with. */
export interface RunContext {
  client: TuneKit;
  meter: Meter;
  recorder: Recorder;
  scorers: readonly Scorer[];
  control: RunControl;
}

/** One request of the run: a candidate asked about an example. */
export interface EvalTask {
  candidate: ResolvedCandidate;
  example: PromptExample;
  request: ChatCompletionCreateParamsNonStreaming;
  /** The request's fingerprint: a stored answer is reused only for the same request. */
  fingerprint: string;
}

function describeFailure(error: unknown): NonNullable<EvalResult['error']> {
  return {
    type: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    status: error instanceof APIError ? error.status : null,
  };
}

/** What every result line of a request starts with; scores come later. */
function resultHead(task: EvalTask, latencyMs: number) {
  return {
    v: 1 as const,
    line: task.example.line,
    candidate: task.candidate.name,
    model: task.candidate.model,
    fingerprint: task.fingerprint,
    at: new Date().toISOString(),
    latencyMs,
    scores: {},
    grading: { requests: 0, costUsd: '0.00' },
  };
}

/** The result of an answered request, before it is scored. */
function answeredResult(task: EvalTask, answered: MeteredCompletion): EvalResult {
  const { completion, cost, latencyMs } = answered;
  return {
    ...resultHead(task, latencyMs),
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
}

/** Scores a result, sending grading requests on the run's meter, counted. */
function judgeOnRun(context: RunContext, result: EvalResult, example: PromptExample) {
  const { client, meter, recorder, control } = context;
  return judge(
    result,
    example,
    context.scorers,
    (params) => {
      recorder.counts.grading++;
      return meter.send(client, params, control.signal);
    },
    control.signal,
  );
}

/**
 * Asks one candidate about one example, scores and records the answer. A failure after the
 * client's retries is recorded (and asked again next run); a fatal one stops the run; a
 * request the budget refuses is not sent and not counted.
 */
export async function ask(context: RunContext, task: EvalTask): Promise<void> {
  const { meter, recorder, control } = context;
  if (control.stopped || meter.budget.exhausted) return;
  const started = performance.now();
  let answered: MeteredCompletion;
  try {
    recorder.counts.sent++;
    answered = await meter.send(context.client, task.request, control.signal);
  } catch (error) {
    if (error instanceof BudgetExhaustedError) {
      recorder.counts.sent--;
      return;
    }
    if (isFatalEvalError(error)) return control.fail(error);
    recorder.counts.errors++;
    const failed: EvalResult = {
      ...resultHead(task, Math.round(performance.now() - started)),
      output: null,
      usage: null,
      costUsd: null,
      error: describeFailure(error),
    };
    return recorder.record(failed, {}, true);
  }
  const result = answeredResult(task, answered);
  const judged = await judgeOnRun(context, result, task.example);
  // The answer was paid for: keep it even when scoring has to stop the run.
  await recorder.record(
    { ...result, scores: judged.scores, grading: judged.grading },
    judged.scores,
    true,
  );
  if (judged.stopWith !== undefined) control.fail(judged.stopWith);
}

/** Scores a stored answer again; grades it where a grade is missing (and saves it then). */
export async function rejudge(
  context: RunContext,
  stored: EvalResult,
  example: PromptExample,
): Promise<void> {
  const { recorder, control } = context;
  if (control.stopped) return;
  const judged = await judgeOnRun(context, stored, example);
  const graded = judged.grading.requests > stored.grading.requests;
  recorder.counts.reused++;
  await recorder.record(
    { ...stored, scores: judged.scores, grading: judged.grading },
    judged.scores,
    graded,
  );
  if (judged.stopWith !== undefined) control.fail(judged.stopWith);
}
