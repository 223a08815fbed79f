/**
 * The msw adapter with msw 2 (installed as the `msw2` alias). tunekit/testing loads msw
 * through one small loader; here it hands over msw 2 instead of the msw 3 that `msw` resolves
 * to in this repository. That the loader itself finds whichever `msw` is installed, from the
 * ESM and the CJS build, is proven by test/testing/package-entry.test.ts.
 */
import { setupServer } from 'msw2/node';
import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { APIConnectionError, TuneKit } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { useMswServer } from '../support/msw-server.ts';
import { defineFidelityScenario } from '../support/scenario/fidelity-scenario.ts';
import { openaiPort } from '../support/scenario/openai-port.ts';
import { tunekitPort } from '../support/scenario/tunekit-port.ts';

vi.mock('../../src/testing/adapters/load-msw.ts', async () => {
  const msw2 = await import('msw2');
  return { loadMsw: () => msw2 };
});

describe('msw 2: the official openai client against the fake', () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  useMswServer(() => fake.handlers, setupServer as never);
  defineFidelityScenario(() => {
    fake.reset();
    return {
      fake,
      port: openaiPort(new OpenAI({ apiKey: TEST_API_KEY, baseURL: 'https://api.openai.com/v1' })),
    };
  });
});

describe("msw 2: tunekit's client against the fake, with faults", () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  useMswServer(() => fake.handlers, setupServer as never);
  const client = () =>
    new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: 'https://api.openai.com/v1',
      maxRetries: 0,
      logLevel: 'off',
    });

  defineFidelityScenario(() => {
    fake.reset();
    return { fake, port: tunekitPort(client()) };
  });

  it('turns a dropped connection into a network error', async () => {
    fake.reset();
    fake.inject({ route: 'models.list', dropConnection: 'after' });
    await expect(client().models.list()).rejects.toBeInstanceOf(APIConnectionError);
    expect(fake.calls.at(-1)?.status).toBe('network-error');
  });

  it('cuts a chat stream mid-way', async () => {
    fake.reset();
    fake.inject({ route: 'chat.completions.create', truncateStream: 1 });
    const stream = client().chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(stream.finalContent()).rejects.toBeInstanceOf(APIConnectionError);
  });
});
