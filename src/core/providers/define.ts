import { ConfigurationError } from '../errors/configuration-error.ts';
import type { HeaderRecord } from '../headers.ts';
import type { QueryInit } from '../query.ts';
import { SAME_API, type TransportDialect } from './dialect.ts';
import type { ProviderFeature, ProviderName } from './features.ts';
import { type JobTagging, metadataTagging } from './job-tagging.ts';
import type { JobCreateBody, Provider } from './provider.ts';

/** What makes one provider: the data of {@link Provider} plus how its key is written. */
export interface ProviderSpec {
  name: ProviderName;
  label: string;
  baseURL: string;
  authHeader: string | null;
  /** The value of the auth header for a key (`Bearer KEY`, or the key itself). */
  authValue?: ((apiKey: string) => string) | undefined;
  /** Identification headers sent with every request (OpenAI's organization and project). */
  identity?: HeaderRecord | undefined;
  query?: QueryInit | undefined;
  /** The features the provider lacks, each with the reason and where it is documented. */
  unsupported?: Partial<Record<ProviderFeature, string>> | undefined;
  detectsMissingRoutes?: boolean | undefined;
  jobCreateBody?: ((body: JobCreateBody) => JobCreateBody) | undefined;
  /** How a job carries an idempotent create's client token. Default: its metadata. */
  jobTagging?: JobTagging | undefined;
  chatModel?: ((model: string) => string) | undefined;
  /** Default: `multipart`. */
  fileUpload?: 'multipart' | 'signed-url' | undefined;
  /** Default: `result-files`. */
  jobMetrics?: 'result-files' | 'endpoint' | undefined;
  /** Default: none (the provider speaks OpenAI's API). */
  translate?: TransportDialect | undefined;
  catalogProvider: string;
  /** Settings shown by `describe()` besides the name and base URL (never the key). */
  details?: Record<string, unknown> | undefined;
}

/** Builds a {@link Provider} from its spec; the spec's defaults are OpenAI's behaviour. */
export function defineProvider(spec: ProviderSpec): Provider {
  const unsupported = spec.unsupported ?? {};
  return {
    name: spec.name,
    label: spec.label,
    baseURL: spec.baseURL,
    authHeader: spec.authHeader,
    headers(apiKey) {
      const headers: HeaderRecord = { ...spec.identity };
      if (spec.authHeader && apiKey !== undefined) {
        headers[spec.authHeader] = spec.authValue ? spec.authValue(apiKey) : apiKey;
      }
      return headers;
    },
    query: spec.query ?? {},
    whyNot: (feature) => unsupported[feature],
    detectsMissingRoutes: spec.detectsMissingRoutes ?? false,
    jobCreateBody: spec.jobCreateBody ?? ((body) => body),
    jobTagging: spec.jobTagging ?? metadataTagging,
    chatModel: spec.chatModel ?? ((model) => model),
    fileUpload: spec.fileUpload ?? 'multipart',
    jobMetrics: spec.jobMetrics ?? 'result-files',
    translate: spec.translate ?? SAME_API,
    catalogProvider: spec.catalogProvider,
    describe: () => ({ provider: spec.name, baseURL: spec.baseURL, ...spec.details }),
  };
}

/**
 * The extensions of Together AI's API, which OpenAI's API (and what speaks it: Azure, gateways)
 * does not have: each provider but Together refuses them before sending.
 */
export const TOGETHER_ONLY: Partial<Record<ProviderFeature, string>> = {
  'jobs.togetherOptions':
    "`together` holds Together AI's own job parameters (LoRA, learning rate, scheduler…); this API would reject them. Leave it out, or use provider: 'together'.",
  'jobs.download':
    "downloading a job's weights is Together AI's endpoint (/finetune/download); OpenAI-style APIs keep fine-tuned models on the server.",
};

/** Refuses options that belong to another provider, so a misconfiguration is not silent. */
export function rejectForeignOptions(
  options: Record<string, unknown>,
  names: readonly string[],
  provider: ProviderName,
): void {
  for (const name of names) {
    if (options[name] === undefined) continue;
    const owner = OPTION_OWNERS[name] ?? 'another provider';
    throw new ConfigurationError(
      `The option \`${name}\` applies to ${owner}, but this client is for provider '${provider}'. Pass provider: ${JSON.stringify(OPTION_PROVIDER[name] ?? provider)} to use it, or leave it out.`,
      name,
    );
  }
}

/** Which provider each provider-specific option belongs to, for messages. */
const OPTION_OWNERS: Record<string, string> = {
  endpoint: "provider 'azure'",
  apiVersion: "provider 'azure'",
  deployments: "provider 'azure'",
  authHeader: "provider 'compatible'",
  authScheme: "provider 'compatible'",
  unsupported: "provider 'compatible'",
  organization: "providers 'openai' and 'compatible'",
  project: "providers 'openai' and 'compatible'",
};

const OPTION_PROVIDER: Record<string, ProviderName> = {
  endpoint: 'azure',
  apiVersion: 'azure',
  deployments: 'azure',
  authHeader: 'compatible',
  authScheme: 'compatible',
  unsupported: 'compatible',
  organization: 'openai',
  project: 'openai',
};
