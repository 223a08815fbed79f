import { InvalidArgumentError } from '../../errors/invalid-argument-error.ts';
import type { ProviderFeature } from '../features.ts';
import {
  CLIENT_TOKEN_KEY,
  MAX_SUFFIX_LENGTH,
  suffixWithTag,
  tokenInNames,
  tokenTag,
  userSuffix,
} from './client-token.ts';
import {
  defined,
  type Json,
  numberOf,
  objectOf,
  objectsOf,
  stringOf,
  unixSeconds,
} from './json.ts';

/** Raises `NotSupportedByProviderError` for a feature Together lacks. */
export type Refuse = (feature: ProviderFeature, detail: string) => never;

/**
 * Together's statuses as tunekit's, where the meaning is the same. `compressing` and
 * `uploading` (the model being packed and stored after training) and `cancel_requested` have
 * no equivalent: they are not finished, so they read as `running` (the raw status stays in
 * `together.status`). `user_error` is known to Together's Python SDK only.
 */
const STATUS: Record<string, string> = {
  pending: 'pending',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'running',
  cancel_requested: 'running',
  completed: 'succeeded',
  error: 'failed',
  user_error: 'failed',
  cancelled: 'cancelled',
};

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** A hyperparameter that is a number (OpenAI's `"auto"` means: leave it to the service). */
function chosen(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The method's hyperparameters, wherever the request put them (the method, or the deprecated top level). */
function hyperparametersOf(method: Json | undefined, params: Json): Json {
  const type = stringOf(method?.type) ?? 'supervised';
  const settings = objectOf(method?.[type]);
  return objectOf(settings?.hyperparameters) ?? objectOf(params.hyperparameters) ?? {};
}

/** `training_method` from OpenAI's `method` (and Together's own knobs for it). */
function trainingMethod(method: Json | undefined, hyper: Json, together: Json): Json {
  const type = stringOf(method?.type) ?? 'supervised';
  if (type === 'supervised') {
    return { method: 'sft', train_on_inputs: together.train_on_inputs ?? 'auto' };
  }
  if (type === 'dpo') {
    return defined({ method: 'dpo', dpo_beta: chosen(hyper.beta), ...objectOf(together.dpo) });
  }
  throw new InvalidArgumentError(
    `Together AI fine-tunes with supervised (sft) or preference (dpo) training; method.type ${JSON.stringify(type)} has no equivalent in its fine-tuning API.`,
    'method.type',
  );
}

/** Weights & Biases: OpenAI's integration object as Together's top-level fields. */
function wandbFields(integrations: unknown, together: Json): Json {
  const wandb = objectsOf(integrations).find((entry) => entry.type === 'wandb');
  if (!wandb) return {};
  const settings = objectOf(wandb.wandb) ?? {};
  if (Array.isArray(settings.tags) && settings.tags.length > 0) {
    throw new InvalidArgumentError(
      'Together AI takes no Weights & Biases tags: leave integrations[].wandb.tags out.',
      'integrations',
    );
  }
  if (typeof together.wandb_api_key !== 'string') {
    throw new InvalidArgumentError(
      'Together AI logs to Weights & Biases with your W&B key: pass together.wandb_api_key with the wandb integration.',
      'together.wandb_api_key',
    );
  }
  return defined({
    wandb_project_name: stringOf(settings.project),
    wandb_name: stringOf(settings.name),
    wandb_entity: stringOf(settings.entity),
  });
}

/** The suffix Together gets: the user's, plus the tag of tunekit's client token if any. */
function suffixOf(params: Json, refuse: Refuse): string | undefined {
  const metadata = objectOf(params.metadata) ?? {};
  const others = Object.keys(metadata).filter((key) => key !== CLIENT_TOKEN_KEY);
  if (others.length > 0) {
    refuse(
      'jobs.metadata',
      `Together AI's fine-tuning jobs have no metadata (got ${others.map((k) => JSON.stringify(k)).join(', ')}); keep such labels in your own records, or in \`suffix\` (up to 64 characters).`,
    );
  }
  const suffix = stringOf(params.suffix);
  const token = stringOf(metadata[CLIENT_TOKEN_KEY]);
  if (token === undefined) return suffix;
  const tag = tokenTag(token);
  const tagged = suffixWithTag(suffix, tag);
  if (tagged.length > MAX_SUFFIX_LENGTH) {
    throw new InvalidArgumentError(
      `suffix is too long to carry the client token that protects this create against duplicate jobs on Together AI (${tagged.length} of ${MAX_SUFFIX_LENGTH} characters with it): shorten the suffix to ${Math.max(0, MAX_SUFFIX_LENGTH - tag.length - 1)} characters, use a shorter idempotencyToken, or pass idempotencyToken: false.`,
      'suffix',
    );
  }
  return tagged;
}

/**
 * The body of Together's `POST /fine-tunes` from tunekit's job request: the method's epochs,
 * batch size and DPO beta, `seed` as `random_seed`, the suffix (carrying tunekit's client
 * token, Together having no metadata), W&B from `integrations`, and `together`'s own
 * parameters as they are. OpenAI's `learning_rate_multiplier` has no equivalent (Together
 * takes the rate itself) and is refused, as is any metadata but tunekit's token.
 */
export function togetherJobBody(value: unknown, refuse: Refuse): Json {
  const params = objectOf(value) ?? {};
  const {
    model,
    training_file,
    validation_file,
    suffix: _suffix,
    seed,
    method: rawMethod,
    hyperparameters: _hyperparameters,
    integrations,
    metadata: _metadata,
    together: rawTogether,
    trainingType: _trainingType,
    ...unknown
  } = params;
  const method = objectOf(rawMethod);
  const together = objectOf(rawTogether) ?? {};
  const hyper = hyperparametersOf(method, params);
  if (typeof hyper.learning_rate_multiplier === 'number') {
    throw new InvalidArgumentError(
      'Together AI takes the learning rate itself, not a multiplier: pass together.learning_rate (Together’s default is 1e-5) instead of learning_rate_multiplier.',
      'learning_rate_multiplier',
    );
  }
  const { dpo: _dpo, train_on_inputs: _trainOnInputs, ...own } = together;
  return defined({
    ...unknown,
    model,
    training_file,
    validation_file: validation_file ?? undefined,
    suffix: suffixOf(params, refuse),
    random_seed: seed ?? undefined,
    n_epochs: chosen(hyper.n_epochs),
    batch_size: chosen(hyper.batch_size),
    training_method: trainingMethod(method, hyper, together),
    ...wandbFields(integrations, together),
    ...own,
  });
}

/** Why a failed job failed: its last error event (Together's jobs carry no error object). */
function errorOf(raw: Json, status: string): Json | null {
  if (status !== 'failed') return null;
  const events = objectsOf(raw.events);
  const last = events.findLast((event) => event.type === 'job_error' || event.level === 'error');
  return {
    code: null,
    message:
      stringOf(last?.message) ??
      `Together AI reports the job as ${String(raw.status)}; the reason, if any, is among its events (jobs.events).`,
    param: null,
  };
}

/** The method as OpenAI's API shows it, with the hyperparameters that have a name there. */
function methodOf(raw: Json): Json {
  const training = objectOf(raw.training_method);
  const hyper = defined({ n_epochs: raw.n_epochs, batch_size: raw.batch_size });
  if (training?.method === 'dpo') {
    return {
      type: 'dpo',
      dpo: { hyperparameters: defined({ ...hyper, beta: numberOf(training.dpo_beta) }) },
    };
  }
  return { type: 'supervised', supervised: { hyperparameters: hyper } };
}

/** Together's own fields of a job, for `job.together`. */
function detailsOf(raw: Json): Json {
  const {
    id: _id,
    object: _object,
    created_at: _created,
    model: _model,
    training_file: _training,
    validation_file: _validation,
    events: _events,
    n_epochs: _epochs,
    batch_size: _batch,
    random_seed: _seed,
    ...rest
  } = raw;
  return rest;
}

/**
 * A Together job (`/fine-tunes`, full or truncated) as tunekit's `FineTuningJob`: ISO times as
 * Unix seconds, the status where the meaning is the same, `fine_tuned_model` once the job has
 * completed (Together names the output model from the start: it stays in
 * `together.model_output_name`), the failure from the job's error event, tunekit's client
 * token as the `metadata` it would be at OpenAI (Together has none: the token travels in the
 * suffix), and everything else in `together`.
 */
export function togetherJob(value: unknown): unknown {
  const raw = objectOf(value);
  if (!raw) return value;
  const status = STATUS[String(raw.status)] ?? raw.status;
  const terminal = typeof status === 'string' && TERMINAL.has(status);
  const wandb = stringOf(raw.wandb_project_name);
  // tunekit's client token, read back from the suffix (or the model's name) where it was put.
  const token = tokenInNames(stringOf(raw.suffix), stringOf(raw.model_output_name));
  return {
    id: raw.id,
    object: 'fine_tuning.job',
    created_at: unixSeconds(raw.created_at),
    model: raw.model,
    status,
    training_file: raw.training_file,
    validation_file: stringOf(raw.validation_file) || null,
    fine_tuned_model: status === 'succeeded' ? (stringOf(raw.model_output_name) ?? null) : null,
    finished_at: terminal ? (unixSeconds(raw.updated_at) ?? null) : null,
    error: errorOf(raw, String(status)),
    hyperparameters: defined({
      n_epochs: raw.n_epochs,
      batch_size: raw.batch_size,
      learning_rate: raw.learning_rate,
    }),
    method: methodOf(raw),
    result_files: [],
    trained_tokens: null,
    integrations: wandb
      ? [{ type: 'wandb', wandb: defined({ project: wandb, name: stringOf(raw.wandb_name) }) }]
      : [],
    seed: numberOf(raw.random_seed) ?? null,
    metadata: token === undefined ? null : { [CLIENT_TOKEN_KEY]: token },
    user_provided_suffix: userSuffix(stringOf(raw.suffix)),
    together: detailsOf(raw),
  };
}
