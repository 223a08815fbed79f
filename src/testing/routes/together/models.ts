import { jsonResponse } from '../../http/respond.ts';
import type { Route } from '../../http/router.ts';
import type { RouteContext } from '../../route-context.ts';

/** `GET /models`: a bare array (no `{object, data}` envelope), base models then the ones trained. */
function listModels(context: RouteContext): Response {
  const { world, dialect } = context;
  const models: Array<Record<string, unknown>> = world.catalog.models.map((model) =>
    dialect.baseModel(model.id, model),
  );
  for (const model of world.state.trainedModels.values()) {
    if (model.listed) models.push(dialect.trainedModel(model, world.catalog.find(model.base)));
  }
  return jsonResponse(models);
}

/** Together's `/models` (no retrieve, no delete: the API has neither). */
export const togetherModelRoutes: Route[] = [
  { name: 'models.list', method: 'GET', path: '/models', handle: listModels },
];
