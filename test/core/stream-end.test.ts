import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { startLoopbackServer } from '../support/loopback-server.ts';

const CHILD = fileURLToPath(new URL('../support/stream-then-exit-child.ts', import.meta.url));
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

/** Runs the child against `baseURL`; it must print the answer and end by itself, quickly. */
async function streamInChild(baseURL: string): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, baseURL], {
    timeout: 15_000,
  });
  return { stdout, ms: performance.now() - started };
}

const chunk = (content: string) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  })}\n\n`;

// A finished event stream must leave nothing behind. Before the fix, the pipes' read-ahead
// kept a read of the body waiting after [DONE], with the body's stall timer (the request's
// 10-minute timeout) armed: `tunekit chat` printed its answer, then hung, about one run in two.
it('a process that streamed an answer ends by itself, run after run', async () => {
  const server = await createFakeOpenAI().listen();
  cleanup.push(() => server.close());

  for (let run = 0; run < 8; run += 1) {
    const { stdout, ms } = await streamInChild(server.baseURL);
    expect(stdout).toContain('placeholder answer');
    expect(ms, `run ${run + 1}`).toBeLessThan(10_000);
  }
});

it('ends although the server keeps the response open after [DONE]', async () => {
  const server = await startLoopbackServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(chunk('Hello'));
    response.write(chunk(' there'));
    response.write('data: [DONE]\n\n');
  });
  cleanup.push(() => server.close());

  const { stdout, ms } = await streamInChild(`${server.url}/v1`);

  expect(stdout).toBe('Hello there');
  expect(ms).toBeLessThan(10_000);
});

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
