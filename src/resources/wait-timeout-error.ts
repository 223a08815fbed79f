import { TuneKitError } from '../core/errors/tunekit-error.ts';

/**
 * A wait ran out of time. Nothing was cancelled: the job (or file) goes on, and `lastStatus`
 * says where it was.
 *
 * @example
 * await client.jobs.wait(id, { maxWait: 3_600_000 }).catch((e) => e instanceof WaitTimeoutError && e.lastStatus); // 'running'
 */
export class WaitTimeoutError extends TuneKitError {
  override name = 'WaitTimeoutError';
  /** What was waited for, e.g. `job ftjob-abc to finish`. */
  readonly waitedFor: string;
  readonly timeoutMs: number;
  readonly lastStatus: string | undefined;

  constructor(waitedFor: string, timeoutMs: number, lastStatus: string | undefined) {
    const status = lastStatus ? ` (last status: ${lastStatus})` : '';
    super(`Timed out after ${formatDuration(timeoutMs)} waiting for ${waitedFor}${status}`);
    this.waitedFor = waitedFor;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}
