import type { FineTuningJobEvent } from '../../schemas/fine-tuning-event.ts';
import type { FineTuningJob } from '../../schemas/fine-tuning-job.ts';
import { paint } from '../output/color.ts';
import { LiveStatus } from '../output/live-status.ts';
import { JobProgress } from './progress.ts';

/** Where the events go: stdout when they are the command's data, stderr when they are its log. */
export type EventTarget = 'stdout' | 'stderr';

/** An event as one human line: `10:04:01  Step 3/120: training loss=2.09`. */
export function eventLine(event: FineTuningJobEvent, stream: NodeJS.WritableStream): string {
  const time = new Date(event.created_at * 1000).toISOString().slice(11, 19);
  const style = event.level === 'error' ? 'red' : event.level === 'warn' ? 'yellow' : 'reset';
  return `${paint(stream, 'dim', time)}  ${paint(stream, style, event.message)}`;
}

/**
 * Shows a job being followed: each event as a line, and on a terminal a live status line at
 * the bottom (status, step, loss sparkline, ETA). With `--json` each event is one JSON line on
 * stdout and nothing else is drawn.
 */
export class FollowDisplay {
  readonly progress: JobProgress;
  readonly #json: boolean;
  readonly #target: NodeJS.WritableStream;
  readonly #status: LiveStatus | undefined;
  lastEventId: string | undefined;

  constructor(options: { json: boolean; events: EventTarget; timeScale?: number }) {
    this.progress = new JobProgress(options.timeScale);
    this.#json = options.json;
    this.#target = options.events === 'stdout' ? process.stdout : process.stderr;
    this.#status = options.json ? undefined : new LiveStatus(process.stderr);
  }

  /** An event arrived. */
  event(event: FineTuningJobEvent): void {
    this.lastEventId = event.id;
    this.progress.observe(event);
    if (this.#json) {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    this.#status?.line(eventLine(event, this.#target), this.#target);
    this.#status?.status(this.progress.summary());
  }

  /** The job's status was read. */
  job(job: FineTuningJob): void {
    this.progress.observeJob(job);
    this.#status?.status(this.progress.summary());
  }

  /** A line of the command's own (on stderr, above the status). */
  note(text: string): void {
    if (this.#json) return;
    if (this.#status) this.#status.line(text, process.stderr);
    else process.stderr.write(`${text}\n`);
  }

  /** Replaces the live status line (e.g. upload progress before the job exists). */
  status(text: string): void {
    this.#status?.status(text);
  }

  stop(): void {
    this.#status?.stop();
  }
}
