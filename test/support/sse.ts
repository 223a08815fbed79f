/** One server-sent event carrying JSON (or a raw string such as `[DONE]`). */
export function sseEvent(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** A streamed chat completion chunk with the given delta. */
export function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_750_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: null, ...extra }],
  };
}

/**
 * An SSE response whose body is written from `events`. `onCancel` is called if the client
 * stops reading (breaks out of its loop), which is how a test sees the request was aborted.
 * `hang: true` keeps the stream open after the last event, as a slow model would.
 */
export function sseResponse(
  events: string[],
  options: { onCancel?: () => void; hang?: boolean; headers?: Record<string, string> } = {},
): Response {
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = events[index++];
      if (next !== undefined) {
        controller.enqueue(encoder.encode(next));
      } else if (!options.hang) {
        controller.close();
      } else {
        await new Promise(() => {});
      }
    },
    cancel() {
      options.onCancel?.();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', ...options.headers },
  });
}
