import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor } from '../support/fake-client.ts';

// What the doc comments of APIPromise and CursorPage promise, checked against the fake.

describe('APIPromise', () => {
  it('withResponse gives the data, the raw response and the request id of one request', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const { data, response, requestId } = await client.models
      .retrieve('gpt-4o-mini')
      .withResponse();
    expect(data.id).toBe('gpt-4o-mini');
    expect(response.status).toBe(200);
    expect(requestId).toBe(response.headers.get('x-request-id'));
    expect(requestId).toEqual(expect.any(String));
  });

  it('sends the request once however often it is awaited', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const promise = client.models.retrieve('gpt-4o-mini');
    const [a, b] = [await promise, await promise.then((m) => m)];
    expect(a).toBe(b);
    expect((await promise.withResponse()).data).toBe(a);
    expect(fake.calls.filter((call) => call.route === 'models.retrieve')).toHaveLength(1);
  });

  it('asResponse, catch and finally see the typed error of an error status', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    await expect(client.models.retrieve('no-such-model').asResponse()).rejects.toBeInstanceOf(
      NotFoundError,
    );
    let settled = false;
    const caught = await client.models
      .retrieve('no-such-model')
      .catch((error: unknown) => (error instanceof NotFoundError ? error.status : 'other'))
      .finally(() => {
        settled = true;
      });
    expect(caught).toBe(404);
    expect(settled).toBe(true);
  });
});

describe('CursorPage', () => {
  it('walks pages with hasNextPage/getNextPage and resumes from nextCursor', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    for (let i = 0; i < 5; i++) {
      await client.files.create({
        file: new File([`{"n":${i}}\n`], `f${i}.jsonl`),
        purpose: 'batch',
      });
    }
    const first = await client.files.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    const resumed = await client.files.list({ limit: 2, after: first.nextCursor() });
    expect(resumed.data.map((f) => f.id)).toEqual(second.data.map((f) => f.id));
    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
