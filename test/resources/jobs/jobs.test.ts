import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AmbiguousResultError,
  BadRequestError,
  InvalidArgumentError,
  ResponseValidationError,
} from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { eventObject, jobObject, list } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();

describe('jobs.create', () => {
  it('posts the job as JSON, method and hyperparameters included', async () => {
    api.use(
      http.post(`${BASE_URL}/fine_tuning/jobs`, () =>
        HttpResponse.json(jobObject({ status: 'validating_files' })),
      ),
    );
    const params = {
      model: 'gpt-4o-mini-2024-07-18',
      training_file: 'file-train',
      validation_file: 'file-valid',
      suffix: 'support-bot',
      seed: 7,
      method: {
        type: 'supervised' as const,
        supervised: { hyperparameters: { n_epochs: 3, batch_size: 'auto' as const } },
      },
      integrations: [{ type: 'wandb' as const, wandb: { project: 'ft' } }],
      metadata: { team: 'search' },
    };

    const job = await testClient().jobs.create(params);

    expect(job.status).toBe('validating_files');
    const [call] = await api.calls();
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/fine_tuning/jobs');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.body).toEqual({
      ...params,
      metadata: { team: 'search', tunekit_client_token: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });

  it('sends the params untouched when idempotency is turned off', async () => {
    api.use(http.post(`${BASE_URL}/fine_tuning/jobs`, () => HttpResponse.json(jobObject())));
    const params = { model: 'gpt-4o-mini', training_file: 'file-train' };

    await testClient().jobs.create(params, { idempotencyToken: false });

    const [call] = await api.calls();
    expect(call?.body).toEqual(params);
  });
});

describe('jobs.create never starts a job twice', () => {
  /** A fake jobs endpoint that stores what it creates and can lose its answers. */
  function jobsBackend(answers: Array<'lose' | 'fail' | 'ok'>) {
    const created: Array<ReturnType<typeof jobObject>> = [];
    let posts = 0;
    api.use(
      http.post(`${BASE_URL}/fine_tuning/jobs`, async ({ request }) => {
        const answer = answers[Math.min(posts, answers.length - 1)];
        posts += 1;
        if (answer === 'fail') {
          return HttpResponse.json({ error: { message: 'overloaded' } }, { status: 503 });
        }
        const body = (await request.json()) as { metadata?: Record<string, string> };
        const job = jobObject({
          id: `ftjob-${created.length + 1}`,
          created_at: Math.floor(Date.now() / 1000),
          metadata: body.metadata ?? null,
        });
        created.push(job);
        // 'lose': the job exists, but the connection drops before the answer arrives.
        return answer === 'lose' ? HttpResponse.error() : HttpResponse.json(job);
      }),
      http.get(`${BASE_URL}/fine_tuning/jobs`, ({ request }) => {
        const token = new URL(request.url).searchParams.get('metadata[tunekit_client_token]');
        return HttpResponse.json(
          list(created.filter((job) => job.metadata?.tunekit_client_token === token)),
        );
      }),
    );
    return { created };
  }

  it('finds the job whose response was lost instead of creating a second one', async () => {
    const backend = jobsBackend(['lose', 'ok']);

    const job = await testClient().jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' });

    expect(backend.created).toHaveLength(1);
    expect(job.id).toBe('ftjob-1');
    const calls = await api.calls();
    expect(calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    const sent = calls[0]?.body as { metadata: Record<string, string> } | undefined;
    expect(calls[1]?.query['metadata[tunekit_client_token]']).toBe(
      sent?.metadata.tunekit_client_token,
    );
  });

  it('sends the create again when the lookup shows it did not happen', async () => {
    const backend = jobsBackend(['fail', 'ok']);

    const job = await testClient().jobs.create(
      { model: 'gpt-4o-mini', training_file: 'file-1' },
      { idempotencyToken: 'deploy-42', lookupGrace: 0 },
    );

    expect(backend.created).toHaveLength(1);
    expect(job.metadata?.tunekit_client_token).toBe('deploy-42');
    const calls = await api.calls();
    // A token chosen by the caller is looked for first (a run before a restart); after the
    // 503 the filtered and the plain list are read once (no grace here), then it is sent again.
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'GET', 'POST']);
  });

  it('checks once more after the last attempt fails', async () => {
    const backend = jobsBackend(['lose']);

    const job = await testClient({ maxRetries: 0 }).jobs.create({
      model: 'gpt-4o-mini',
      training_file: 'file-1',
    });

    expect(job.id).toBe('ftjob-1');
    expect(backend.created).toHaveLength(1);
  });

  it('does not look anything up after a definite refusal', async () => {
    api.use(
      http.post(`${BASE_URL}/fine_tuning/jobs`, () =>
        HttpResponse.json({ error: { message: 'bad suffix', param: 'suffix' } }, { status: 400 }),
      ),
    );

    await expect(
      testClient().jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1' }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect((await api.calls()).map((c) => c.method)).toEqual(['POST']);
  });

  it('says how to check by hand when the lookup fails too', async () => {
    api.use(
      http.post(`${BASE_URL}/fine_tuning/jobs`, () => HttpResponse.error()),
      http.get(`${BASE_URL}/fine_tuning/jobs`, () =>
        HttpResponse.json({ error: { message: 'forbidden' } }, { status: 403 }),
      ),
    );

    const error = await testClient({ maxRetries: 0 })
      .jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1', metadata: { run: '7' } })
      .catch((e: unknown) => e);

    const [post] = await api.calls();
    const token = (post?.body as { metadata?: Record<string, string> } | undefined)?.metadata
      ?.tunekit_client_token;
    expect(error).toBeInstanceOf(AmbiguousResultError);
    expect((error as AmbiguousResultError).lookupHint).toBe(
      `It may exist: look for a job with metadata tunekit_client_token=${token} before creating it again.`,
    );
    expect((error as Error).message).toContain('checking whether it was created failed too (403');
  });

  it('refuses metadata with no room left for the token', () => {
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));

    expect(() =>
      testClient().jobs.create({ model: 'gpt-4o-mini', training_file: 'file-1', metadata }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('jobs.list', () => {
  it('filters by metadata with bracketed query keys and walks every page', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after');
        return HttpResponse.json(
          after === null
            ? list([jobObject({ id: 'ftjob-1' })], { has_more: true })
            : list([jobObject({ id: 'ftjob-2' })], { has_more: false }),
        );
      }),
    );

    const ids: string[] = [];
    for await (const job of testClient().jobs.list({ metadata: { team: 'search' }, limit: 1 })) {
      ids.push(job.id);
    }

    expect(ids).toEqual(['ftjob-1', 'ftjob-2']);
    const calls = await api.calls();
    expect(calls[0]?.query).toEqual({ 'metadata[team]': 'search', limit: '1' });
    expect(calls[1]?.query).toEqual({ 'metadata[team]': 'search', limit: '1', after: 'ftjob-1' });
  });
});

describe('jobs.retrieve', () => {
  it('accepts what real responses carry: paused status, null error members, unknown keys', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123`, () =>
        HttpResponse.json({
          ...jobObject({ status: 'paused' }),
          error: { code: null, message: null, param: null },
          result_files: null,
          a_field_from_the_future: { nested: true },
        }),
      ),
    );

    const job = await testClient().jobs.retrieve('ftjob-abc123');

    expect(job.status).toBe('paused');
    expect(job.error).toEqual({ code: null, message: null, param: null });
    expect(job.a_field_from_the_future).toEqual({ nested: true });
  });

  it('names the path, endpoint and request id when a response lacks what the SDK needs', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123`, () =>
        HttpResponse.json(
          { ...jobObject(), status: 42 },
          { headers: { 'x-request-id': 'req_shape' } },
        ),
      ),
    );

    const error = await testClient()
      .jobs.retrieve('ftjob-abc123')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    const validation = error as ResponseValidationError;
    expect(validation.endpoint).toBe('GET /fine_tuning/jobs/ftjob-abc123');
    expect(validation.requestId).toBe('req_shape');
    expect(validation.issues.map((i) => i.path)).toEqual(['status']);
    expect(validation.message).toContain('status');
  });

  it('returns the response unchecked when validateResponses is off', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123`, () =>
        HttpResponse.json({ id: 'ftjob-abc123', status: 42 }),
      ),
    );

    const job = await testClient({ validateResponses: false }).jobs.retrieve('ftjob-abc123');

    expect(job.status).toBe(42);
  });
});

describe('jobs.cancel / pause / resume', () => {
  it.each([
    ['cancel', 'cancelled'],
    ['pause', 'paused'],
    ['resume', 'running'],
  ] as const)('%s posts to the action endpoint', async (action, status) => {
    api.use(
      http.post(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123/${action}`, () =>
        HttpResponse.json(jobObject({ status })),
      ),
    );

    const job = await testClient().jobs[action]('ftjob-abc123');

    expect(job.status).toBe(status);
    const [call] = await api.calls();
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/v1/fine_tuning/jobs/ftjob-abc123/${action}`);
    expect(call?.body).toBeUndefined();
    expect(call?.headers['content-type']).toBeUndefined();
  });
});

describe('jobs.events / checkpoints', () => {
  it('pages through events with after and limit, accepting data: null', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123/events`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after');
        return HttpResponse.json(
          after === null
            ? list([eventObject(3), eventObject(2)], { has_more: true })
            : list([eventObject(1, { type: 'metrics', data: { step: 1, train_loss: 0.9 } })]),
        );
      }),
    );

    const events = [];
    for await (const event of testClient().jobs.events('ftjob-abc123', { limit: 2 })) {
      events.push(event);
    }

    expect(events.map((e) => e.id)).toEqual(['ftevent-3', 'ftevent-2', 'ftevent-1']);
    expect(events[2]?.data).toEqual({ step: 1, train_loss: 0.9 });
    const calls = await api.calls();
    expect(calls.map((c) => c.query)).toEqual([{ limit: '2' }, { limit: '2', after: 'ftevent-2' }]);
  });

  it('lists checkpoints with their metrics', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-abc123/checkpoints`, () =>
        HttpResponse.json(
          list(
            [
              {
                id: 'ftckpt_1',
                object: 'fine_tuning.job.checkpoint',
                created_at: 1,
                fine_tuned_model_checkpoint: 'ft:gpt-4o-mini-2024-07-18:org::abc:ckpt-step-10',
                fine_tuning_job_id: 'ftjob-abc123',
                step_number: 10,
                metrics: { step: 10, train_loss: 0.4, valid_loss: null },
              },
            ],
            { first_id: 'ftckpt_1', last_id: 'ftckpt_1' },
          ),
        ),
      ),
    );

    const page = await testClient().jobs.checkpoints('ftjob-abc123');

    expect(page.data[0]?.step_number).toBe(10);
    expect(page.data[0]?.metrics?.train_loss).toBe(0.4);
    expect(page.last_id).toBe('ftckpt_1');
  });
});
