import { http } from 'msw';
import { afterAll, beforeAll, describe } from 'vitest';
import { type ClientOptions, type ProviderName, TuneKit } from '../../src/index.ts';
import { fetchAdapter } from '../../src/testing/adapters/fetch.ts';
import { type FakeServer, listenOn } from '../../src/testing/adapters/node-server.ts';
import {
  createFakeOpenAI,
  type FakeOpenAI,
  type FakeOpenAIOptions,
} from '../../src/testing/index.ts';
import { TEST_API_KEY } from './fake-client.ts';
import { GATEWAY_HEADER, GATEWAY_ORIGIN, GATEWAY_PREFIX, gatewayHandler } from './gateway.ts';
import { useMswServer } from './msw-server.ts';

/** The providers every workflow scenario runs against. */
export const PROVIDERS: readonly ProviderName[] = ['openai', 'azure', 'compatible', 'together'];

/** The providers that speak OpenAI's API (the fake's default flavours). */
export const OPENAI_STYLE: readonly ProviderName[] = ['openai', 'azure', 'compatible'];

/** The base model each provider's fake trains in the workflow scenarios. */
export const BASE_MODEL: Record<ProviderName, string> = {
  openai: 'gpt-4o-mini',
  azure: 'gpt-4o-mini',
  compatible: 'gpt-4o-mini',
  together: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
};

/** What a test gets: the fake, and clients of one provider that reach it. */
export interface ProviderSetup {
  provider: ProviderName;
  fake: FakeOpenAI;
  /** A base model the provider's fake can fine-tune (`gpt-4o-mini`; a Llama at Together). */
  baseModel: string;
  /** A tunekit client for the provider (no retries, silent unless `options` say otherwise). */
  client(options?: ClientOptions): TuneKit;
  /**
   * The `model` a chat request names to reach a model the fake trained: the model itself, or
   * on Azure the deployment it is deployed under (deployed here, as a user would beforehand).
   */
  servingName(model: string): string;
}

/** What the compatible client is told the test gateway lacks (it also answers them 404). */
const GATEWAY_GAPS = ['jobs.pause', 'jobs.resume'] as const;

function providerOptions(provider: ProviderName, base: string): ClientOptions {
  switch (provider) {
    case 'azure':
      return { provider, baseURL: `${base}/openai/v1`, apiVersion: 'preview' };
    case 'compatible':
      return {
        provider,
        baseURL: `${base}${GATEWAY_PREFIX}`,
        authHeader: GATEWAY_HEADER,
        unsupported: [...GATEWAY_GAPS],
      };
    case 'together':
      return { provider, baseURL: `${base}/v1` };
    default:
      return { provider, baseURL: `${base}/v1` };
  }
}

/** Where each provider's requests go when msw serves the fake, or it is called as a `fetch`. */
const ORIGINS: Record<ProviderName, string> = {
  openai: 'https://api.openai.com',
  azure: 'https://my-resource.openai.azure.com',
  compatible: GATEWAY_ORIGIN,
  together: 'https://api.together.ai',
};

/**
 * The fake for a provider: Together's flavour (with Together's models: a suite's `models` are
 * OpenAI's) for Together, the default one for the others.
 */
function fakeFor(provider: ProviderName, options: FakeOpenAIOptions | undefined): FakeOpenAI {
  if (provider !== 'together') return createFakeOpenAI(options);
  const { models: _openaiModels, ...rest } = options ?? {};
  return createFakeOpenAI({ ...rest, provider });
}

function setupFor(
  provider: ProviderName,
  fake: FakeOpenAI,
  base: () => string,
  transport: ClientOptions = {},
): ProviderSetup {
  let deployments = 0;
  return {
    provider,
    fake,
    baseModel: BASE_MODEL[provider],
    client: (options = {}) =>
      new TuneKit({
        apiKey: TEST_API_KEY,
        maxRetries: 0,
        logLevel: 'off',
        ...providerOptions(provider, base()),
        ...transport,
        ...options,
      }),
    servingName(model) {
      if (provider !== 'azure') return model;
      deployments += 1;
      const name = `deployment-${deployments}`;
      fake.deploy({ model, name });
      return name;
    },
  };
}

/**
 * Defines the same tests once per provider — OpenAI (`/v1`, Bearer), Azure (`/openai/v1`,
 * `api-key`, `api-version`), a compatible gateway (its own path and auth header, a few
 * routes missing) and Together AI (its own API at `/v1`, on the fake's Together flavour) —
 * each through msw and through a real port by default, or as the client's `fetch`
 * (`adapters: ['fetch']`, the cheapest way in). `providers` narrows the list (a suite about the
 * Uploads API, which Together lacks). `setup()`, called inside a test, resets the fake and
 * returns the provider's clients.
 */
export function forEachProvider(
  label: string,
  define: (setup: () => ProviderSetup) => void,
  options: {
    fake?: FakeOpenAIOptions;
    adapters?: ReadonlyArray<'msw' | 'port' | 'fetch'>;
    providers?: readonly ProviderName[];
  } = {},
): void {
  const adapters = options.adapters ?? ['msw', 'port'];
  for (const provider of options.providers ?? PROVIDERS) {
    if (adapters.includes('fetch')) {
      describe(`${label} [${provider}, fetch]`, () => {
        const fake = fakeFor(provider, options.fake);
        const handle = provider === 'compatible' ? gatewayHandler(fake.handle) : fake.handle;
        const transport = { fetch: fetchAdapter(handle) };
        define(() => {
          fake.reset();
          return setupFor(provider, fake, () => ORIGINS[provider], transport);
        });
      });
    }
    if (adapters.includes('msw')) {
      describe(`${label} [${provider}, msw]`, () => {
        const fake = fakeFor(provider, {
          ...options.fake,
          origins:
            provider === 'together'
              ? [ORIGINS.together]
              : ['https://api.openai.com', 'https://my-resource.openai.azure.com'],
        });
        const gateway = gatewayHandler(fake.handle);
        useMswServer(() => [
          ...fake.handlers,
          http.all(`${GATEWAY_ORIGIN}/*`, ({ request }) => gateway(request)),
        ]);
        define(() => {
          fake.reset();
          return setupFor(provider, fake, () => ORIGINS[provider]);
        });
      });
    }
    if (adapters.includes('port')) {
      describe(`${label} [${provider}, port]`, () => {
        const fake = fakeFor(provider, options.fake);
        let server: FakeServer | undefined;
        beforeAll(async () => {
          server = await listenOn(
            provider === 'compatible' ? gatewayHandler(fake.handle) : fake.handle,
          );
        });
        afterAll(async () => {
          await server?.close();
        });
        define(() => {
          fake.reset();
          return setupFor(provider, fake, () => server?.url ?? '');
        });
      });
    }
  }
}
