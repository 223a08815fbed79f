import { createHash } from 'node:crypto';
import type { TuneKit } from '../../client.ts';
import type { FineTuneOptions } from './types.ts';
import { sha256OfFile } from './upload-cache.ts';

/** JSON with object keys sorted, so the same values always give the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The client token of a resumable `fineTune`: the same for the same run, different for any
 * other. "The same" means: the same content of the training (and validation) file — their
 * sha256, not their path or name — the same model, method with its hyperparameters, suffix,
 * seed and metadata, as given, and the same API (provider, base URL, organization, project).
 * `tk-` and 40 hex digits of a sha256 over all of them.
 *
 * @example
 * const token = await resumeToken(client, { trainingFile: 'train.jsonl', model: 'gpt-4.1-mini' });
 */
export async function resumeToken(
  client: TuneKit,
  options: Pick<
    FineTuneOptions,
    | 'trainingFile'
    | 'validationFile'
    | 'model'
    | 'method'
    | 'suffix'
    | 'seed'
    | 'metadata'
    | 'signal'
  >,
): Promise<string> {
  const { signal } = options;
  const identity = {
    version: 1,
    training: await sha256OfFile(options.trainingFile, signal),
    validation: options.validationFile ? await sha256OfFile(options.validationFile, signal) : null,
    model: options.model,
    method: options.method ?? null,
    suffix: options.suffix ?? null,
    seed: options.seed ?? null,
    metadata: options.metadata ?? null,
    provider: client.provider.name,
    baseURL: client.baseURL,
    organization: client.organization ?? null,
    project: client.project ?? null,
  };
  const digest = createHash('sha256').update(canonicalJson(identity)).digest('hex');
  return `tk-${digest.slice(0, 40)}`;
}
