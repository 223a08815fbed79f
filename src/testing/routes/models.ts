import { jsonResponse } from '../http/respond.ts';
import { modelNotFound, RouteError } from '../http/route-error.ts';
import type { Route } from '../http/router.ts';
import { param, type RouteContext } from '../route-context.ts';

/** A model by name, as this flavour shows it: a catalog snapshot or alias, or a trained model. */
function findModel(context: RouteContext, name: string): Record<string, unknown> | undefined {
  const { world, dialect } = context;
  const base = world.catalog.find(name);
  if (base) return dialect.baseModel(name, base);
  const trained = world.state.trainedModels.get(name);
  return trained ? dialect.trainedModel(trained, world.catalog.find(trained.base)) : undefined;
}

function listModels(context: RouteContext): Response {
  const { world, dialect } = context;
  const data: Array<Record<string, unknown>> = [];
  for (const model of world.catalog.models) {
    data.push(dialect.baseModel(model.id, model));
    for (const alias of model.aliases ?? []) data.push(dialect.baseModel(alias, model));
  }
  for (const model of world.state.trainedModels.values()) {
    if (model.listed) data.push(dialect.trainedModel(model, world.catalog.find(model.base)));
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
    throw new RouteError(403, {
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
