import type { APIPromise } from '../core/api-promise.ts';
import type { RequestOptions } from '../core/http-client.ts';
import { type PagePromise, paginate } from '../core/pagination.ts';
import { pathId } from '../core/path.ts';
import type { WithRequestId } from '../core/request-id.ts';
import { listEnvelope } from '../schemas/list.ts';
import { Model, ModelDeleted } from '../schemas/model.ts';
import { APIResource } from './resource.ts';

const ModelList = listEnvelope(Model);

/** Models (`/models`): base models and the account's fine-tuned ones. */
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
    const path = `/models/${pathId(model, 'model')}`;
    return this._http.json({ method: 'GET', path, options, features: ['models'] }, Model);
  }

  /**
   * Deletes a fine-tuned model (the account must own it).
   *
   * @example
   * await client.models.delete('ft:gpt-4o-mini-2024-07-18:acme::abc123');
   */
  delete(model: string, options?: RequestOptions): APIPromise<WithRequestId<ModelDeleted>> {
    const path = `/models/${pathId(model, 'model')}`;
    return this._http.json(
      { method: 'DELETE', path, options, features: ['models.delete'] },
      ModelDeleted,
    );
  }
}
