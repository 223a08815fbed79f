import { expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';

/**
 * A chat stream whose server sends `[DONE]` and keeps the connection open: once the loop has
 * ended, nothing may still be reading the body (a read left pending holds an idle timer, and
 * with it the process, for the client's whole timeout).
 */
it('cancels the body once the stream ends at [DONE], even if the server keeps it open', async () => {
  let cancelled = false;
  const chunk = {
    id: 'c-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }],
  };
  const fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(
            new TextEncoder().encode(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`),
          );
          // …and never closes.
        },
        cancel() {
          cancelled = true;
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  const client = new TuneKit({ apiKey: 'sk-test-0123456789abcdef', fetch, logLevel: 'off' });

  const stream = client.chat.completions.stream({
    model: 'm',
    messages: [{ role: 'user', content: 'x' }],
  });
  let text = '';
  for await (const item of stream) text += item.choices[0]?.delta.content ?? '';

  expect(text).toBe('hi');
  expect(cancelled).toBe(true);
});
