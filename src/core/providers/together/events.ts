import { createHash } from 'node:crypto';
import {
  defined,
  type Json,
  numberOf,
  objectOf,
  objectsOf,
  stringOf,
  unixSeconds,
} from './json.ts';

/** Together's levels as tunekit's (`info`, `warn`, `error`); casing varies between its SDKs. */
function levelOf(level: unknown): string {
  const text = typeof level === 'string' ? level.toLowerCase() : '';
  if (text.includes('error')) return 'error';
  if (text.includes('warn')) return 'warn';
  return 'info';
}

/** The fields that make an event what it is, for its synthesised id. */
function fingerprint(jobId: string, event: Json): string {
  const parts = [jobId, event.created_at, event.type, event.level, event.message, event.step];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/**
 * The events of a Together job as tunekit's, oldest first. Together's events have no id, and
 * following a job needs one that stays the same from one read to the next: the id is Together's
 * `hash` when it sends one, else a digest of the job, time, type, level, message and step — with
 * `-2`, `-3`… for the second and third event that are identical in all of these. Events are
 * appended, never rewritten, so each keeps its id across reads.
 */
export function togetherEvents(jobId: string, items: unknown): Json[] {
  const seen = new Map<string, number>();
  const events = objectsOf(items)
    .map((event, index) => ({ event, index, at: unixSeconds(event.created_at) }))
    // Oldest first whatever order Together lists them in (its order is not documented).
    .sort((a, b) => (numberOf(a.at) ?? 0) - (numberOf(b.at) ?? 0) || a.index - b.index);
  return events.map(({ event, at }) => {
    const base = stringOf(event.hash) ?? fingerprint(jobId, event);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const {
      object: _object,
      created_at: _created,
      message,
      level,
      type,
      hash: _hash,
      ...data
    } = event;
    return {
      id: `ftevent-${base}${count > 1 ? `-${count}` : ''}`,
      object: 'fine_tuning.job.event',
      created_at: at,
      level: levelOf(level),
      message: typeof message === 'string' ? message : String(message ?? ''),
      type: 'message',
      // Together's lifecycle type (`job_start`, `checkpoint_save`…) and its numbers.
      data: defined({ together_type: stringOf(type), ...data }),
    };
  });
}

/**
 * A Together checkpoint as tunekit's: its id and the name to train from are `{job}:{step}`
 * (the `from_checkpoint` syntax), or Together's object name when it gives one.
 */
export function togetherCheckpoint(jobId: string, value: Json): Json {
  const step = numberOf(value.step) ?? 0;
  const { checkpoint_type, path, checkpoint } = value;
  return {
    id: stringOf(value.object_id) ?? `${jobId}:${step}`,
    object: 'fine_tuning.job.checkpoint',
    created_at: unixSeconds(value.created_at),
    fine_tuned_model_checkpoint: stringOf(value.object_name) ?? `${jobId}:${step}`,
    fine_tuning_job_id: jobId,
    step_number: step,
    metrics: null,
    together: defined({ checkpoint_type, path, checkpoint }),
  };
}

/** Together's metric names as tunekit's columns (others keep their name, `/` as `_`). */
const METRIC_NAMES: Record<string, string> = {
  'train/loss': 'train_loss',
  'eval/loss': 'valid_loss',
  'train/global_step': 'step',
};

/**
 * Rows of `/fine-tunes/{id}/metrics` (`{"train/loss": 0.5, "train/global_step": 7, …}`) as
 * tunekit's metric rows sorted by step; rows without a step are left out.
 */
export function togetherMetrics(value: unknown): { data: Json[] } {
  const rows: Json[] = [];
  for (const entry of objectsOf(objectOf(value)?.metrics)) {
    const row: Json = {
      train_loss: null,
      train_accuracy: null,
      valid_loss: null,
      valid_mean_token_accuracy: null,
    };
    for (const [name, metric] of Object.entries(entry)) {
      if (typeof metric !== 'number') continue;
      row[METRIC_NAMES[name] ?? name.replaceAll('/', '_')] = metric;
    }
    if (typeof row.step === 'number') rows.push(row);
  }
  rows.sort((a, b) => (a.step as number) - (b.step as number));
  return { data: rows };
}
