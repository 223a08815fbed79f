import { type Env, fromEnv } from '../env.ts';
import { ConfigurationError } from '../errors/configuration-error.ts';
import { azureProvider } from './azure.ts';
import { compatibleProvider } from './compatible.ts';
import { isProviderName, type ProviderName } from './features.ts';
import { openaiProvider } from './openai.ts';
import type { Provider } from './provider.ts';
import type { ProviderOptions } from './provider-options.ts';
import { togetherProvider } from './together/provider.ts';

/**
 * The provider a client is for: the `provider` option, else `TUNEKIT_PROVIDER`, else `openai`.
 * Azure variables in the environment never switch an OpenAI client to Azure by themselves: a
 * key meant for one service must not silently go to another.
 */
export function providerName(options: ProviderOptions, env: Env): ProviderName {
  const chosen = options.provider ?? fromEnv(env, 'TUNEKIT_PROVIDER') ?? 'openai';
  if (!isProviderName(chosen)) {
    throw new ConfigurationError(
      `Invalid provider ${JSON.stringify(chosen)}: expected openai, azure, compatible or together.`,
      'provider',
      options.provider === undefined ? 'TUNEKIT_PROVIDER' : undefined,
    );
  }
  return chosen;
}

/** Builds the provider from the options and the environment, checking every setting. */
export function resolveProvider(
  options: ProviderOptions,
  env: Env,
): { provider: Provider; apiKey: string | undefined } {
  switch (providerName(options, env)) {
    case 'azure':
      return azureProvider(options, env);
    case 'compatible':
      return compatibleProvider(options, env);
    case 'together':
      return togetherProvider(options, env);
    default:
      return openaiProvider(options, env);
  }
}
