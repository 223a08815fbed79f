import { type Env, fromEnv } from '../env.ts';
import { ConfigurationError } from '../errors/configuration-error.ts';
import { checkedBaseURL } from './base-url.ts';
import { defineProvider, rejectForeignOptions, TOGETHER_ONLY } from './define.ts';
import type { JobCreateBody, Provider } from './provider.ts';
import type { ProviderOptions } from './provider-options.ts';

/** The `api-version` values the v1 API takes (it needs none). */
export const AZURE_API_VERSIONS = ['v1', 'preview'] as const;

const EXAMPLE_ENDPOINT = 'https://my-resource.openai.azure.com';

/**
 * The training tiers as tunekit's typed params name them, and as Azure's own code sample for
 * each sends them. Microsoft's documentation spells them inconsistently ("globalstandard" in
 * the REST sample, "GlobalStandard" in Python, "Developer" in a comment and "developerTier" in
 * the developer-tier sample); tunekit sends the sample's spelling for each. Other strings are
 * sent as they are.
 */
const TRAINING_TYPE_ON_THE_WIRE: Record<string, string> = {
  Standard: 'Standard',
  GlobalStandard: 'GlobalStandard',
  Developer: 'developerTier',
};

/** `https://r.openai.azure.com`, `…/openai` or `…/openai/v1` → `…/openai/v1`. */
function v1BaseURL(endpoint: string): string {
  if (/\/openai\/v1$/i.test(endpoint)) return endpoint;
  if (/\/openai$/i.test(endpoint)) return `${endpoint}/v1`;
  return `${endpoint}/openai/v1`;
}

function checkApiVersion(value: string | undefined, fromOption: boolean): string | undefined {
  if (value === undefined) return undefined;
  if ((AZURE_API_VERSIONS as readonly string[]).includes(value)) return value;
  const source = fromOption ? `apiVersion ${JSON.stringify(value)}` : `OPENAI_API_VERSION=${value}`;
  const dated = /^\d{4}-\d{2}-\d{2}/.test(value)
    ? ' Dated versions belong to the older /openai/deployments API; the v1 API needs no version at all.'
    : '';
  throw new ConfigurationError(
    `Invalid ${source}: the Azure v1 API at /openai/v1 takes api-version 'v1' or 'preview', or none.${dated}`,
    'apiVersion',
    'OPENAI_API_VERSION',
  );
}

function checkDeployments(
  deployments: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  for (const [model, name] of Object.entries(deployments ?? {})) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new ConfigurationError(
        `Invalid deployments[${JSON.stringify(model)}]: expected the name of an Azure deployment, got ${JSON.stringify(name)}.`,
        'deployments',
      );
    }
  }
  return { ...deployments };
}

/**
 * The `azure` provider: Azure AI Foundry's v1 API at `{endpoint}/openai/v1`, the key in the
 * `api-key` header, an optional `api-version`, the `trainingType` job field, chat by deployment
 * name, and no `DELETE /models` on the data plane.
 */
export function azureProvider(
  options: ProviderOptions,
  env: Env,
): { provider: Provider; apiKey: string } {
  rejectForeignOptions(
    options as Record<string, unknown>,
    ['authHeader', 'authScheme', 'unsupported', 'organization', 'project'],
    'azure',
  );
  const apiKey = options.apiKey ?? fromEnv(env, 'AZURE_OPENAI_API_KEY');
  if (!apiKey) {
    throw new ConfigurationError(
      'Missing API key for Azure: pass `apiKey` or set the AZURE_OPENAI_API_KEY environment variable (OPENAI_API_KEY is never sent to Azure).',
      'apiKey',
      'AZURE_OPENAI_API_KEY',
    );
  }
  if (options.baseURL !== undefined && options.endpoint !== undefined) {
    throw new ConfigurationError(
      'Pass either `endpoint` (the resource, e.g. https://my-resource.openai.azure.com) or `baseURL` (ending in /openai/v1), not both.',
      'endpoint',
    );
  }
  const endpoint = options.baseURL ?? options.endpoint ?? fromEnv(env, 'AZURE_OPENAI_ENDPOINT');
  if (!endpoint) {
    throw new ConfigurationError(
      `Missing Azure endpoint: pass \`endpoint\` (e.g. ${EXAMPLE_ENDPOINT}) or set the AZURE_OPENAI_ENDPOINT environment variable.`,
      'endpoint',
      'AZURE_OPENAI_ENDPOINT',
    );
  }
  const option = options.baseURL !== undefined ? 'baseURL' : 'endpoint';
  const baseURL = v1BaseURL(
    checkedBaseURL(endpoint, option, 'AZURE_OPENAI_ENDPOINT', EXAMPLE_ENDPOINT),
  );
  const apiVersion = checkApiVersion(
    options.apiVersion ?? fromEnv(env, 'OPENAI_API_VERSION'),
    options.apiVersion !== undefined,
  );
  const deployments = checkDeployments(options.deployments);
  const provider = defineProvider({
    name: 'azure',
    label: `Azure AI Foundry (${new URL(baseURL).host})`,
    baseURL,
    authHeader: 'api-key',
    query: { 'api-version': apiVersion },
    unsupported: {
      ...TOGETHER_ONLY,
      'models.delete':
        "Azure's data-plane API lists and reads models but has no DELETE /models (Azure OpenAI REST spec 2024-10-21); delete a fine-tuned model in the Foundry portal, after deleting its deployments.",
    },
    jobCreateBody: (body: JobCreateBody) => {
      const tier = body.trainingType;
      if (typeof tier !== 'string') return body;
      return { ...body, trainingType: TRAINING_TYPE_ON_THE_WIRE[tier] ?? tier };
    },
    chatModel: (model) => deployments[model] ?? model,
    catalogProvider: 'azure',
    details: { apiVersion: apiVersion ?? null, deployments },
  });
  return { provider, apiKey };
}
