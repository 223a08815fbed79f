import { describe, expect, it } from 'vitest';
import type { OpenResponse } from '../../src/core/http-client.ts';
import { Redactor } from '../../src/core/redact.ts';
import { STREAM_DONE, Stream, type StreamDecoder } from '../../src/core/stream.ts';

/**
 * A body that sends `events` then stays open, and that only its reader can stop: aborting the
 * request does nothing to it — as after Node's fetch has lost track of a finished response,
 * which happens. Records whether it was cancelled.
 */
function openBody(events: string[]) {
  const state = { cancelled: false };
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(event));
      // Never closed.
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const open: OpenResponse = {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    requestId: undefined,
    method: 'POST',
    url: 'http://127.0.0.1/v1/chat/completions',
    redactor: new Redactor([]),
    maxResponseBytes: 2 ** 20,
  };
  return { state, open };
}

const decoder: StreamDecoder<string> = {
  decode: (event) => (event.data === '[DONE]' ? STREAM_DONE : event.data),
  ended: () => {},
};

describe('a stream that ends', () => {
  it('cancels the body under it at [DONE], so no read is left pending', async () => {
    const { state, open } = openBody(['data: a\n\n', 'data: b\n\n', 'data: [DONE]\n\n']);
    const items: string[] = [];

    for await (const item of new Stream(() => Promise.resolve(open), decoder)) items.push(item);

    expect(items).toEqual(['a', 'b']);
    // The cancel travels up the pipes (parser, decoder, size counter) on later ticks.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.cancelled).toBe(true);
  });

  it('cancels it when the consumer breaks out early', async () => {
    const { state, open } = openBody(['data: a\n\n', 'data: b\n\n']);

    for await (const item of new Stream(() => Promise.resolve(open), decoder)) {
      expect(item).toBe('a');
      break;
    }

    // The cancel travels up the pipes (parser, decoder, size counter) on later ticks.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.cancelled).toBe(true);
  });
});
