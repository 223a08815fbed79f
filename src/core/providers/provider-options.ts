import type { ProviderFeature, ProviderName } from './features.ts';

/**
 * The client options that choose and configure the provider. Each provider reads its own and
 * refuses the others', so that an Azure setting on an OpenAI client is an error, not a no-op.
 */
export interface ProviderOptions {
  /**
   * Which API to talk to: `openai` (default), `azure` (Azure AI Foundry / Azure OpenAI, the v1
   * API at `{endpoint}/openai/v1`), `compatible` (any OpenAI-compatible gateway) or `together`
   * (Together AI: open models, its own fine-tuning API translated by tunekit). Default: the
   * `TUNEKIT_PROVIDER` environment variable, else `openai` — tunekit never switches on its own.
   */
  provider?: ProviderName | undefined;
  /**
   * The API key. Default: `OPENAI_API_KEY` (openai, compatible), `AZURE_OPENAI_API_KEY`
   * (azure) or `TOGETHER_API_KEY` (together); an OpenAI key is never sent to another provider.
   */
  apiKey?: string | undefined;
  /**
   * The full base URL. openai: default `OPENAI_BASE_URL`, else `https://api.openai.com/v1`.
   * compatible: required (or `OPENAI_BASE_URL`). azure: instead of `endpoint`, a URL ending in
   * `/openai/v1`. together: default `TOGETHER_BASE_URL`, else `https://api.together.ai/v1`.
   */
  baseURL?: string | undefined;
  /** openai, compatible: sent as `OpenAI-Organization`. Default (openai): `OPENAI_ORG_ID`; `null` sends none. */
  organization?: string | null | undefined;
  /** openai, compatible: sent as `OpenAI-Project`. Default (openai): `OPENAI_PROJECT_ID`; `null` sends none. */
  project?: string | null | undefined;
  /**
   * azure: the resource endpoint, e.g. `https://my-resource.openai.azure.com`; requests go to
   * `{endpoint}/openai/v1`. Default: `AZURE_OPENAI_ENDPOINT`.
   */
  endpoint?: string | undefined;
  /** azure: the `api-version` query, `v1` or `preview`. Default: `OPENAI_API_VERSION`, else none. */
  apiVersion?: string | undefined;
  /**
   * azure: the deployment that serves each model, for chat completions. Azure answers chat
   * requests by deployment name, so code written for OpenAI keeps its model names:
   * `{ 'gpt-4o-mini-2024-07-18.ft-abc': 'support-bot' }`. Models not listed are sent as they are.
   */
  deployments?: Readonly<Record<string, string>> | undefined;
  /** compatible: the header that carries the key. Default: `authorization`. `null`: no key at all. */
  authHeader?: string | null | undefined;
  /**
   * compatible: the scheme before the key in the auth header. Default: `Bearer` for the
   * `authorization` header, none for any other; `null`: none.
   */
  authScheme?: string | null | undefined;
  /**
   * compatible: what the gateway does not offer. Calls to them fail at once with a
   * `NotSupportedByProviderError` instead of reaching the gateway.
   */
  unsupported?: readonly ProviderFeature[] | undefined;
}
