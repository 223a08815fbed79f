import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import { isTerminalJobStatus } from '../../schemas/fine-tuning-job.ts';
import { type TrainingPair, trainingPairs } from '../chat/training-pairs.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { FakeState } from '../state.ts';
import type { JobRecord } from './job-record.ts';
import type { StepMetrics } from './loss-curve.ts';
import { type NarratedEvent, type Narrator, openaiNarrator } from './narrator.ts';
import type { Milestone } from './plan.ts';
import { resultFileContent } from './results-csv.ts';

/** What the engine needs from the rest of the fake. */
export interface JobEngineDeps {
  state: FakeState;
  clock: Clock;
  /** Jobs finish on the next request, whatever the clock says. */
  instant: boolean;
  /** Shown as `owned_by` of the models the fake trains. */
  ownerName: string;
  /** Looks up the shutdown date of a snapshot, inherited by models trained from it. */
  shutdownDateOf(snapshot: string): string | undefined;
  /** How jobs tell what happens to them. Default: OpenAI's events. */
  narrator?: Narrator | undefined;
  /** Whether a finished job writes a result file (OpenAI's CSV). Default: true. */
  resultFiles?: boolean | undefined;
}

/** Statuses a job can be stepped to with `fake.runJob(id, { until })`. */
export type RunUntil = 'queued' | 'running' | 'succeeded';

const toSeconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Moves jobs along their plans as simulated time passes, and applies what each milestone
 * means: status changes, events, checkpoints, the result file and the fine-tuned model.
 * Nothing runs on a timer: jobs are brought up to date when a request arrives (`tick`).
 */
export class JobEngine {
  readonly #deps: JobEngineDeps;
  readonly #narrator: Narrator;
  /** Each job's training pairs, parsed once for its model and all its checkpoints. */
  readonly #pairs = new WeakMap<JobRecord, TrainingPair[]>();

  constructor(deps: JobEngineDeps) {
    this.#deps = deps;
    this.#narrator = deps.narrator ?? openaiNarrator;
  }

  /** Registers a new job (status `validating_files`) with its first events. */
  add(job: JobRecord): void {
    this.#deps.state.jobs.set(job.id, job);
    this.#tell(job, job.createdAt, this.#narrator.created(job));
  }

  /** Brings every job up to the clock (to its end, on the instant clock). */
  tick(): void {
    const now = this.#deps.clock.now();
    for (const job of this.#deps.state.jobs.values()) {
      const { progress } = job;
      if (isTerminalJobStatus(job.status) || job.status === 'paused') {
        progress.lastTickMs = now;
        continue;
      }
      if (this.#deps.instant) {
        this.#finishAtOnce(job);
        continue;
      }
      const target = progress.activeMs + (now - progress.lastTickMs);
      const startedAt = progress.lastTickMs;
      const startActive = progress.activeMs;
      this.#applyUntil(job, target, (at) => startedAt + (at - startActive));
      progress.activeMs = target;
      progress.lastTickMs = now;
    }
  }

