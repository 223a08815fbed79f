import type { FineTuningJobEvent } from '../../schemas/index.ts';

/** One step of a training curve as the page draws it; a metric the step lacks is null. */
export interface MetricPoint {
  step: number;
  totalSteps: number | null;
  trainLoss: number | null;
  validLoss: number | null;
  trainAccuracy: number | null;
  validAccuracy: number | null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function first(record: Record<string, unknown>, names: readonly string[]): number | null {
  for (const name of names) {
    const value = finite(record[name]);
    if (value !== null) return value;
  }
  return null;
}

// Providers name the same metric differently (events vs result files, OpenAI vs others).
const TRAIN_ACCURACY = ['train_mean_token_accuracy', 'train_accuracy'];
const VALID_ACCURACY = ['valid_mean_token_accuracy', 'valid_accuracy'];
const VALID_LOSS = ['valid_loss'];

/** `Step 12/90: training loss=0.48, validation loss=0.52`: events that carry no data. */
const STEP_MESSAGE =
  /^Step (\d+)\/(\d+): training loss=(-?[\d.]+(?:e-?\d+)?)(?:, validation loss=(-?[\d.]+(?:e-?\d+)?))?/;

/**
 * The curve point an event carries: from its `data` (metrics events), else from its message
 * in the service's `Step n/N: training loss=…` wording. Null for other events.
 *
 * @example
 * pointOfEvent({ …, data: { step: 3, total_steps: 10, train_loss: 1.2 } })?.trainLoss; // 1.2
 */
export function pointOfEvent(event: FineTuningJobEvent): MetricPoint | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const step = finite(data.step);
  if (step !== null) {
    return {
      step,
      totalSteps: finite(data.total_steps),
      trainLoss: finite(data.train_loss),
      validLoss: first(data, VALID_LOSS),
      trainAccuracy: first(data, TRAIN_ACCURACY),
      validAccuracy: first(data, VALID_ACCURACY),
    };
  }
  const parsed = STEP_MESSAGE.exec(event.message);
  if (!parsed) return null;
  return {
    step: Number(parsed[1]),
    totalSteps: Number(parsed[2]),
    trainLoss: Number(parsed[3]),
    validLoss: parsed[4] === undefined ? null : Number(parsed[4]),
    trainAccuracy: null,
    validAccuracy: null,
  };
}

/**
 * Curve points from the rows of a job's result file (`client.jobs.metrics`), sorted by step.
 *
 * @example
 * pointsOfRows(await client.jobs.metrics(job.id)).at(-1)?.validLoss;
 */
export function pointsOfRows(rows: readonly Record<string, unknown>[]): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const row of rows) {
    const step = finite(row.step);
    if (step === null) continue;
    points.push({
      step,
      totalSteps: null,
      trainLoss: finite(row.train_loss),
      validLoss: first(row, VALID_LOSS),
      trainAccuracy: first(row, TRAIN_ACCURACY),
      validAccuracy: first(row, VALID_ACCURACY),
    });
  }
  return points.sort((a, b) => a.step - b.step);
}
