import OpenAI from 'openai';
import { describe } from 'vitest';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';
import { useFakeServer } from '../../support/fake-server.ts';
import { useMswServer } from '../../support/msw-server.ts';
import { defineFidelityScenario } from '../../support/scenario/fidelity-scenario.ts';
import { openaiPort } from '../../support/scenario/openai-port.ts';

describe('the official openai client against the fake, through msw', () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  useMswServer(() => fake.handlers);
  defineFidelityScenario(() => {
    fake.reset();
    const client = new OpenAI({ apiKey: TEST_API_KEY, baseURL: 'https://api.openai.com/v1' });
    return { fake, port: openaiPort(client) };
  });
});

describe('the official openai client against the fake, through a real port', () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  const server = useFakeServer(fake);
  defineFidelityScenario(() => {
    fake.reset();
    const client = new OpenAI({ apiKey: TEST_API_KEY, baseURL: server().baseURL });
    return { fake, port: openaiPort(client) };
  });
});
