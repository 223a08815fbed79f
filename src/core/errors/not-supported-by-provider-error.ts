import type { ProviderFeature, ProviderName } from '../providers/features.ts';
import { TuneKitError } from './tunekit-error.ts';

/**
 * The provider the client talks to does not offer this: OpenAI takes no `trainingType`, Azure's
 * data plane cannot delete models, a gateway may not route `/uploads`. Raised before anything
 * is sent when the provider is known to lack the feature, or after the endpoint answered that
 * it has no such route (`cause` then holds that answer). Nothing was changed on the server.
 *
 * @example
 * await azure.models.delete(model).catch((e) => e instanceof NotSupportedByProviderError && e.feature); // 'models.delete'
 */
export class NotSupportedByProviderError extends TuneKitError {
  override name = 'NotSupportedByProviderError';
  /** What was asked for, e.g. `jobs.pause`. */
  readonly feature: ProviderFeature;
  /** The provider the client is configured for. */
  readonly provider: ProviderName;

  constructor(
    feature: ProviderFeature,
    provider: ProviderName,
    providerLabel: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${providerLabel} does not support ${feature}: ${detail}`, options);
    this.feature = feature;
    this.provider = provider;
  }
}
