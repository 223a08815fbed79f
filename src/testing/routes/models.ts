import type { Model } from '../../schemas/model.ts';
import { ApiError, modelNotFound } from '../http/api-error.ts';
import { jsonResponse } from '../http/respond.ts';
import type { Route } from '../http/router.ts';
import type { CatalogModel } from '../models/catalog.ts';
import type { TrainedModel } from '../models/trained-model.ts';
import { param, type RouteContext } from '../route-context.ts';

function catalogEntry(id: string, model: CatalogModel): Model {
  const entry: Model = { id, object: 'model', created: model.created, owned_by: model.owned_by };
  if (model.shutdown_date) entry.shutdown_date = model.shutdown_date;
  return entry;
}

function trainedEntry(model: TrainedModel): Model {
  const entry: Model = {
    id: model.id,
    object: 'model',
    created: model.created,
    owned_by: model.owned_by,
  };
  if (model.shutdown_date) entry.shutdown_date = model.shutdown_date;
  return entry;
}

/** A model by name: a catalog snapshot or alias, or a model the fake trained. */
function findModel(context: RouteContext, name: string): Model | undefined {
  const { catalog, state } = context.world;
  const base = catalog.find(name);
  if (base) return catalogEntry(name, base);
  const trained = state.trainedModels.get(name);
  return trained ? trainedEntry(trained) : undefined;
}

function listModels(context: RouteContext): Response {
  const { catalog, state } = context.world;
  const data: Model[] = [];
  for (const model of catalog.models) {
    data.push(catalogEntry(model.id, model));
    for (const alias of model.aliases ?? []) data.push(catalogEntry(alias, model));
  }
  for (const model of state.trainedModels.values()) {
    if (model.listed) data.push(trainedEntry(model));
  }
  // `/models` is not paginated: no has_more, no cursors.
  return jsonResponse({ object: 'list', data });
}

function retrieveModel(context: RouteContext): Response {
  const name = param(context, 'model');
  const model = findModel(context, name);
  if (!model) throw modelNotFound(name, 'model');
  return jsonResponse(model);
}

function deleteModel(context: RouteContext): Response {
  const name = param(context, 'model');
  const { state, catalog } = context.world;
  if (catalog.find(name)) {
    throw new ApiError(403, {
      message: `You do not have permission to delete ${name}: only fine-tuned models of your organization can be deleted.`,
      param: 'model',
    });
  }
  if (!state.trainedModels.delete(name)) throw modelNotFound(name, 'model');
  return jsonResponse({ id: name, object: 'model', deleted: true });
}

/** `/models`: the catalog's base models and the models the fake trained. */
export const modelRoutes: Route[] = [
  { name: 'models.list', method: 'GET', path: '/models', handle: listModels },
  { name: 'models.retrieve', method: 'GET', path: '/models/:model', handle: retrieveModel },
  { name: 'models.delete', method: 'DELETE', path: '/models/:model', handle: deleteModel },
];
