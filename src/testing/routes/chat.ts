import { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { type Answerer, answer } from '../chat/answer.ts';
import { chunksOf, completionOf, eventStream } from '../chat/completion.ts';
import { modelNotFound } from '../http/api-error.ts';
import { readJsonBody } from '../http/read-body.ts';
import { jsonResponse } from '../http/respond.ts';
import type { Route } from '../http/router.ts';
import { newId } from '../ids.ts';
import type { RouteContext } from '../route-context.ts';

/** Who answers for a model name, and the name responses report (aliases become snapshots). */
function answererFor(context: RouteContext, model: string): { answerer: Answerer; name: string } {
  const { catalog, state } = context.world;
  const base = catalog.find(model);
  if (base) return { answerer: { kind: 'base' }, name: base.id };
  const trained = state.trainedModels.get(model);
  if (trained) return { answerer: { kind: 'trained', pairs: trained.pairs }, name: trained.id };
  throw modelNotFound(model);
}

function createCompletion(context: RouteContext): Response {
  const params = readJsonBody(context.body, ChatCompletionCreateParams);
  const { answerer, name } = answererFor(context, params.model);
  // A script may name the model by its snapshot or any alias, whichever the request used.
  const names = [params.model, name, ...(context.world.catalog.find(name)?.aliases ?? [])];
  const reply = context.world.scripts.answer(params, names) ?? answer(params, answerer);
  const head = { id: newId.chatCompletion(), created: context.world.clock.seconds(), model: name };
  if (!params.stream) return jsonResponse(completionOf(head, params, reply));
  return new Response(eventStream(chunksOf(head, params, reply)), {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    },
  });
}

/** `/chat/completions`: answers from base models and from the models the fake trained. */
export const chatRoutes: Route[] = [
  {
    name: 'chat.completions.create',
    method: 'POST',
    path: '/chat/completions',
    handle: createCompletion,
  },
];
