import type { FileObject, FineTuningJob, FineTuningJobEvent } from '../../src/index.ts';

/** A file as the API returns it. */
export function fileObject(overrides: Partial<FileObject> = {}): FileObject {
  return {
    id: 'file-abc123',
    object: 'file',
    bytes: 1024,
    created_at: 1_750_000_000,
    filename: 'train.jsonl',
    purpose: 'fine-tune',
    status: 'processed',
    ...overrides,
  };
}

/** A job as the API returns it, including the null members real responses carry. */
export function jobObject(overrides: Partial<FineTuningJob> = {}): FineTuningJob {
  return {
    id: 'ftjob-abc123',
    object: 'fine_tuning.job',
    created_at: 1_750_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    status: 'queued',
    training_file: 'file-abc123',
    validation_file: null,
    fine_tuned_model: null,
    finished_at: null,
    error: { code: null, message: null, param: null },
    hyperparameters: { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' },
    organization_id: 'org-1',
    result_files: [],
    trained_tokens: null,
    seed: 42,
    estimated_finish: null,
    metadata: null,
    method: { type: 'supervised' },
    ...overrides,
  };
}

/** An event as the API returns it. */
export function eventObject(
  n: number,
  overrides: Partial<FineTuningJobEvent> = {},
): FineTuningJobEvent {
  return {
    id: `ftevent-${n}`,
    object: 'fine_tuning.job.event',
    created_at: 1_750_000_000 + n,
    level: 'info',
    message: `Step ${n}/10: training loss=0.5`,
    type: 'message',
    data: null,
    ...overrides,
  };
}

/** A list envelope. */
export function list<T>(data: T[], extra: Record<string, unknown> = {}) {
  return { object: 'list', data, has_more: false, ...extra };
}
