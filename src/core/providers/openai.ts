import { type Env, fromEnv, optionOrEnv } from '../env.ts';
import { ConfigurationError } from '../errors/configuration-error.ts';
import { checkedBaseURL } from './base-url.ts';
import { defineProvider, rejectForeignOptions, TOGETHER_ONLY } from './define.ts';
import type { Provider } from './provider.ts';
import type { ProviderOptions } from './provider-options.ts';

/** OpenAI's API. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Variables that say the user has an Azure resource, for a hint when the OpenAI key is missing. */
const AZURE_VARIABLES = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT'];

/**
 * The `openai` provider: `Authorization: Bearer KEY` plus the organization and project
 * headers, every feature but Azure's `trainingType`.
 */
export function openaiProvider(
  options: ProviderOptions,
  env: Env,
): { provider: Provider; apiKey: string } {
  rejectForeignOptions(
    options as Record<string, unknown>,
    ['endpoint', 'apiVersion', 'deployments', 'authHeader', 'authScheme', 'unsupported'],
    'openai',
  );
  const apiKey = options.apiKey ?? fromEnv(env, 'OPENAI_API_KEY');
  if (!apiKey) {
    const azureSet = AZURE_VARIABLES.filter((name) => fromEnv(env, name));
    const azureHint =
      azureSet.length > 0
        ? ` (${azureSet.join(' and ')} ${azureSet.length === 1 ? 'is' : 'are'} set: to use Azure, pass provider: 'azure' or set TUNEKIT_PROVIDER=azure — tunekit does not switch providers on its own.)`
        : '';
    const togetherHint = fromEnv(env, 'TOGETHER_API_KEY')
      ? " (TOGETHER_API_KEY is set: to use Together AI, pass provider: 'together' or set TUNEKIT_PROVIDER=together.)"
      : '';
    throw new ConfigurationError(
      `Missing API key: pass \`apiKey\` to new TuneKit({ apiKey }) or set the OPENAI_API_KEY environment variable.${azureHint}${togetherHint}`,
      'apiKey',
      'OPENAI_API_KEY',
    );
  }
  const baseURL = checkedBaseURL(
    options.baseURL ?? fromEnv(env, 'OPENAI_BASE_URL') ?? OPENAI_BASE_URL,
    'baseURL',
    'OPENAI_BASE_URL',
    OPENAI_BASE_URL,
  );
  const organization = optionOrEnv(options.organization, env, 'OPENAI_ORG_ID');
  const project = optionOrEnv(options.project, env, 'OPENAI_PROJECT_ID');
  const provider = defineProvider({
    name: 'openai',
    label: baseURL === OPENAI_BASE_URL ? 'OpenAI' : `OpenAI (${baseURL})`,
    baseURL,
    authHeader: 'authorization',
    authValue: (key) => `Bearer ${key}`,
    identity: { 'openai-organization': organization, 'openai-project': project },
    unsupported: {
      ...TOGETHER_ONLY,
      'jobs.trainingType':
        "trainingType is an Azure AI Foundry field (Standard, GlobalStandard, Developer); OpenAI's API rejects parameters it does not know. Leave it out, or use provider: 'azure'.",
    },
    catalogProvider: 'openai',
  });
  return { provider, apiKey };
}
