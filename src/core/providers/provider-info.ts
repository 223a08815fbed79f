import type { ProviderFeature, ProviderName } from './features.ts';
import type { Provider } from './provider.ts';

/** What the client tells about its provider: nothing secret, nothing to call the API with. */
export interface ProviderInfo {
  readonly name: ProviderName;
  /** "OpenAI", "Azure AI Foundry (my-resource.openai.azure.com)", … */
  readonly label: string;
  readonly baseURL: string;
  /** The `provider` of the model catalog entries whose dates apply (see `modelLifecycle`). */
  readonly catalogProvider: string;
  /** Whether the provider offers a feature, e.g. `supports('jobs.pause')`. */
  supports(feature: ProviderFeature): boolean;
  /** The settings that are not secret. */
  describe(): Record<string, unknown>;
}

/** The public view of a provider. */
export function providerInfo(provider: Provider): ProviderInfo {
  return Object.freeze({
    name: provider.name,
    label: provider.label,
    baseURL: provider.baseURL,
    catalogProvider: provider.catalogProvider,
    supports: (feature: ProviderFeature) => provider.whyNot(feature) === undefined,
    describe: () => provider.describe(),
  });
}