  /**
   * The instant clock: applies the rest of a job's plan now, each milestone stamped when the
   * plan says it happens (from where the job stands), then moves the clock past the last one —
   * so a 120-step job still shows a `finished_at` minutes after its `created_at`, and nothing
   * the fake shows afterwards is older than the job's end.
   */
  #finishAtOnce(job: JobRecord): void {
    const { progress } = job;
    const startedAt = progress.lastTickMs;
    const startActive = progress.activeMs;
    const stamp = (at: number) => startedAt + (at - startActive);
    this.#applyUntil(job, Number.POSITIVE_INFINITY, stamp);
    const last = job.plan.milestones[progress.next - 1]?.at ?? startActive;
    progress.activeMs = Math.max(startActive, last);
    progress.lastTickMs = stamp(progress.activeMs);
    this.#deps.clock.skipTo(progress.lastTickMs);
  }

  /**
   * Runs one job at once to `until` (default: its end), stamping what happens with the current
   * time. Other jobs do not move.
   */
  run(job: JobRecord, until: RunUntil = 'succeeded'): void {
    if (job.status === 'paused') {
      throw new Error(`Job ${job.id} is paused: resume it before running it.`);
    }
    const now = this.#deps.clock.now();
    const { milestones } = job.plan;
    while (!isTerminalJobStatus(job.status) && !this.#reached(job, until)) {
      const next = milestones[job.progress.next];
      if (!next) break;
      this.#apply(job, next, now);
      job.progress.next += 1;
      job.progress.activeMs = Math.max(job.progress.activeMs, next.at);
    }
    job.progress.lastTickMs = now;
  }

  /** Pauses a running job: its plan stops until it is resumed. */
  pause(job: JobRecord): void {
    job.statusBeforePause = job.status;
    job.status = 'paused';
    job.estimatedFinish = null;
    this.#tell(job, this.#deps.clock.seconds(), this.#narrator.paused(job));
  }

  /** Resumes a paused job where it stopped. */
  resume(job: JobRecord): void {
    job.status = job.statusBeforePause ?? 'running';
    job.statusBeforePause = null;
    job.progress.lastTickMs = this.#deps.clock.now();
    this.#tell(job, this.#deps.clock.seconds(), this.#narrator.resumed(job));
  }

  /** Cancels a job that has not finished. */
  cancel(job: JobRecord): void {
    job.status = 'cancelled';
    job.statusBeforePause = null;
    job.estimatedFinish = null;
    this.#tell(job, this.#deps.clock.seconds(), this.#narrator.cancelled(job));
  }

  #reached(job: JobRecord, until: RunUntil): boolean {
    const order = ['validating_files', 'queued', 'running', 'succeeded'];
    return order.indexOf(job.status) >= order.indexOf(until);
  }

  /** Applies every milestone due at or before `active` ms, stamped by `stampMs(at)`. */
  #applyUntil(job: JobRecord, active: number, stampMs: (at: number) => number): void {
    const { milestones } = job.plan;
    for (;;) {
      const next = milestones[job.progress.next];
      if (!next || next.at > active || isTerminalJobStatus(job.status)) return;
      this.#apply(job, next, stampMs(next.at));
      job.progress.next += 1;
      if (job.status === 'paused') return;
    }
  }

  #apply(job: JobRecord, milestone: Milestone, atMs: number): void {
    const at = toSeconds(atMs);
    switch (milestone.kind) {
      case 'validated':
        job.status = 'queued';
        this.#tell(job, at, this.#narrator.validated(job));
        return;
      case 'rejected':
        job.status = 'failed';
        job.error = milestone.error;
        job.finishedAt = at;
        this.#tell(job, at, this.#narrator.rejected(job, milestone.error));
        return;
      case 'started': {
        job.status = 'running';
        job.hyperparameters = job.plan.hyperparameters;
        const remaining = (job.plan.milestones.at(-1)?.at ?? milestone.at) - milestone.at;
        job.estimatedFinish = toSeconds(atMs + remaining);
        this.#tell(job, at, this.#narrator.started(job));
        return;
      }
      case 'step': {
        const hyper = job.plan.hyperparameters;
        const perEpoch = hyper ? Math.max(1, milestone.totalSteps / hyper.n_epochs) : 1;
        this.#tell(
          job,
          at,
          this.#narrator.step(job, milestone.metrics, milestone.totalSteps, perEpoch),
        );
        return;
      }
      case 'checkpoint':
        this.#checkpoint(job, milestone.metrics, milestone.final, at);
        return;
      case 'finished':
        this.#finish(job, at);
        return;
    }
  }

  #checkpoint(job: JobRecord, metrics: StepMetrics, final: boolean, at: number): void {
    const name = final
      ? job.plannedModel
      : `${job.plannedModel.replace(/:[^:]+$/, `:${newId.modelSuffix()}`)}:ckpt-step-${metrics.step}`;
    job.history.checkpoints.push({
      object: 'fine_tuning.job.checkpoint',
      id: newId.checkpoint(),
      created_at: at,
      fine_tuned_model_checkpoint: name,
      fine_tuning_job_id: job.id,
      step_number: metrics.step,
      metrics: {
        step: metrics.step,
        train_loss: metrics.train_loss,
        train_mean_token_accuracy: metrics.train_mean_token_accuracy,
        valid_loss: metrics.valid_loss,
        valid_mean_token_accuracy: metrics.valid_mean_token_accuracy,
      },
    });
    if (!final) this.#registerModel(job, name, at, false);
    this.#tell(job, at, this.#narrator.checkpoint(job, metrics.step, name, final));
  }

  #finish(job: JobRecord, at: number): void {
    if (this.#deps.resultFiles !== false) {
      const resultFile = newId.file();
      this.#deps.state.files.set(resultFile, {
        id: resultFile,
        filename: 'step_metrics.csv',
        purpose: 'fine-tune-results',
        content: resultFileContent(job.plan.steps),
        createdAt: at,
        expiresAt: null,
        processedAtMs: 0,
      });
      job.resultFiles = [resultFile];
    }
    const earlier = job.history.checkpoints
      .filter((checkpoint) => checkpoint.fine_tuned_model_checkpoint !== job.plannedModel)
      .map((checkpoint) => ({
        step: checkpoint.step_number,
        name: checkpoint.fine_tuned_model_checkpoint,
      }));
    this.#registerModel(job, job.plannedModel, at, true);
    job.status = 'succeeded';
    job.finishedAt = at;
    job.estimatedFinish = null;
    job.fineTunedModel = job.plannedModel;
    job.trainedTokens = job.plan.trainedTokens;
    this.#tell(job, at, this.#narrator.finished(job, earlier));
  }

  #registerModel(job: JobRecord, id: string, created: number, listed: boolean): void {
    this.#deps.state.trainedModels.set(id, {
      id,
      base: job.baseSnapshot,
      created,
      owned_by: this.#deps.ownerName,
      jobId: job.id,
      pairs: this.#pairsOf(job),
      listed,
      shutdown_date: this.#deps.shutdownDateOf(job.baseSnapshot),
    });
  }

  #pairsOf(job: JobRecord): TrainingPair[] {
    let pairs = this.#pairs.get(job);
    if (!pairs) {
      pairs = trainingPairs(job.trainingContent);
      this.#pairs.set(job, pairs);
    }
    return pairs;
  }

  /** Writes the narrated events at `at`, in order. */
  #tell(job: JobRecord, at: number, events: readonly NarratedEvent[]): void {
    for (const event of events) {
      const written: FineTuningJobEvent = {
        object: 'fine_tuning.job.event',
        id: newId.event(),
        created_at: at,
        level: event.level ?? 'info',
        message: event.message,
        type: event.type ?? 'message',
        data: event.data === undefined ? {} : event.data,
      };
      job.history.events.push(written);
    }
  }
}
