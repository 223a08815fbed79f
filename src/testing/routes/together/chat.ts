import { ChatCompletionCreateParams } from '../../../schemas/chat-params.ts';
import { answer } from '../../chat/answer.ts';
import { chunksOf, completionOf, eventStream, usageOf } from '../../chat/completion.ts';
import { formatChecks } from '../../chat/format-checks.ts';
import { readJsonBody } from '../../http/read-body.ts';
import { jsonResponse } from '../../http/respond.ts';
import type { Route } from '../../http/router.ts';
import { newId } from '../../ids.ts';
import type { RouteContext } from '../../route-context.ts';

/** Together ends a natural answer with `eos` where OpenAI says `stop`. */
const finish = (reason: string | null | undefined) => (reason === 'stop' ? 'eos' : reason);

/**
 * `POST /chat/completions` as Together answers it: OpenAI's shapes with `finish_reason: "eos"`,
 * a `prompt` array, no `stream_options` (it is not in Together's API), and, when streamed, the
 * usage on the chunk that carries the finish reason.
 */
async function createCompletion(context: RouteContext): Promise<Response> {
  const { stream_options: _ignored, ...params } = readJsonBody(
    context.body,
    ChatCompletionCreateParams,
  );
  const { answerer, name } = context.dialect.chatAnswerer(context.world, params.model);
  const reply =
    context.world.scripts.answer(params, [params.model, name]) ??
    answer(params, answerer, await formatChecks(params));
  const head = { id: newId.chatCompletion(), created: context.world.clock.seconds(), model: name };
  if (!params.stream) {
    const completion = completionOf(head, params, reply);
    return jsonResponse({
      ...completion,
      prompt: [],
      choices: completion.choices.map((choice) => ({
        ...choice,
        finish_reason: finish(choice.finish_reason),
      })),
    });
  }
  const written = chunksOf(head, params, reply);
  const lastFinish = written.findLastIndex((chunk) =>
    chunk.choices.some((choice) => choice.finish_reason),
  );
  const chunks = written.map((chunk, index) => ({
    ...chunk,
    choices: chunk.choices.map((choice) => ({
      ...choice,
      finish_reason: finish(choice.finish_reason),
    })),
    ...(index === lastFinish ? { usage: usageOf(params, reply, params.n ?? 1) } : {}),
  }));
  return new Response(eventStream(chunks), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
  });
}

/** Together's `/chat/completions`. */
export const togetherChatRoutes: Route[] = [
  {
    name: 'chat.completions.create',
    method: 'POST',
    path: '/chat/completions',
    handle: createCompletion,
  },
];
