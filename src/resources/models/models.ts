import type { APIPromise } from '../../core/api-promise.ts';
import { NotFoundError } from '../../core/errors/api-error.ts';
import { NotSupportedByProviderError } from '../../core/errors/not-supported-by-provider-error.ts';
import type { RequestOptions } from '../../core/http-client.ts';
import { type PagePromise, paginate } from '../../core/pagination.ts';
import { pathId } from '../../core/path.ts';
import type { WithRequestId } from '../../core/request-id.ts';
import type { ModelLifecycle } from '../../data/catalog/lifecycle.ts';
import { listEnvelope } from '../../schemas/list.ts';
import { Model, ModelDeleted } from '../../schemas/model.ts';
import { APIResource } from '../resource.ts';
import { lifecycleFor, reportedDates } from './lifecycle.ts';

const ModelList = listEnvelope(Model);

/**
 * Models (`/models`): base models and the account's fine-tuned ones.
 *
 * @example
 * for await (const model of client.models.list()) console.log(model.id, model.owned_by);
 * const lifecycle = await client.models.lifecycle('gpt-4o-mini');
 * console.log(lifecycle.status, lifecycle.message);
 */
export class Models extends APIResource {
  /**
   * Lists the models the key can use (one page: the endpoint is not paginated).
   *
   * @example
   * const { data } = await client.models.list();
   * const mine = data.filter((m) => m.id.startsWith('ft:'));
   */
  list(options?: RequestOptions): PagePromise<Model> {
    return paginate(() =>
      this._http.json({ method: 'GET', path: '/models', options, features: ['models'] }, ModelList),
    );
  }

  /**
   * Retrieves a model.
   *
   * @example
   * const model = await client.models.retrieve('ft:gpt-4o-mini-2024-07-18:acme::abc123');
   */
  retrieve(model: string, options?: RequestOptions): APIPromise<WithRequestId<Model>> {
    const path = `/models/${pathId(model, 'model', { allowSlash: true })}`;
    return this._http.json({ method: 'GET', path, options, features: ['models'] }, Model);
  }

  /**
   * Where a model is in its life — active, retiring, closed to new fine-tuning jobs or shut
   * down — with the dates the API reports for it (OpenAI's `shutdown_date`, Azure's
   * `deprecation`) preferred over tunekit's catalog, for the client's provider and `now`. A
   * model the API does not know (or a provider without `/models`) falls back to the catalog.
   *
   * @example
   * const life = await client.models.lifecycle('ft:gpt-4o-mini-2024-07-18:acme::abc123');
   * if (life.needsConfirmation) console.warn(life.message); // "… shuts down on 2027-01-14 …"
   */
  async lifecycle(
    model: string,
    options: RequestOptions & { warnWithinDays?: number | undefined } = {},
  ): Promise<ModelLifecycle> {
    const { warnWithinDays, ...request } = options;
    const reported = await this.retrieve(model, request).catch((error: unknown) => {
      if (error instanceof NotFoundError || error instanceof NotSupportedByProviderError) {
        return undefined;
      }
      throw error;
    });
    return lifecycleFor(this._http, model, { ...reportedDates(reported), warnWithinDays });
  }

  /**
   * Deletes a fine-tuned model (the account must own it).
   *
   * @example
   * await client.models.delete('ft:gpt-4o-mini-2024-07-18:acme::abc123');
   */
  delete(model: string, options?: RequestOptions): APIPromise<WithRequestId<ModelDeleted>> {
    const path = `/models/${pathId(model, 'model', { allowSlash: true })}`;
    return this._http.json(
      { method: 'DELETE', path, options, features: ['models.delete'] },
      ModelDeleted,
    );
  }
}
