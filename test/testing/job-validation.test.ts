import { describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI } from '../../src/testing/index.ts';
import { fileForm, send } from '../support/raw-request.ts';
import { chatTrainingFile } from '../support/training-data.ts';

/** POST /v1/fine_tuning/jobs with this body. */
const createJob = (fake: FakeOpenAI, json: unknown) =>
  send(fake, { path: '/v1/fine_tuning/jobs', json });

/** POST /v1/chat/completions with this body. */
const createChat = (fake: FakeOpenAI, json: unknown) =>
  send(fake, { path: '/v1/chat/completions', json });

/** A fake holding one valid training file (and one file of another purpose). */
async function fakeWithFiles() {
  const fake = createFakeOpenAI();
  const training = await send(fake, {
    path: '/v1/files',
    body: fileForm(chatTrainingFile(12), 'train.jsonl'),
  });
  const batch = await send(fake, {
    path: '/v1/files',
    body: fileForm('{}', 'batch.jsonl', 'batch'),
  });
  return { fake, trainingFile: training.json.id as string, batchFile: batch.json.id as string };
}

describe('creating a job checks the request like the real API', () => {
  it('refuses n_epochs out of range with the param path inside method', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 100 } } },
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'method.supervised.hyperparameters.n_epochs',
      code: 'invalid_value',
    });
    expect(json.error.message).toContain('n_epochs');
  });

  it('names a missing required parameter', async () => {
    const { fake } = await fakeWithFiles();
    const { status, json } = await createJob(fake, { model: 'gpt-4o-mini' });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      param: 'training_file',
      code: 'missing_required_parameter',
    });
    expect(json.error.message).toBe("Missing required parameter: 'training_file'.");
  });

  it('refuses a suffix longer than 64 characters', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      suffix: 'x'.repeat(65),
    });
    expect(status).toBe(400);
    expect(json.error.param).toBe('suffix');
  });

  it('refuses a model outside the catalog', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-9-ultra',
      training_file: trainingFile,
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ param: 'model', code: 'model_not_available' });
  });

  it('refuses a method the model does not support', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-3.5-turbo',
      training_file: trainingFile,
      method: { type: 'dpo' },
    });
    expect(status).toBe(400);
    expect(json.error.param).toBe('method.type');
  });

  it('refuses a training file that does not exist or is not for fine-tuning', async () => {
    const { fake, batchFile } = await fakeWithFiles();
    const missing = await createJob(fake, { model: 'gpt-4o-mini', training_file: 'file-nope' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({
      param: 'training_file',
      message: 'invalid training_file: file-nope',
    });

    const wrongPurpose = await createJob(fake, { model: 'gpt-4o-mini', training_file: batchFile });
    expect(wrongPurpose.status).toBe(400);
    expect(wrongPurpose.json.error.message).toContain("purpose 'batch'");
  });

  it('refuses hyperparameters given both at the top level and in the method', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      hyperparameters: { n_epochs: 2 },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
    });
    expect(status).toBe(400);
    expect(json.error.param).toBe('hyperparameters');
  });

  it('refuses an unknown method type at method.type', async () => {
    const { fake, trainingFile } = await fakeWithFiles();
    const { status, json } = await createJob(fake, {
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      method: { type: 'magic' },
    });
    expect(status).toBe(400);
    expect(json.error.param).toBe('method.type');
  });

  it('reports a chat message with an unknown role at messages[0].role', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await createChat(fake, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'robot', content: 'hi' }],
    });
    expect(status).toBe(400);
    expect(json.error.param).toBe('messages[0].role');
  });

  it('reports a wrongly typed value with what was expected and what came', async () => {
    const fake = createFakeOpenAI();
    const { status, json } = await createChat(fake, {
      model: 42,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ param: 'model', code: 'invalid_type' });
    expect(json.error.message).toBe(
      "Invalid type for 'model': expected string, but got an integer instead.",
    );
  });
});
