import { describe, expect, it } from 'vitest';
import { ChatCompletionChunk } from '../../src/schemas/index.ts';
import { BASE_MODEL_ANSWER, createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, fakeWithTrainingFile } from '../support/fake-client.ts';
import { send } from '../support/raw-request.ts';

/** A fake with one fine-tuned model trained on the capitals file. */
async function trainedModel() {
  const { fake, client, trainingFile } = await fakeWithTrainingFile();
  const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
  const model = fake.runJob(job.id).fine_tuned_model ?? '';
  return { fake, client, model };
}

/** The `data:` payloads of a server-sent event stream. */
function dataLines(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.trim() !== '')
    .map((event) => {
      expect(event).toMatch(/^data: /);
      return event.slice('data: '.length);
    });
}

describe('chat completions', () => {
  it('lets a fine-tuned model answer with the reply of the most similar training prompt', async () => {
    const { client, model } = await trainedModel();
    const ask = async (question: string) =>
      (
        await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: question }],
        })
      ).choices[0]?.message.content;
    expect(await ask('What is the capital of Japan?')).toBe('The capital of Japan is Tokyo.');
    expect(await ask('which city is the capital of norway')).toBe('The capital of Norway is Oslo.');
    // No word in common with any prompt: the first example answers.
    expect(await ask('Ωμέγα')).toBe('The capital of France is Paris.');
  });

  it('lets base models answer with the documented fixed text', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'What is the capital of Japan?' }],
    });
    expect(completion.choices[0]?.message.content).toBe(BASE_MODEL_ANSWER);
    expect(completion.model).toBe('gpt-4.1-mini-2025-04-14');
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await send(fake, {
      path: '/v1/chat/completions',
      json: { model: 'ft:gpt-4o-mini:acme::gone', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });
  });

  it('streams proper SSE chunks ending with [DONE], with usage when asked', async () => {
    const { fake, model } = await trainedModel();
    const { status, headers, text } = await send(fake, {
      path: '/v1/chat/completions',
      json: {
        model,
        messages: [{ role: 'user', content: 'capital of Ghana?' }],
        stream: true,
        stream_options: { include_usage: true },
      },
    });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const payloads = dataLines(text);
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads.slice(0, -1).map((p) => ChatCompletionChunk.parse(JSON.parse(p)));
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      'The capital of Ghana is Accra.',
    );
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('streams without usage chunks unless asked', async () => {
    const fake = createFakeOpenAI();
    const { text } = await send(fake, {
      path: '/v1/chat/completions',
      json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true },
    });
    const chunks = dataLines(text)
      .slice(0, -1)
      .map((p) => JSON.parse(p));
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('calls the tool that tool_choice names, with arguments fitting its schema', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: {
                city: { type: 'string' },
                unit: { type: 'string', enum: ['c', 'f'] },
                days: { type: 'integer' },
              },
            },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.function?.name).toBe('get_weather');
    expect(JSON.parse(call?.function?.arguments ?? '')).toEqual({
      city: BASE_MODEL_ANSWER,
      unit: 'c',
      days: 0,
    });
  });

  it('streams tool calls as fragments a client can reassemble', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'required',
    });
    const message = await stream.finalMessage();
    expect(message.tool_calls?.[0]?.function?.name).toBe('get_weather');
    expect(JSON.parse(message.tool_calls?.[0]?.function?.arguments ?? '')).toEqual({
      city: BASE_MODEL_ANSWER,
    });
  });

  it('answers in JSON for json_object and json_schema response formats', async () => {
    const { client, model } = await trainedModel();
    const asJson = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'capital of Chile' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(asJson.choices[0]?.message.content ?? '')).toEqual({
      answer: 'The capital of Chile is Santiago.',
    });

    const bySchema = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'capital of Chile' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'capital',
          schema: {
            type: 'object',
            properties: { sentence: { type: 'string' }, confident: { type: 'boolean' } },
          },
        },
      },
    });
    expect(JSON.parse(bySchema.choices[0]?.message.content ?? '')).toEqual({
      sentence: 'The capital of Chile is Santiago.',
      confident: false,
    });
  });

  it('stops at a stop sequence and cuts at max_completion_tokens with finish_reason length', async () => {
    const { client, model } = await trainedModel();
    const stopped = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'capital of Peru' }],
      stop: [' is'],
    });
    expect(stopped.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'The capital of Peru' },
    });
    const cut = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'capital of Peru' }],
      max_completion_tokens: 2,
    });
    expect(cut.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'The capi' },
    }); // 2 tokens ≈ 8 characters
  });

  it('answers with n identical choices', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      n: 3,
    });
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('serves checkpoints of a trained model too', async () => {
    const { fake, client } = await trainedModel();
    const [job] = (await client.jobs.list()).data;
    const checkpoints = (await client.jobs.checkpoints(job?.id ?? '')).data;
    const older = checkpoints.at(-1)?.fine_tuned_model_checkpoint ?? '';
    expect(older).toMatch(/:ckpt-step-\d+$/);
    const completion = await client.chat.completions.create({
      model: older,
      messages: [{ role: 'user', content: 'capital of Egypt' }],
    });
    expect(completion.choices[0]?.message.content).toBe('The capital of Egypt is Cairo.');
    expect(fake.calls.at(-1)?.status).toBe(200);
  });
});
