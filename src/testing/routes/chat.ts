import { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { answer } from '../chat/answer.ts';
import { chunksOf, completionOf, eventStream } from '../chat/completion.ts';
import { formatChecks } from '../chat/format-checks.ts';
import { rejectNonStrictSchemas } from '../chat/strict-request.ts';
import { readJsonBody } from '../http/read-body.ts';
import { jsonResponse } from '../http/respond.ts';
import type { Route } from '../http/router.ts';
import { newId } from '../ids.ts';
import type { RouteContext } from '../route-context.ts';

async function createCompletion(context: RouteContext): Promise<Response> {
  const params = readJsonBody(context.body, ChatCompletionCreateParams);
  rejectNonStrictSchemas(params);
  const { answerer, name } = context.dialect.chatAnswerer(context.world, params.model);
  // A script may name the model by its snapshot or any alias, whichever the request used.
  const names = [params.model, name, ...(context.world.catalog.find(name)?.aliases ?? [])];
  const reply =
    context.world.scripts.answer(params, names) ??
    answer(params, answerer, await formatChecks(params));
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
