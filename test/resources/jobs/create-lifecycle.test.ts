import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { type APIError, AuthenticationError, BadRequestError } from '../../../src/index.ts';
import { memoryLogger, testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { jobObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const on = (day: string) => () => new Date(`${day}T09:00:00Z`);

function refuseCreates(status: number, message: string) {
  api.use(
    http.post(`${BASE_URL}/fine_tuning/jobs`, () =>
      HttpResponse.json(
        { error: { message, type: 'invalid_request_error', param: 'model', code: null } },
        { status, headers: { 'x-request-id': 'req_closed' } },
      ),
    ),
  );
}

/** A create answered with the job, its metadata (and client token) kept as the API does. */
function createAnswering() {
  return http.post(`${BASE_URL}/fine_tuning/jobs`, async ({ request }) => {
    const { metadata } = (await request.json()) as { metadata?: Record<string, string> };
    return HttpResponse.json(jobObject({ metadata: metadata ?? null }));
  });
}

describe('jobs.create and the model’s lifecycle', () => {
  it('warns before training a model that shuts down within 90 days, once, before sending', async () => {
    api.use(createAnswering());
    const { logger, lines } = memoryLogger();

    await testClient({ now: on('2026-11-22'), logger, logLevel: 'warn' }).jobs.create({
      model: 'gpt-4.1-mini',
      training_file: 'file-1',
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn' });
    expect(lines[0]?.message).toBe(
      'Fine-tuning gpt-4.1-mini: gpt-4.1-mini-2025-04-14 shuts down on 2027-01-14 (in 53 days), with every model fine-tuned from it. New fine-tuning jobs are accepted until 2027-01-06 (in 45 days). A model trained now stops answering on 2027-01-14.',
    );
  });

  it('says nothing for a model with nothing announced within the window', async () => {
    api.use(createAnswering());
    const { logger, lines } = memoryLogger();

    await testClient({ now: on('2026-03-01'), logger, logLevel: 'warn' }).jobs.create({
      model: 'gpt-4.1-mini',
      training_file: 'file-1',
    });

    expect(lines).toEqual([]);
  });

  it('after OpenAI’s 2027-01-06 cut-off, explains a 4xx and says where to go instead', async () => {
    refuseCreates(400, 'Fine-tuning is not available for this organization.');

    const error = (await testClient({ now: on('2027-01-07') })
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' })
      .catch((e: unknown) => e)) as APIError;

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'model', requestId: 'req_closed' });
    expect(error.message).toContain('Fine-tuning is not available for this organization.');
    expect(error.message).toContain(
      'New fine-tuning jobs for gpt-4o-mini-2024-07-18 closed yesterday (2027-01-06) at openai',
    );
    expect(error.message).toContain('Azure AI Foundry serves the same models through the same API');
    expect((error.cause as APIError).apiMessage).toBe(
      'Fine-tuning is not available for this organization.',
    );
  });

  it('leaves errors alone that are not about the model, or come before the cut-off', async () => {
    refuseCreates(401, 'Incorrect API key provided.');
    const auth = await testClient({ now: on('2027-01-07') })
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' })
      .catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthenticationError);
    expect((auth as APIError).apiMessage).toBe('Incorrect API key provided.');

    refuseCreates(400, 'Invalid training file.');
    const before = await testClient({ now: on('2026-12-01') })
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' })
      .catch((e: unknown) => e);
    expect((before as APIError).apiMessage).toBe('Invalid training file.');
  });
});
