import { type Env, fromEnv } from '../../env.ts';
import { ConfigurationError } from '../../errors/configuration-error.ts';
import { NotSupportedByProviderError } from '../../errors/not-supported-by-provider-error.ts';
import { checkedBaseURL } from '../base-url.ts';
import { defineProvider, rejectForeignOptions } from '../define.ts';
import type { ProviderFeature } from '../features.ts';
import type { Provider } from '../provider.ts';
import type { ProviderOptions } from '../provider-options.ts';
import { togetherDialect } from './dialect.ts';
import { togetherTagging } from './job-tagging.ts';

/** Together AI's API (the host its `together-ai` client and API reference use). */
export const TOGETHER_BASE_URL = 'https://api.together.ai/v1';

/**
 * What Together AI's API lacks, each with where that was found (the `together-ai` client 0.52
 * and Together's OpenAPI spec, see docs/providers.md).
 */
const GAPS: Partial<Record<ProviderFeature, string>> = {
  uploads:
    "Together AI has no Uploads API; files.upload sends any file through Together's own signed-URL upload instead (up to 4.9 GiB, see docs/providers.md).",
  'jobs.pause':
    "Together AI's fine-tuning API cannot pause a job (no such endpoint in its client or API reference); cancel it, and continue later from a checkpoint with together.from_checkpoint.",
  'jobs.resume':
    "Together AI's fine-tuning API cannot pause or resume a job; start a new one from a checkpoint with together.from_checkpoint.",
  'jobs.trainingType':
    "trainingType is Azure AI Foundry's training tier; Together AI's LoRA or full training is together.training_type.",
  'models.delete':
    "Together AI's API has no DELETE /models/{id}: a fine-tuned model is removed in Together's dashboard.",
};

/**
 * The `together` provider: Together AI's API at `https://api.together.ai/v1` (or
 * `TOGETHER_BASE_URL`), `Authorization: Bearer TOGETHER_API_KEY`, its own fine-tuning routes
 * (`/fine-tunes`) and shapes translated to and from tunekit's, its signed-URL file upload and
 * its metrics endpoint.
 */
export function togetherProvider(
  options: ProviderOptions,
  env: Env,
): { provider: Provider; apiKey: string } {
  rejectForeignOptions(
    options as Record<string, unknown>,
    [
      'endpoint',
      'apiVersion',
      'deployments',
      'authHeader',
      'authScheme',
      'unsupported',
      'organization',
      'project',
    ],
    'together',
  );
  const apiKey = options.apiKey ?? fromEnv(env, 'TOGETHER_API_KEY');
  if (!apiKey) {
    throw new ConfigurationError(
      'Missing API key for Together AI: pass `apiKey` or set the TOGETHER_API_KEY environment variable (OPENAI_API_KEY is never sent to Together).',
      'apiKey',
      'TOGETHER_API_KEY',
    );
  }
  const baseURL = checkedBaseURL(
    options.baseURL ?? fromEnv(env, 'TOGETHER_BASE_URL') ?? TOGETHER_BASE_URL,
    'baseURL',
    'TOGETHER_BASE_URL',
    TOGETHER_BASE_URL,
  );
  const label = baseURL === TOGETHER_BASE_URL ? 'Together AI' : `Together AI (${baseURL})`;
  const refuse = (feature: ProviderFeature, detail: string): never => {
    throw new NotSupportedByProviderError(feature, 'together', label, detail);
  };
  const provider = defineProvider({
    name: 'together',
    label,
    baseURL,
    authHeader: 'authorization',
    authValue: (key) => `Bearer ${key}`,
    unsupported: GAPS,
    fileUpload: 'signed-url',
    jobMetrics: 'endpoint',
    translate: togetherDialect(refuse),
    catalogProvider: 'together',
    jobTagging: togetherTagging,
  });
  return { provider, apiKey };
}
