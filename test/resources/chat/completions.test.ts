import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIStreamError,
  AuthenticationError,
  type ChatCompletionChunk,
  ResponseValidationError,
} from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { useMockAPI } from '../../support/mock-api.ts';
import { chunk, sseEvent, sseResponse } from '../../support/sse.ts';

const api = useMockAPI();
const URL_ = `${BASE_URL}/chat/completions`;
const messages = [{ role: 'user' as const, content: 'Where is my order?' }];

describe('chat.completions.create', () => {
  it('posts the request and parses the completion', async () => {
    api.use(
      http.post(URL_, () =>
        HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'ft:gpt-4o-mini:acme::1',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'It ships today.', refusal: null },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
        }),
      ),
    );

    const completion = await testClient().chat.completions.create({
      model: 'ft:gpt-4o-mini:acme::1',
      messages,
      temperature: 0,
      response_format: { type: 'json_object' },
    });

    expect(completion.choices[0]?.message.content).toBe('It ships today.');
    expect(completion.usage?.total_tokens).toBe(13);
    const [call] = await api.calls();
    expect(call?.body).toEqual({
      model: 'ft:gpt-4o-mini:acme::1',
      messages,
      temperature: 0,
      response_format: { type: 'json_object' },
    });
  });
});

describe('chat.completions.stream', () => {
  it('yields chunks, sends stream: true, and assembles content and usage', async () => {
    api.use(
      http.post(URL_, () =>
        sseResponse([
          sseEvent(chunk({ role: 'assistant', content: '' })),
          sseEvent(chunk({ content: 'It ships ' })),
          sseEvent(chunk({ content: 'today.' })),
          sseEvent(chunk({}, { finish_reason: 'stop' })),
          sseEvent({
            ...chunk({}),
            choices: [],
            usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
          }),
          sseEvent('[DONE]'),
        ]),
      ),
    );

    const stream = testClient().chat.completions.stream({
      model: 'gpt-4o-mini',
      messages,
      stream_options: { include_usage: true },
    });
    const texts: string[] = [];
    for await (const part of stream) texts.push(part.choices[0]?.delta.content ?? '');
    const completion = await stream.finalChatCompletion();

    expect(texts.join('')).toBe('It ships today.');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'It ships today.',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBe(13);
    const [call] = await api.calls();
    expect(call?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(call?.headers.accept).toBe('text/event-stream');
  });

  it('joins tool-call fragments by index into whole calls', async () => {
    api.use(
      http.post(URL_, () =>
        sseResponse([
          sseEvent(
            chunk({
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  index: 0,
                  id: 'call_a',
                  type: 'function',
                  function: { name: 'lookup', arguments: '' },
                },
              ],
            }),
          ),
          sseEvent(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"order":' } }] })),
          sseEvent(
            chunk({
              tool_calls: [
                { index: 0, function: { arguments: '42}' } },
                {
                  index: 1,
                  id: 'call_b',
                  type: 'function',
                  function: { name: 'eta', arguments: '{}' },
                },
              ],
            }),
          ),
          sseEvent(chunk({}, { finish_reason: 'tool_calls' })),
          sseEvent('[DONE]'),
        ]),
      ),
    );

    const message = await testClient()
      .chat.completions.stream({ model: 'm', messages })
      .finalMessage();

    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '{"order":42}' } },
      { id: 'call_b', type: 'function', function: { name: 'eta', arguments: '{}' } },
    ]);
  });

  it('create({ stream: true }) resolves to the stream once headers arrive', async () => {
    api.use(
      http.post(URL_, () =>
        sseResponse(
          [
            sseEvent(chunk({ role: 'assistant', content: 'Hi' }, { finish_reason: 'stop' })),
            sseEvent('[DONE]'),
          ],
          { headers: { 'x-request-id': 'req_stream' } },
        ),
      ),
    );

    const stream = await testClient().chat.completions.create({
      model: 'm',
      messages,
      stream: true,
    });

    expect(await stream.requestId()).toBe('req_stream');
    expect(await stream.finalContent()).toBe('Hi');
  });

  it('create({ stream: true }) rejects with the API error before any chunk', async () => {
    api.use(
      http.post(URL_, () =>
        HttpResponse.json(
          {
            error: {
              message: 'Incorrect API key provided',
              type: 'invalid_request_error',
              code: 'invalid_api_key',
              param: null,
            },
          },
          { status: 401 },
        ),
      ),
    );

    const attempt = testClient().chat.completions.create({ model: 'm', messages, stream: true });

    await expect(attempt).rejects.toBeInstanceOf(AuthenticationError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_api_key', status: 401 });
  });

  it('raises an error event inside the stream as a typed APIStreamError', async () => {
    api.use(
      http.post(URL_, () =>
        sseResponse([
          sseEvent(chunk({ role: 'assistant', content: 'Par' })),
          sseEvent({
            error: {
              message: 'The server had an error',
              type: 'server_error',
              code: 'internal',
              param: null,
            },
          }),
        ]),
      ),
    );

    const received: ChatCompletionChunk[] = [];
    const read = async () => {
      for await (const part of testClient().chat.completions.stream({ model: 'm', messages })) {
        received.push(part);
      }
    };

    const error = await read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'internal', type: 'server_error', status: 200 });
    expect(received).toHaveLength(1);
  });

  it('reports a stream cut before the answer finished as a connection error', async () => {
    api.use(
      http.post(URL_, () => sseResponse([sseEvent(chunk({ role: 'assistant', content: 'Par' }))])),
    );

    const stream = testClient().chat.completions.stream({ model: 'm', messages });

    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(APIConnectionError);
    await expect(
      testClient().chat.completions.stream({ model: 'm', messages }).finalChatCompletion(),
    ).rejects.toThrow(/ended after 1 events, before the answer was complete/);
  });

  it('accepts a finished stream that omits [DONE]', async () => {
    api.use(
      http.post(URL_, () =>
        sseResponse([
          sseEvent(chunk({ role: 'assistant', content: 'Ok' }, { finish_reason: 'stop' })),
        ]),
      ),
    );

    const content = await testClient()
      .chat.completions.stream({ model: 'm', messages })
      .finalContent();

    expect(content).toBe('Ok');
  });

  it('names the event that is not JSON', async () => {
    api.use(http.post(URL_, () => sseResponse(['data: {not json\n\n'])));

    const stream = testClient().chat.completions.stream({ model: 'm', messages });

    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('aborts the request when the consumer breaks out of the loop', async () => {
    let cancelled = false;
    api.use(
      http.post(URL_, () =>
        sseResponse([sseEvent(chunk({ role: 'assistant', content: 'first' }))], {
          hang: true,
          onCancel: () => {
            cancelled = true;
          },
        }),
      ),
    );

    const stream = testClient().chat.completions.stream({ model: 'm', messages });
    for await (const _ of stream) break;

    await expect.poll(() => cancelled).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
  });
});
