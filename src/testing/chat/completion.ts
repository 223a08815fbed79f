import type { ChatCompletion, ChatCompletionChunk } from '../../schemas/chat-completion.ts';
import type { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { contentText, estimateTokens } from '../jobs/training-file.ts';
import type { Answer } from './answer.ts';

/** Identifies the fake's "backend" in `system_fingerprint`. */
const SYSTEM_FINGERPRINT = 'fp_tunekitfake';

/** The shared head of a completion and of its chunks. */
export interface CompletionHead {
  id: string;
  created: number;
  model: string;
}

type Usage = NonNullable<ChatCompletion['usage']>;

/** Estimated usage: every message's text plus a few tokens a message, and the answer. */
export function usageOf(
  params: ChatCompletionCreateParams,
  answer: Answer,
  choices: number,
): Usage {
  const prompt = params.messages.reduce(
    (sum, message) => sum + 4 + estimateTokens(contentText(message.content)),
    3,
  );
  const text =
    answer.content ??
    answer.refusal ??
    answer.toolCalls.map((call) => call.name + call.arguments).join('');
  const completion = estimateTokens(text) * choices;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function toolCallsOf(answer: Answer) {
  return answer.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
}

/** A whole (unstreamed) completion with `n` identical choices. */
export function completionOf(
  head: CompletionHead,
  params: ChatCompletionCreateParams,
  answer: Answer,
): ChatCompletion {
  const n = params.n ?? 1;
  const choices = Array.from({ length: n }, (_, index) => ({
    index,
    message: {
      role: 'assistant',
      content: answer.content,
      refusal: answer.refusal ?? null,
      annotations: [],
      ...(answer.toolCalls.length > 0 ? { tool_calls: toolCallsOf(answer) } : {}),
    },
    logprobs: null,
    finish_reason: answer.finishReason,
  }));
  return {
    ...head,
    object: 'chat.completion',
    choices,
    usage: usageOf(params, answer, n),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** Splits text the way streamed tokens arrive: a word and the space after it at a time. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * The chunks of a streamed completion: the role first, then the content (or the tool calls'
 * names and their arguments) piece by piece, then the finish reason; a last chunk with no
 * choices carries `usage` when `stream_options.include_usage` is set, and every other chunk
 * then says `usage: null`, as the real service does.
 */
export function chunksOf(
  head: CompletionHead,
  params: ChatCompletionCreateParams,
  answer: Answer,
): ChatCompletionChunk[] {
  const n = params.n ?? 1;
  const includeUsage = params.stream_options?.include_usage === true;
  const chunk = (index: number, delta: Record<string, unknown>, finish: string | null = null) => ({
    ...head,
    object: 'chat.completion.chunk',
    system_fingerprint: SYSTEM_FINGERPRINT,
    service_tier: 'default',
    choices: [{ index, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: ChatCompletionChunk[] = [];
  for (let index = 0; index < n; index += 1) {
    if (answer.toolCalls.length > 0) {
      chunks.push(chunk(index, { role: 'assistant', content: null, refusal: null }));
      answer.toolCalls.forEach((call, callIndex) => {
        chunks.push(
          chunk(index, {
            tool_calls: [
              {
                index: callIndex,
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: '' },
              },
            ],
          }),
        );
        for (const part of pieces(call.arguments)) {
          chunks.push(
            chunk(index, { tool_calls: [{ index: callIndex, function: { arguments: part } }] }),
          );
        }
      });
    } else if (answer.refusal) {
      chunks.push(chunk(index, { role: 'assistant', content: null, refusal: '' }));
      for (const part of pieces(answer.refusal)) chunks.push(chunk(index, { refusal: part }));
    } else {
      chunks.push(chunk(index, { role: 'assistant', content: '', refusal: null }));
      for (const part of pieces(answer.content ?? '')) chunks.push(chunk(index, { content: part }));
    }
    chunks.push(chunk(index, {}, answer.finishReason));
  }
  if (includeUsage) {
    chunks.push({
      ...head,
      object: 'chat.completion.chunk',
      system_fingerprint: SYSTEM_FINGERPRINT,
      service_tier: 'default',
      choices: [],
      usage: usageOf(params, answer, n),
    });
  }
  return chunks;
}

/** Server-sent events of the chunks, one `data:` event each, ending with `data: [DONE]`. */
export function eventStream(chunks: readonly ChatCompletionChunk[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const events = [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const event = events[next];
      next += 1;
      if (event === undefined) controller.close();
      else controller.enqueue(encoder.encode(event));
    },
  });
}
