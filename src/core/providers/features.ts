/**
 * What a provider may or may not offer, named after the client methods that use it. The
 * OpenAI API has all of them but the extensions of other providers: `jobs.trainingType`
 * (Azure's training tier), `jobs.togetherOptions` (Together AI's own job parameters) and
 * `jobs.download` (Together AI's download of a job's weights). `jobs.metadata` is the
 * `metadata` of a job and the list filter on it. `chat.structuredOutputs` is a `json_schema`
 * response format, `chat.tools` function tools.
 */
export const PROVIDER_FEATURES = [
  'files',
  'uploads',
  'jobs',
  'jobs.events',
  'jobs.checkpoints',
  'jobs.cancel',
  'jobs.pause',
  'jobs.resume',
  'jobs.trainingType',
  'jobs.metadata',
  'jobs.togetherOptions',
  'jobs.download',
  'models',
  'models.delete',
  'chat.completions',
  'chat.structuredOutputs',
  'chat.tools',
] as const;

/** One thing a provider may or may not offer. */
export type ProviderFeature = (typeof PROVIDER_FEATURES)[number];

/**
 * Whether a string names a provider feature.
 *
 * @example
 * isProviderFeature('jobs.pause'); // true
 * isProviderFeature('jobs.delete'); // false
 */
export function isProviderFeature(value: unknown): value is ProviderFeature {
  return typeof value === 'string' && (PROVIDER_FEATURES as readonly string[]).includes(value);
}

/** The names a provider can go by. */
export const PROVIDER_NAMES = ['openai', 'azure', 'compatible', 'together'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * Whether a string names a provider.
 *
 * @example
 * isProviderName('azure'); // true
 */
export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (PROVIDER_NAMES as readonly string[]).includes(value);
}
