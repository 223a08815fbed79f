import { type Env, fromEnv } from '../env.ts';
import { ConfigurationError } from '../errors/configuration-error.ts';
import { HEADER_NAME } from '../header-check.ts';
import { checkedBaseURL } from './base-url.ts';
import { defineProvider, rejectForeignOptions, TOGETHER_ONLY } from './define.ts';
import { isProviderFeature, PROVIDER_FEATURES, type ProviderFeature } from './features.ts';
import type { Provider } from './provider.ts';
import type { ProviderOptions } from './provider-options.ts';

const EXAMPLE_GATEWAY = 'http://localhost:4000/v1';

function checkAuthHeader(value: string | null | undefined): string | null {
  if (value === null) return null;
  const name = (value ?? 'authorization').trim().toLowerCase();
  if (!HEADER_NAME.test(name)) {
    throw new ConfigurationError(
      `Invalid authHeader ${JSON.stringify(value)}: expected an HTTP header name such as authorization or x-api-key.`,
      'authHeader',
    );
  }
  return name;
}

function checkScheme(value: string | null | undefined, header: string | null): string | null {
  if (value === null || header === null) return null;
  if (value === undefined) return header === 'authorization' ? 'Bearer' : null;
  if (!HEADER_NAME.test(value)) {
    throw new ConfigurationError(
      `Invalid authScheme ${JSON.stringify(value)}: expected one word such as Bearer, or null for none.`,
      'authScheme',
    );
  }
  return value;
}

function checkUnsupported(
  features: readonly ProviderFeature[] | undefined,
): Partial<Record<ProviderFeature, string>> {
  const reasons: Partial<Record<ProviderFeature, string>> = {};
  for (const feature of features ?? []) {
    if (!isProviderFeature(feature)) {
      throw new ConfigurationError(
        `Invalid unsupported feature ${JSON.stringify(feature)}: expected one of ${PROVIDER_FEATURES.join(', ')}.`,
        'unsupported',
      );
    }
    reasons[feature] = 'the client was told the gateway lacks it (option `unsupported`).';
  }
  return reasons;
}

/**
 * The `compatible` provider: any OpenAI-compatible endpoint (LiteLLM proxy, Portkey, a company
 * gateway) at `baseURL`, the key in any header with any scheme. What the gateway lacks is
 * declared with `unsupported`, or found out when it answers that it has no such route.
 */
export function compatibleProvider(
  options: ProviderOptions,
  env: Env,
): { provider: Provider; apiKey: string | undefined } {
  rejectForeignOptions(
    options as Record<string, unknown>,
    ['endpoint', 'apiVersion', 'deployments'],
    'compatible',
  );
  const base = options.baseURL ?? fromEnv(env, 'OPENAI_BASE_URL');
  if (!base) {
    throw new ConfigurationError(
      `Missing base URL for the compatible provider: pass \`baseURL\` (e.g. ${EXAMPLE_GATEWAY}) or set OPENAI_BASE_URL.`,
      'baseURL',
      'OPENAI_BASE_URL',
    );
  }
  const baseURL = checkedBaseURL(base, 'baseURL', 'OPENAI_BASE_URL', EXAMPLE_GATEWAY);
  const authHeader = checkAuthHeader(options.authHeader);
  const scheme = checkScheme(options.authScheme, authHeader);
  const apiKey =
    authHeader === null ? undefined : (options.apiKey ?? fromEnv(env, 'OPENAI_API_KEY'));
  if (authHeader !== null && !apiKey) {
    throw new ConfigurationError(
      `Missing API key for ${baseURL}: pass \`apiKey\` or set OPENAI_API_KEY (or authHeader: null for a gateway that takes no key).`,
      'apiKey',
      'OPENAI_API_KEY',
    );
  }
  const provider = defineProvider({
    name: 'compatible',
    label: `The OpenAI-compatible endpoint at ${new URL(baseURL).origin}`,
    baseURL,
    authHeader,
    authValue: (key) => (scheme ? `${scheme} ${key}` : key),
    // Only explicit values: OPENAI_ORG_ID belongs to an OpenAI account, not to a gateway.
    identity: {
      'openai-organization': options.organization ?? undefined,
      'openai-project': options.project ?? undefined,
    },
    unsupported: { ...TOGETHER_ONLY, ...checkUnsupported(options.unsupported) },
    detectsMissingRoutes: true,
    catalogProvider: 'compatible',
    details: { authHeader, authScheme: scheme, unsupported: [...(options.unsupported ?? [])] },
  });
  return { provider, apiKey };
}
