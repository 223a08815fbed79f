import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { formatDuration } from '../output/progress-bar.ts';
import { sparkline } from '../output/sparkline.ts';

/** `Step 12/90: training loss=0.48` — the message form, for events without metrics data. */
const STEP_MESSAGE = /^Step (\d+)\/(\d+): training loss=([\d.]+)/;

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * What a progress display knows about a job from its events and status: the step, the
 * training-loss history and an ETA (the job's `estimated_finish`, else the step rate).
 */
export class JobProgress {
  /**
   * How many job seconds pass per wall-clock second: 1 for a real API; more for the fake's
   * sped-up clock in `tunekit demo`, so the ETA is in the user's time.
   */
  readonly timeScale: number;
  status = '';
  step: number | undefined;
  totalSteps: number | undefined;
  readonly losses: number[] = [];
  #estimatedFinish: number | null | undefined;
  #firstStep: { step: number; at: number } | undefined;
  #lastStep: { step: number; at: number } | undefined;

  constructor(timeScale = 1) {
    this.timeScale = timeScale;
  }

  /** Takes in a job record. */
  observeJob(job: FineTuningJob): void {
    this.status = job.status;
    this.#estimatedFinish = job.estimated_finish;
  }

  /** Takes in an event; metrics events move the step and the loss. */
  observe(event: FineTuningJobEvent): void {
    const data = event.data ?? {};
    let step = numberOf(data.step);
    let total = numberOf(data.total_steps);
    let loss = numberOf(data.train_loss);
    const parsed = STEP_MESSAGE.exec(event.message);
    if (parsed) {
      step ??= Number(parsed[1]);
      total ??= Number(parsed[2]);
      loss ??= Number(parsed[3]);
    }
    if (step === undefined) return;
    this.step = step;
    this.totalSteps = total ?? this.totalSteps;
    if (loss !== undefined) this.losses.push(loss);
    this.#firstStep ??= { step, at: event.created_at };
    this.#lastStep = { step, at: event.created_at };
  }

  /** Milliseconds left, from the job's estimate or the pace of steps so far. */
  etaMs(nowMs: number = Date.now()): number | undefined {
    const last = this.#lastStep;
    if (this.#estimatedFinish) {
      // Measured from the job's own latest time where the clock is sped up.
      const now = this.timeScale === 1 || !last ? nowMs : last.at * 1000;
      return Math.max(0, this.#estimatedFinish * 1000 - now) / this.timeScale;
    }
    const first = this.#firstStep;
    if (!first || !last || !this.totalSteps || last.step <= first.step) return undefined;
    const secondsPerStep = (last.at - first.at) / (last.step - first.step);
    return (secondsPerStep * (this.totalSteps - last.step) * 1000) / this.timeScale;
  }

  /** One status line: `running · step 42/120 · loss 0.93 ▇▆▅▄▃ · ETA 1m 20s`. */
  summary(sparkWidth = 24): string {
    const parts = [this.status || 'starting'];
    if (this.step !== undefined)
      parts.push(`step ${this.step}${this.totalSteps ? `/${this.totalSteps}` : ''}`);
    const last = this.losses.at(-1);
    if (last !== undefined)
      parts.push(`loss ${last.toFixed(3)} ${sparkline(this.losses, sparkWidth)}`);
    const eta = this.etaMs();
    if (eta !== undefined && this.status === 'running') parts.push(`ETA ${formatDuration(eta)}`);
    return parts.join(' · ');
  }
}
