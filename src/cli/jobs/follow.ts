import { writeOut } from '../output/streams.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { finishJob } from './finish.ts';
import { FollowDisplay } from './follow-display.ts';

/** Shared with the Ctrl-C hint: the last event the user saw, and what is known of the job. */
export interface FollowState {
  lastEventId: string | undefined;
  /** Whether the job was ever read (the API answered about it). */
  reached?: boolean | undefined;
  /** Its status as last read. */
  status?: string | undefined;
}

/**
 * `tunekit jobs follow <id>`: the job's events as they come (stdout: they are the data), a
 * live status on a terminal, until the job ends. Exit 0 when it succeeded, 5 when it failed
 * or was cancelled.
 */
export async function followJobCommand(
  context: ApiContext,
  jobId: string,
  options: { since?: string; pollInterval?: number },
  state: FollowState,
): Promise<void> {
  const display = new FollowDisplay({ json: context.json, events: 'stdout' });
  try {
    const events = context.client.jobs.follow(jobId, {
      signal: context.signal,
      since: options.since,
      pollInterval: options.pollInterval,
      onJob: (job) => {
        state.reached = true;
        state.status = job.status;
        display.job(job);
      },
    });
    for (let next = await events.next(); ; next = await events.next()) {
      if (next.done) {
        display.stop();
        if (context.json) writeOut(JSON.stringify(next.value));
        finishJob(next.value, { json: context.json, rerunFlags: context.rerunFlags });
        return;
      }
      state.lastEventId = next.value.id;
      display.event(next.value);
    }
  } finally {
    display.stop();
  }
}
