import { describe, expect, it } from 'vitest';
import { BASE_MODEL_ANSWER, createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, fakeWithTrainingFile } from '../support/fake-client.ts';

const ask = (model: string, content: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content },
  ],
  ...extra,
});

describe('fake.scriptAnswers', () => {
  it('answers scripted questions, and leaves the others to the usual rules', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const script = fake.scriptAnswers('gpt-4o-mini', { 'What is 2 + 2?': '4' });
    const scripted = await client.chat.completions.create(ask('gpt-4o-mini', '  What is 2 + 2? '));
    expect(scripted.choices[0]?.message.content).toBe('4');
    expect(scripted.choices[0]?.finish_reason).toBe('stop');
    // The snapshot name reaches the same script; other questions and models are not scripted.
    const snapshot = await client.chat.completions.create(
      ask('gpt-4o-mini-2024-07-18', 'What is 2 + 2?'),
    );
    expect(snapshot.choices[0]?.message.content).toBe('4');
    const other = await client.chat.completions.create(ask('gpt-4o-mini', 'What is 3 + 3?'));
    expect(other.choices[0]?.message.content).toBe(BASE_MODEL_ANSWER);
    const otherModel = await client.chat.completions.create(ask('gpt-4.1', 'What is 2 + 2?'));
    expect(otherModel.choices[0]?.message.content).toBe(BASE_MODEL_ANSWER);
    expect(script.hits).toBe(2);
    script.remove();
    const removed = await client.chat.completions.create(ask('gpt-4o-mini', 'What is 2 + 2?'));
    expect(removed.choices[0]?.message.content).toBe(BASE_MODEL_ANSWER);
  });

  it('takes a function of the question and the request; the latest script with a reply wins', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    fake.scriptAnswers(
      'gpt-4.1',
      (question, request) => `${question} (${request.messages.length} messages)`,
    );
    fake.scriptAnswers('gpt-4.1', (question) =>
      question.startsWith('Why') ? 'Because.' : undefined,
    );
    const why = await client.chat.completions.create(ask('gpt-4.1', 'Why?'));
    expect(why.choices[0]?.message.content).toBe('Because.');
    const how = await client.chat.completions.create(ask('gpt-4.1', 'How?'));
    expect(how.choices[0]?.message.content).toBe('How? (2 messages)');
  });

  it('scripts tool calls, plain and streamed', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    fake.scriptAnswers('gpt-4o', {
      'Weather in Oslo?': { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }] },
    });
    const completion = await client.chat.completions.create(ask('gpt-4o', 'Weather in Oslo?'));
    const message = completion.choices[0]?.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBeNull();
    expect(message?.tool_calls?.[0]).toMatchObject({
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'weather', arguments: '{"city":"Oslo"}' },
    });
    const streamed = await client.chat.completions
      .stream(ask('gpt-4o', 'Weather in Oslo?'))
      .finalChatCompletion();
    expect(streamed.choices[0]?.message.tool_calls?.[0]?.function?.arguments).toBe(
      '{"city":"Oslo"}',
    );
  });

  it('scripts fine-tuned models too, and fake.reset() forgets scripts', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    const model = fake.runJob(job.id).fine_tuned_model as string;
    fake.scriptAnswers(model, { 'What is the capital of France?': 'Paris, of course.' });
    const scripted = await client.chat.completions.create(
      ask(model, 'What is the capital of France?'),
    );
    expect(scripted.choices[0]?.message.content).toBe('Paris, of course.');
    const learned = await client.chat.completions.create(
      ask(model, 'What is the capital of Japan?'),
    );
    expect(learned.choices[0]?.message.content).toBe('The capital of Japan is Tokyo.');
    fake.scriptAnswers('gpt-4o-mini', { hi: 'hello' });
    fake.reset();
    const after = await clientFor(fake).chat.completions.create(ask('gpt-4o-mini', 'hi'));
    expect(after.choices[0]?.message.content).toBe(BASE_MODEL_ANSWER);
  });
});
