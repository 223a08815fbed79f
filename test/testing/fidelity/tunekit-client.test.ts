import { describe } from 'vitest';
import { TuneKit } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';
import { useFakeServer } from '../../support/fake-server.ts';
import { useMswServer } from '../../support/msw-server.ts';
import { defineFidelityScenario } from '../../support/scenario/fidelity-scenario.ts';
import { tunekitPort } from '../../support/scenario/tunekit-port.ts';

describe("tunekit's own client against the fake, through msw", () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  useMswServer(() => fake.handlers);
  defineFidelityScenario(() => {
    fake.reset();
    const client = new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: 'https://api.openai.com/v1',
      logLevel: 'off',
    });
    return { fake, port: tunekitPort(client) };
  });
});

describe("tunekit's own client against the fake, through a real port", () => {
  const fake = createFakeOpenAI({ clock: 'manual' });
  const server = useFakeServer(fake);
  defineFidelityScenario(() => {
    fake.reset();
    const client = new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: server().baseURL,
      logLevel: 'off',
    });
    return { fake, port: tunekitPort(client) };
  });
});
